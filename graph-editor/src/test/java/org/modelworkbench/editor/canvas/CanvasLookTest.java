package org.modelworkbench.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.ImageStats;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.templates.Templates;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Screenshots to look at (g1-*.png in a temporary folder): the small design, a refused wire, a template in light and dark. */
@ExtendWith(ApplicationExtension.class)
class CanvasLookTest {
    /** Screenshots to look at; keep them with -Djunit.jupiter.tempdir.cleanup.mode.default=never. */
    @TempDir
    Path shots;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private GraphCanvas show(FxRobot robot, EditorModel model, boolean dark) {
        GraphCanvas[] canvas = new GraphCanvas[1];
        robot.interact(() -> canvas[0] = CanvasFixtures.show(stage, model, dark));
        WaitForAsyncUtils.waitForFxEvents();
        return canvas[0];
    }

    @Test
    void theSmallDesignWithASelectionAndARefusedWire(FxRobot robot) {
        EditorModel model = new EditorModel(CanvasFixtures.small());
        GraphCanvas canvas = show(robot, model, false);
        robot.interact(() -> model.selection().add("relu"));
        WaitForAsyncUtils.waitForFxEvents();
        ImageStats[] shot = new ImageStats[1];
        robot.interact(() -> shot[0] = CanvasFixtures.screenshot(CanvasFixtures.rootOf(canvas), shots, "small-light"));
        assertThat(shot[0].width()).isEqualTo(1000);
        assertThat(shot[0].height()).isEqualTo(700);
        assertThat(shot[0].meanBrightness()).as("light theme").isGreaterThan(0.7);
        assertThat(shot[0].drawnShare()).as("blocks and wires are drawn").isGreaterThan(0.02);
        robot.drag("#out-conv2-y", MouseButton.PRIMARY).moveTo("#in-conv1-x");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> CanvasFixtures.screenshot(CanvasFixtures.rootOf(canvas), shots, "wire-refused"));
        robot.drop();
        robot.drag("#out-relu-y", MouseButton.PRIMARY).moveTo("#in-spare-x");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> CanvasFixtures.screenshot(CanvasFixtures.rootOf(canvas), shots, "wire-accepted"));
        robot.drop();
        robot.moveTo("#in-add-b");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> CanvasFixtures.screenshot(CanvasFixtures.rootOf(canvas), shots, "port-hover"));
        assertThat(canvas.nodeView("conv1")).isPresent();
    }

    @Test
    void aSwinWindowThatDoesNotDivideTheMapIsMarkedOnTheBlock(FxRobot robot) {
        var b = new org.modelworkbench.projects.design.DesignBuilder("Swin window");
        String x = b.input("input", 3, 120, 120);
        x = b.add("patch_embed", "embedding.patch_embed", java.util.Map.of("patch", 4, "embed_dim", 96, "output", "channels_last",
                "norm", true), x);
        b.add("block", "swin.block", java.util.Map.of("heads", 3, "window", 7), x);
        EditorModel model = new EditorModel(b.build());
        GraphCanvas canvas = show(robot, model, false);
        NodeView block = canvas.nodeView("block").orElseThrow();
        assertThat(block.hasProblem()).isTrue();
        assertThat(block.tooltip().getText()).contains("30×30").contains("window 7");
        assertThat(block.port("x", true).orElseThrow().hasProblem()).isTrue();
        robot.interact(() -> CanvasFixtures.screenshot(CanvasFixtures.rootOf(canvas), shots, "swin-window"));
    }

    @Test
    void aTemplateInLightAndDark(FxRobot robot) throws Exception {
        String id = Templates.list().stream().map(t -> t.id()).filter(t -> t.startsWith("swin")).findFirst()
                .orElse(Templates.list().get(0).id());
        EditorModel light = new EditorModel(Templates.load(id));
        GraphCanvas canvas = show(robot, light, false);
        ImageStats[] shot = new ImageStats[2];
        robot.interact(() -> shot[0] = CanvasFixtures.screenshot(CanvasFixtures.rootOf(canvas), shots, "template-light"));
        EditorModel dark = new EditorModel(Templates.load(id));
        GraphCanvas darkCanvas = show(robot, dark, true);
        robot.interact(() -> dark.selection().add(dark.design().nodes().stream().skip(2).findFirst().orElseThrow().id()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> shot[1] = CanvasFixtures.screenshot(CanvasFixtures.rootOf(darkCanvas), shots, "template-dark"));
        assertThat(shot[0].meanBrightness()).as("light theme").isGreaterThan(0.7);
        assertThat(shot[1].meanBrightness()).as("dark theme").isLessThan(0.35);
        assertThat(shot[0].drawnShare()).as("blocks drawn in the light theme").isGreaterThan(0.02);
        assertThat(shot[1].drawnShare()).as("blocks drawn in the dark theme").isGreaterThan(0.02);
        EditorModel small = new EditorModel(CanvasFixtures.small());
        GraphCanvas smallDark = show(robot, small, true);
        robot.interact(() -> CanvasFixtures.screenshot(CanvasFixtures.rootOf(smallDark), shots, "small-dark"));
        assertThat(darkCanvas.nodeViewCount()).isPositive();
    }
}
