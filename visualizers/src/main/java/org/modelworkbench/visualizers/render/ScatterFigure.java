package org.modelworkbench.visualizers.render;

import org.modelworkbench.visualizers.io.Csv;
import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.modelworkbench.visualizers.curves.AxisTicks;

/**
 * Points in 2-D (an embedding of features or kernels) coloured by category — class or cluster —
 * with a legend naming the categories, and optionally some points highlighted (ringed and drawn on
 * top). Each category takes a {@link Palette} colour and marker shape. {@link #pointAt} maps a
 * click back to the nearest point within a few pixels.
 */
public final class ScatterFigure implements Figure {
    private final double[] x;
    private final double[] y;
    private final int[] category;
    private final List<String> names;
    private final boolean[] highlighted;
    private final Theme theme;
    private final String title;
    private final Axes axes;
    private final double radius;
    private final int legendX;
    private final int width;
    private final int height;

    private ScatterFigure(Builder b) {
        this.x = b.x;
        this.y = b.y;
        this.category = b.category;
        this.names = b.names;
        this.highlighted = b.highlighted;
        this.theme = b.theme;
        this.title = b.title == null ? "" : b.title;
        this.radius = theme.stroke(b.pointRadius);
        double xlo = Double.POSITIVE_INFINITY;
        double xhi = Double.NEGATIVE_INFINITY;
        double ylo = Double.POSITIVE_INFINITY;
        double yhi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            xlo = Math.min(xlo, x[i]);
            xhi = Math.max(xhi, x[i]);
            ylo = Math.min(ylo, y[i]);
            yhi = Math.max(yhi, y[i]);
        }
        if (x.length == 0) {
            xlo = ylo = 0;
            xhi = yhi = 1;
        }
        int pw = theme.px(b.plotW);
        int ph = theme.px(b.plotH);
        AxisTicks xt = AxisTicks.linear(xlo, xhi, Math.max(3, pw / theme.px(70)));
        AxisTicks yt = AxisTicks.linear(ylo, yhi, Math.max(3, ph / theme.px(40)));
        this.axes = new Axes(xt, null, yt, b.xLabel, b.yLabel, theme, pw);
        int m = theme.px(theme.margin());
        Font tf = theme.titleFont();
        int titleH = title.isEmpty() ? 0 : (int) Math.ceil(Text.height(tf)) + theme.px(8);
        int top = m + titleH + (int) Math.ceil(Text.height(theme.tickFont()) / 2);
        axes.plot = new Rectangle(m + axes.left, top, pw, ph);
        Font lf = theme.labelFont();
        this.legendX = axes.plot.x + pw + theme.px(14);
        double legendW = names == null ? 0 : Text.maxWidth(lf, names) + theme.px(20);
        double legendH = names == null ? 0 : names.size() * (Text.height(lf) + theme.px(4));
        this.width = (int) Math.ceil(Math.max(names == null ? axes.plot.x + pw + m : legendX + legendW + m,
                Text.width(tf, title) + 2 * m));
        this.height = (int) Math.ceil(Math.max(top + ph + axes.bottom, top + legendH) + m);
    }

    /** A builder for points (x[i], y[i]), all finite. */
    public static Builder builder(double[] x, double[] y) {
        return new Builder(x, y);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** The plot rectangle, in figure pixels. */
    public Rectangle plotBounds() {
        return new Rectangle(axes.plot);
    }

    /** Where point {@code i} is drawn, in figure pixels. */
    public Point2D pixelOf(int i) {
        if (i < 0 || i >= x.length) {
            throw new IllegalArgumentException("point " + i + " of " + x.length);
        }
        return new Point2D.Double(axes.px(x[i]), axes.py(y[i]));
    }

    /**
     * The point nearest the figure pixel (px, py) if it lies within its marker plus a few pixels;
     * empty otherwise. A highlighted point in reach wins, as it is drawn on top.
     */
    public OptionalInt pointAt(double px, double py) {
        double reach = radius + theme.px(3);
        int hit = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            double dx = axes.px(x[i]) - px;
            double dy = axes.py(y[i]) - py;
            double d = dx * dx + dy * dy;
            if (d > reach * reach) {
                continue;
            }
            boolean better = hit < 0 || highlighted[i] && !highlighted[hit]
                    || highlighted[i] == highlighted[hit] && d < best;
            if (better) {
                best = d;
                hit = i;
            }
        }
        return hit < 0 ? OptionalInt.empty() : OptionalInt.of(hit);
    }

    /** The numbers behind the figure: {@code index, x, y, category, highlighted}, one row per point. */
    public Csv csv() {
        Csv csv = Csv.withHeader("index", "x", "y", "category", "highlighted");
        for (int i = 0; i < x.length; i++) {
            String c = category == null ? "" : names.get(category[i]);
            csv.add(i, x[i], y[i], c, highlighted[i]);
        }
        return csv;
    }

    @Override
    public void paint(Graphics2D g) {
        g.setColor(Theme.color(theme.background()));
        g.fillRect(0, 0, width, height);
        int m = theme.px(theme.margin());
        if (!title.isEmpty()) {
            g.setColor(Theme.color(theme.text()));
            Text.draw(g, theme.titleFont(), title, m, m, 0, 0);
        }
        axes.paint(g);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < x.length; i++) {
                if (highlighted[i] != (pass == 1)) {
                    continue;
                }
                int c = category == null ? 0 : category[i];
                double cx = axes.px(x[i]);
                double cy = axes.py(y[i]);
                if (pass == 1) {
                    double rr = radius * 2;
                    g.setColor(Theme.color(theme.text()));
                    g.setStroke(new BasicStroke(theme.stroke(1.5)));
                    g.draw(new Ellipse2D.Double(cx - rr, cy - rr, 2 * rr, 2 * rr));
                }
                g.setColor(Theme.color(Palette.color(c)));
                Palette.draw(g, Palette.marker(c), cx, cy, radius);
            }
        }
        if (names != null) {
            Font lf = theme.labelFont();
            double lh = Text.height(lf) + theme.px(4);
            for (int k = 0; k < names.size(); k++) {
                double cy = axes.plot.y + k * lh + lh / 2;
                g.setColor(Theme.color(Palette.color(k)));
                Palette.draw(g, Palette.marker(k), legendX + theme.px(6), cy, radius);
                g.setColor(Theme.color(theme.text()));
                Text.draw(g, lf, names.get(k), legendX + theme.px(16), cy, 0, 0.5);
            }
        }
    }

    /** Settings for a {@link ScatterFigure}. */
    public static final class Builder {
        private final double[] x;
        private final double[] y;
        private int[] category;
        private List<String> names;
        private final boolean[] highlighted;
        private Theme theme = Theme.LIGHT;
        private String title;
        private String xLabel;
        private String yLabel;
        private double pointRadius = 3;
        private int plotW = 320;
        private int plotH = 320;

        private Builder(double[] x, double[] y) {
            if (x.length != y.length) {
                throw new IllegalArgumentException(x.length + " x values and " + y.length + " y values");
            }
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                    throw new IllegalArgumentException("point " + i + " (" + x[i] + ", " + y[i] + ") is not finite");
                }
            }
            this.x = x.clone();
            this.y = y.clone();
            this.highlighted = new boolean[x.length];
        }

        /**
         * The category of each point (0-based, one per point) and the categories' names for the
         * legend (every category index must have a name).
         */
        public Builder categories(int[] categoryOfPoint, List<String> categoryNames) {
            if (categoryOfPoint.length != x.length) {
                throw new IllegalArgumentException(categoryOfPoint.length + " categories for " + x.length + " points");
            }
            for (int i = 0; i < categoryOfPoint.length; i++) {
                int c = categoryOfPoint[i];
                if (c < 0 || c >= categoryNames.size()) {
                    throw new IllegalArgumentException("point " + i + " has category " + c + ", outside the "
                            + categoryNames.size() + " named categories");
                }
            }
            this.category = categoryOfPoint.clone();
            this.names = List.copyOf(categoryNames);
            return this;
        }

        /** Points to ring and draw on top (e.g. the kernels shown in a grid beside). */
        public Builder highlight(int... indices) {
            for (int i : indices) {
                if (i < 0 || i >= x.length) {
                    throw new IllegalArgumentException("highlighted point " + i + " outside 0…" + (x.length - 1));
                }
                highlighted[i] = true;
            }
            return this;
        }

        public Builder theme(Theme t) {
            this.theme = Objects.requireNonNull(t, "theme");
            return this;
        }

        public Builder title(String t) {
            this.title = t;
            return this;
        }

        public Builder xLabel(String l) {
            this.xLabel = l;
            return this;
        }

        public Builder yLabel(String l) {
            this.yLabel = l;
            return this;
        }

        /** The marker's half-size in logical pixels (default 3). */
        public Builder pointRadius(double r) {
            if (!(r > 0)) {
                throw new IllegalArgumentException("point radius must be positive, got " + r);
            }
            this.pointRadius = r;
            return this;
        }

        /** The plot area's size in logical pixels (default 320 × 320). */
        public Builder size(int plotWidth, int plotHeight) {
            if (plotWidth < 20 || plotHeight < 20) {
                throw new IllegalArgumentException("plot size must be at least 20 × 20, got " + plotWidth + " × " + plotHeight);
            }
            this.plotW = plotWidth;
            this.plotH = plotHeight;
            return this;
        }

        public ScatterFigure build() {
            return new ScatterFigure(this);
        }
    }

    @Override
    public String toString() {
        return "ScatterFigure[" + x.length + " points" + (names == null ? "" : ", categories " + Arrays.toString(names.toArray())) + "]";
    }
}
