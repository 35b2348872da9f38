package org.modelworkbench.editor.overlay;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javafx.scene.paint.Color;

/**
 * Maps a value to a colour: a domain (min … max, linear or logarithmic) onto a ramp of colour stops.
 * {@link #sequential} ramps from dark to light (viridis: readable in grey and by most colour-blind
 * readers) for magnitudes; {@link #diverging} runs blue – white – red around a centre value for
 * signed quantities. Values beyond the domain take the end colours.
 */
public final class ColorScale {
    /** How values are spaced along the ramp. */
    public enum Mapping { LINEAR, LOG }

    /** matplotlib's viridis at nine even stops. */
    public static final List<Color> VIRIDIS = stops("#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c",
            "#28ae80", "#5ec962", "#addc30", "#fde725");
    /** Blue – white – red (ColorBrewer's RdBu, reversed so that large is red). */
    public static final List<Color> BLUE_WHITE_RED = stops("#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7",
            "#ef8a62", "#b2182b");

    private final List<Color> colors;
    private final double min;
    private final double max;
    private final Mapping mapping;
    private final double center;

    /**
     * @param colors  the ramp from the lowest value to the highest (at least two)
     * @param min     the value drawn in the first colour
     * @param max     the value drawn in the last colour (not below min)
     * @param mapping linear, or logarithmic (then min must be positive)
     * @param center  for a diverging ramp, the value drawn in its middle colour; NaN for none
     */
    public ColorScale(List<Color> colors, double min, double max, Mapping mapping, double center) {
        if (colors == null || colors.size() < 2) {
            throw new IllegalArgumentException("a colour scale needs at least two colours");
        }
        if (!Double.isFinite(min) || !Double.isFinite(max) || max < min) {
            throw new IllegalArgumentException("colour scale domain " + min + " … " + max + " is not a finite range");
        }
        if (mapping == Mapping.LOG && !(min > 0)) {
            throw new IllegalArgumentException("a logarithmic colour scale needs a positive minimum, not " + min);
        }
        if (!Double.isNaN(center) && (center < min || center > max)) {
            throw new IllegalArgumentException("colour scale centre " + center + " is outside " + min + " … " + max);
        }
        this.colors = List.copyOf(colors);
        this.min = min;
        this.max = max;
        this.mapping = Objects.requireNonNull(mapping);
        this.center = center;
    }

    /** Dark to light (viridis) over min … max. */
    public static ColorScale sequential(double min, double max, Mapping mapping) {
        return new ColorScale(VIRIDIS, min, max, mapping, Double.NaN);
    }

    /** Blue below {@code center}, white at it, red above; linear on each side. */
    public static ColorScale diverging(double min, double center, double max) {
        return new ColorScale(BLUE_WHITE_RED, min, max, Mapping.LINEAR, center);
    }

    /**
     * A sequential scale fitted to the finite values (and, for a log scale, the positive ones);
     * 0 … 1 (log: 0.001 … 1) when there are none.
     */
    public static ColorScale fit(Collection<Double> values, Mapping mapping) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Double v : values) {
            if (v != null && Double.isFinite(v) && (mapping != Mapping.LOG || v > 0)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            return sequential(mapping == Mapping.LOG ? 1e-3 : 0, 1, mapping);
        }
        return sequential(lo, hi, mapping);
    }

    public List<Color> colors() {
        return colors;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public Mapping mapping() {
        return mapping;
    }

    /** The centre of a diverging scale; NaN for a sequential one. */
    public double center() {
        return center;
    }

    /**
     * Where a value lies on the ramp, 0 … 1 (clamped). A domain of one value puts it at 1; on a log
     * scale a value that is not positive lies at 0. NaN stays NaN.
     */
    public double position(double v) {
        if (Double.isNaN(v)) {
            return Double.NaN;
        }
        if (v >= max) {
            return 1;
        }
        if (v <= min) {
            return 0;
        }
        if (!Double.isNaN(center)) {
            return v < center ? 0.5 * (v - min) / (center - min) : 0.5 + 0.5 * (v - center) / (max - center);
        }
        if (mapping == Mapping.LOG) {
            return (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min));
        }
        return (v - min) / (max - min);
    }

    /** The colour of a value (NaN: null, it has none). */
    public Color colorOf(double v) {
        double t = position(v);
        return Double.isNaN(t) ? null : colorAt(t);
    }

    /** The ramp's colour at a position 0 … 1. */
    public Color colorAt(double t) {
        if (!(t > 0)) {
            return colors.get(0);
        }
        if (t >= 1) {
            return colors.get(colors.size() - 1);
        }
        double p = t * (colors.size() - 1);
        int i = (int) Math.floor(p);
        return colors.get(i).interpolate(colors.get(i + 1), p - i);
    }

    /** The colour of the highest values. */
    public Color top() {
        return colors.get(colors.size() - 1);
    }

    /** The colour of the lowest values. */
    public Color bottom() {
        return colors.get(0);
    }

    /**
     * Black-ish or white text, whichever reads better on {@code background} (by its relative
     * luminance, as WCAG defines it).
     */
    public static boolean isDark(Color background) {
        double l = 0.2126 * linear(background.getRed()) + 0.7152 * linear(background.getGreen())
                + 0.0722 * linear(background.getBlue());
        return l <= 0.179;
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static List<Color> stops(String... hex) {
        return java.util.Arrays.stream(hex).map(Color::web).toList();
    }
}
