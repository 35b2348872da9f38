package org.modelworkbench.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.overlay.ColorScale;
import org.modelworkbench.editor.overlay.NodeOverlay;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A value per node over the graph: fills in the skins and the overview, a legend, and back to normal. */
@ExtendWith(ApplicationExtension.class)
class NodeOverlayCanvasTest {
    /** Screenshots to look at; keep them with -Djunit.jupiter.tempdir.cleanup.mode.default=never. */
    @TempDir
    Path shots;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    /** conv1 has the largest value, conv2 the smallest; the others have none. */
    static NodeOverlay gradients() {
        return NodeOverlay.of("Gradient norm", "", Map.of("conv1", 10.0, "relu", 1.0, "conv2", 0.1),
                ColorScale.Mapping.LOG);
    }

    private GraphCanvas show(FxRobot robot, EditorModel model) {
        GraphCanvas[] canvas = new GraphCanvas[1];
        robot.interact(() -> {
            canvas[0] = CanvasFixtures.show(stage, model, false);
            canvas[0].setView(1, 40, 40);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return canvas[0];
    }

    private static WritableImage snapshot(FxRobot robot, Node node) {
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = node.snapshot(null, null));
        return img[0];
    }

    /** A point of a skin clear of its text: right of the subtitle line, left of the border. */
    private static Color bodyPixel(WritableImage skin) {
        return skin.getPixelReader().getColor((int) skin.getWidth() - 4, 30);
    }

    /** A colour as an 8-bit snapshot stores it. */
    private static Color snap(Color c) {
        return Color.rgb((int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255));
    }

    @Test
    void aNodeWithTheLargestValueIsFilledWithTheScalesTopColourAndNodesWithoutOneStayNeutral(FxRobot robot) {
        EditorModel model = new EditorModel(CanvasFixtures.small());
        GraphCanvas canvas = show(robot, model);
        Color neutral = bodyPixel(snapshot(robot, canvas.nodeView("input").orElseThrow()));
        NodeOverlay overlay = gradients();
        robot.interact(() -> canvas.setOverlay(overlay));
        WaitForAsyncUtils.waitForFxEvents();

        NodeView top = canvas.nodeView("conv1").orElseThrow();
        assertThat(top.overlayFill()).isEqualTo(overlay.scale().top());
        assertThat(bodyPixel(snapshot(robot, top))).isEqualTo(snap(overlay.scale().top()));
        assertThat(bodyPixel(snapshot(robot, canvas.nodeView("conv2").orElseThrow())))
                .isEqualTo(snap(overlay.scale().bottom()));
        assertThat(canvas.nodeView("input").orElseThrow().overlayFill()).isNull();
        assertThat(bodyPixel(snapshot(robot, canvas.nodeView("input").orElseThrow()))).isEqualTo(neutral);
        assertThat(top.getStyleClass()).as("dark text on the light top colour").contains("overlay-light");
        assertThat(canvas.nodeView("conv2").orElseThrow().getStyleClass()).contains("overlay-dark");
        assertThat(top.tooltip().getText()).startsWith("Gradient norm: 10\n\n");
        robot.interact(() -> CanvasFixtures.screenshot(CanvasFixtures.rootOf(canvas), shots, "overlay-skins"));
    }

    @Test
    void theLegendNamesTheScaleInTheCornerClearOfTheMinimap(FxRobot robot) {
        EditorModel model = new EditorModel(CanvasFixtures.small());
        GraphCanvas canvas = show(robot, model);
        assertThat(canvas.overlayLegend().isVisible()).isFalse();
        robot.interact(() -> canvas.setOverlay(gradients()));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(canvas.overlayLegend().isVisible()).isTrue();
        assertThat(robot.lookup("#overlay-legend-title").queryLabeled().getText()).isEqualTo("Gradient norm · log scale");
        assertThat(robot.lookup("#overlay-legend-min").queryLabeled().getText()).isEqualTo("0.1");
        assertThat(robot.lookup("#overlay-legend-max").queryLabeled().getText()).isEqualTo("10");
        assertThat(robot.lookup("#overlay-legend-count").queryLabeled().getText()).isEqualTo("values on 3 of 6 blocks");
        Bounds legend = canvas.overlayLegend().localToScene(canvas.overlayLegend().getLayoutBounds());
        Node minimap = robot.lookup("#minimap").query();
        Bounds map = minimap.localToScene(minimap.getLayoutBounds());
        Bounds view = canvas.localToScene(canvas.getLayoutBounds());
        assertThat(legend.intersects(map)).isFalse();
        assertThat(legend.getMinX()).isLessThan(view.getMinX() + 40);
        assertThat(legend.getMaxY()).isGreaterThan(view.getMaxY() - 40);
        assertThat(legend.getWidth()).isGreaterThan(150);
    }

    @Test
    void theOverviewDrawnWhenZoomedOutFillsNodesWithTheirColourToo(FxRobot robot) {
        EditorModel model = new EditorModel(CanvasFixtures.small());
        GraphCanvas canvas = show(robot, model);
        NodeOverlay overlay = gradients();
        robot.interact(() -> {
            canvas.setOverlay(overlay);
            canvas.setView(0.3, 60, 60);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.isDetailMode()).isFalse();
        WritableImage img = snapshot(robot, canvas);
        PixelReader px = img.getPixelReader();
        NodeGeometry conv1 = canvas.geometryOf("conv1");
        NodeGeometry input = canvas.geometryOf("input");
        var right = canvas.toLocal(conv1.maxX(), conv1.y() + conv1.height() / 2);
        assertThat(px.getColor((int) right.getX() - 3, (int) right.getY())).isEqualTo(snap(overlay.scale().top()));
        var plain = canvas.toLocal(input.maxX(), input.y() + input.height() / 2);
        assertThat(px.getColor((int) plain.getX() - 3, (int) plain.getY())).as("no value: the node colour")
                .isEqualTo(Color.WHITE);
        robot.interact(() -> CanvasFixtures.screenshot(CanvasFixtures.rootOf(canvas), shots, "overlay-overview"));
    }

    @Test
    void clearingTheOverlayRestoresTheNormalLook(FxRobot robot) {
        EditorModel model = new EditorModel(CanvasFixtures.small());
        GraphCanvas canvas = show(robot, model);
        WritableImage before = snapshot(robot, canvas);
        robot.interact(() -> canvas.setOverlay(gradients()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(canvas::clearOverlay);
        WaitForAsyncUtils.waitForFxEvents();

        WritableImage after = snapshot(robot, canvas);
        assertThat(samePixels(before, after)).as("the canvas looks as it did before the overlay").isTrue();
        NodeView conv1 = canvas.nodeView("conv1").orElseThrow();
        assertThat(conv1.overlayFill()).isNull();
        assertThat(conv1.getStyleClass()).doesNotContain("overlay-light", "overlay-dark");
        assertThat(conv1.tooltip().getText()).doesNotContain("Gradient norm");
        assertThat(canvas.overlayLegend().isVisible()).isFalse();
    }

    @Test
    void aCanvasShowingAnOverlayLeavesTheModelWithoutItsListenersWhenDisposed(FxRobot robot) {
        EditorModel model = new EditorModel(CanvasFixtures.small());
        int before = model.listenerCount();
        GraphCanvas canvas = show(robot, model);
        robot.interact(() -> canvas.setOverlay(gradients()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.listenerCount()).isGreaterThan(before);
        robot.interact(() -> {
            Minimap minimap = robot.lookup("#minimap").queryAs(Minimap.class);
            stage.getScene().setRoot(new javafx.scene.layout.StackPane());
            minimap.dispose();
            canvas.dispose();
        });
        assertThat(model.listenerCount()).isEqualTo(before);
    }

    private static boolean samePixels(WritableImage a, WritableImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getPixelReader().getArgb(x, y) != b.getPixelReader().getArgb(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }
}
