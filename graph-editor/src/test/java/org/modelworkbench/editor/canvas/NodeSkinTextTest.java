package org.modelworkbench.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.PortRef;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What a node skin says: whole texts (or a tooltip with them), costs with units, live port labels. */
@ExtendWith(ApplicationExtension.class)
class NodeSkinTextTest {
    private EditorModel model;
    private GraphCanvas canvas;

    /** input → invertedresidual_12 (a long display name) → relu6_3 (costs nothing) → conv_1280. */
    static Design mobileNetTail() {
        DesignBuilder b = new DesignBuilder("Tail");
        String x = b.input("input", 160, 7, 7);
        String ir = b.add("invertedresidual_12", "mbconv.inverted_residual", Map.of("out_channels", 320), x);
        String r = b.add("relu6_3", "activation.relu", Map.of(), ir);
        b.add("conv_1280", "conv.conv2d", Map.of("out_channels", 1280, "kernel", 1, "padding", 0), r);
        return b.build();
    }

    @Start
    void start(Stage stage) {
        model = new EditorModel(mobileNetTail());
        canvas = CanvasFixtures.show(stage, model, false);
        canvas.setView(1, 0, 0);
        canvas.centerOn("invertedresidual_12");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void everyLineOfANodeIsShownWholeOrItsTooltipCarriesItWhole(FxRobot robot) {
        for (String id : new String[] {"input", "invertedresidual_12", "relu6_3", "conv_1280"}) {
            NodeView v = canvas.nodeView(id).orElseThrow();
            String tip = v.tooltip().getText();
            for (Text line : v.texts()) {
                String full = NodeView.fullText(line);
                if (!line.getText().equals(full)) {
                    assertThat(line.getText()).as(id).endsWith("…");
                    assertThat(tip).as(id + " tooltip").contains(full);
                }
            }
        }
        NodeView ir = canvas.nodeView("invertedresidual_12").orElseThrow();
        // The display name does not fit a node: shortened, and whole in the tooltip.
        assertThat(ir.titleText()).isEqualTo("Inverted residual (MobileNetV2)");
        assertThat(ir.tooltip().getText()).contains("Inverted residual (MobileNetV2)")
                .contains("invertedresidual_12 · mbconv.inverted_residual");
        // Typical ids and shapes are never shortened.
        Text subtitle = ir.texts().get(1);
        assertThat(subtitle.getText()).startsWith("invertedresidual_12 ");
        Text shape = canvas.nodeView("conv_1280").orElseThrow().texts().get(3);
        assertThat(shape.getText()).isEqualTo("1×1280×7×7 NCHW");
    }

    @Test
    void theBadgeNamesItsUnitsFitsWhollyAndAFreeBlockSaysItCostsNothing(FxRobot robot) {
        NodeView conv = canvas.nodeView("conv_1280").orElseThrow();
        // 320·1280 + 1280 params; 320·1280·7·7 MACs.
        assertThat(conv.badgeText()).isEqualTo("411K P · 20.1M MAC");
        assertThat(conv.badge().getWidth()).isGreaterThanOrEqualTo(Math.ceil(conv.badge().prefWidth(-1)));
        assertThat(conv.badge().isVisible()).isTrue();

        NodeView relu = canvas.nodeView("relu6_3").orElseThrow();
        assertThat(relu.badge().isVisible()).isTrue();
        assertThat(relu.badgeText()).isEqualTo("0 P · 0 MAC");
        assertThat(relu.badge().getStyleClass()).contains("free");
        assertThat(relu.tooltip().getText()).contains("params 0 · MACs 0").contains("costs nothing");
        // The badge shares a line with the key parameters or the shape, and leaves both whole.
        for (String id : new String[] {"invertedresidual_12", "conv_1280"}) {
            NodeView v = canvas.nodeView(id).orElseThrow();
            for (Text line : List.of(v.texts().get(2), v.texts().get(3))) {
                assertThat(line.getText()).as(id).isEqualTo(NodeView.fullText(line));
                assertThat(line.getBoundsInParent().intersects(v.badge().getBoundsInParent())).as(id + " " + line.getText())
                        .isFalse();
            }
        }
    }

    @Test
    void aPortsLabelAndTooltipFollowItsStateWhileThePointerRestsOnIt(FxRobot robot) {
        NodeView relu = canvas.nodeView("relu6_3").orElseThrow();
        NodeView.PortView x = relu.port("x", true).orElseThrow();
        robot.moveTo(x);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(relu.portLabel().isVisible()).isTrue();
        assertThat(relu.portLabel().getText()).startsWith("x  1×320×7×7").doesNotContain("not connected");

        Edge wire = new Edge(new PortRef("invertedresidual_12", "y"), new PortRef("relu6_3", "x"));
        robot.interact(() -> model.disconnect(wire));
        // Still hovered, never re-entered: the label and the port's tooltip say so at once.
        assertThat(relu.portLabel().isVisible()).isTrue();
        assertThat(relu.portLabel().getText()).contains("not connected");
        assertThat(x.tooltip().getText()).contains("not connected");
        javafx.scene.control.Tooltip tip = x.tooltip();

        robot.interact(model::undo);
        assertThat(x.isConnected()).isTrue();
        assertThat(relu.portLabel().getText()).startsWith("x  1×320×7×7").doesNotContain("not connected");
        assertThat(tip.isShowing()).isFalse();
        assertThat(x.tooltip() == null || !x.tooltip().getText().contains("not connected")).isTrue();
    }
}
