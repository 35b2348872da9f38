package org.modelworkbench.editor.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    @Test
    void dispose_removes_every_listener_it_registered_so_later_changes_reach_none() {
        SimpleIntegerProperty value = new SimpleIntegerProperty();
        ObservableSet<String> set = FXCollections.observableSet(new LinkedHashSet<>());
        ObservableList<String> list = FXCollections.observableArrayList();
        List<String> heard = new ArrayList<>();
        Subscriptions subs = new Subscriptions();
        subs.onChange(value, (o, a, b) -> heard.add("change " + b));
        subs.onInvalidated(value, o -> heard.add("invalid"));
        subs.onSetChange(set, c -> heard.add("set " + c.getElementAdded()));
        subs.onListChange(list, c -> heard.add("list"));
        subs.add(() -> heard.add("extra undone"));
        assertThat(subs.size()).isEqualTo(5);

        value.set(1);
        set.add("a");
        list.add("x");
        assertThat(heard).containsExactlyInAnyOrder("change 1", "invalid", "set a", "list");

        heard.clear();
        subs.dispose();
        assertThat(heard).containsExactly("extra undone");
        heard.clear();
        value.set(2);
        set.add("b");
        list.add("y");
        assertThat(heard).isEmpty();
        assertThat(subs.size()).isZero();
        assertThat(subs.isDisposed()).isTrue();
    }

    @Test
    void subscribing_after_dispose_is_refused_rather_than_leaked() {
        Subscriptions subs = new Subscriptions();
        subs.dispose();
        assertThatThrownBy(() -> subs.onInvalidated(new SimpleIntegerProperty(), o -> { }))
                .isInstanceOf(IllegalStateException.class);
    }
}
