package org.modelworkbench.visualizers.curves;

import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.paint.Color;

/**
 * One curve of a {@link MetricChart}: its points (shared with whoever appends them), how it is
 * drawn, and whether it is shown (the legend toggles that).
 *
 * @see MetricChart#refresh()
 */
public final class ChartSeries {
    private final String key;
    private final String name;
    private final SeriesBuffer data;
    private final Color color;
    private final boolean dashed;
    private final double xScale;
    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);

    /**
     * @param key    a stable id (the legend item's node id is "legend-" + key)
     * @param name   the legend's and the hover's text
     * @param data   the points (appended by the owner; call {@link MetricChart#refresh()} after)
     * @param color  the line's colour
     * @param dashed a dashed line (e.g. validation beside a solid training curve)
     * @param xScale drawn x = data x × xScale (e.g. 1 / steps per epoch to draw steps in epochs)
     */
    public ChartSeries(String key, String name, SeriesBuffer data, Color color, boolean dashed, double xScale) {
        this.key = Objects.requireNonNull(key);
        this.name = Objects.requireNonNull(name);
        this.data = Objects.requireNonNull(data);
        this.color = Objects.requireNonNull(color);
        this.dashed = dashed;
        if (!(xScale > 0) || !Double.isFinite(xScale)) {
            throw new IllegalArgumentException("x scale of series " + key + " is " + xScale + ": it must be positive");
        }
        this.xScale = xScale;
    }

    public ChartSeries(String key, String name, SeriesBuffer data, Color color, boolean dashed) {
        this(key, name, data, color, dashed, 1);
    }

    public String key() {
        return key;
    }

    public String name() {
        return name;
    }

    public SeriesBuffer data() {
        return data;
    }

    public Color color() {
        return color;
    }

    public boolean dashed() {
        return dashed;
    }

    public double xScale() {
        return xScale;
    }

    public BooleanProperty visibleProperty() {
        return visible;
    }

    public boolean isVisible() {
        return visible.get();
    }

    public void setVisible(boolean value) {
        visible.set(value);
    }

    @Override
    public String toString() {
        return "ChartSeries[" + key + ", " + data.size() + " points]";
    }
}
