package org.modelworkbench.editor.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelworkbench.editor.palette.TestScenes.shown;

import java.nio.file.Path;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.palette.TestScenes;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The inspector's id line and type chips show typical names whole in a narrow panel. */
@ExtendWith(ApplicationExtension.class)
class InspectorNamesTest {
    @TempDir
    Path shots;
    private EditorModel model;
    private InspectorView inspector;

    @Start
    void start(Stage stage) {
        DesignBuilder b = new DesignBuilder("Tail");
        String x = b.input("input", 160, 7, 7);
        String ir = b.add("invertedresidual_12", "mbconv.inverted_residual", Map.of("out_channels", 320), x);
        b.add("conv_1280", "conv.conv2d", Map.of("out_channels", 1280, "kernel", 1, "padding", 0), ir);
        Design d = b.build();
        model = new EditorModel(d);
        inspector = new InspectorView(model);
        // About as wide as the app gives the inspector by default.
        stage.setScene(TestScenes.scene(inspector, 300, 700, false));
        stage.show();
        stage.requestFocus();
    }

    private static void assertWhole(Label l) {
        assertThat(shown(l)).as(l.getText()).isEqualTo(l.getText());
        assertThat(l.getWidth()).as(l.getText()).isGreaterThanOrEqualTo(Math.floor(l.prefWidth(-1)));
        assertThat(l.getTooltip()).as(l.getText()).isNotNull();
        assertThat(l.getTooltip().getText()).isEqualTo(l.getText());
    }

    @Test
    void theIdTypeIdAndTagOfABlockShowWholeWrappingWhenNarrow(FxRobot robot) {
        robot.interact(() -> model.selection().add("invertedresidual_12"));
        WaitForAsyncUtils.waitForFxEvents();
        Label id = robot.lookup("#inspectorNodeId").queryAs(Label.class);
        Label type = robot.lookup("#inspectorTypeId").queryAs(Label.class);
        assertThat(id.getText()).isEqualTo("invertedresidual_12");
        assertThat(type.getText()).isEqualTo("mbconv.inverted_residual");
        assertWhole(id);
        assertWhole(type);
        for (Node n : robot.lookup("#inspectorIds .label").queryAll()) {
            assertWhole((Label) n);
        }
        robot.interact(() -> TestScenes.snapshot(inspector, shots.resolve("panels-inspector-ids.png")));
    }

    @Test
    void typeChipsOfASelectionShowTheirWholeNames(FxRobot robot) {
        robot.interact(() -> {
            model.selection().add("invertedresidual_12");
            model.selection().add("conv_1280");
        });
        WaitForAsyncUtils.waitForFxEvents();
        int chips = 0;
        for (Node n : robot.lookup(".inspector-chip").queryAll()) {
            assertWhole((Label) n);
            chips++;
        }
        assertThat(chips).isEqualTo(2);
        assertThat(robot.lookup(".inspector-chip").queryAll()).extracting(n -> ((Label) n).getText())
                .contains("1 × Inverted residual (MobileNetV2)");
        robot.interact(() -> TestScenes.snapshot(inspector, shots.resolve("panels-inspector-chips.png")));
    }
}
