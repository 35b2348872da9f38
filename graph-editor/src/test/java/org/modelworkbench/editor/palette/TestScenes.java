package org.modelworkbench.editor.palette;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Scenes for the view tests, styled like the app: with AtlantaFX's Primer theme when its jar is in
 * the local Maven repository (graph-editor itself does not depend on AtlantaFX), else with a few
 * of its looked-up colours, so that snapshots look as they will in the app.
 */
public final class TestScenes {
    private static final String FALLBACK = ".root {"
            + " -color-fg-default: #24292f; -color-fg-muted: #57606a; -color-fg-emphasis: #ffffff;"
            + " -color-bg-default: #ffffff; -color-bg-subtle: #f6f8fa; -color-border-default: #d0d7de;"
            + " -color-border-muted: #d8dee4; -color-accent-fg: #0969da; -color-accent-emphasis: #0969da;"
            + " -color-accent-muted: #54aeff66; -color-accent-subtle: #ddf4ff; -color-success-fg: #1a7f37;"
            + " -color-danger-fg: #cf222e; -color-danger-emphasis: #cf222e; -color-warning-fg: #9a6700; }";

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

    static String themeUrl(boolean dark) {
        Path jar = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "github", "mkpaz",
                "atlantafx-base", "2.0.1", "atlantafx-base-2.0.1.jar");
        if (Files.isRegularFile(jar)) {
            return "jar:" + jar.toUri() + "!/atlantafx/base/theme/" + (dark ? "primer-dark.css" : "primer-light.css");
        }
        try {
            Path css = Files.createTempFile("test-theme", ".css");
            Files.writeString(css, FALLBACK);
            css.toFile().deleteOnExit();
            return css.toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a PNG of {@code node} (call on the FX thread). */
    public static void snapshot(javafx.scene.Node node, String file) {
        WritableImage img = node.snapshot(null, null);
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", new File(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
