package org.modelworkbench.visualizers.views.attention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelworkbench.visualizers.color.ColorMap;
import org.modelworkbench.visualizers.mamba.HiddenAttention;
import org.modelworkbench.visualizers.mamba.VMambaDirections;
import org.modelworkbench.visualizers.render.Cell;
import org.modelworkbench.visualizers.render.HeatmapFigure;
import org.modelworkbench.visualizers.render.MatrixFigure;
import org.modelworkbench.visualizers.render.ValueRange;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.Picker;

/**
 * The panels of a selective scan (views-exact §4): the hidden attention of a query position over the
 * image, per direction or aggregated as VMamba's analysis does, and the whole L×L matrix when it is
 * small enough to read.
 */
final class MambaPanels {
    /** Longest sequence whose L×L matrix is drawn. */
    static final int MATRIX_LIMIT = 400;

    private MambaPanels() {
    }

    /** What one render needs about the chosen scan. */
    private record Scan(int directions, int height, int width, int channels, ScanOrder order) {
        int length() {
            return height * width;
        }
    }

    static List<Panel> render(Context ctx) {
        Scan s = scan(ctx);
        int direction = ctx.options().direction();
        if (direction >= s.directions()) {
            throw new IllegalArgumentException("option 'direction' is " + direction + " but " + ctx.layer().name()
                    + " scans " + s.directions() + (s.directions() == 1 ? " direction (0" : " directions (0…" + (s.directions() - 1))
                    + ", all or nall)");
        }
        int head = ctx.head(s.channels(), "channels");
        List<Panel> panels = new ArrayList<>();
        panels.add(hidden(ctx, s, direction, head));
        if (s.length() <= MATRIX_LIMIT) {
            panels.add(matrix(ctx, s, direction, head));
        }
        return panels;
    }

    private static Scan scan(Context ctx) {
        int k = ctx.integer(AttentionBundle.DIRECTIONS);
        int h = ctx.integer(AttentionBundle.HEIGHT);
        int w = ctx.integer(AttentionBundle.WIDTH);
        FloatTensor delta = ctx.tensor(AttentionBundle.DELTA);
        if (delta.rank() != 4 || delta.dim(1) != k || delta.dim(3) != h * w) {
            throw new IllegalArgumentException("Δ of " + ctx.layer().name() + " must be (B,K,D,L) with K = " + k + " and L = "
                    + h + "·" + w + ", got " + Arrays.toString(delta.shape()));
        }
        if (ctx.image() >= delta.dim(0)) {
            throw new IllegalArgumentException("image " + ctx.image() + " is outside the " + delta.dim(0) + " images of "
                    + ctx.layer().name());
        }
        ScanOrder order = ctx.cache().get("scan-order:" + ctx.layer().index(), () -> new ScanOrder(k, h, w));
        return new Scan(k, h, w, delta.dim(2), order);
    }

    /** Direction k's hidden attention in the chosen mode (cached: building it checks every input). */
    private static HiddenAttention attention(Context ctx, int k) {
        HiddenAttention.Mode mode = ctx.options().mode();
        return ctx.cache().get("hidden:" + ctx.layer().index() + ":" + k + ":" + mode, () -> HiddenAttention.of(
                slice(ctx.tensor(AttentionBundle.DELTA), k), sliceA(ctx.tensor(AttentionBundle.A_MATRIX), k),
                slice(ctx.tensor(AttentionBundle.B_MATRIX), k), slice(ctx.tensor(AttentionBundle.C_MATRIX), k)).withMode(mode));
    }

    /** (B, K, X, L) → direction k's (B, X, L). */
    static FloatTensor slice(FloatTensor t, int k) {
        int[] s = t.shape();
        if (s.length != 4 || k >= s[1]) {
            throw new IllegalArgumentException("scan tensor must be (B,K,X,L) with direction " + k + " < K, got "
                    + Arrays.toString(s));
        }
        int block = s[2] * s[3];
        float[] out = new float[s[0] * block];
        for (int b = 0; b < s[0]; b++) {
            System.arraycopy(t.values(), (b * s[1] + k) * block, out, b * block, block);
        }
        return FloatTensor.of(out, s[0], s[2], s[3]);
    }

