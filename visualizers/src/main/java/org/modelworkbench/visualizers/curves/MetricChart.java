package org.modelworkbench.visualizers.curves;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Line;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * A line chart for metrics of long runs (loss, accuracy, a block's gradient norm): several series,
 * x a step or an epoch, optionally a logarithmic y axis, a legend whose items show and hide their
 * series, and a crosshair that names every shown series' value where the pointer is.
 *
 * <p>Drawn on a {@link Canvas}, not with JavaFX's {@code LineChart} (one node per point): each
 * series is decimated to at most two points per pixel column ({@link MinMaxDecimation}), so
 * 100,000 points draw like 1,600. A live run appends to its {@link SeriesBuffer}s and calls
 * {@link #refresh()}: the decimation takes in only the new points (the x axis is widened in whole
 * steps, so it rarely changes), and the drawing is made once per frame however many refreshes
 * came. The crosshair is drawn on a canvas of its own, so moving the pointer never redraws the data.
 *
 * <p>Colours follow the theme: text and grid take the title label's text colour.
 */
public class MetricChart extends Region {
    private static final PseudoClass OFF = PseudoClass.getPseudoClass("off");
    private static final Font TICK_FONT = Font.font(10.5);
    /** Below this many points in view a series also gets a dot per point (a validation curve of a few epochs). */
    private static final int MARKER_LIMIT = 60;

    private final Label title = new Label();
    private final FlowPane legend = new FlowPane(10, 2);
    private final Canvas plot = new Canvas();
    private final Canvas hover = new Canvas();
    private final Label hoverBox = new Label();
    private final ObservableList<ChartSeries> series = FXCollections.observableArrayList();
    private final BooleanProperty logY = new SimpleBooleanProperty(this, "logY");
    private final BooleanProperty percent = new SimpleBooleanProperty(this, "percent");
    private final StringProperty xLabel = new SimpleStringProperty(this, "xLabel", "step");
    private final DoubleProperty xMaxHint = new SimpleDoubleProperty(this, "xMaxHint", Double.NaN);
    private final StringProperty emptyText = new SimpleStringProperty(this, "emptyText", "No data yet");
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private final Map<ChartSeries, MinMaxDecimation> caches = new IdentityHashMap<>();
    private final Map<ChartSeries, Decimated> drawn = new IdentityHashMap<>();
    private final InvalidationListener redraw = o -> refresh();
    /** The listener this chart put on each series' visibility (removed when the series leaves). */
    private final Map<ChartSeries, InvalidationListener> followed = new IdentityHashMap<>();
    private final Text measure = new Text();

    private boolean dirty = true;
    /** The plot rectangle in canvas coordinates, and the axes, as last drawn. */
    private double px0;
    private double py0;
    private double pw;
    private double ph;
    private AxisTicks xTicks;
    private AxisTicks yTicks;

    public MetricChart(String titleText) {
        getStyleClass().add("metric-chart");
        title.setText(titleText);
        title.getStyleClass().add("metric-chart-title");
        title.setStyle("-fx-font-weight: bold;");
        legend.getStyleClass().add("metric-chart-legend");
        legend.setAlignment(Pos.CENTER_RIGHT);
        legend.setRowValignment(VPos.CENTER);
        hoverBox.getStyleClass().add("metric-chart-hover");
        hoverBox.setMouseTransparent(true);
        hoverBox.setVisible(false);
        hoverBox.setManaged(false);
        hoverBox.setStyle("-fx-background-color: -color-bg-overlay, -color-border-default; -fx-background-insets: 0, 0;"
                + " -fx-padding: 4 7 4 7; -fx-background-radius: 4; -fx-border-color: -color-border-default;"
                + " -fx-border-radius: 4; -fx-font-size: 11px; -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.18), 6, 0, 0, 1);");
        hover.setMouseTransparent(true);
        getChildren().addAll(title, legend, plot, hover, hoverBox);
        setMinSize(160, 110);
        setPrefSize(420, 240);

        series.addListener((ListChangeListener<ChartSeries>) c -> seriesChanged());
        logY.addListener(o -> {
            caches.clear();
            refresh();
        });
        percent.addListener(redraw);
        // A theme switch restyles the title: the canvas drawings take its colour again.
        title.textFillProperty().addListener(redraw);
        xLabel.addListener(redraw);
        xMaxHint.addListener(redraw);
        emptyText.addListener(redraw);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> hoverAt(e.getX(), e.getY()));
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> hoverAt(e.getX(), e.getY()));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> clearHover());
    }

    /** The series drawn, in order (later ones on top). */
    public ObservableList<ChartSeries> series() {
        return series;
    }

    public StringProperty titleProperty() {
        return title.textProperty();
    }

    /** A logarithmic y axis (points with y ≤ 0 are then left out). */
    public BooleanProperty logYProperty() {
        return logY;
    }

    /** Values are fractions shown as percentages (accuracy). */
    public BooleanProperty percentProperty() {
        return percent;
    }

    /** What x counts ("step", "epoch"): shown in the axis corner and the crosshair. */
    public StringProperty xLabelProperty() {
        return xLabel;
    }

    /** The x axis reaches at least this far (e.g. a run's total steps); NaN: just past the data. */
    public DoubleProperty xMaxHintProperty() {
        return xMaxHint;
    }

    /** Said in the middle of the chart while no shown series has a point. */
    public StringProperty emptyTextProperty() {
        return emptyText;
    }

    /** What the crosshair says now ("" when the pointer is not over the plot). */
    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    /** Points were appended to (or removed from) the series' buffers: redraw at the next frame. */
    public void refresh() {
        dirty = true;
        requestLayout();
    }

    /** The x axis as last drawn (null before the first drawing with data). */
    public AxisTicks xAxis() {
        return xTicks;
    }

    /** The y axis as last drawn (null before the first drawing with data). */
    public AxisTicks yAxis() {
        return yTicks;
    }

    /** How many points of the series the last drawing drew (0 when hidden or empty). */
    public int drawnPoints(ChartSeries s) {
        Decimated d = drawn.get(s);
        return d == null ? 0 : d.size();
    }

    /** The width of the plot area in pixels, as last drawn. */
    public double plotWidth() {
        return pw;
    }

    /** Where a data point lies in this chart's coordinates, as last drawn (for tests and tools). */
    public javafx.geometry.Point2D toLocal(double x, double y) {
        return new javafx.geometry.Point2D(plot.getLayoutX() + xPixel(x), plot.getLayoutY() + yPixel(y));
    }

    // ------------------------------------------------------------------ series and legend

    private void seriesChanged() {
        followed.forEach((s, l) -> s.visibleProperty().removeListener(l));
        followed.clear();
        java.util.Set<ChartSeries> now = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        now.addAll(series);
        caches.keySet().retainAll(now);
        drawn.keySet().retainAll(now);
        List<javafx.scene.Node> items = new ArrayList<>();
        for (ChartSeries s : series) {
            HBox item = legendItem(s);
            InvalidationListener l = o -> {
                showState(item, s);
                refresh();
            };
            s.visibleProperty().addListener(l);
            followed.put(s, l);
            items.add(item);
        }
        legend.getChildren().setAll(items);
        refresh();
    }

    private HBox legendItem(ChartSeries s) {
        Line sample = new Line(0, 0, 16, 0);
        sample.setStroke(s.color());
        sample.setStrokeWidth(2);
        if (s.dashed()) {
            sample.getStrokeDashArray().setAll(4.0, 3.0);
        }
        Label name = new Label(s.name());
        name.setMnemonicParsing(false);
        name.setStyle("-fx-font-size: 11px;");
        HBox item = new HBox(4, sample, name);
        item.setAlignment(Pos.CENTER_LEFT);
        item.setId("legend-" + s.key());
        item.getStyleClass().add("metric-chart-legend-item");
        item.setStyle("-fx-cursor: hand;");
        Tooltip.install(item, new Tooltip("Click to show or hide " + s.name()));
        item.setOnMouseClicked(e -> s.setVisible(!s.isVisible()));
        showState(item, s);
        return item;
    }

    private static void showState(HBox item, ChartSeries s) {
        item.pseudoClassStateChanged(OFF, !s.isVisible());
        item.setOpacity(s.isVisible() ? 1 : 0.4);
    }

    // ------------------------------------------------------------------ layout and drawing

    @Override
    protected double computePrefHeight(double width) {
        return 240;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        Insets in = getInsets();
        double x = in.getLeft();
        double y = in.getTop();
        double iw = Math.max(0, w - in.getLeft() - in.getRight());
        double ih = Math.max(0, h - in.getTop() - in.getBottom());
        boolean titled = title.getText() != null && !title.getText().isEmpty();
        title.setVisible(titled);
        double tw = titled ? Math.min(iw, title.prefWidth(-1)) : 0;
        double th = titled ? title.prefHeight(tw) : 0;
        // The legend goes beside the title when it fits in one row there, else on rows of its own below.
        double oneRow = 0;
        for (javafx.scene.Node n : legend.getChildren()) {
            oneRow += n.prefWidth(-1) + legend.getHgap();
        }
        double besideW = Math.max(0, iw - tw - (titled ? 12 : 0));
        double header;
        if (legend.getChildren().isEmpty() || oneRow - legend.getHgap() <= besideW) {
            double lh = legend.getChildren().isEmpty() ? 0 : legend.prefHeight(besideW);
            header = Math.max(th, lh) + 4;
            title.resizeRelocate(x, y + (Math.max(th, lh) - th) / 2, tw, th);
            legend.resizeRelocate(x + iw - besideW, y, besideW, lh);
        } else {
            double lh = legend.prefHeight(iw);
            title.resizeRelocate(x, y, tw, th);
            legend.resizeRelocate(x, y + th + (titled ? 2 : 0), iw, lh);
            header = th + (titled ? 2 : 0) + lh + 4;
        }
        double cw = Math.floor(iw);
        double ch = Math.floor(Math.max(0, ih - header));
        if (plot.getWidth() != cw || plot.getHeight() != ch) {
            plot.setWidth(cw);
            plot.setHeight(ch);
            hover.setWidth(cw);
            hover.setHeight(ch);
            dirty = true;
        }
        plot.relocate(x, y + header);
        hover.relocate(x, y + header);
        if (dirty) {
            dirty = false;
            draw();
        }
    }

    private void draw() {
        GraphicsContext gc = plot.getGraphicsContext2D();
        double w = plot.getWidth();
        double h = plot.getHeight();
        gc.clearRect(0, 0, w, h);
        clearHover();
        drawn.clear();
        Color fg = foreground();
        List<ChartSeries> shown = new ArrayList<>();
        double dataMinX = Double.POSITIVE_INFINITY;
        double dataMaxX = Double.NEGATIVE_INFINITY;
        for (ChartSeries s : series) {
            if (s.isVisible() && !s.data().isEmpty()) {
                shown.add(s);
                dataMinX = Math.min(dataMinX, s.data().x(0) * s.xScale());
                dataMaxX = Math.max(dataMaxX, s.data().lastX() * s.xScale());
            }
        }
        if (w < 40 || h < 30) {
            return;
        }
        // The y labels' width decides the left margin; measured on the axis of the previous drawing first.
        double left = 44;
        double right = 10;
        double top = 6;
        double bottom = 20;
        if (shown.isEmpty()) {
            xTicks = null;
            yTicks = null;
            pw = w - left - right;
            ph = h - top - bottom;
            px0 = left;
            py0 = top;
            gc.setFill(fg.deriveColor(0, 1, 1, 0.55));
            gc.setFont(Font.font(12));
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setTextBaseline(VPos.CENTER);
            gc.fillText(emptyText.get(), w / 2, h / 2);
            return;
        }
        double hint = xMaxHint.get();
        double xHi = Double.isFinite(hint) ? Math.max(hint, dataMaxX) : dataMaxX;
        double xLo = Math.min(0, dataMinX);
        for (int pass = 0; pass < 2; pass++) {
            pw = Math.max(10, w - left - right);
            ph = Math.max(10, h - top - bottom);
            px0 = left;
            py0 = top;
            xTicks = AxisTicks.linear(xLo, xHi, (int) Math.max(4, Math.min(11, pw / 80)));
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (ChartSeries s : shown) {
                MinMaxDecimation d = decimation(s, (int) Math.round(pw));
                double[] e = d.yExtent();
                if (!Double.isNaN(e[0])) {
                    lo = Math.min(lo, e[0]);
                    hi = Math.max(hi, e[1]);
                }
            }
            if (lo > hi) {
                yTicks = null;
                gc.setFill(fg.deriveColor(0, 1, 1, 0.55));
                gc.setFont(Font.font(12));
                gc.setTextAlign(TextAlignment.CENTER);
                gc.setTextBaseline(VPos.CENTER);
                gc.fillText(logY.get() ? "No positive values to show on a log scale" : emptyText.get(), w / 2, h / 2);
                return;
            }
            yTicks = logY.get() ? AxisTicks.log(lo, hi) : AxisTicks.linear(lo, hi, (int) Math.max(3, Math.min(8, ph / 34)));
            // Room for the widest y label (and the x axis's name in the corner below them), and for
            // half of the last x label beyond the plot's right edge.
            double need = textWidth(xLabel.get()) + 10;
            for (double v : yTicks.values()) {
                need = Math.max(need, textWidth(yLabel(v)) + 10);
            }
            need = Math.ceil(need);
            double rightNeed = Math.ceil(Math.max(10, textWidth(xTicks.label(xTicks.max())) / 2 + 4));
            if ((Math.abs(need - left) <= 1 && rightNeed == right) || pass == 1) {
                break;
            }
            left = need;
            right = rightNeed;
        }
        drawAxes(gc, fg, w, h);
        gc.save();
        gc.beginPath();
        gc.rect(px0, py0 - 1, pw, ph + 2);
        gc.clip();
        for (ChartSeries s : shown) {
            Decimated d = decimation(s, (int) Math.round(pw)).result();
            drawn.put(s, d);
            drawLine(gc, s, d);
        }
        gc.restore();
    }

    /** The series' decimation for the current x axis and width, brought up to date with its buffer. */
    private MinMaxDecimation decimation(ChartSeries s, int columns) {
        double x0 = xTicks.min() / s.xScale();
        double x1 = xTicks.max() / s.xScale();
        MinMaxDecimation d = caches.get(s);
        if (d == null || d.x0() != x0 || d.x1() != x1 || d.columns() != columns || d.positiveOnly() != logY.get()
                || d.seen() > s.data().size()) {
            d = new MinMaxDecimation(x0, x1, Math.max(1, columns), logY.get());
            caches.put(s, d);
        }
        d.add(s.data());
        return d;
    }

    private void drawAxes(GraphicsContext gc, Color fg, double w, double h) {
        Color grid = fg.deriveColor(0, 1, 1, 0.12);
        Color text = fg.deriveColor(0, 1, 1, 0.7);
        gc.setLineWidth(1);
        gc.setLineDashes((double[]) null);
        gc.setFont(TICK_FONT);
        // Horizontal grid lines and y labels.
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        for (double v : yTicks.values()) {
            double py = Math.round(yPixel(v)) + 0.5;
            gc.setStroke(grid);
            gc.strokeLine(px0, py, px0 + pw, py);
            gc.setFill(text);
            gc.fillText(yLabel(v), px0 - 6, py);
        }
        // Vertical grid lines and x labels.
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.TOP);
        double lastRight = Double.NEGATIVE_INFINITY;
        for (double v : xTicks.values()) {
            double px = Math.round(xPixel(v)) + 0.5;
            gc.setStroke(grid);
            gc.strokeLine(px, py0, px, py0 + ph);
            String label = xTicks.label(v);
            double lw = textWidth(label);
            if (px - lw / 2 > lastRight + 6 && px + lw / 2 <= w) {
                gc.setFill(text);
                gc.fillText(label, px, py0 + ph + 4);
                lastRight = px + lw / 2;
            }
        }
        // The axes' frame: bottom and left lines a little stronger than the grid.
        gc.setStroke(fg.deriveColor(0, 1, 1, 0.35));
        gc.strokeLine(px0 + 0.5, py0, px0 + 0.5, py0 + ph);
        gc.strokeLine(px0, py0 + ph + 0.5, px0 + pw, py0 + ph + 0.5);
        // What x counts, in the corner under the y labels.
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setFill(fg.deriveColor(0, 1, 1, 0.5));
        gc.fillText(xLabel.get(), px0 - 6, py0 + ph + 4);
    }

    private void drawLine(GraphicsContext gc, ChartSeries s, Decimated d) {
        int n = d.size();
        if (n == 0) {
            return;
        }
        double[] xs = d.xs();
        double[] ys = d.ys();
        double k = s.xScale();
        gc.setStroke(s.color());
        gc.setLineWidth(1.6);
        gc.setLineDashes(s.dashed() ? new double[] {6, 4} : null);
        gc.beginPath();
        gc.moveTo(xPixel(xs[0] * k), yPixel(ys[0]));
        for (int i = 1; i < n; i++) {
            gc.lineTo(xPixel(xs[i] * k), yPixel(ys[i]));
        }
        gc.stroke();
        gc.setLineDashes((double[]) null);
        if (n <= MARKER_LIMIT || n == 1) {
            // A dashed series (validation, a point an epoch) gets rings, larger than a solid series'
            // dots: its first point, alone after one epoch, must not pass for a point of the
            // training curve under it.
            gc.setFill(s.dashed() ? s.color().deriveColor(0, 1, 1, 0.3) : s.color());
            gc.setStroke(s.color());
            gc.setLineWidth(1.8);
            for (int i = 0; i < n; i++) {
                double px = xPixel(xs[i] * k);
                double py = yPixel(ys[i]);
                if (s.dashed()) {
                    gc.fillOval(px - 4, py - 4, 8, 8);
                    gc.strokeOval(px - 4, py - 4, 8, 8);
                } else {
                    gc.fillOval(px - 2.5, py - 2.5, 5, 5);
                }
            }
        }
    }

    double xPixel(double x) {
        if (xTicks == null) {
            return px0;
        }
        return px0 + (x - xTicks.min()) / (xTicks.max() - xTicks.min()) * pw;
    }

    double yPixel(double y) {
        if (yTicks == null) {
            return py0 + ph;
        }
        double t;
        if (yTicks.log()) {
            t = (Math.log10(y) - Math.log10(yTicks.min())) / (Math.log10(yTicks.max()) - Math.log10(yTicks.min()));
        } else {
            t = (y - yTicks.min()) / (yTicks.max() - yTicks.min());
        }
        return py0 + ph - t * ph;
    }

    private double xData(double px) {
        return xTicks.min() + (px - px0) / pw * (xTicks.max() - xTicks.min());
    }

    private String yLabel(double v) {
        if (percent.get()) {
            double p = v * 100;
            return (yTicks != null && !yTicks.log() && yTicks.step() * 100 < 1
                    ? String.format(Locale.ROOT, "%.1f", p) : String.format(Locale.ROOT, "%.0f", p)) + " %";
        }
        return yTicks.label(v);
    }

    /** A value as the crosshair says it: four significant digits, or a percentage. */
    public String valueText(double v) {
        if (percent.get()) {
            return String.format(Locale.ROOT, "%.2f %%", v * 100);
        }
        if (v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "");
            s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return s;
    }

    private double textWidth(String s) {
        measure.setFont(TICK_FONT);
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

    private Color foreground() {
        Paint p = title.getTextFill();
        return p instanceof Color c ? c : Color.web("#24292f");
    }

    // ------------------------------------------------------------------ crosshair

    private void hoverAt(double x, double y) {
        double cx = x - plot.getLayoutX();
        double cy = y - plot.getLayoutY();
        if (xTicks == null || yTicks == null || cx < px0 || cx > px0 + pw || cy < py0 - 2 || cy > py0 + ph + 2) {
            clearHover();
            return;
        }
        double dataX = xData(cx);
        GraphicsContext gc = hover.getGraphicsContext2D();
        gc.clearRect(0, 0, hover.getWidth(), hover.getHeight());
        // The x of the point nearest the pointer, over every shown series: the crosshair snaps to it.
        double snapX = Double.NaN;
        for (ChartSeries s : series) {
            if (!s.isVisible()) {
                continue;
            }
            int i = s.data().nearest(dataX / s.xScale());
            if (i >= 0) {
                double sx = s.data().x(i) * s.xScale();
                if (Double.isNaN(snapX) || Math.abs(sx - dataX) < Math.abs(snapX - dataX)) {
                    snapX = sx;
                }
            }
        }
        if (Double.isNaN(snapX)) {
            clearHover();
            return;
        }
        StringBuilder text = new StringBuilder(xLabel.get()).append(' ').append(xValueText(snapX));
        double lineX = Math.round(xPixel(snapX)) + 0.5;
        gc.setStroke(foreground().deriveColor(0, 1, 1, 0.45));
        gc.setLineWidth(1);
        gc.strokeLine(lineX, py0, lineX, py0 + ph);
        for (ChartSeries s : series) {
            if (!s.isVisible()) {
                continue;
            }
            int i = s.data().nearest(snapX / s.xScale());
            if (i < 0) {
                continue;
            }
            double sx = s.data().x(i) * s.xScale();
            double sy = s.data().y(i);
            // Only points at the crosshair's x (a sparse validation curve has none between its epochs).
            if (Math.abs(xPixel(sx) - xPixel(snapX)) > 3) {
                continue;
            }
            text.append('\n').append(s.name()).append(' ').append(valueText(sy));
            if (!yTicks.log() || sy > 0) {
                double py = yPixel(sy);
                gc.setFill(s.color());
                gc.fillOval(xPixel(sx) - 3.5, py - 3.5, 7, 7);
            }
        }
        hoverText.set(text.toString());
        hoverBox.setText(text.toString());
        hoverBox.setVisible(true);
        hoverBox.applyCss();
        double bw = hoverBox.prefWidth(-1);
        double bh = hoverBox.prefHeight(bw);
        double bx = x + 14;
        if (bx + bw > getWidth() - 2) {
            bx = x - 14 - bw;
        }
        double by = Math.max(2, Math.min(y - bh - 8, getHeight() - bh - 2));
        hoverBox.resizeRelocate(Math.max(2, bx), by, bw, bh);
    }

    private String xValueText(double x) {
        if (Math.abs(x - Math.rint(x)) < 1e-9) {
            return String.format(Locale.ROOT, "%,d", (long) Math.rint(x)).replace(',', '\u2009');
        }
        return String.format(Locale.ROOT, "%.2f", x);
    }

    private void clearHover() {
        hover.getGraphicsContext2D().clearRect(0, 0, hover.getWidth(), hover.getHeight());
        hoverBox.setVisible(false);
        hoverText.set("");
    }
}
