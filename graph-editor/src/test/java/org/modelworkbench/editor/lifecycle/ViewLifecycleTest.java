package org.modelworkbench.editor.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.canvas.Minimap;
import org.modelworkbench.editor.inspector.InspectorView;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.problems.ProblemsView;
import org.modelworkbench.editor.profile.ProfileView;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.templates.Templates;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Every view that follows an EditorModel takes its listeners away again when disposed. */
@ExtendWith(ApplicationExtension.class)
class ViewLifecycleTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
    }

    static Stream<Arguments> views() {
        return Stream.of(
                Arguments.of("canvas", (Function<EditorModel, Disposable>) GraphCanvas::new),
                Arguments.of("inspector", (Function<EditorModel, Disposable>) InspectorView::new),
                Arguments.of("profile", (Function<EditorModel, Disposable>) ProfileView::new),
                Arguments.of("problems", (Function<EditorModel, Disposable>) ProblemsView::new));
    }

    @ParameterizedTest(name = "the {0} adds listeners to the model and its dispose removes every one")
    @MethodSource("views")
    void each_view_removes_on_dispose_what_it_added_to_the_model(String name, Function<EditorModel, Disposable> make,
                                                                 FxRobot robot) throws Exception {
        EditorModel model = new EditorModel(Templates.load("resnet-fmnist"));
        int before = model.listenerCount();
        Disposable[] view = new Disposable[1];
        robot.interact(() -> view[0] = make.apply(model));
        int attached = model.listenerCount();
        assertThat(attached).as("listeners while the %s is shown", name).isGreaterThan(before);

        robot.interact(() -> view[0].dispose());
        assertThat(model.listenerCount()).as("listeners after the %s is disposed", name).isEqualTo(before);
        robot.interact(() -> view[0].dispose());
        assertThat(model.listenerCount()).as("a second dispose changes nothing").isEqualTo(before);
    }

    @Test
    void the_minimap_removes_on_dispose_what_it_added_and_leaves_the_canvas_following(FxRobot robot) throws Exception {
        EditorModel model = new EditorModel(Templates.load("resnet-fmnist"));
        GraphCanvas[] canvas = new GraphCanvas[1];
        Minimap[] minimap = new Minimap[1];
        robot.interact(() -> canvas[0] = new GraphCanvas(model));
        int withCanvas = model.listenerCount();
        robot.interact(() -> minimap[0] = new Minimap(canvas[0]));
        assertThat(model.listenerCount()).isGreaterThan(withCanvas);

        robot.interact(() -> minimap[0].dispose());
        assertThat(model.listenerCount()).isEqualTo(withCanvas);
        robot.interact(() -> canvas[0].dispose());
        assertThat(model.listenerCount()).isZero();
    }

    @Test
    void a_disposed_problems_view_no_longer_follows_the_analysis(FxRobot robot) throws Exception {
        EditorModel model = new EditorModel(Templates.load("resnet-fmnist"));
        ProblemsView[] views = new ProblemsView[2];
        robot.interact(() -> {
            views[0] = new ProblemsView(model);
            views[1] = new ProblemsView(model);
            views[0].dispose();
        });
        robot.interact(() -> model.disconnect(incoming(model, "head")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(views[1].getProblemCount()).as("the view still shown").isEqualTo(1);
        assertThat(views[0].getProblemCount()).as("the disposed view").isZero();
    }

    @Test
    void a_disposed_canvas_and_minimap_leave_a_shared_model_as_they_found_it(FxRobot robot) throws Exception {
        EditorModel model = new EditorModel(Templates.load("resnet-fmnist"));
        int before = model.listenerCount();
        for (int i = 0; i < 20; i++) {
            robot.interact(() -> {
                GraphCanvas canvas = new GraphCanvas(model);
                Minimap minimap = new Minimap(canvas);
                ((StackPane) stage.getScene().getRoot()).getChildren().setAll(canvas, minimap);
                model.selection().add("head");
                model.selection().clear();
                minimap.dispose();
                canvas.dispose();
            });
        }
        assertThat(model.listenerCount()).isEqualTo(before);
        Platform.runLater(() -> ((StackPane) stage.getScene().getRoot()).getChildren().clear());
    }

    private static Edge incoming(EditorModel model, String node) {
        return model.design().incoming(node).values().iterator().next();
    }
}
