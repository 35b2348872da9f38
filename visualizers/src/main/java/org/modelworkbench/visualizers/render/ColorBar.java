package org.modelworkbench.visualizers.render;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.modelworkbench.visualizers.color.ColorMap;
import org.modelworkbench.visualizers.curves.AxisTicks;

/**
 * A vertical colour bar: the colour map from its top colour (at {@code scale.hi}, top row) to its
 * bottom colour (at {@code scale.lo}, bottom row), nice ticks with labels on the right, and an
 * optional label written upwards beside them. Used inside heat-map and matrix figures, or on its own.
 */
public final class ColorBar implements Figure {
    private final ColorMap map;
    private final ValueScale scale;
    private final String label;
    private final Theme theme;
    private final int length;
    private final int thickness;
    private final int pad;
    private final List<Double> ticks;
    private final List<String> tickLabels;
    private final int width;

    /**
     * @param map    the colour map
     * @param scale  the values at its ends
     * @param label  what the values are (may be null or empty)
     * @param length the bar's length in device pixels
     * @param theme  fonts and sizes
     */
    public ColorBar(ColorMap map, ValueScale scale, String label, int length, Theme theme) {
        if (length < 2) {
            throw new IllegalArgumentException("a colour bar needs a length of at least 2 pixels, got " + length);
        }
        this.map = map;
        this.scale = scale;
        this.label = label == null ? "" : label;
        this.theme = theme;
        this.length = length;
        this.thickness = theme.px(14);
        Font tick = theme.tickFont();
        this.pad = (int) Math.ceil(Text.height(tick) / 2);
        this.ticks = new ArrayList<>();
        this.tickLabels = new ArrayList<>();
        if (scale.hi() == scale.lo()) {
            ticks.add(scale.lo());
            tickLabels.add(AxisTicks.compact(scale.lo()));
        } else {
            int n = Math.max(2, Math.min(8, length / theme.px(36)));
            AxisTicks t = AxisTicks.linear(scale.lo(), scale.hi(), n);
            double eps = (scale.hi() - scale.lo()) * 1e-9;
            for (double v : t.values()) {
                if (v >= scale.lo() - eps && v <= scale.hi() + eps) {
                    ticks.add(v);
                    tickLabels.add(t.label(v));
                }
            }
        }
        double w = thickness + theme.px(4) + theme.px(3) + Text.maxWidth(tick, tickLabels);
        if (!this.label.isEmpty()) {
            w += theme.px(6) + Text.height(theme.labelFont());
        }
        this.width = (int) Math.ceil(w);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return length + 2 * pad;
    }

    /** The bar's rectangle in this figure's coordinates. */
    public Rectangle barBounds() {
        return new Rectangle(0, pad, thickness, length);
    }

    /** The values ticked, from low to high. */
    public List<Double> ticks() {
        return List.copyOf(ticks);
    }

    @Override
    public void paint(Graphics2D g) {
        g.setColor(Theme.color(theme.background()));
        g.fillRect(0, 0, width(), height());
        paintAt(g, 0, 0);
    }

    /**
     * A one-pixel frame just outside the rectangle (x, y, w, h), unantialiased, so the pixels inside
     * keep their exact colours.
     */
    static void outline(Graphics2D g, int x, int y, int w, int h) {
        Object aa = g.getRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_OFF);
        g.fillRect(x - 1, y - 1, w + 2, 1);
        g.fillRect(x - 1, y + h, w + 2, 1);
        g.fillRect(x - 1, y, 1, h);
        g.fillRect(x + w, y, 1, h);
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, aa);
    }

    /** Paints the bar (no background) with its top-left corner at (x, y). */
    void paintAt(Graphics2D g, int x, int y) {
        int by = y + pad;
        BufferedImage bar = new BufferedImage(thickness, length, BufferedImage.TYPE_INT_ARGB);
        for (int r = 0; r < length; r++) {
            int c = map.argb(1 - (double) r / (length - 1));
            for (int k = 0; k < thickness; k++) {
                bar.setRGB(k, r, c);
            }
        }
        g.drawImage(bar, x, by, null);
        g.setColor(Theme.color(theme.axis()));
        outline(g, x, by, thickness, length);
        g.setStroke(new BasicStroke(theme.stroke(0.8)));
        Font tick = theme.tickFont();
        g.setColor(Theme.color(theme.text()));
        double tickLen = theme.px(4);
        for (int i = 0; i < ticks.size(); i++) {
            double ty = by + (length - 1) * (1 - (scale.hi() == scale.lo() ? 0.5 : scale.t(ticks.get(i))));
            g.draw(new Line2D.Double(x + thickness, ty, x + thickness + tickLen, ty));
            Text.draw(g, tick, tickLabels.get(i), x + thickness + tickLen + theme.px(3), ty, 0, 0.5);
        }
        if (!label.isEmpty()) {
            Font lf = theme.labelFont();
            double lx = x + width - Text.height(lf);
            Text.drawRotated(g, lf, Text.fit(lf, label, length), lx, by + length / 2.0, -90, 0.5, 0);
        }
    }
}
