package org.modelworkbench.visualizers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Windows for the view tests, styled like the app: AtlantaFX's Primer theme from the test class
 * path (visualizers declares atlantafx-base in test scope). A theme that cannot be found fails the
 * test: a silent fallback would test the wrong colours.
 */
public final class ViewScenes {
    private ViewScenes() {
    }

    /** Shows {@code root} in the stage, w × h, in the light or dark theme. */
    public static Scene show(Stage stage, Parent root, double w, double h, boolean dark) {
        Scene scene = new Scene(root, w, h);
        String resource = "/atlantafx/base/theme/" + (dark ? "primer-dark.css" : "primer-light.css");
        URL url = ViewScenes.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("AtlantaFX theme " + resource + " is not on the test class path: "
                    + "visualizers/pom.xml must declare io.github.mkpaz:atlantafx-base in test scope");
        }
        scene.getStylesheets().add(url.toExternalForm());
        stage.setScene(scene);
        stage.show();
        stage.requestFocus();
        return scene;
    }

    /** Writes a PNG of the node and returns the image (call on the FX thread). */
    public static WritableImage snapshot(Node node, Path file) {
        WritableImage img = node.snapshot(null, null);
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return img;
    }
}
