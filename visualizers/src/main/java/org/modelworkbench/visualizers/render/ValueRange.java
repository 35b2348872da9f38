package org.modelworkbench.visualizers.render;

/**
 * How a figure chooses the values its colour map spans: the data's minimum to maximum
 * ({@link #auto()}), symmetric about zero ±max|v| for signed data on a diverging map
 * ({@link #symmetric()}), or fixed bounds ({@link #fixed(double, double)}, e.g. 0…1 for CKA so two
 * figures compare). NaN values are ignored when the range is taken from data.
 */
public record ValueRange(Kind kind, double lo, double hi) {

    public enum Kind { AUTO, SYMMETRIC, FIXED }

    public ValueRange {
        if (kind == Kind.FIXED && !(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
            throw new IllegalArgumentException("a fixed value range needs finite bounds lo < hi, got " + lo + " … " + hi);
        }
    }

    /** The data's minimum to maximum. */
    public static ValueRange auto() {
        return new ValueRange(Kind.AUTO, Double.NaN, Double.NaN);
    }

    /** −max|v| … +max|v|, so zero falls on the middle of the map (white on {@code RDBU}). */
    public static ValueRange symmetric() {
        return new ValueRange(Kind.SYMMETRIC, Double.NaN, Double.NaN);
    }

    /** Exactly {@code lo … hi}; values outside take the end colours. */
    public static ValueRange fixed(double lo, double hi) {
        return new ValueRange(Kind.FIXED, lo, hi);
    }

    /**
     * The scale for {@code values}. Data with no finite value gives 0…1; data whose finite values are
     * all equal gives a scale of zero width (every value then maps to the middle of the map).
     */
    public ValueScale resolve(float[] values) {
        if (kind == Kind.FIXED) {
            return new ValueScale(lo, hi);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        // NaN fails both comparisons, so it never enters; infinities are excluded below.
        if (Double.isInfinite(min) || Double.isInfinite(max)) {
            min = Double.POSITIVE_INFINITY;
            max = Double.NEGATIVE_INFINITY;
            for (float v : values) {
                if (Float.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (min > max) {
                return new ValueScale(0, 1);
            }
        }
        if (kind == Kind.SYMMETRIC) {
            double a = Math.max(Math.abs(min), Math.abs(max));
            return new ValueScale(-a, a);
        }
        return new ValueScale(min, max);
    }
}
