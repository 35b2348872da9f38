package org.modelworkbench.editor.canvas;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;

/**
 * Grid lines every {@link GraphCanvas#GRID} units, every fifth stronger (coarser when zoomed out).
 * The lines are drawn once per zoom on a canvas one period larger than the view on each side;
 * panning only shifts that canvas by the pan modulo the period, so it costs nothing.
 */
final class GridLayer {
    /** The drawing (mouse-transparent, unmanaged). */
    final Canvas canvas = new Canvas();
    private final CanvasColors colors;
    private String drawnFor = "";
    private boolean dirty = true;

    GridLayer(CanvasColors colors) {
        this.colors = colors;
        canvas.setMouseTransparent(true);
        canvas.setManaged(false);
    }

    /** The view moved or resized: place (and maybe redraw) the grid at the next update. */
    void markDirty() {
        dirty = true;
    }

    /** The theme changed: redraw the lines in the new colours. */
    void colorsChanged() {
        drawnFor = "";
        dirty = true;
    }

    /** Brings the grid up to date with a view of w × h at zoom z and pan (panX, panY), if anything changed. */
    void update(double w, double h, double z, double panX, double panY) {
        if (!dirty) {
            return;
        }
        dirty = false;
        double step = GraphCanvas.GRID;
        while (step * z < 10) {
            step *= 5;
        }
        double minor = step * z;
        double period = minor * 5;
        int margin = (int) Math.ceil(period);
        String key = z + "/" + w + "/" + h;
        if (!key.equals(drawnFor)) {
            drawnFor = key;
            double cw = Math.max(1, w + 2 * margin);
            double ch = Math.max(1, h + 2 * margin);
            canvas.setWidth(cw);
            canvas.setHeight(ch);
            GraphicsContext gc = canvas.getGraphicsContext2D();
            gc.clearRect(0, 0, cw, ch);
            for (int pass = 0; pass < 2; pass++) {
                gc.setFill(pass == 0 ? colors.color("grid").deriveColor(0, 1, 1, 0.5)
                        : colors.color("grid-major").deriveColor(0, 1, 1, 0.85));
                for (int i = 0; i * minor < cw; i++) {
                    if ((i % 5 == 0) == (pass == 1)) {
                        gc.fillRect(Math.round(i * minor), 0, 1, ch);
                    }
                }
                for (int i = 0; i * minor < ch; i++) {
                    if ((i % 5 == 0) == (pass == 1)) {
                        gc.fillRect(0, Math.round(i * minor), cw, 1);
                    }
                }
            }
        }
        // Canvas line i·period must land on design line k·5·step: shift by the pan modulo the period.
        double ox = panX - Math.floor(panX / period) * period - period;
        double oy = panY - Math.floor(panY / period) * period - period;
        canvas.relocate(Math.round(ox), Math.round(oy));
    }
}
