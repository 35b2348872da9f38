package org.modelworkbench.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import org.modelworkbench.app.gui.DesktopLauncher;
import org.modelworkbench.app.gui.theme.Theme;
import org.modelworkbench.app.gui.window.OpenBenchmark;
import org.modelworkbench.editor.canvas.bench.CanvasBenchmark;
import org.modelworkbench.editor.canvas.bench.LargeDesigns;
import org.modelworkbench.projects.files.ProjectFileException;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;

/**
 * The measuring side of {@code workbench bench editor}: the canvas benchmark (open, pan and zoom of
 * a generated design) plus opening designs in the whole main-window workspace. Starts the toolkit,
 * headless (Monocle, software rendering) when there is no display. {@code Main} hands this to the
 * command line, which only sees {@link EditorFigures}.
 */
public final class EditorBenchmark {
    private EditorBenchmark() {
    }

    public static EditorFigures measure(int nodes, int frames, TemplateInfo template) {
        java.util.logging.Logger.getLogger("javafx").setLevel(java.util.logging.Level.SEVERE);
        boolean headless = DesktopLauncher.needsHeadlessToolkit();
        if (headless) {
            DesktopLauncher.useHeadlessToolkit();
        }
        List<CanvasBenchmark.Result> canvas = CanvasBenchmark.runHeadless(nodes, frames, null);
        List<double[]> workspace = onFx(() -> {
            Theme.LIGHT.apply();
            List<double[]> r = new ArrayList<>();
            OpenBenchmark.warmUp(); // as the window does while the start page is shown
            r.add(stats(OpenBenchmark.open(LargeDesigns.residualNetwork(nodes), 4)));
            try {
                r.add(stats(OpenBenchmark.open(Templates.load(template.id()), 4)));
            } catch (ProjectFileException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            return r;
        });
        List<EditorFigures.Case> cases = canvas.stream().map(r -> new EditorFigures.Case(r.name(), r.valueMs(),
                r.medianMs(), r.p90Ms(), r.maxMs(), r.samples(), r.note())).toList();
        return new EditorFigures(cases, workspace.get(0), workspace.get(1), headless,
                System.getProperty("javafx.runtime.version", "?"), System.getProperty("prism.order", "default"));
    }

    /** first, warm median, warm p90, warm max. */
    private static double[] stats(List<Double> times) {
        List<Double> warm = new ArrayList<>(times.subList(1, times.size()));
        warm.sort(null);
        double median = warm.get(warm.size() / 2);
        double p90 = warm.get(Math.min(warm.size() - 1, (int) Math.ceil(0.9 * warm.size()) - 1));
        return new double[] {times.get(0), median, p90, warm.get(warm.size() - 1)};
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new IllegalStateException(c.getMessage() == null ? c.toString() : c.getMessage(), c);
        }
    }
}
