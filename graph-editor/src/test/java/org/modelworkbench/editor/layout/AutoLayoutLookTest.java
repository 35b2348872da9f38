package org.modelworkbench.editor.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Dimension2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.ImageStats;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.canvas.NodeGeometry;
import org.modelworkbench.editor.group.CompositeActions;
import org.modelworkbench.editor.group.CompositeNavigator;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.templates.Templates;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Auto-layout, grouping and opening composites on the real canvas, with the canvas's own node
 * sizes; writes g3-*.png to look at into a temporary folder.
 */
@ExtendWith(ApplicationExtension.class)
class AutoLayoutLookTest {
    /** Screenshots to look at; keep them with -Djunit.jupiter.tempdir.cleanup.mode.default=never. */
    @TempDir
    Path shots;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private GraphCanvas show(EditorModel model) {
        GraphCanvas canvas = new GraphCanvas(model);
        Scene scene = new Scene(canvas, 800, 700);
        scene.getStylesheets().add(GraphCanvas.FALLBACK_LIGHT);
        stage.setScene(scene);
        stage.show();
        return canvas;
    }

    private static Function<String, Dimension2D> sizesOf(GraphCanvas canvas) {
        return id -> {
            NodeGeometry g = canvas.geometryOf(id);
            return g == null ? null : new Dimension2D(g.width(), g.height());
        };
    }

    /** Zooms to fit, writes {@code g3-NAME.png} and returns what it shows. */
    private ImageStats png(GraphCanvas canvas, String name) {
        canvas.zoomToFit();
        WritableImage img = canvas.snapshot(null, null);
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", shots.resolve("g3-" + name + ".png").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ImageStats.of(img);
    }

    private static Design piledUp(Design d) {
        for (Node n : new ArrayList<>(d.nodes())) {
            d.replaceNode(n.at(0, 0));
        }
        return d;
    }

    /** A stem, a residual unit with a projection shortcut, a head: a graph with a branch. */
    private static Design branchy() {
        DesignBuilder b = new DesignBuilder("Branchy");
        String x = b.input("input", 1, 28, 28);
        x = b.add("stem", "conv.conv2d", Map.of("out_channels", 16, "kernel", 3, "padding", 1, "bias", false), x);
        String c = b.add("conv1", "conv.conv2d", Map.of("out_channels", 32, "kernel", 3, "padding", 1, "stride", 2), x);
        c = b.add("bn1", "norm.batch_norm", Map.of(), c);
        c = b.add("relu1", "activation.relu", Map.of(), c);
        c = b.add("conv2", "conv.conv2d", Map.of("out_channels", 32, "kernel", 3, "padding", 1), c);
        String s = b.add("shortcut", "conv.pointwise", Map.of("out_channels", 32, "stride", 2), x);
        String y = b.add("add", "merge.add", Map.of(), c, s);
        y = b.add("relu2", "activation.relu", Map.of(), y);
        b.add("head", "head.classifier", Map.of("classes", 10), y);
        return piledUp(b.build());
    }

    @Test
    void aPiledUpChainIsReadableAfterAutoLayout(FxRobot robot) throws Exception {
        EditorModel model = new EditorModel(piledUp(Templates.load("mobilenetv2-fmnist")));
        robot.interact(() -> {
            GraphCanvas canvas = show(model);
            AutoLayout.layout(model, false, sizesOf(canvas));
            ImageStats shot = png(canvas, "layout-chain");
            assertThat(shot.width()).isEqualTo(800);
            assertThat(shot.drawnShare()).as("the laid-out chain is drawn").isGreaterThan(0.02);
        });
        assertThat(model.commands().undoDescriptionProperty().get()).isEqualTo("Auto-layout");
    }

    @Test
    void aBranchyDesignGroupedAndOpened(FxRobot robot) {
        EditorModel model = new EditorModel(branchy());
        robot.interact(() -> {
            GraphCanvas canvas = show(model);
            AutoLayout.layout(model, false, sizesOf(canvas));
            png(canvas, "layout-branch");
            model.selection().addAll(List.of("conv1", "bn1", "relu1", "conv2", "shortcut", "add", "relu2"));
            CompositeActions.group(model, "DownBlock");
            png(canvas, "grouped");
            CompositeNavigator nav = new CompositeNavigator(model);
            EditorModel inside = nav.open("down_block").model();
            GraphCanvas insideCanvas = show(inside);
            png(insideCanvas, "grouped-inside");
        });
        assertThat(model.analysis().problems()).isEmpty();
    }

    @Test
    void aLibraryCompositeOpensOnTheCanvas(FxRobot robot) throws Exception {
        EditorModel model = new EditorModel(Templates.load("resnet-fmnist"));
        robot.interact(() -> {
            CompositeNavigator nav = new CompositeNavigator(model);
            GraphCanvas canvas = show(nav.open("stage2_block1").model());
            png(canvas, "library-inside");
        });
        assertThat(model.analysis().problems()).isEmpty();
    }
}
