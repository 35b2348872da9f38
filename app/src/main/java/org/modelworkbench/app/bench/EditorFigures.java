package org.modelworkbench.app.bench;

import java.util.List;

/**
 * What {@code workbench bench editor} measured, as plain numbers (no JavaFX types), so that the
 * command line can print it without depending on the GUI.
 *
 * @param canvas the canvas benchmark's cases
 * @param generatedWindow opening the generated design in the main-window workspace: first, warm
 *     median, warm p90, warm max (ms)
 * @param templateWindow the same for the template
 * @param headless whether the toolkit ran headless (Monocle, software rendering)
 */
public record EditorFigures(List<Case> canvas, double[] generatedWindow, double[] templateWindow, boolean headless,
        String javafxVersion, String prismOrder) {

    /** One canvas case: a single time ({@code samples == 1}) or frame times. */
    public record Case(String name, double valueMs, double medianMs, double p90Ms, double maxMs, int samples,
            String note) {
        public boolean isSingle() {
            return samples == 1;
        }
    }
}
