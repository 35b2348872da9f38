package org.modelworkbench.visualizers.render;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.AffineTransform;

/**
 * Measuring and placing text the same way at layout time and at paint time (antialiased, fractional
 * metrics), without a screen: layouts are computed before any image exists.
 */
final class Text {
    static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private Text() {
    }

    static double width(Font font, String s) {
        return s == null || s.isEmpty() ? 0 : font.getStringBounds(s, FRC).getWidth();
    }

    /** Ascent plus descent: the height a line of text takes. */
    static double height(Font font) {
        LineMetrics m = font.getLineMetrics("Xg", FRC);
        return m.getAscent() + m.getDescent();
    }

    static double ascent(Font font) {
        return font.getLineMetrics("Xg", FRC).getAscent();
    }

    /** The widest of {@code strings}. */
    static double maxWidth(Font font, Iterable<String> strings) {
        double w = 0;
        for (String s : strings) {
            w = Math.max(w, width(font, s));
        }
        return w;
    }

    /**
     * Draws {@code s} so that the point (x, y) sits at the fraction {@code ax} of its width (0 left,
     * 0.5 centre, 1 right) and {@code ay} of its height (0 top, 0.5 middle, 1 bottom).
     */
    static void draw(Graphics2D g, Font font, String s, double x, double y, double ax, double ay) {
        if (s == null || s.isEmpty()) {
            return;
        }
        g.setFont(font);
        double w = width(font, s);
        double h = height(font);
        g.drawString(s, (float) (x - ax * w), (float) (y - ay * h + ascent(font)));
    }

    /**
     * Draws {@code s} rotated by {@code degrees} (counter-clockwise negative, as Java2D turns) about
     * (x, y), anchored there as {@link #draw} anchors unrotated text.
     */
    static void drawRotated(Graphics2D g, Font font, String s, double x, double y, double degrees, double ax,
            double ay) {
        AffineTransform saved = g.getTransform();
        g.rotate(Math.toRadians(degrees), x, y);
        draw(g, font, s, x, y, ax, ay);
        g.setTransform(saved);
    }

    /** A string shortened with an ellipsis to fit {@code maxWidth}. */
    static String fit(Font font, String s, double maxWidth) {
        if (s == null || width(font, s) <= maxWidth) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && width(font, t + "…") > maxWidth) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }
}
