package org.modelworkbench.app.gui.window;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import org.modelworkbench.app.gui.document.Document;
import org.modelworkbench.app.gui.theme.Theme;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.DesignReader;
import org.modelworkbench.projects.files.DesignWriter;
import org.modelworkbench.projects.files.ProjectFileException;

/**
 * Time to open a design in the main window's workspace, as a user sees it: read the file, build
 * the model and analysis, every view (palette, canvas, inspector, profile, problems, minimap) in a
 * 1400×900 scene with the theme, lay out, and render the first frame. Call on the FX thread. Also
 * the window's warm-up while the start page is shown.
 */
public final class OpenBenchmark {
    private OpenBenchmark() {
    }

    /**
     * Opens a small template once in an offscreen workspace and drops it: loads and compiles the
     * editor's classes and parses its stylesheets, so that the user's first real open is fast. The
     * window does this while the start page is shown. Call on the FX thread.
     */
    public static void warmUp() {
        try {
            open(org.modelworkbench.projects.templates.Templates.load("resnet-fmnist"), 1);
        } catch (ProjectFileException | RuntimeException e) {
            // Only a speed-up: the real open will do the work instead.
        }
    }

    /** Milliseconds of each of {@code rounds} opens of the design (the first one is the cold open). */
    public static List<Double> open(Design design, int rounds) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("call on the FX application thread");
        }
        String json = DesignWriter.toJson(design);
        List<Double> times = new ArrayList<>();
        WritableImage image = new WritableImage(1400, 900);
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            Design d;
            try {
                d = new DesignReader().read(json, "benchmark");
            } catch (ProjectFileException e) {
                throw new IllegalStateException(e);
            }
            EditorModel model = new EditorModel(d);
            org.modelworkbench.editor.palette.PaletteView palette = new org.modelworkbench.editor.palette.PaletteView(model.library());
            Workspace ws = new Workspace(new Document(model, null), model, palette, url -> { }, List.of());
            Scene scene = new Scene(new javafx.scene.layout.BorderPane(ws.root()), 1400, 900);
            scene.getStylesheets().add(Theme.APP_CSS);
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            WorkspaceHost.initialView(ws.canvas);
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            scene.snapshot(image);
            times.add((System.nanoTime() - t0) / 1e6);
            ws.dispose();
        }
        return times;
    }
}
