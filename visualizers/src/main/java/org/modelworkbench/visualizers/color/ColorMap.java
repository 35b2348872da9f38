package org.modelworkbench.visualizers.color;

import java.util.List;
import javafx.scene.paint.Color;

/**
 * Colour maps for values scaled to 0…1, interpolated between a few stops taken from matplotlib's
 * tables: {@link #VIRIDIS} (perceptually uniform, readable in grey and by most colour-blind readers,
 * for heat-maps over anything) and {@link #BLUES} (white to dark blue, for counts such as a
 * confusion matrix, where zero should look empty).
 */
public enum ColorMap {
    VIRIDIS("#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"),
    BLUES("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b");

    private final List<Color> stops;

    ColorMap(String... hex) {
        this.stops = java.util.Arrays.stream(hex).map(Color::web).toList();
    }

    /** The stops, from 0 to 1 (evenly spaced). */
    public List<Color> stops() {
        return stops;
    }

    /** The colour at {@code t} (clamped to 0…1; NaN gives the colour at 0). */
    public Color at(double t) {
        if (!(t > 0)) {
            return stops.get(0);
        }
        if (t >= 1) {
            return stops.get(stops.size() - 1);
        }
        double p = t * (stops.size() - 1);
        int i = (int) Math.floor(p);
        return stops.get(i).interpolate(stops.get(i + 1), p - i);
    }

    /**
     * Black or white, whichever reads better on {@code background} (by its relative luminance,
     * as WCAG defines it).
     */
    public static Color textOn(Color background) {
        double l = 0.2126 * linear(background.getRed()) + 0.7152 * linear(background.getGreen())
                + 0.0722 * linear(background.getBlue());
        // Contrast with white (1.05 / (l + 0.05)) against contrast with black ((l + 0.05) / 0.05).
        return l > 0.179 ? Color.BLACK : Color.WHITE;
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
