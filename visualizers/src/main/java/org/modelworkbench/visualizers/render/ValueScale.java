package org.modelworkbench.visualizers.render;

/**
 * The values a colour map spans: {@code lo} takes the map's colour at 0, {@code hi} its colour at 1,
 * linearly in between (clamped outside).
 */
public record ValueScale(double lo, double hi) {

    public ValueScale {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || hi < lo) {
            throw new IllegalArgumentException("a value scale needs finite lo <= hi, got " + lo + " … " + hi);
        }
    }

    /**
     * Where {@code v} falls on the map, 0…1 (clamped); NaN for NaN. On a scale of zero width every
     * finite value maps to 0.5.
     */
    public double t(double v) {
        if (Double.isNaN(v)) {
            return Double.NaN;
        }
        if (hi == lo) {
            return 0.5;
        }
        double t = (v - lo) / (hi - lo);
        return t < 0 ? 0 : t > 1 ? 1 : t;
    }
}
