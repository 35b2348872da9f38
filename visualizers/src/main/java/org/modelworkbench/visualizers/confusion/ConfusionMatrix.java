package org.modelworkbench.visualizers.confusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A classifier's confusion matrix: {@code count(actual, predicted)} test images, with the class
 * names, and what is read from it: accuracy, each class's accuracy (the share of its images
 * predicted right, i.e. its recall), the matrix normalised per row (per actual class), and the
 * most frequent confusions.
 */
public final class ConfusionMatrix {
    private final int[][] counts;
    private final List<String> classes;
    private final long[] rowTotals;
    private final long[] columnTotals;
    private final long total;
    private final long correct;

    /**
     * @param counts  {@code counts[actual][predicted]}: square, non-negative
     * @param classes the class names, one per row; null or empty: "0", "1", …
     * @throws IllegalArgumentException naming the row, cell or count that is wrong
     */
    public ConfusionMatrix(int[][] counts, List<String> classes) {
        if (counts == null || counts.length == 0) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class");
        }
        int n = counts.length;
        this.counts = new int[n][];
        for (int a = 0; a < n; a++) {
            if (counts[a] == null || counts[a].length != n) {
                throw new IllegalArgumentException("confusion matrix row " + a + " has "
                        + (counts[a] == null ? 0 : counts[a].length) + " counts, expected " + n + " (one per class)");
            }
            for (int p = 0; p < n; p++) {
                if (counts[a][p] < 0) {
                    throw new IllegalArgumentException("confusion matrix count at actual " + a + ", predicted " + p
                            + " is negative (" + counts[a][p] + ")");
                }
            }
            this.counts[a] = counts[a].clone();
        }
        if (classes == null || classes.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                names.add(Integer.toString(i));
            }
            this.classes = List.copyOf(names);
        } else if (classes.size() != n) {
            throw new IllegalArgumentException(classes.size() + " class names for a " + n + "×" + n + " confusion matrix");
        } else {
            this.classes = List.copyOf(classes);
        }
        rowTotals = new long[n];
        columnTotals = new long[n];
        long t = 0;
        long c = 0;
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                rowTotals[a] += this.counts[a][p];
                columnTotals[p] += this.counts[a][p];
            }
            t += rowTotals[a];
            c += this.counts[a][a];
        }
        total = t;
        correct = c;
    }

    public int classCount() {
        return counts.length;
    }

    public List<String> classes() {
        return classes;
    }

    public String className(int i) {
        return classes.get(i);
    }

    public int count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** Images of the class (its row's sum). */
    public long actualTotal(int actual) {
        return rowTotals[actual];
    }

    /** Images predicted as the class (its column's sum). */
    public long predictedTotal(int predicted) {
        return columnTotals[predicted];
    }

    public long total() {
        return total;
    }

    public long correct() {
        return correct;
    }

    /** Share of all images predicted right; NaN for an empty matrix. */
    public double accuracy() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** Share of the actual class's images predicted as {@code predicted}; NaN when the class has no images. */
    public double rowFraction(int actual, int predicted) {
        return rowTotals[actual] == 0 ? Double.NaN : (double) counts[actual][predicted] / rowTotals[actual];
    }

    /** The class's accuracy (recall): its images predicted as itself; NaN when it has none. */
    public double classAccuracy(int actual) {
        return rowFraction(actual, actual);
    }

    /** Of the images predicted as the class, the share that are of it; NaN when none was. */
    public double precision(int predicted) {
        return columnTotals[predicted] == 0 ? Double.NaN : (double) counts[predicted][predicted] / columnTotals[predicted];
    }

    /** Every row divided by its sum (a row of a class without images stays all zero). */
    public double[][] rowNormalised() {
        int n = counts.length;
        double[][] out = new double[n][n];
        for (int a = 0; a < n; a++) {
            if (rowTotals[a] > 0) {
                for (int p = 0; p < n; p++) {
                    out[a][p] = (double) counts[a][p] / rowTotals[a];
                }
            }
        }
        return out;
    }

    /** One cell in words: "actual Shirt predicted as T-shirt/top: 112 (11.2 %)". */
    public String describe(int actual, int predicted) {
        double f = rowFraction(actual, predicted);
        String share = Double.isNaN(f) ? "no images of this class" : String.format(Locale.ROOT, "%.1f %%", f * 100);
        String text = "actual " + classes.get(actual) + " predicted as " + classes.get(predicted) + ": "
                + counts[actual][predicted] + " (" + share + ")";
        return actual == predicted ? text + " — correct" : text;
    }

    /** One confusion: a count of images of one class predicted as another. */
    public record Confusion(int actual, int predicted, int count) {
    }

    /** The {@code k} most frequent confusions (off the diagonal, non-zero), most frequent first. */
    public List<Confusion> mostConfused(int k) {
        List<Confusion> all = new ArrayList<>();
        for (int a = 0; a < counts.length; a++) {
            for (int p = 0; p < counts.length; p++) {
                if (a != p && counts[a][p] > 0) {
                    all.add(new Confusion(a, p, counts[a][p]));
                }
            }
        }
        all.sort(Comparator.comparingInt(Confusion::count).reversed()
                .thenComparingInt(Confusion::actual).thenComparingInt(Confusion::predicted));
        return List.copyOf(all.subList(0, Math.min(Math.max(0, k), all.size())));
    }
}
