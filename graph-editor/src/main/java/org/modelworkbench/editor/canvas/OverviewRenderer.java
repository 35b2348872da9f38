package org.modelworkbench.editor.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.modelworkbench.editor.overlay.ColorScale;
import org.modelworkbench.editor.overlay.NodeOverlay;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;

/**
 * The low-zoom drawing, instead of skins: one rectangle with a category stripe per node, one
 * curve per wire, selection and problems outlined, in the theme's colours; each node's type name
 * (and its id, where there is room) at a readable size, or no text at all where it would be too small.
 * Draws on a {@link Canvas} that reaches half a view beyond each side: while only panning, the
 * drawing is shifted instead of redrawn until the view leaves what was drawn.
 */
final class OverviewRenderer {
    /** The drawing (mouse-transparent, unmanaged; hidden while skins are shown). */
    final Canvas canvas = new Canvas();
    private final CanvasContent content;
    private final Design design;
    private final Set<String> selection;
    private final Set<Edge> selectedEdges;
    private final CanvasColors colors;
    private final java.util.function.Supplier<NodeOverlay> overlay;
    private boolean stale = true;
    private double ovZoom = -1;
    private double ovTx;
    private double ovTy;
    private double ovX0;
    private double ovY0;
    private double ovX1;
    private double ovY1;

    OverviewRenderer(CanvasContent content, Design design, Set<String> selection, Set<Edge> selectedEdges, CanvasColors colors,
                     java.util.function.Supplier<NodeOverlay> overlay) {
        this.overlay = overlay;
        this.content = content;
        this.design = design;
        this.selection = selection;
        this.selectedEdges = selectedEdges;
        this.colors = colors;
        canvas.setMouseTransparent(true);
        canvas.setManaged(false);
        canvas.setVisible(false);
    }

    /** Something drawn changed (not just the view): redraw at the next update. */
    void markStale() {
        stale = true;
    }

    /** Sizes the drawing for a view of w × h (half a view beyond each side); true when the size changed. */
    boolean resizeFor(double w, double h) {
        double ow = w + 2 * Math.round(w / 2);
        double oh = h + 2 * Math.round(h / 2);
        if (canvas.getWidth() != ow || canvas.getHeight() != oh) {
            canvas.setWidth(ow);
            canvas.setHeight(oh);
            stale = true;
            return true;
        }
        return false;
    }

    /** Skins are shown again: clear and hide the drawing. */
    void hide() {
        canvas.getGraphicsContext2D().clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        canvas.setVisible(false);
        stale = true;
    }

    /**
     * Shows the drawing for the view (w × h at zoom z, translation tx, ty), redrawn only when
     * needed: just the view when the zoom or the content changed (the next change is likely to be
     * another), the whole canvas when panning.
     */
    void show(double w, double h, double z, double tx, double ty) {
        canvas.setVisible(true);
        double mx = Math.round(w / 2);
        double my = Math.round(h / 2);
        double dx = tx - ovTx;
        double dy = ty - ovTy;
        boolean reusable = !stale && z == ovZoom
                && mx - dx >= ovX0 && mx - dx + w <= ovX1 && my - dy >= ovY0 && my - dy + h <= ovY1;
        if (reusable) {
            canvas.relocate(Math.round(dx - mx), Math.round(dy - my));
            return;
        }
        boolean wide = !stale && z == ovZoom;
        stale = false;
        ovZoom = z;
        ovTx = tx;
        ovTy = ty;
        if (wide) {
            ovX0 = 0;
            ovY0 = 0;
            ovX1 = canvas.getWidth();
            ovY1 = canvas.getHeight();
        } else {
            ovX0 = mx;
            ovY0 = my;
            ovX1 = mx + w;
            ovY1 = my + h;
        }
        canvas.relocate(-mx, -my);
        draw(z, tx + mx, ty + my, ovX0, ovY0, ovX1, ovY1);
    }