    /** A (K, D, S) → direction k's (D, S). */
    static FloatTensor sliceA(FloatTensor a, int k) {
        if (a.rank() != 3 || k >= a.dim(0)) {
            throw new IllegalArgumentException("A must be (K,D,S) with direction " + k + " < K, got " + Arrays.toString(a.shape()));
        }
        return a.select(k);
    }

    /** Direction k's (L, L) matrix of the chosen channel or the channel mean, in its own scan order. */
    private static FloatTensor directionMatrix(Context ctx, int k, int head) {
        return ctx.cache().get("matrix:" + ctx.layer().index() + ":" + k + ":" + ctx.options().mode() + ":" + ctx.image()
                + ":" + head, () -> head < 0 ? attention(ctx, k).channelMean(ctx.image())
                : attention(ctx, k).channel(ctx.image(), head));
    }

    /** "all" or "nall" over the scan's directions, row-major on both axes (L, L). */
    private static FloatTensor aggregate(Context ctx, Scan s, int direction, int head) {
        return ctx.cache().get("aggregate:" + ctx.layer().index() + ":" + direction + ":" + ctx.options().mode() + ":"
                + ctx.image() + ":" + head, () -> {
                    List<FloatTensor> maps = new ArrayList<>();
                    for (int k = 0; k < s.directions(); k++) {
                        // short scans keep each direction's matrix for the matrix panel; long ones only the aggregate
                        float[] m = (s.length() <= MATRIX_LIMIT ? directionMatrix(ctx, k, head)
                                : head < 0 ? attention(ctx, k).channelMean(ctx.image())
                                : attention(ctx, k).channel(ctx.image(), head)).values();
                        maps.add(FloatTensor.of(s.order().toRowMajor(k, m, s.length()), s.length(), s.length()));
                    }
                    return direction == AttentionOptions.ALL ? VMambaDirections.all(maps) : VMambaDirections.nall(maps);
                });
    }

    private static String directionText(Scan s, int direction) {
        if (direction == AttentionOptions.ALL) {
            return s.directions() + (s.directions() == 1 ? " direction" : " directions") + ", min–max of their sum";
        }
        if (direction == AttentionOptions.NALL) {
            return "mean of " + s.directions() + " min–max maps";
        }
        String[] names = s.directions() == 4 ? new String[] {"row-major", "column-major", "row-major reversed",
                "column-major reversed"} : new String[] {"row-major", "row-major reversed"};
        return "direction " + direction + " (" + names[direction] + ")";
    }

    private static String shortDirection(Scan s, int direction) {
        return direction == AttentionOptions.ALL ? "all " + s.directions() + " directions"
                : direction == AttentionOptions.NALL ? "nall (" + s.directions() + " directions)" : "direction " + direction;
    }

