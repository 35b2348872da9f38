package org.modelworkbench.editor.overlay;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import javafx.scene.paint.Color;

/**
 * A value per node, shown over the graph: the canvas tints each node that has a value by the
 * {@link ColorScale} and shows a legend with the title, the units and the scale's range; nodes
 * without a value keep their normal look. What the values mean is the caller's business (the
 * gradient norm of a training run, a measured latency): the editor kit knows nothing of it.
 *
 * <p>Immutable: a new sample is a new overlay, set with {@code GraphCanvas.setOverlay}.
 */
public final class NodeOverlay {
    private final String title;
    private final String units;
    private final Map<String, Double> values;
    private final ColorScale scale;
    private final Map<String, String> tooltips;

    /**
     * @param title    what is shown, e.g. "Gradient norm" (the legend's title)
     * @param units    its units, e.g. "ms" ("" for none)
     * @param values   node id → value; NaN or infinite values count as none
     * @param scale    how values map to colours
     * @param tooltips node id → a line for the node's tooltip (nodes not named: title and value)
     */
    public NodeOverlay(String title, String units, Map<String, Double> values, ColorScale scale,
                       Map<String, String> tooltips) {
        this.title = Objects.requireNonNull(title);
        this.units = units == null ? "" : units;
        Map<String, Double> finite = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                finite.put(k, v);
            }
        });
        this.values = java.util.Collections.unmodifiableMap(finite);
        this.scale = Objects.requireNonNull(scale);
        this.tooltips = tooltips == null ? Map.of() : Map.copyOf(tooltips);
    }

    /** An overlay whose sequential scale is fitted to the values. */
    public static NodeOverlay of(String title, String units, Map<String, Double> values, ColorScale.Mapping mapping) {
        return new NodeOverlay(title, units, values, ColorScale.fit(values.values(), mapping), Map.of());
    }

    public String title() {
        return title;
    }

    public String units() {
        return units;
    }

    public ColorScale scale() {
        return scale;
    }

    /** The nodes that have a (finite) value, with it. */
    public Map<String, Double> values() {
        return values;
    }

    public OptionalDouble value(String nodeId) {
        Double v = values.get(nodeId);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The node's colour; empty when it has no value. */
    public Optional<Color> colorOf(String nodeId) {
        Double v = values.get(nodeId);
        return v == null ? Optional.empty() : Optional.ofNullable(scale.colorOf(v));
    }

    /** The line the node's tooltip starts with; null when it has no value. */
    public String tooltip(String nodeId) {
        String custom = tooltips.get(nodeId);
        if (custom != null) {
            return custom;
        }
        Double v = values.get(nodeId);
        return v == null ? null : title + ": " + valueText(v);
    }

    /** A value with its units, e.g. "3.21e-4", "0.153 ms", "1.2k". */
    public String valueText(double v) {
        String n = number(v);
        return units.isEmpty() ? n : n + " " + units;
    }

    /** A number in at most three significant digits, in scientific notation when very small or large. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a < 1e-2 || a >= 1e5) {
            String s = String.format(Locale.ROOT, "%.2e", v);
            String mantissa = s.substring(0, s.indexOf('e')).replaceAll("\\.?0+$", "");
            return mantissa + "e" + Integer.parseInt(s.substring(s.indexOf('e') + 1));
        }
        String s = String.format(Locale.ROOT, a >= 100 ? "%.0f" : "%.3g", v);
        return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
    }

    /** A copy with other tooltips. */
    public NodeOverlay withTooltips(Map<String, String> lines) {
        return new NodeOverlay(title, units, values, scale, new HashMap<>(lines));
    }
}
