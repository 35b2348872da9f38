package org.modelworkbench.editor.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.DesignChange;

/**
 * The listeners a view added to things that outlive it, remembered so that {@link #dispose()}
 * removes them all. A view registers each subscription here instead of calling
 * {@code addListener} itself, and its own {@code dispose()} calls this one's.
 *
 * <p>After {@code dispose()} further registrations are refused (they would never be removed).
 */
public final class Subscriptions implements Disposable {
    private final List<Runnable> removals = new ArrayList<>();
    private boolean disposed;

    public <T> void onChange(ObservableValue<T> value, ChangeListener<? super T> listener) {
        check();
        value.addListener(listener);
        removals.add(() -> value.removeListener(listener));
    }

    public void onInvalidated(Observable observable, InvalidationListener listener) {
        check();
        observable.addListener(listener);
        removals.add(() -> observable.removeListener(listener));
    }

    public <E> void onSetChange(ObservableSet<E> set, SetChangeListener<? super E> listener) {
        check();
        set.addListener(listener);
        removals.add(() -> set.removeListener(listener));
    }

    public <E> void onListChange(ObservableList<E> list, ListChangeListener<? super E> listener) {
        check();
        list.addListener(listener);
        removals.add(() -> list.removeListener(listener));
    }

    /** Follows the changes of the model's design (see {@link EditorModel#addDesignListener}). */
    public void onDesignChange(EditorModel model, Consumer<DesignChange> listener) {
        check();
        model.addDesignListener(listener);
        removals.add(() -> model.removeDesignListener(listener));
    }

    /** Something else to undo on dispose (e.g. a child view's own dispose, or an unbind). */
    public void add(Disposable removal) {
        check();
        removals.add(removal::dispose);
    }

    /** How many subscriptions are held now (0 after dispose). */
    public int size() {
        return removals.size();
    }

    public boolean isDisposed() {
        return disposed;
    }

    /** Removes every subscription, the last registered first. */
    @Override
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        for (int i = removals.size() - 1; i >= 0; i--) {
            removals.get(i).run();
        }
        removals.clear();
    }

    private void check() {
        if (disposed) {
            throw new IllegalStateException("subscribing after dispose: the listener would never be removed");
        }
    }
}
