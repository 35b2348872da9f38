package org.modelworkbench.visualizers.render;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.util.List;
import org.modelworkbench.visualizers.curves.AxisTicks;

/**
 * The frame of a 2-D plot shared by {@link LineChart} and {@link ScatterFigure}: a y axis with nice
 * ticks and grid lines, an x axis that is numeric (nice ticks) or categorical (one tick per name,
 * labels turned 45° when they would collide, and only every k-th written when even turned ones
 * would), axis labels, and the mapping from data to pixels.
 */
final class Axes {
    final AxisTicks y;
    final AxisTicks x;            // null when categorical
    final List<String> categories; // null when numeric
    final String xLabel;
    final String yLabel;
    final Theme theme;
    final boolean rotate;
    /** Every how many categories a label is written (1 unless turned labels would overlap). */
    final int step;
    /** Room the axes need outside the plot rectangle, device pixels. */
    final int left;
    final int bottom;
    Rectangle plot;

    Axes(AxisTicks x, List<String> categories, AxisTicks y, String xLabel, String yLabel, Theme theme, int plotWidth) {
        this.x = x;
        this.categories = categories;
        this.y = y;
        this.xLabel = xLabel == null ? "" : xLabel;
        this.yLabel = yLabel == null ? "" : yLabel;
        this.theme = theme;
        Font tf = theme.tickFont();
        Font lf = theme.labelFont();
        double yTickW = 0;
        for (double v : y.values()) {
            yTickW = Math.max(yTickW, Text.width(tf, y.label(v)));
        }
        double leftNeed = yTickW + theme.px(8) + (this.yLabel.isEmpty() ? 0 : Text.height(lf) + theme.px(4));
        double tickH = Text.height(tf);
        double labelsH = tickH;
        boolean turn = false;
        if (categories != null && !categories.isEmpty()) {
            double slot = (double) plotWidth / categories.size();
            double widest = Text.maxWidth(tf, categories);
            turn = widest > slot - theme.px(4);
            if (turn) {
                labelsH = widest * Math.sin(Math.PI / 4) + tickH;
                // A turned label reaches left of its tick by its width · cos 45°; keep the first inside.
                leftNeed = Math.max(leftNeed, widest * Math.cos(Math.PI / 4) - slot / 2);
            }
        }
        this.left = (int) Math.ceil(leftNeed);
        this.rotate = turn;
        int every = 1;
        if (turn) {
            double slot = (double) plotWidth / categories.size();
            every = (int) Math.max(1, Math.ceil(tickH / (slot * Math.sin(Math.PI / 4))));
        }
        this.step = every;
        this.bottom = (int) Math.ceil(labelsH + theme.px(8) + (this.xLabel.isEmpty() ? 0 : Text.height(lf) + theme.px(4)));
    }

    double px(double vx) {
        if (categories != null) {
            return plot.x + (vx + 0.5) * plot.width / Math.max(1, categories.size());
        }
        return plot.x + (vx - x.min()) / (x.max() - x.min()) * plot.width;
    }

    double py(double vy) {
        if (y.log()) {
            double lo = Math.log10(y.min());
            double hi = Math.log10(y.max());
            return plot.y + plot.height - (Math.log10(vy) - lo) / (hi - lo) * plot.height;
        }
        return plot.y + plot.height - (vy - y.min()) / (y.max() - y.min()) * plot.height;
    }

    /** Data x at pixel column {@code px} (numeric axes). */
    double dataX(double pixel) {
        return x.min() + (pixel - plot.x) / plot.width * (x.max() - x.min());
    }

    void paint(Graphics2D g) {
        Font tf = theme.tickFont();
        Font lf = theme.labelFont();
        g.setStroke(new BasicStroke(theme.stroke(1)));
        for (double v : y.values()) {
            double yy = py(v);
            g.setColor(Theme.color(theme.grid()));
            g.draw(new Line2D.Double(plot.x, yy, plot.x + plot.width, yy));
            g.setColor(Theme.color(theme.text()));
            Text.draw(g, tf, y.label(v), plot.x - theme.px(6), yy, 1, 0.5);
        }
        double tickTop = plot.y + plot.height;
        if (categories != null) {
            for (int i = 0; i < categories.size(); i++) {
                double xx = px(i);
                g.setColor(Theme.color(theme.axis()));
                g.draw(new Line2D.Double(xx, tickTop, xx, tickTop + theme.px(4)));
                g.setColor(Theme.color(theme.text()));
                if (i % step != 0) {
                    continue;
                }
                if (rotate) {
                    Text.drawRotated(g, tf, categories.get(i), xx, tickTop + theme.px(6), -45, 1, 0.5);
                } else {
                    Text.draw(g, tf, categories.get(i), xx, tickTop + theme.px(6), 0.5, 0);
                }
            }
        } else {
            for (double v : x.values()) {
                double xx = px(v);
                g.setColor(Theme.color(theme.grid()));
                g.draw(new Line2D.Double(xx, plot.y, xx, plot.y + plot.height));
                g.setColor(Theme.color(theme.text()));
                Text.draw(g, tf, x.label(v), xx, tickTop + theme.px(6), 0.5, 0);
            }
        }
        g.setColor(Theme.color(theme.axis()));
        g.draw(new Rectangle(plot));
        g.setColor(Theme.color(theme.text()));
        if (!xLabel.isEmpty()) {
            Text.draw(g, lf, xLabel, plot.x + plot.width / 2.0, plot.y + plot.height + bottom, 0.5, 1);
        }
        if (!yLabel.isEmpty()) {
            Text.drawRotated(g, lf, yLabel, plot.x - left, plot.y + plot.height / 2.0, -90, 0.5, 0);
        }
    }
}
