package org.modelworkbench.editor.palette;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Text;
import javax.imageio.ImageIO;

/**
 * Scenes for the view tests, styled like the app: AtlantaFX's Primer theme, loaded from the test
 * class path (graph-editor declares atlantafx-base in test scope; the app uses it at run time). A
 * theme that cannot be found fails the test: a silent fallback would test the wrong colours.
 */
public final class TestScenes {
    /**
     * The app sets AtlantaFX as the user-agent stylesheet, replacing Modena; here Modena stays
     * underneath, and its rotation of the expanded tree arrow would turn AtlantaFX's down arrow left.
     */
    private static final String MODENA_RESET = "data:text/css;base64," + java.util.Base64.getEncoder().encodeToString(
            ".tree-cell:expanded > .tree-disclosure-node > .arrow { -fx-rotate: 0; }".getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));

    private TestScenes() {
    }

    /** A scene with the light (or dark) theme around {@code root}. */
    public static Scene scene(Parent root, double width, double height, boolean dark) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().addAll(themeUrl(dark), MODENA_RESET);
        return scene;
    }

    /** The URL of AtlantaFX's Primer stylesheet; throws when it is not on the class path. */
    static String themeUrl(boolean dark) {
        String resource = "/atlantafx/base/theme/" + (dark ? "primer-dark.css" : "primer-light.css");
        URL url = TestScenes.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("AtlantaFX theme " + resource + " is not on the test class path: "
                    + "graph-editor/pom.xml must declare io.github.mkpaz:atlantafx-base in test scope");
        }
        return url.toExternalForm();
    }

    /**
     * The text a label or cell actually draws (its own text node, not its graphic's): the whole
     * text, or what is left of it once elided; null before it is laid out.
     */
    public static String shown(javafx.scene.Node labeled) {
        for (javafx.scene.Node n : ((Parent) labeled).getChildrenUnmodifiable()) {
            if (n instanceof Text text) {
                return text.getText();
            }
        }
        return null;
    }

    /** Writes a PNG of {@code node} and returns the image (call on the FX thread). */
    public static WritableImage snapshot(javafx.scene.Node node, Path file) {
        WritableImage img = node.snapshot(null, null);
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return img;
    }
}
