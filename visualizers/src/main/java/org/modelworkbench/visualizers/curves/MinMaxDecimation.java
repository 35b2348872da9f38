package org.modelworkbench.visualizers.curves;

import java.util.Arrays;

/**
 * Min/max decimation of a curve for a plot {@code columns} pixels wide: the x range is cut into one
 * bucket per pixel column, and of the points in a bucket only the lowest and the highest are kept
 * (in their original order). A line through what is kept covers exactly the pixels the full line
 * would, so every spike and dip stays visible, and at most {@code 2 × columns} points are drawn
 * however long the run; plus the last point before the range and the first after it, so the line
 * runs on to the plot's edges.
 *
 * <p>Incremental: {@link #add} takes points appended since the last call (a live run) and touches
 * only the buckets they fall into; {@link #result()} walks the buckets. Points must come in order
 * of x. Points whose y is not finite (and, with {@code positiveOnly} for a log axis, not positive)
 * are skipped.
 */
public final class MinMaxDecimation {
    private final double x0;
    private final double x1;
    private final int columns;
    private final boolean positiveOnly;
    private final double scale;
    private final int[] minIdx;
    private final int[] maxIdx;
    private final double[] minY;
    private final double[] maxY;
    /** Points are identified by their index in the source; kept to build the result. */
    private double[] srcX = new double[0];
    private double[] srcY = new double[0];
    private int seen;
    private int before = -1;
    private int after = -1;
    private double lastX = Double.NEGATIVE_INFINITY;

    /**
     * @param x0           left edge of the plot (data units)
     * @param x1           right edge, greater than {@code x0}
     * @param columns      pixel columns of the plot (at least 1)
     * @param positiveOnly skip y ≤ 0 (a logarithmic y axis)
     */
    public MinMaxDecimation(double x0, double x1, int columns, boolean positiveOnly) {
        if (!(x1 > x0) || !Double.isFinite(x0) || !Double.isFinite(x1)) {
            throw new IllegalArgumentException("x range " + x0 + " … " + x1 + " is empty or not finite");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("a plot of " + columns + " pixel columns");
        }
        this.x0 = x0;
        this.x1 = x1;
        this.columns = columns;
        this.positiveOnly = positiveOnly;
        this.scale = columns / (x1 - x0);
        minIdx = new int[columns];
        maxIdx = new int[columns];
        Arrays.fill(minIdx, -1);
        Arrays.fill(maxIdx, -1);
        minY = new double[columns];
        maxY = new double[columns];
    }

    /** One-shot: the decimated points of {@code xs, ys} (the first {@code n}) for the range and width. */
    public static Decimated decimate(double[] xs, double[] ys, int n, double x0, double x1, int columns,
                                     boolean positiveOnly) {
        MinMaxDecimation d = new MinMaxDecimation(x0, x1, columns, positiveOnly);
        d.add(xs, ys, n);
        return d.result();
    }

    /** The decimated points of a series for the range and width. */
    public static Decimated decimate(SeriesBuffer series, double x0, double x1, int columns, boolean positiveOnly) {
        return decimate(series.xArray(), series.yArray(), series.size(), x0, x1, columns, positiveOnly);
    }

    public double x0() {
        return x0;
    }

    public double x1() {
        return x1;
    }

    public int columns() {
        return columns;
    }

    public boolean positiveOnly() {
        return positiveOnly;
    }

    /** How many source points have been taken in. */
    public int seen() {
        return seen;
    }

    /** Takes in what the series gained since the last call. */
    public void add(SeriesBuffer series) {
        add(series.xArray(), series.yArray(), series.size());
    }

    /**
     * Takes in points {@code seen() … n-1} of the arrays (the first {@code seen()} must be the
     * points given before: a series that only grows).
     */
    public void add(double[] xs, double[] ys, int n) {
        if (n < seen) {
            throw new IllegalArgumentException("the series shrank from " + seen + " to " + n
                    + " points: decimate it afresh");
        }
        srcX = xs;
        srcY = ys;
        for (int i = seen; i < n; i++) {
            double x = xs[i];
            if (x < lastX) {
                throw new IllegalArgumentException("x of point " + i + " is " + x + ", before the previous point's "
                        + lastX + ": points must come in order of x");
            }
            lastX = x;
            double y = ys[i];
            if (!Double.isFinite(y) || (positiveOnly && y <= 0)) {
                continue;
            }
            if (x < x0) {
                before = i;
                continue;
            }
            if (x > x1) {
                if (after < 0) {
                    after = i;
                }
                continue;
            }
            int c = (int) ((x - x0) * scale);
            if (c >= columns) {
                c = columns - 1;
            }
            if (minIdx[c] < 0) {
                minIdx[c] = i;
                maxIdx[c] = i;
                minY[c] = y;
                maxY[c] = y;
            } else {
                if (y < minY[c]) {
                    minY[c] = y;
                    minIdx[c] = i;
                }
                if (y > maxY[c]) {
                    maxY[c] = y;
                    maxIdx[c] = i;
                }
            }
        }
        seen = n;
    }

    /** The points to draw: per column its lowest and highest point in source order, plus the two neighbours. */
    public Decimated result() {
        int count = (before >= 0 ? 1 : 0) + (after >= 0 ? 1 : 0);
        for (int c = 0; c < columns; c++) {
            if (minIdx[c] >= 0) {
                count += minIdx[c] == maxIdx[c] ? 1 : 2;
            }
        }
        double[] xs = new double[count];
        double[] ys = new double[count];
        int k = 0;
        if (before >= 0) {
            xs[k] = srcX[before];
            ys[k++] = srcY[before];
        }
        for (int c = 0; c < columns; c++) {
            int a = minIdx[c];
            if (a < 0) {
                continue;
            }
            int b = maxIdx[c];
            int first = Math.min(a, b);
            int second = Math.max(a, b);
            xs[k] = srcX[first];
            ys[k++] = srcY[first];
            if (second != first) {
                xs[k] = srcX[second];
                ys[k++] = srcY[second];
            }
        }
        if (after >= 0) {
            xs[k] = srcX[after];
            ys[k++] = srcY[after];
        }
        return new Decimated(xs, ys);
    }

    /**
     * The lowest and highest y kept inside the range, {@code {min, max}}; NaN when no point is
     * inside (for fitting the y axis to what is in view).
     */
    public double[] yExtent() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < columns; c++) {
            if (minIdx[c] >= 0) {
                lo = Math.min(lo, minY[c]);
                hi = Math.max(hi, maxY[c]);
            }
        }
        return lo > hi ? new double[] {Double.NaN, Double.NaN} : new double[] {lo, hi};
    }
}
