package org.modelworkbench.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.modelworkbench.app.bench.AnalysisBenchmark;
import org.modelworkbench.app.bench.EditorFigures;
import org.modelworkbench.app.format.Table;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;

/**
 * {@code workbench bench editor}: prints what the editor benchmark measured (the canvas: open, pan
 * and zoom of a generated design; the main-window workspace: opening designs) as a table with the
 * targets. The measuring needs the FX toolkit; it reaches the command line through
 * {@link WorkbenchCommand.EditorMeasurement}, so this package depends on neither the GUI nor JavaFX.
 */
final class EditorBench {
    static final double OPEN_TARGET_MS = 1500;
    static final double FRAME_BUDGET_MS = 1000.0 / 60;

    private EditorBench() {
    }

    static int run(PrintWriter out, PrintWriter err, int nodes, int frames, String templateKey,
            WorkbenchCommand.EditorMeasurement measurement) {
        TemplateInfo template = Templates.find(templateKey).orElse(null);
        if (template == null) {
            err.println("error: no template '" + org.modelworkbench.app.format.TerminalText.safe(templateKey) + "'; see: workbench templates");
            return 2;
        }
        EditorFigures figures = measurement.measure(nodes, frames, template);
        boolean headless = figures.headless();

        out.println("Editor benchmark: generated residual network of about " + nodes + " nodes, " + frames
                + " frames per case; " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                + System.getProperty("java.version") + ", JavaFX " + figures.javafxVersion()
                + ", " + (headless ? "headless (Monocle, software rendering)" : "on the display")
                + ", prism " + figures.prismOrder());
        Table t = new Table("case", "time / median", "p90", "max", "frames", "note").alignRight(1, 2, 3, 4);
        double openFirst = Double.NaN;
        double worstP90 = 0;
        String worstCase = "";
        for (EditorFigures.Case r : figures.canvas()) {
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
        double[] big = figures.generatedWindow();
        double[] small = figures.templateWindow();
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

    private static String ms(double v) {
        return AnalysisBenchmark.format(v);
    }
}
