package org.modelworkbench.editor.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.palette.TestScenes;
import org.modelworkbench.projects.templates.Templates;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class InspectorViewTest {
    /** Snapshots to look at; keep them with -Djunit.jupiter.tempdir.cleanup.mode.default=never. */
    @TempDir
    Path shots;
    private EditorModel model;
    private InspectorView inspector;

    @Start
    void start(Stage stage) throws Exception {
        model = new EditorModel(Templates.load("resnet-fmnist"));
        inspector = new InspectorView(model);
        stage.setScene(TestScenes.scene(inspector, 360, 760, false));
        stage.show();
        stage.requestFocus();
    }

    @Test
    void editingOutChannelsOfAConvChangesItsOutputShapeAndUndoRevertsTheValueShown(FxRobot robot) {
        robot.interact(() -> TestScenes.snapshot(inspector, shots.resolve("g2-inspector-design.png")));
        robot.interact(() -> model.selection().add("stem_conv"));
        assertThat(label(robot, "#inspectorTitle")).isEqualTo("Conv2d");
        assertThat(label(robot, "#shape-in-x")).isEqualTo("1×1×28×28 NCHW");
        assertThat(label(robot, "#shape-out-y")).isEqualTo("1×16×28×28 NCHW");
        assertThat(label(robot, "#cost-params")).isEqualTo("144");
        assertThat(field(robot, "out_channels").getText()).isEqualTo("16");
        robot.interact(() -> TestScenes.snapshot(inspector, shots.resolve("g2-inspector.png")));
        assertThat(model.commands().canUndoProperty().get()).isFalse();

        robot.doubleClickOn("#param-out_channels").eraseText(4).write("24").type(KeyCode.ENTER);

        assertThat(model.design().node("stem_conv").orElseThrow().params().get("out_channels")).isEqualTo(24);
        assertThat(model.commands().undoDescriptionProperty().get()).isEqualTo("Set out_channels of stem_conv");
        assertThat(label(robot, "#shape-out-y")).isEqualTo("1×24×28×28 NCHW");
        assertThat(label(robot, "#cost-params")).isEqualTo("216");

        robot.interact(model::undo);
        assertThat(model.commands().canUndoProperty().get()).isFalse();
        assertThat(field(robot, "out_channels").getText()).isEqualTo("16");
        assertThat(label(robot, "#shape-out-y")).isEqualTo("1×16×28×28 NCHW");

        robot.interact(model::redo);
        assertThat(field(robot, "out_channels").getText()).isEqualTo("24");
    }

    @Test
    void anInvalidValueShowsTheMessageAndLeavesTheDesignUnchanged(FxRobot robot) {
        robot.interact(() -> model.selection().add("stem_conv"));
        long revision = model.design().revision();

        robot.doubleClickOn("#param-kernel").eraseText(3).write("0").type(KeyCode.ENTER);

        Label error = robot.lookup("#paramError-kernel").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).contains("between 1 and");
        assertThat(field(robot, "kernel").getStyleClass()).contains("invalid");
        assertThat(model.design().revision()).isEqualTo(revision);
        assertThat(model.commands().canUndoProperty().get()).isFalse();
        assertThat(model.design().node("stem_conv").orElseThrow().params().get("kernel")).isEqualTo(3);
        robot.interact(() -> TestScenes.snapshot(inspector, shots.resolve("g2-inspector-invalid.png")));

        robot.type(KeyCode.ESCAPE);
        assertThat(field(robot, "kernel").getText()).isEqualTo("3");
        assertThat(error.isVisible()).isFalse();
    }

    @Test
    void aValueTypedButNotConfirmedIsAppliedWhenTheSelectionMovesOn(FxRobot robot) {
        robot.interact(() -> model.selection().add("stem_conv"));
        robot.doubleClickOn("#param-out_channels").eraseText(4).write("32");
        robot.interact(() -> {
            model.selection().clear();
            model.selection().add("stem_bn");
        });
        assertThat(model.design().node("stem_conv").orElseThrow().params().get("out_channels")).isEqualTo(32);
        assertThat(label(robot, "#inspectorTitle")).isEqualTo("BatchNorm");
        assertThat(label(robot, "#shape-in-x")).isEqualTo("1×32×28×28 NCHW");
        assertThat(model.commands().undoDescriptionProperty().get()).isEqualTo("Set out_channels of stem_conv");
    }

    @Test
    void severalSelectedBlocksShowTheirCountAndSummedCosts(FxRobot robot) {
        robot.interact(() -> {
            model.selection().add("stem_conv");
            model.selection().add("stem_bn");
        });
        assertThat(label(robot, "#inspectorTitle")).isEqualTo("2 blocks selected");
        // 144 conv weights + 32 batch-norm weights
        assertThat(label(robot, "#cost-params")).isEqualTo("176");
        robot.interact(() -> TestScenes.snapshot(inspector, shots.resolve("g2-inspector-multi.png")));
    }

    private static String label(FxRobot robot, String query) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(query).queryLabeled().getText();
    }

    private static TextField field(FxRobot robot, String param) {
        return robot.lookup("#param-" + param).queryAs(TextField.class);
    }
}
