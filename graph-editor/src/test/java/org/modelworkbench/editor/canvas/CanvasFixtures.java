package org.modelworkbench.editor.canvas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.modelworkbench.editor.ImageStats;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.PortRef;

/** Designs and a window for canvas tests. */
final class CanvasFixtures {
    private CanvasFixtures() {
    }

    /**
     * input → conv1 → relu → conv2, plus "spare" (a ReLU with its input free, at the right of relu)
     * and "add" (conv1 + input: 16 channels against 3, a shape mismatch on input b).
     */
    static Design small() {
        DesignBuilder b = new DesignBuilder("Small");
        String x = b.input("input", 3, 32, 32);
        String c1 = b.add("conv1", "conv.conv2d", Map.of("out_channels", 16, "kernel", 3, "padding", 1), x);
        String r = b.add("relu", "activation.relu", Map.of(), c1);
        b.add("conv2", "conv.conv2d", Map.of("out_channels", 16, "kernel", 3, "padding", 1, "stride", 2), r);
        Design d = b.build();
        d.addNode(new org.modelworkbench.projects.design.Node("spare", "activation.relu", Map.of(), 300, 360));
        d.addNode(new org.modelworkbench.projects.design.Node("add", "merge.add", Map.of(), 300, 240));
        d.connect(new Edge(new PortRef("conv1", "y"), new PortRef("add", "a")));
        d.connect(new Edge(new PortRef("input", "y"), new PortRef("add", "b")));
        return d;
    }

    /** Shows the canvas (with a minimap in the corner) in a 1000×700 window using the light fallback theme. */
    static GraphCanvas show(Stage stage, EditorModel model, boolean dark) {
        return show(stage, model, dark, null);
    }

    static GraphCanvas show(Stage stage, EditorModel model, boolean dark, Node left) {
        GraphCanvas canvas = new GraphCanvas(model);
        Minimap minimap = new Minimap(canvas);
        minimap.setMaxSize(220, 150);
        StackPane stack = new StackPane(canvas, minimap);
        StackPane.setAlignment(minimap, javafx.geometry.Pos.BOTTOM_RIGHT);
        StackPane.setMargin(minimap, new javafx.geometry.Insets(10));
        BorderPane root = new BorderPane(stack);
        if (left != null) {
            root.setLeft(left);
        }
        Scene scene = new Scene(root, 1000, 700);
        scene.getStylesheets().add(dark ? GraphCanvas.FALLBACK_DARK : GraphCanvas.FALLBACK_LIGHT);
        stage.setScene(scene);
        stage.show();
        stage.requestFocus();
        return canvas;
    }

    /** Where a point given in design coordinates lies on the screen, for a robot to move to. */
    static Point2D screenOf(GraphCanvas canvas, double designX, double designY) {
        return canvas.localToScreen(canvas.toLocal(designX, designY));
    }

    /** Writes {@code g1-NAME.png} of the node into {@code dir} and returns what it shows (call on the FX thread). */
    static ImageStats screenshot(Node node, Path dir, String name) {
        WritableImage img = node.snapshot(null, null);
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", dir.resolve("g1-" + name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ImageStats.of(img);
    }

    /**
     * Monocle (17.0.10) remembers the view of the last plain mouse drag and only forgets it at the
     * end of a platform drag-and-drop; the next drag-and-drop in a new scene then "leaves" that
     * stale view and fails with a NullPointerException in View.notifyDragLeave. Forget it first.
     */
    static void forgetStaleMonocleDragView() {
        try {
            Class<?> input = Class.forName("com.sun.glass.ui.monocle.MouseInput");
            var getInstance = input.getDeclaredMethod("getInstance");
            getInstance.setAccessible(true);
            Object instance = getInstance.invoke(null);
            var field = input.getDeclaredField("dragView");
            field.setAccessible(true);
            field.set(instance, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not Monocle, or another version: nothing to work around.
        }
    }

    static Parent rootOf(Node n) {
        return n.getScene().getRoot();
    }
}
