package org.modelworkbench.visualizers.color;

import java.util.List;
import java.util.stream.IntStream;
import javafx.scene.paint.Color;

/**
 * Colour maps for values scaled to 0…1, interpolated linearly in sRGB between evenly spaced stops
 * taken from matplotlib's and ColorBrewer's tables:
 * <ul>
 *   <li>{@link #VIRIDIS}: perceptually uniform, readable in grey and by most colour-blind readers,
 *       for heat-maps over anything;</li>
 *   <li>{@link #BLUES}: white to dark blue, for counts such as a confusion matrix, where zero should
 *       look empty;</li>
 *   <li>{@link #RDBU}: diverging, for signed values (kernels, differences): blue at 0, white at
 *       exactly 0.5, red at 1 (matplotlib's {@code RdBu_r}, so positive values read warm, with the
 *       centre made pure white);</li>
 *   <li>{@link #MAGMA}: perceptually uniform black → purple → pale yellow, for spectra and other
 *       magnitudes where a dark background helps the bright peaks stand out.</li>
 * </ul>
 *
 * <p>The stops are held as plain sRGB integers, so {@link #argb(double)} (used by the Java2D
 * figures and the headless command line) needs no JavaFX toolkit; {@link #at(double)} gives the same
 * colour as a JavaFX {@link Color} for the views.
 */
public enum ColorMap {
    VIRIDIS(0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725),
    BLUES(0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c, 0x08306b),
    RDBU(0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xffffff, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b,
            0x67001f),
    MAGMA(0x000004, 0x1c1044, 0x4f127b, 0x812581, 0xb5367a, 0xe55064, 0xfb8761, 0xfec287, 0xfcfdbf);

    /** The stops as 0xRRGGBB, from 0 to 1 (evenly spaced). */
    private final int[] rgb;

    ColorMap(int... rgb) {
        this.rgb = rgb;
    }

    /** The stops, from 0 to 1 (evenly spaced). */
    public List<Color> stops() {
        return IntStream.of(rgb).mapToObj(c -> Color.rgb((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff)).toList();
    }

    /** The colour at {@code t} (clamped to 0…1; NaN gives the colour at 0). */
    public Color at(double t) {
        double[] c = components(t);
        return new Color(c[0], c[1], c[2], 1);
    }

    /**
     * The colour at {@code t} as an opaque 0xAARRGGBB integer (the same colour as {@link #at(double)},
     * each channel rounded to 8 bits), for Java2D images. Clamped to 0…1; NaN gives the colour at 0.
     */
    public int argb(double t) {
        if (!(t > 0)) {
            return 0xff000000 | rgb[0];
        }
        if (t >= 1) {
            return 0xff000000 | rgb[rgb.length - 1];
        }
        double p = t * (rgb.length - 1);
        int i = (int) p;
        double f = p - i;
        int a = rgb[i];
        int b = rgb[i + 1];
        return 0xff000000 | mix(a >> 16, b >> 16, f) << 16 | mix(a >> 8, b >> 8, f) << 8 | mix(a, b, f);
    }

    private static int mix(int a, int b, double f) {
        a &= 0xff;
        b &= 0xff;
        return (int) Math.round(a + (b - a) * f);
    }

    /** Red, green and blue in 0…1 at {@code t}, interpolated as {@link Color#interpolate} does. */
    private double[] components(double t) {
        if (!(t > 0)) {
            t = 0;
        } else if (t > 1) {
            t = 1;
        }
        double p = t * (rgb.length - 1);
        int i = Math.min((int) p, rgb.length - 2);
        double f = p - i;
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            int shift = 16 - 8 * k;
            double a = ((rgb[i] >> shift) & 0xff) / 255.0;
            double b = ((rgb[i + 1] >> shift) & 0xff) / 255.0;
            out[k] = f == 0 ? a : f == 1 ? b : a + (b - a) * f;
        }
        return out;
    }

    /**
     * Black or white, whichever reads better on {@code background} (by its relative luminance,
     * as WCAG defines it).
     */
    public static Color textOn(Color background) {
        return luminance(background.getRed(), background.getGreen(), background.getBlue()) > 0.179
                ? Color.BLACK : Color.WHITE;
    }

    /**
     * Opaque black or white (0xAARRGGBB), whichever reads better on the colour {@code argb}: the
     * same rule as {@link #textOn(Color)}, for Java2D figures.
     */
    public static int textOnArgb(int argb) {
        double l = luminance(((argb >> 16) & 0xff) / 255.0, ((argb >> 8) & 0xff) / 255.0, (argb & 0xff) / 255.0);
        return l > 0.179 ? 0xff000000 : 0xffffffff;
    }

    private static double luminance(double r, double g, double b) {
        // Contrast with white (1.05 / (l + 0.05)) against contrast with black ((l + 0.05) / 0.05).
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