    static Panel hidden(Context ctx, Scan s, int direction, int head) {
        Cell q = ctx.query(s.height(), s.width());
        int cell = q.row() * s.width() + q.col();
        float[] row;
        if (direction >= 0) {
            int position = s.order().position(direction, cell);
            HiddenAttention a = attention(ctx, direction);
            FloatTensor r = head < 0 ? a.queryRow(ctx.image(), position) : a.queryRow(ctx.image(), position, head);
            row = s.order().toRowMajor(direction, r.values());
        } else {
            FloatTensor agg = aggregate(ctx, s, direction, head);
            row = Arrays.copyOfRange(agg.values(), cell * s.length(), (cell + 1) * s.length());
        }
        FloatTensor map = FloatTensor.of(row, s.height(), s.width());
        // The query's own weight α_ii (no decay) can dwarf the rest, and a min–max over the whole matrix can
        // squash one row: the scale spans this row without the query cell, which is outlined anyway.
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < row.length; i++) {
            if (i != cell && Float.isFinite(row[i])) {
                lo = Math.min(lo, row[i]);
                hi = Math.max(hi, row[i]);
            }
        }
        double reach = Math.max(Math.abs(lo), Math.abs(hi));
        ValueRange range = !(hi > lo) ? (direction >= 0 ? ValueRange.symmetric() : ValueRange.fixed(0, 1))
                : direction >= 0 ? ValueRange.fixed(-reach, reach) : ValueRange.fixed(lo, hi);
        String who = head < 0 ? "mean of " + s.channels() + " channels" : "channel " + head;
        // one direction's α is signed (C·B can be negative) and 0 where not yet scanned: a diverging scale
        // puts that 0 at white; the aggregates are min–max normalised to 0…1
        HeatmapFigure fig = VitPanels.overImage(ctx, map, HeatmapFigure.Interpolation.NEAREST)
                .colorMap(direction >= 0 ? ColorMap.RDBU : ColorMap.VIRIDIS)
                .range(range)
                .marker(q.row(), q.col())
                .title(ctx.layer().name() + " · hidden attention of (" + q.row() + ", " + q.col() + ") · "
                        + shortDirection(s, direction) + " · " + ctx.options().mode().name().replace("WITHOUT_DELTA_J", "CwBw")
                        .replace("FULL", "CwBdtw") + " · " + (head < 0 ? "channel mean" : "channel " + head) + " · "
                        + ctx.imageLabel())
                .colorBar(direction >= 0 ? "α (hidden attention)" : "α, min–max normalised").build();
        String caption = "A selective scan is a causal linear attention (Ali, Zimerman & Wolf 2024): y_i = Σ_j α_ij x_j "
                + "with α_ij = C_i·exp(Σ_{j<k≤i} Δ_k A)·Δ_j B_j. The map is row i of α for the outlined query over the "
                + s.height() + "×" + s.width() + " map (" + directionText(s, direction) + "; " + ctx.options().modeText()
                + "; " + who + "): how much each position it has already scanned feeds "
                + "it; positions scanned after it get 0; the colour scale spans this row without the query's own weight, "
                + "so that a large α_ii does not wash out the rest" + (direction >= 0 ? " (white: the scale is symmetric, α can be negative)"
                : "") + ". " + (s.directions() == 4 ? "VMamba scans in 4 orders (0 row-major, "
                + "1 column-major, 2 and 3 reversed); 'all' is the min–max of their sum, 'nall' the mean of each min–max "
                + "normalised (VMamba's analysis). " : "") + "Click a position to make it the query.";
        return new Panel("hidden", "Hidden attention of one query", fig, Map.of("", fig.csv()), caption,
                VitPanels.cellPicker(fig));
    }

    static Panel matrix(Context ctx, Scan s, int direction, int head) {
        boolean scanOrder = direction >= 0;
        FloatTensor m = scanOrder ? directionMatrix(ctx, direction, head) : aggregate(ctx, s, direction, head);
        String who = head < 0 ? "mean of " + s.channels() + " channels" : "channel " + head;
        String axis = scanOrder ? "position in direction " + direction + "'s scan order" : "row-major position r·"
                + s.width() + " + c";
        MatrixFigure fig = MatrixFigure.builder(m).numbers(false)
                .colorMap(scanOrder ? ColorMap.RDBU : ColorMap.VIRIDIS)
                .range(scanOrder ? ValueRange.symmetric() : ValueRange.fixed(0, 1))
                .title(ctx.layer().name() + " · hidden attention α (" + s.length() + "×" + s.length() + ") · "
                        + shortDirection(s, direction) + " · " + ctx.options().mode().name().replace("WITHOUT_DELTA_J", "CwBw")
                        .replace("FULL", "CwBdtw") + " · " + (head < 0 ? "channel mean" : "channel " + head))
                .yLabel("query: " + axis).xLabel("key: " + axis)
                .colorBar(scanOrder ? "α" : "α, min–max normalised").build();
        String caption = scanOrder
                ? "The whole hidden attention matrix of one direction in its own scan order, as in Ali et al.'s figures: "
                + "lower triangular (causal), the diagonal the current token's own input, decay along each row showing "
                + "how far back the state remembers. Click a row to make that position the query."
                : "The aggregated hidden attention over all directions, queries and keys indexed row-major over the map "
                + "(r·W + c): no longer triangular, since some direction reaches every pair. Click a row to make that "
                + "position the query.";
        caption += " Shown: " + directionText(s, direction) + "; " + ctx.options().modeText() + "; " + who + ".";
        Picker picker = new Picker() {
            @Override
            public Optional<Cell> queryAt(double x, double y) {
                return fig.cellAt(x, y).map(c -> {
                    int cell = scanOrder ? s.order().cell(direction, c.row()) : c.row();
                    return new Cell(cell / s.width(), cell % s.width());
                });
            }
        };
        return new Panel("matrix", "Hidden attention matrix", fig, Map.of("", fig.csv()), caption, picker);
    }
}
