package org.modelworkbench.visualizers.render;

import org.modelworkbench.visualizers.io.Csv;
import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.modelworkbench.visualizers.curves.AxisTicks;

/**
 * Several named series over x for a paper figure: relative log amplitude across depth, mean
 * attention distance per head across depth, radial spectra, ERF ratios.
 *
 * <p>x is either categorical (layer names, one tick each, labels turned 45° when they would
 * collide; each series has one y per category) or numeric (each series has its own x values).
 * Axes take nice ticks ({@link AxisTicks}); y spans the data unless a range is given. NaN y values
 * leave a gap. Series take {@link Palette} colours, and markers (a shape per series, so the figure
 * reads in grey print) unless switched off. The legend sits right of the plot.
 */
public final class LineChart implements Figure {

    /** One named series; {@code x} is null on a categorical chart. */
    public record Series(String name, double[] x, double[] y) {
    }

    private final List<Series> series;
    private final Theme theme;
    private final String title;
    private final boolean markers;
    private final Axes axes;
    private final int legendX;
    private final int width;
    private final int height;

    private LineChart(Builder b) {
        if (b.series.isEmpty()) {
            throw new IllegalArgumentException("a line chart needs at least one series");
        }
        this.series = List.copyOf(b.series);
        this.theme = b.theme;
        this.title = b.title == null ? "" : b.title;
        this.markers = b.markers;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double xlo = Double.POSITIVE_INFINITY;
        double xhi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.y().length; i++) {
                double v = s.y()[i];
                if (Double.isFinite(v) && (!b.logY || v > 0)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    if (s.x() != null) {
                        xlo = Math.min(xlo, s.x()[i]);
                        xhi = Math.max(xhi, s.x()[i]);
                    }
                }
            }
        }
        if (!Double.isNaN(b.yLo)) {
            lo = b.yLo;
            hi = b.yHi;
        } else if (lo > hi) {
            lo = b.logY ? 1 : 0;
            hi = b.logY ? 10 : 1;
        }
        AxisTicks yTicks = b.logY ? AxisTicks.log(lo, hi) : AxisTicks.linear(lo, hi, Math.max(3, theme.px(b.plotH) / theme.px(40)));
        AxisTicks xTicks = null;
        if (b.categories == null) {
            if (xlo > xhi) {
                xlo = 0;
                xhi = 1;
            }
            xTicks = AxisTicks.linear(xlo, xhi, Math.max(3, theme.px(b.plotW) / theme.px(70)));
        }
        int pw = theme.px(b.plotW);
        int ph = theme.px(b.plotH);
        this.axes = new Axes(xTicks, b.categories, yTicks, b.xLabel, b.yLabel, theme, pw);
        int m = theme.px(theme.margin());
        Font tf = theme.titleFont();
        int titleH = title.isEmpty() ? 0 : (int) Math.ceil(Text.height(tf)) + theme.px(8);
        int top = m + titleH + (int) Math.ceil(Text.height(theme.tickFont()) / 2);
        axes.plot = new Rectangle(m + axes.left, top, pw, ph);
        Font lf = theme.labelFont();
        double legendW = 0;
        for (Series s : series) {
            legendW = Math.max(legendW, Text.width(lf, s.name()));
        }
        this.legendX = axes.plot.x + pw + theme.px(14);
        double legendH = series.size() * (Text.height(lf) + theme.px(4));
        this.width = (int) Math.ceil(Math.max(legendX + theme.px(28) + legendW + m, Text.width(tf, title) + 2 * m));
        this.height = (int) Math.ceil(Math.max(top + ph + axes.bottom, top + legendH) + m);
    }

    /** A chart over categories (e.g. layer names); each series then gives one y per category. */
    public static Builder categorical(List<String> categories) {
        Objects.requireNonNull(categories, "categories");
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("a categorical chart needs at least one category");
        }
        return new Builder(List.copyOf(categories));
    }

    /** A chart over numeric x; each series gives its own x and y. */
    public static Builder numeric() {
        return new Builder(null);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** The plot rectangle (inside the axes), in figure pixels. */
    public Rectangle plotBounds() {
        return new Rectangle(axes.plot);
    }

    /** Where point {@code i} of series {@code s} is drawn, in figure pixels. */
    public Point2D pixelOf(int s, int i) {
        if (s < 0 || s >= series.size()) {
            throw new IllegalArgumentException("series " + s + " of " + series.size());
        }
        Series se = series.get(s);
        if (i < 0 || i >= se.y().length) {
            throw new IllegalArgumentException("point " + i + " of " + se.y().length + " in series '" + se.name() + "'");
        }
        return new Point2D.Double(axes.px(se.x() == null ? i : se.x()[i]), axes.py(se.y()[i]));
    }

    /** The y axis's ticks. */
    public List<Double> yTicks() {
        return axes.y.values();
    }

    /**
     * The numbers behind the chart. Categorical: one row per category, a column per series
     * ({@code category, <series 1>, <series 2>, …}). Numeric: a long table {@code series, x, y}.
     */
    public Csv csv() {
        if (axes.categories != null) {
            List<String> header = new ArrayList<>();
            header.add("category");
            series.forEach(s -> header.add(s.name()));
            Csv csv = Csv.withHeader(header);
            for (int i = 0; i < axes.categories.size(); i++) {
                Object[] row = new Object[series.size() + 1];
                row[0] = axes.categories.get(i);
                for (int s = 0; s < series.size(); s++) {
                    row[s + 1] = series.get(s).y()[i];
                }
                csv.add(row);
            }
            return csv;
        }
        Csv csv = Csv.withHeader("series", "x", "y");
        for (Series s : series) {
            for (int i = 0; i < s.y().length; i++) {
                csv.add(s.name(), s.x()[i], s.y()[i]);
            }
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
        Shape clip = g.getClip();
        Rectangle p = axes.plot;
        int slack = theme.px(6);
        g.clipRect(p.x - slack, p.y - slack, p.width + 2 * slack, p.height + 2 * slack);
        double r = theme.stroke(3);
        for (int s = 0; s < series.size(); s++) {
            Series se = series.get(s);
            g.setColor(Theme.color(Palette.color(s)));
            g.setStroke(new BasicStroke(theme.stroke(1.6), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Double path = new Path2D.Double();
            boolean pen = false;
            for (int i = 0; i < se.y().length; i++) {
                double v = se.y()[i];
                if (!Double.isFinite(v) || (axes.y.log() && v <= 0)) {
                    pen = false;
                    continue;
                }
                Point2D q = pixelOf(s, i);
                if (pen) {
                    path.lineTo(q.getX(), q.getY());
                } else {
                    path.moveTo(q.getX(), q.getY());
                    pen = true;
                }
            }
            g.draw(path);
            if (markers) {
                for (int i = 0; i < se.y().length; i++) {
                    double v = se.y()[i];
                    if (Double.isFinite(v) && !(axes.y.log() && v <= 0)) {
                        Point2D q = pixelOf(s, i);
                        Palette.draw(g, Palette.marker(s), q.getX(), q.getY(), r);
                    }
                }
            }
        }
        g.setClip(clip);
        Font lf = theme.labelFont();
        double lh = Text.height(lf) + theme.px(4);
        for (int s = 0; s < series.size(); s++) {
            double cy = p.y + s * lh + lh / 2;
            g.setColor(Theme.color(Palette.color(s)));
            g.setStroke(new BasicStroke(theme.stroke(1.6)));
            g.draw(new Line2D.Double(legendX, cy, legendX + theme.px(20), cy));
            if (markers) {
                Palette.draw(g, Palette.marker(s), legendX + theme.px(10), cy, r);
            }
            g.setColor(Theme.color(theme.text()));
            Text.draw(g, lf, series.get(s).name(), legendX + theme.px(26), cy, 0, 0.5);
        }
    }

    /** Settings for a {@link LineChart}. */
    public static final class Builder {
        private final List<String> categories;
        private final List<Series> series = new ArrayList<>();
        private Theme theme = Theme.LIGHT;
        private String title;
        private String xLabel;
        private String yLabel;
        private boolean markers = true;
        private boolean logY;
        private double yLo = Double.NaN;
        private double yHi = Double.NaN;
        private int plotW = 360;
        private int plotH = 220;

        private Builder(List<String> categories) {
            this.categories = categories;
        }

        /** A series over the categories: one y per category (NaN for a gap). */
        public Builder series(String name, double[] y) {
            if (categories == null) {
                throw new IllegalArgumentException("series '" + name + "' has no x values; a numeric chart needs them");
            }
            if (y.length != categories.size()) {
                throw new IllegalArgumentException("series '" + name + "' has " + y.length + " values for "
                        + categories.size() + " categories");
            }
            series.add(new Series(name, null, y.clone()));
            return this;
        }

        /** A series of points (x[i], y[i]) on a numeric chart. */
        public Builder series(String name, double[] x, double[] y) {
            if (categories != null) {
                throw new IllegalArgumentException("series '" + name + "' gives x values on a categorical chart");
            }
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values and " + y.length + " y values");
            }
            for (double v : x) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("series '" + name + "' has a non-finite x value " + v);
                }
            }
            series.add(new Series(name, x.clone(), y.clone()));
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

        /** Markers at every point (default on). */
        public Builder markers(boolean on) {
            this.markers = on;
            return this;
        }

        /** A logarithmic y axis (values ≤ 0 are left out). */
        public Builder logY(boolean on) {
            this.logY = on;
            return this;
        }

        /** A fixed y range (widened to nice ticks); by default y spans the data. */
        public Builder yRange(double lo, double hi) {
            if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
                throw new IllegalArgumentException("y range needs finite lo < hi, got " + lo + " … " + hi);
            }
            this.yLo = lo;
            this.yHi = hi;
            return this;
        }

        /** The plot area's size in logical pixels (default 360 × 220). */
        public Builder size(int plotWidth, int plotHeight) {
            if (plotWidth < 20 || plotHeight < 20) {
                throw new IllegalArgumentException("plot size must be at least 20 × 20, got " + plotWidth + " × " + plotHeight);
            }
            this.plotW = plotWidth;
            this.plotH = plotHeight;
            return this;
        }

        public LineChart build() {
            return new LineChart(this);
        }
    }

    @Override
    public String toString() {
        return "LineChart" + Arrays.toString(series.stream().map(Series::name).toArray());
    }
}
