package org.modelworkbench.editor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Point2D;
import org.junit.jupiter.api.Test;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.design.DesignChange;
import org.modelworkbench.projects.templates.Templates;

class EditorModelListenerCountTest {

    @Test
    void the_count_follows_listeners_added_to_and_removed_from_analysis_options_selection_and_design() throws Exception {
        EditorModel model = new EditorModel(Templates.load("resnet-fmnist"));
        assertThat(model.listenerCount()).as("nobody follows a new model").isZero();

        InvalidationListener onAnalysis = o -> { };
        ChangeListener<AnalysisOptions> onOptions = (o, a, b) -> { };
        SetChangeListener<String> onSelection = c -> { };
        List<DesignChange> changes = new ArrayList<>();
        Consumer<DesignChange> onDesign = changes::add;
        model.analysisProperty().addListener(onAnalysis);
        model.optionsProperty().addListener(onOptions);
        model.selection().addListener(onSelection);
        model.addDesignListener(onDesign);
        BooleanBinding empty = Bindings.isEmpty(model.selection());
        assertThat(model.listenerCount()).isEqualTo(5);

        model.moveNodes(Map.of("head", new Point2D(1, 2)));
        assertThat(changes).as("design changes reach listeners added through the model").isNotEmpty();

        model.analysisProperty().removeListener(onAnalysis);
        model.optionsProperty().removeListener(onOptions);
        model.selection().removeListener(onSelection);
        model.removeDesignListener(onDesign);
        empty.dispose();
        assertThat(model.listenerCount()).isZero();
    }

    @Test
    void analysis_listeners_hear_each_new_analysis_as_before() throws Exception {
        EditorModel model = new EditorModel(Templates.load("resnet-fmnist"));
        List<DesignAnalysis> seen = new ArrayList<>();
        model.analysisProperty().addListener((o, a, b) -> seen.add(b));
        model.disconnect(model.design().incoming("head").values().iterator().next());
        model.undo();
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).isSameAs(model.analysis());
    }
}
