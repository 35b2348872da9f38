package org.modelworkbench.visualizers.render;

import java.awt.Color;
import java.awt.Font;

/**
 * How figures look: fonts, sizes, colours and margins. The default {@link #LIGHT} is print-friendly
 * (white background, near-black text, thin grey grid) so a PNG goes into a paper as it is.
 *
 * <p>Sizes are in logical pixels; {@link #scale()} multiplies every size (fonts, margins, lines and
 * the map areas of the figures) so {@code LIGHT.withScale(2)} draws the same figure at twice the
 * resolution, e.g. for a 300-dpi print of a figure designed at 150 dpi. Colours are 0xAARRGGBB.
 *
 * @param fontFamily a font family; the default is Java's logical {@code SansSerif}, present everywhere
 * @param titleSize  title font size, logical pixels
 * @param labelSize  axis-label, legend and caption font size, logical pixels
 * @param tickSize   tick-label and cell-number font size, logical pixels
 * @param background the figure's background
 * @param text       text and tick colour
 * @param axis       axis lines and frames
 * @param grid       grid lines inside plots
 * @param margin     the space around a figure's content, logical pixels
 * @param scale      the factor applied to every size (DPI scale), greater than 0
 */
public record Theme(String fontFamily, double titleSize, double labelSize, double tickSize, int background, int text,
        int axis, int grid, int margin, double scale) {

    /** White background, dark text, 13/11/10-pixel fonts, 1× scale. */
    public static final Theme LIGHT = new Theme(Font.SANS_SERIF, 13, 11, 10, 0xffffffff, 0xff222222, 0xff444444,
            0xffe3e3e3, 10, 1);

    public Theme {
        if (fontFamily == null || fontFamily.isBlank()) {
            throw new IllegalArgumentException("a theme needs a font family");
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("theme scale must be a positive number, got " + scale);
        }
        if (!(titleSize > 0) || !(labelSize > 0) || !(tickSize > 0) || margin < 0) {
            throw new IllegalArgumentException("font sizes must be positive and the margin not negative");
        }
    }

    /** This theme at another scale factor (e.g. 2 for a high-DPI export). */
    public Theme withScale(double newScale) {
        return new Theme(fontFamily, titleSize, labelSize, tickSize, background, text, axis, grid, margin, newScale);
    }

    /** {@code logical} pixels at this theme's scale, rounded; at least 1 when {@code logical} is positive. */
    public int px(double logical) {
        int p = (int) Math.round(logical * scale);
        return logical > 0 ? Math.max(1, p) : p;
    }

    /** A line width of {@code logical} pixels at this scale (not rounded). */
    public float stroke(double logical) {
        return (float) (logical * scale);
    }

    public Font titleFont() {
        return new Font(fontFamily, Font.BOLD, 1).deriveFont((float) (titleSize * scale));
    }

    public Font labelFont() {
        return new Font(fontFamily, Font.PLAIN, 1).deriveFont((float) (labelSize * scale));
    }

    public Font tickFont() {
        return new Font(fontFamily, Font.PLAIN, 1).deriveFont((float) (tickSize * scale));
    }

    /** An AWT colour for an 0xAARRGGBB value. */
    static Color color(int argb) {
        return new Color(argb, true);
    }
}
