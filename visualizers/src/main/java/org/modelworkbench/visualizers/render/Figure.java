package org.modelworkbench.visualizers.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A figure drawn with Java2D: it knows its size in device pixels and paints itself at the origin.
 * The same pixels serve the GUI (through {@code SwingFXUtils.toFXImage}), the PNG export and the
 * headless command line; nothing here needs a display ({@code java.awt.headless=true} works).
 */
public interface Figure {

    /** Width in device pixels. */
    int width();

    /** Height in device pixels. */
    int height();

    /** Paints the figure with its top-left corner at the origin of {@code g} (background included). */
    void paint(Graphics2D g);

    /** The figure as an ARGB image of {@link #width()} × {@link #height()} pixels. */
    default BufferedImage render() {
        BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            prepare(g);
            paint(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Sets the hints every figure draws with: antialiased shapes and text, fractional text metrics. */
    static void prepare(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }
}
