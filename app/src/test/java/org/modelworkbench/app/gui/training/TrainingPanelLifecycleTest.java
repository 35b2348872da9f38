package org.modelworkbench.app.gui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.templates.Templates;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A panel is built per workspace and disposed with it: it takes its listeners and its heat-map along. */
@ExtendWith(ApplicationExtension.class)
class TrainingPanelLifecycleTest {
    @TempDir
    Path dir;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new BorderPane(), 1000, 700));
        stage.show();
    }

    @Test
    void aDisposedPanelLeavesTheModelItsListenersAndTheCanvasWithoutItsHeatMap(FxRobot robot) throws Exception {
        EditorModel editor = new EditorModel(Templates.load("resnet-fmnist"));
        ScriptedLauncher launcher = new ScriptedLauncher();
        Object document = new Object();
        TrainingPanelModel model = new TrainingPanelModel(new TrainingServices(launcher, new FakeHistory()::in),
                new RunsFolders(dir), Runnable::run, javafx.application.Platform::runLater);
        GraphCanvas[] canvas = new GraphCanvas[1];
        TrainingPanel[] panel = new TrainingPanel[1];
        int[] counts = new int[2];
        robot.interact(() -> {
            model.targetProperty().set(new TrainingTarget(document, editor.design(), "ResNet", null));
            canvas[0] = new GraphCanvas(editor);
            counts[0] = editor.listenerCount();
            panel[0] = new TrainingPanel(model, document, editor, canvas[0], true);
            counts[1] = editor.listenerCount();
            stage.getScene().setRoot(new BorderPane(canvas[0], null, null, panel[0], null));
            model.statisticProperty().set(InspectionStatistic.GRADIENT_NORM);
            model.train();
        });
        launcher.emit(Scripts.started("r1", 1, 10), Scripts.inspection(1, 10, List.of("stem_conv", "head")));
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> canvas[0].getOverlay() != null && !canvas[0].getOverlay().values().isEmpty());
        assertThat(counts[1]).as("the panel follows the selection").isGreaterThan(counts[0]);

        robot.interact(() -> panel[0].dispose());
        assertThat(editor.listenerCount()).isEqualTo(counts[0]);
        assertThat(canvas[0].getOverlay()).as("its heat-map leaves with it").isNull();
        robot.interact(() -> panel[0].dispose());
        assertThat(editor.listenerCount()).as("a second dispose changes nothing").isEqualTo(counts[0]);

        // A panel on the inside of a composite (other node ids) never paints the run's heat-map.
        robot.interact(() -> panel[0] = new TrainingPanel(model, document, editor, canvas[0], false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas[0].getOverlay()).isNull();
        robot.interact(() -> {
            panel[0].dispose();
            canvas[0].dispose();
        });
        assertThat(editor.listenerCount()).isZero();
    }
}
