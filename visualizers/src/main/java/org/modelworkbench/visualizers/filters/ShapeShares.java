package org.modelworkbench.visualizers.filters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.modelworkbench.visualizers.filters.DogTemplates.Template;

/**
 * The shape table of one layer (or several layers pooled): for every signed DoG-family shape the
 * number and share of kernels named after it and their mean score ("how well it explains them"),
 * and the unassigned share. Every table has the same rows in the same order (all templates, + then −,
 * then "unassigned"), so two designs or two training stages compare row by row with
 * {@link #compare}. A <b>workbench definition</b> (views-exact.md §5): share = named kernels /
 * kernels named (kernels with norm &lt; 1e-8 are not named and not counted).
 */
public final class ShapeShares {
    private static final int SHAPES = Template.values().length * 2;

    /** One row of the table. {@code meanScore} is NaN when no kernel has this name. */
    public record Row(String name, int count, double share, double meanScore) {}

    /** One row of a comparison of tables a and b (shares and mean scores; NaN as in {@link Row}). */
    public record Comparison(String name, double shareA, double shareB, double meanScoreA, double meanScoreB) {
        /** {@code shareB − shareA}. */
        public double shareChange() {
            return shareB - shareA;
        }
    }

    private final int[] counts;      // SHAPES + 1 (unassigned last)
    private final double[] scoreSums; // same layout

    private ShapeShares(int[] counts, double[] scoreSums) {
        this.counts = counts;
        this.scoreSums = scoreSums;
    }

    /** The table of a list of names (e.g. one layer's). */
    public static ShapeShares of(List<KernelName> names) {
        int[] counts = new int[SHAPES + 1];
        double[] sums = new double[SHAPES + 1];
        for (KernelName n : names) {
            int row = n.assigned() ? slot(n.template(), n.sign()) : SHAPES;
            counts[row]++;
            sums[row] += n.score();
        }
        return new ShapeShares(counts, sums);
    }

    /** Several tables pooled, as if their kernels had been named together (e.g. a whole model). */
    public static ShapeShares combine(List<ShapeShares> tables) {
        int[] counts = new int[SHAPES + 1];
        double[] sums = new double[SHAPES + 1];
        for (ShapeShares t : tables) {
            for (int i = 0; i <= SHAPES; i++) {
                counts[i] += t.counts[i];
                sums[i] += t.scoreSums[i];
            }
        }
        return new ShapeShares(counts, sums);
    }

    /** A row per shape (and "unassigned") with both tables' shares and mean scores, in table order. */
    public static List<Comparison> compare(ShapeShares a, ShapeShares b) {
        List<Row> ra = a.rows();
        List<Row> rb = b.rows();
        List<Comparison> out = new ArrayList<>(ra.size());
        for (int i = 0; i < ra.size(); i++) {
            out.add(new Comparison(ra.get(i).name(), ra.get(i).share(), rb.get(i).share(),
                    ra.get(i).meanScore(), rb.get(i).meanScore()));
        }
        return out;
    }

    /** Kernels in the table. */
    public int total() {
        return Arrays.stream(counts).sum();
    }

    /** Kernels named after some shape (score ≥ τ). */
    public int assigned() {
        return total() - counts[SHAPES];
    }

    /** assigned / total; NaN for an empty table. */
    public double assignedShare() {
        int t = total();
        return t == 0 ? Double.NaN : assigned() / (double) t;
    }

    /** unassigned / total; NaN for an empty table. */
    public double unassignedShare() {
        int t = total();
        return t == 0 ? Double.NaN : counts[SHAPES] / (double) t;
    }

    /** The row of a name such as "+DoG", "−dx" or "unassigned". */
    public Row row(String name) {
        for (Row r : rows()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no shape named \"" + name + "\"; names are " + rows().stream().map(Row::name).toList());
    }

    /** All rows: each template with + then −, in {@link Template} order, then "unassigned". */
    public List<Row> rows() {
        int t = total();
        List<Row> rows = new ArrayList<>(SHAPES + 1);
        for (Template tp : Template.values()) {
            for (int sign : new int[] {1, -1}) {
                rows.add(row(KernelName.shapeLabel(tp, sign), slot(tp, sign), t));
            }
        }
        rows.add(row(KernelName.UNASSIGNED, SHAPES, t));
        return rows;
    }

    private Row row(String name, int slot, int total) {
        int c = counts[slot];
        return new Row(name, c, total == 0 ? Double.NaN : c / (double) total, c == 0 ? Double.NaN : scoreSums[slot] / c);
    }

    private static int slot(Template t, int sign) {
        return t.ordinal() * 2 + (sign >= 0 ? 0 : 1);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ShapeShares[n=").append(total());
        for (Row r : rows()) {
            if (r.count() > 0) {
                sb.append(String.format(java.util.Locale.ROOT, ", %s %.1f%%", r.name(), 100 * r.share()));
            }
        }
        return sb.append(']').toString();
    }
}
