package org.modelworkbench.visualizers.curves;

import java.util.Arrays;

/**
 * The points of one curve, appended in order of x (a step or an epoch): growable arrays of x and
 * y, so a series of 100,000 points costs two arrays and no boxing. A y that is NaN or infinite is
 * kept (the point exists) but never drawn. Not thread-safe: fill it on the thread that draws it.
 */
public final class SeriesBuffer {
    private double[] xs;
    private double[] ys;
    private int size;

    public SeriesBuffer() {
        this(64);
    }

    public SeriesBuffer(int capacity) {
        xs = new double[Math.max(4, capacity)];
        ys = new double[xs.length];
    }

    /** Appends a point; x must be a number no smaller than the last one. */
    public void add(double x, double y) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("x of point " + size + " is " + x + ": a curve's x must be a finite number");
        }
        if (size > 0 && x < xs[size - 1]) {
            throw new IllegalArgumentException("x of point " + size + " is " + x + ", before the previous point's "
                    + xs[size - 1] + ": points are appended in order of x");
        }
        if (size == xs.length) {
            int grown = xs.length + (xs.length >> 1);
            xs = Arrays.copyOf(xs, grown);
            ys = Arrays.copyOf(ys, grown);
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public double x(int i) {
        check(i);
        return xs[i];
    }

    public double y(int i) {
        check(i);
        return ys[i];
    }

    /** The last x (NaN when empty). */
    public double lastX() {
        return size == 0 ? Double.NaN : xs[size - 1];
    }

    /** The backing x array: read-only, valid up to {@link #size()}. */
    double[] xArray() {
        return xs;
    }

    /** The backing y array: read-only, valid up to {@link #size()}. */
    double[] yArray() {
        return ys;
    }

    /** A copy of the x values. */
    public double[] xs() {
        return Arrays.copyOf(xs, size);
    }

    /** A copy of the y values. */
    public double[] ys() {
        return Arrays.copyOf(ys, size);
    }

    public void clear() {
        size = 0;
    }

    /**
     * The index of the point whose x is nearest to {@code x} among those with a finite y (ties: the
     * earlier one); -1 when there is none.
     */
    public int nearest(double x) {
        if (size == 0) {
            return -1;
        }
        int lo = 0;
        int hi = size - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        // lo: the first point at or after x. Look both ways for the nearest drawable point.
        int before = lo - 1;
        while (before >= 0 && !Double.isFinite(ys[before])) {
            before--;
        }
        int after = lo;
        while (after < size && !Double.isFinite(ys[after])) {
            after++;
        }
        if (before < 0) {
            return after < size ? after : -1;
        }
        if (after >= size) {
            return before;
        }
        return x - xs[before] <= xs[after] - x ? before : after;
    }

    private void check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("point " + i + " of a series of " + size);
        }
    }
}
