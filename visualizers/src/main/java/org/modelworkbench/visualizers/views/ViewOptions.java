package org.modelworkbench.visualizers.views;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The choices a user makes while looking at a view; every view reads the common ones it understands
 * and its own extras (declared by {@link View#options}). Defaults stand for "the view decides".
 *
 * @param image    position of the shown image within the bundle's images (0 = the first)
 * @param layer    the layer/node to show; null: the view's default (its {@link View#layers} first or last)
 * @param head     attention head; −1: the mean over heads
 * @param queryRow query cell row; −1: the view's default (usually the centre)
 * @param queryCol query cell column; −1: the view's default
 * @param opacity  opacity of a heat-map over its image, 0…1
 * @param extra    the view's own options by key (see {@link View#options}), as text
 */
public record ViewOptions(int image, String layer, int head, int queryRow, int queryCol, double opacity,
                          Map<String, String> extra) {
    public static final double DEFAULT_OPACITY = 0.6;

    public ViewOptions {
        if (image < 0) {
            throw new IllegalArgumentException("image position must be 0 or more, got " + image);
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be between 0 and 1, got " + opacity);
        }
        extra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public static ViewOptions defaults() {
        return new ViewOptions(0, null, -1, -1, -1, DEFAULT_OPACITY, Map.of());
    }

    public ViewOptions withImage(int i) {
        return new ViewOptions(i, layer, head, queryRow, queryCol, opacity, extra);
    }

    public ViewOptions withLayer(String l) {
        return new ViewOptions(image, l, head, queryRow, queryCol, opacity, extra);
    }

    public ViewOptions withHead(int h) {
        return new ViewOptions(image, layer, h, queryRow, queryCol, opacity, extra);
    }

    public ViewOptions withQuery(int row, int col) {
        return new ViewOptions(image, layer, head, row, col, opacity, extra);
    }

    public ViewOptions withOpacity(double o) {
        return new ViewOptions(image, layer, head, queryRow, queryCol, o, extra);
    }

    public ViewOptions with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(extra);
        m.put(key, value);
        return new ViewOptions(image, layer, head, queryRow, queryCol, opacity, m);
    }

    public boolean hasQuery() {
        return queryRow >= 0 && queryCol >= 0;
    }

    public String option(String key, String fallback) {
        return extra.getOrDefault(key, fallback);
    }

    /** An integer extra; the message names the option and the text when it is not a number. */
    public int intOption(String key, int fallback) {
        String v = extra.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + key + "' must be a whole number, got '" + v + "'");
        }
    }

    public double realOption(String key, double fallback) {
        String v = extra.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + key + "' must be a number, got '" + v + "'");
        }
    }

    public boolean boolOption(String key, boolean fallback) {
        String v = extra.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("option '" + key + "' must be true or false, got '" + v + "'");
        };
    }
}