    /**
     * Canvas point = design point × z + (tx, ty); draws what falls in the canvas rectangle
     * (cx0, cy0)–(cx1, cy1).
     */
    private void draw(double z, double tx, double ty, double cx0, double cy0, double cx1, double cy1) {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        double x0 = (cx0 - tx) / z;
        double y0 = (cy0 - ty) / z;
        double x1 = (cx1 - tx) / z;
        double y1 = (cy1 - ty) / z;
        List<String> visible = new ArrayList<>();
        for (String id : content.ids()) {
            if (content.live(id).intersects(x0, y0, x1, y1)) {
                visible.add(id);
            }
        }

        // Wires: one path for all ordinary ones, one for those into a port with a problem.
        gc.setLineWidth(Math.max(0.7, 1.5 * z));
        for (int pass = 0; pass < 2; pass++) {
            gc.beginPath();
            boolean any = false;
            for (Edge e : design.edges()) {
                if (e.equals(content.hiddenEdge())) {
                    continue;
                }
                boolean problem = content.problemInto(e) != null;
                boolean selected = selectedEdges.contains(e);
                if ((pass == 1) != (problem || selected)) {
                    continue;
                }
                Wire wr = content.wireOf(e);
                if (wr == null || !wr.mayIntersect(x0, y0, x1, y1)) {
                    continue;
                }
                gc.moveTo(wr.x0() * z + tx, wr.y0() * z + ty);
                gc.bezierCurveTo(wr.c1x() * z + tx, wr.c1y() * z + ty, wr.c2x() * z + tx, wr.c2y() * z + ty,
                        wr.x1() * z + tx, wr.y1() * z + ty);
                any = true;
            }
            if (any) {
                gc.setStroke(pass == 0 ? colors.paint("edge") : colors.paint("danger"));
                gc.stroke();
            }
        }
        if (!selectedEdges.isEmpty()) {
            gc.beginPath();
            for (Edge e : selectedEdges) {
                Wire wr = content.wireOf(e);
                if (wr != null) {
                    gc.moveTo(wr.x0() * z + tx, wr.y0() * z + ty);
                    gc.bezierCurveTo(wr.c1x() * z + tx, wr.c1y() * z + ty, wr.c2x() * z + tx, wr.c2y() * z + ty,
                            wr.x1() * z + tx, wr.y1() * z + ty);
                }
            }
            gc.setStroke(colors.paint("accent"));
            gc.setLineWidth(Math.max(1.5, 2.5 * z));
            gc.stroke();
        }

        // Node bodies: screen rectangles computed once, then one path per paint.
        int n = visible.size();
        double[] rx = new double[n];
        double[] ry = new double[n];
        double[] rw = new double[n];
        double[] rh = new double[n];
        int[] cat = new int[n];
        for (int i = 0; i < n; i++) {
            String id = visible.get(i);
            NodeGeometry g = content.live(id);
            rx[i] = g.x() * z + tx;
            ry[i] = g.y() * z + ty;
            rw[i] = g.width() * z;
            rh[i] = g.height() * z;
            cat[i] = content.categoryIndexOf(id);
        }
        gc.beginPath();
        for (int i = 0; i < n; i++) {
            gc.rect(rx[i], ry[i], rw[i], rh[i]);
        }
        gc.setFill(colors.paint("node"));
        gc.fill();
        gc.setStroke(colors.paint("node-border"));
        gc.setLineWidth(1);
        gc.stroke();
        // An overlay fills the nodes that have a value with its colour (inside their border).
        NodeOverlay o = overlay.get();
        javafx.scene.paint.Color[] fills = new javafx.scene.paint.Color[n];
        if (o != null) {
            for (int i = 0; i < n; i++) {
                fills[i] = o.colorOf(visible.get(i)).orElse(null);
                if (fills[i] != null) {
                    gc.setFill(fills[i]);
                    gc.fillRect(rx[i] + 0.5, ry[i] + 0.5, Math.max(0, rw[i] - 1), Math.max(0, rh[i] - 1));
                }
            }
        }
        // Category stripes (axis-aligned rectangles: cheap fills).
        double stripe = Math.max(1.5, 5 * z);
        for (int c = 0; c < 8; c++) {
            gc.setFill(colors.paint("cat-" + c));
            for (int i = 0; i < n; i++) {
                if (cat[i] == c) {
                    gc.fillRect(rx[i], ry[i], stripe, rh[i]);
                }
            }
        }
        // Problems and selection outlines.
        outline(gc, visible, rx, ry, rw, rh, content.problemNodes(), colors.paint("danger"), Math.max(1.5, 2 * z));
        outline(gc, visible, rx, ry, rw, rh, selection, colors.paint("accent"), Math.max(2, 3 * z));
        // Names where they can be read: the type's name, and the node's id below it when there is
        // room; never text smaller than MIN_TEXT_PX (it would only be noise).
        texts = 0;
        double size = Math.min(MAX_TEXT_PX, Math.max(MIN_TEXT_PX, 12 * z / GraphCanvas.DETAIL_ZOOM));
        double pad = Math.max(3, 8 * z) + stripe;
        double charWidth = 0.62 * size;
        Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, size);
        Font plain = Font.font(Font.getDefault().getFamily(), FontWeight.NORMAL, size * 0.9);
        java.util.Map<Integer, List<Integer>> rows = null;
        double rowH = Math.max(1, NodeGeometry.HEIGHT * z);
        for (int i = 0; i < n; i++) {
            if (rh[i] < size + 4) {
                continue;
            }
            int room = (int) ((rw[i] - pad - 3) / charWidth);
            String id = visible.get(i);
            String title = content.titleOf(id);
            if (title != null && title.length() > room) {
                // Too narrow for the name: beside the block, where that is free (as in a chain), else cut short inside.
                double lw = width(title, true, size) + 4;
                double lx = rx[i] + rw[i] + 4;
                double ly = ry[i] + rh[i] / 2 - size / 2 - 2;
                if (rows == null) {
                    rows = new java.util.HashMap<>();
                    for (int k = 0; k < n; k++) {
                        rows.computeIfAbsent((int) Math.floor(ry[k] / rowH), r -> new ArrayList<>()).add(k);
                    }
                }
                if (lx + lw <= cx1 && free(rows, rowH, rx, ry, rw, rh, lx, ly, lw, size + 4)) {
                    double base = ry[i] + rh[i] / 2 + size / 3;
                    gc.setFont(bold);
                    gc.setFill(colors.paint("text"));
                    gc.fillText(title, lx, base);
                    texts++;
                    // And the id after it, where that is free too (it tells the blocks of one type apart).
                    double iw = width(id, false, size * 0.9) + charWidth;
                    if (lx + lw + iw <= cx1 && free(rows, rowH, rx, ry, rw, rh, lx + lw, ly, iw, size + 4)) {
                        gc.setFont(plain);
                        gc.setFill(colors.paint("edge"));
                        gc.fillText(id, lx + lw + charWidth * 0.5, base);
                        texts++;
                    }
                    continue;
                }
            }
            if (room < 3) {
                continue;
            }
            boolean twoLines = rh[i] >= 2 * size + 10;
            double line = twoLines ? ry[i] + rh[i] / 2 - 1 : ry[i] + rh[i] / 2 + size / 3;
            // On an overlay's fill the text is black or white, whichever reads.
            Paint onFill = fills[i] == null ? null
                    : ColorScale.isDark(fills[i]) ? javafx.scene.paint.Color.WHITE : javafx.scene.paint.Color.web("#1f2328");
            if (title != null) {
                gc.setFont(bold);
                gc.setFill(onFill != null ? onFill : colors.paint("text"));
                gc.fillText(elide(title, room), rx[i] + pad, line);
                texts++;
            }
            if (twoLines) {
                gc.setFont(plain);
                gc.setFill(onFill != null ? onFill : colors.paint("edge"));
                gc.fillText(elide(id, (int) (room / 0.9)), rx[i] + pad, line + size + 2);
                texts++;
            }
        }
    }

    /** True when no node rectangle meets the rectangle (x, y, w, h); rectangles are bucketed by row. */
    private static boolean free(java.util.Map<Integer, List<Integer>> rows, double rowH, double[] rx, double[] ry,
                                double[] rw, double[] rh, double x, double y, double w, double h) {
        int from = (int) Math.floor(y / rowH) - 1;
        int to = (int) Math.floor((y + h) / rowH);
        for (int r = from; r <= to; r++) {
            List<Integer> row = rows.get(r);
            if (row == null) {
                continue;
            }
            for (int k : row) {
                if (rx[k] < x + w && rx[k] + rw[k] > x && ry[k] < y + h && ry[k] + rh[k] > y) {
                    return false;
                }
            }
        }
        return true;
    }

    private final java.util.Map<String, Double> boldWidths = new java.util.HashMap<>();
    private final java.util.Map<String, Double> plainWidths = new java.util.HashMap<>();
    private final javafx.scene.text.Text measure = new javafx.scene.text.Text();

    /** The width of a text at a font size, measured once at 10 px and scaled. */
    private double width(String text, boolean bold, double size) {
        var cache = bold ? boldWidths : plainWidths;
        Double w10 = cache.get(text);
        if (w10 == null) {
            measure.setFont(Font.font(Font.getDefault().getFamily(), bold ? FontWeight.BOLD : FontWeight.NORMAL, 10));
            measure.setText(text);
            w10 = measure.getLayoutBounds().getWidth();
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(text, w10);
        }
        return w10 * size / 10;
    }

    /** Smallest text the overview draws (screen pixels); below it names are left out. */
    static final double MIN_TEXT_PX = 9;
    static final double MAX_TEXT_PX = 12;
    private int texts;

    /** How many pieces of text the last drawing wrote (for tests). */
    int textsDrawn() {
        return texts;
    }

    /** The text cut to {@code room} characters, with an ellipsis when cut. */
    static String elide(String text, int room) {
        if (text.length() <= room) {
            return text;
        }
        return room <= 1 ? "…" : text.substring(0, room - 1) + "…";
    }

    private static void outline(GraphicsContext gc, List<String> visible, double[] rx, double[] ry, double[] rw, double[] rh,
                                Set<String> which, Paint paint, double width) {
        if (which.isEmpty()) {
            return;
        }
        gc.beginPath();
        boolean any = false;
        for (int i = 0; i < rx.length; i++) {
            if (which.contains(visible.get(i))) {
                gc.rect(rx[i], ry[i], rw[i], rh[i]);
                any = true;
            }
        }
        if (any) {
            gc.setStroke(paint);
            gc.setLineWidth(width);
            gc.stroke();
        }
    }
}
