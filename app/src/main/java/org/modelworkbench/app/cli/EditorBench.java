package org.modelworkbench.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import org.modelworkbench.app.bench.AnalysisBenchmark;
import org.modelworkbench.app.format.Table;
import org.modelworkbench.app.gui.DesktopLauncher;
import org.modelworkbench.app.gui.theme.Theme;
import org.modelworkbench.app.gui.window.OpenBenchmark;
import org.modelworkbench.editor.canvas.bench.CanvasBenchmark;
import org.modelworkbench.editor.canvas.bench.LargeDesigns;
import org.modelworkbench.projects.files.ProjectFileException;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;

/**
 * {@code workbench bench editor}: the canvas benchmark (open, pan and zoom of a generated design)
 * plus opening designs in the whole main-window workspace, as a table with the targets. Runs the
 * toolkit headless (Monocle, software rendering) when there is no display.
 */
final class EditorBench {
    static final double OPEN_TARGET_MS = 1500;
    static final double FRAME_BUDGET_MS = 1000.0 / 60;

    private EditorBench() {
    }

    static int run(PrintWriter out, PrintWriter err, int nodes, int frames, String templateKey) {
        TemplateInfo template = Templates.find(templateKey).orElse(null);
        if (template == null) {
            err.println("error: no template '" + org.modelworkbench.app.format.TerminalText.safe(templateKey) + "'; see: workbench templates");
            return 2;
        }
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

        out.println("Editor benchmark: generated residual network of about " + nodes + " nodes, " + frames
                + " frames per case; " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                + System.getProperty("java.version") + ", JavaFX " + System.getProperty("javafx.runtime.version", "?")
                + ", " + (headless ? "headless (Monocle, software rendering)" : "on the display")
                + ", prism " + System.getProperty("prism.order", "default"));
        Table t = new Table("case", "time / median", "p90", "max", "frames", "note").alignRight(1, 2, 3, 4);
        double openFirst = Double.NaN;
        double worstP90 = 0;
        String worstCase = "";
        for (CanvasBenchmark.Result r : canvas) {
            if (r.name().startsWith("most skins")) {
                t.row(r.name(), String.format(Locale.ROOT, "%.0f", r.valueMs()), "", "", "", r.note());
                continue;
            }
            if (r.isSingle()) {
                t.row("canvas: " + r.name(), ms(r.valueMs()), "", "", "1", r.note());
            } else {
                t.row("canvas: " + r.name(), ms(r.medianMs()), ms(r.p90Ms()), ms(r.maxMs()), String.valueOf(r.samples()),
                        r.note());
            }
            if (r.name().startsWith("open ") && r.name().endsWith("(first)")) {
                openFirst = r.valueMs();
            }
            if ((r.name().startsWith("pan") || r.name().startsWith("zoom")) && r.p90Ms() > worstP90) {
                worstP90 = r.p90Ms();
                worstCase = r.name();
            }
        }
        double[] big = workspace.get(0);
        double[] small = workspace.get(1);
        t.row("window: open " + nodes + "-node design (first)", ms(big[0]), "", "", "1",
                "all views (palette, canvas, inspector, profile, problems, minimap), after the start-page warm-up");
        t.row("window: open " + nodes + "-node design (warm)", ms(big[1]), ms(big[2]), ms(big[3]), "3", "");
        t.row("window: open template " + template.id() + " (first)", ms(small[0]), "", "", "1", template.name());
        t.row("window: open template " + template.id() + " (warm)", ms(small[1]), ms(small[2]), ms(small[3]), "3", "");
        out.print(t.render());
        double open = Math.max(openFirst, big[0]);
        out.println(String.format(Locale.ROOT, "Target: open a %d-node design in < 1.5 s: %s (slowest first open %s).",
                nodes, open < OPEN_TARGET_MS ? "met" : "NOT met", ms(open)));
        out.println(String.format(Locale.ROOT,
                "Target: smooth pan and zoom, frame p90 well under 16.7 ms (60 fps): %s (worst p90 %s, %s).",
                worstP90 < FRAME_BUDGET_MS / 2 ? "met" : worstP90 < FRAME_BUDGET_MS ? "met, without much margin" : "NOT met",
                ms(worstP90), worstCase));
        out.println("Frame = apply the step, CSS, layout and render a " + "1280×800 view to an image (software rendering "
                + "when headless: a GPU pipeline on a desktop is faster).");
        return 0;
    }

    /** first, warm median, warm p90, warm max. */
    private static double[] stats(List<Double> times) {
        List<Double> warm = new ArrayList<>(times.subList(1, times.size()));
        warm.sort(null);
        double median = warm.get(warm.size() / 2);
        double p90 = warm.get(Math.min(warm.size() - 1, (int) Math.ceil(0.9 * warm.size()) - 1));
        return new double[] {times.get(0), median, p90, warm.get(warm.size() - 1)};
    }

    private static String ms(double v) {
        return AnalysisBenchmark.format(v);
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
