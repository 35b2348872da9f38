package org.modelworkbench.editor.canvas;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.Group;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * Theme colours for what is drawn on a {@code Canvas} (grid, overview, minimap), which CSS cannot
 * style: invisible probe regions carry style classes whose background the stylesheet sets from
 * the theme's looked-up colours, and the painter reads them back. A theme switch thus reaches the
 * canvas drawings too.
 */
final class CanvasColors extends Group {
    static final String[] NAMES = {"grid", "grid-major", "node", "node-border", "edge", "text", "accent", "accent-muted",
        "danger", "background", "cat-0", "cat-1", "cat-2", "cat-3", "cat-4", "cat-5", "cat-6", "cat-7"};
    private static final Map<String, Color> FALLBACK = new HashMap<>();

    static {
        FALLBACK.put("grid", Color.web("#d0d7de"));
        FALLBACK.put("grid-major", Color.web("#afb8c1"));
        FALLBACK.put("node", Color.WHITE);
        FALLBACK.put("node-border", Color.web("#d0d7de"));
        FALLBACK.put("edge", Color.web("#6e7781"));
        FALLBACK.put("text", Color.web("#24292f"));
        FALLBACK.put("accent", Color.web("#0969da"));
        FALLBACK.put("accent-muted", Color.web("#54aeff66"));
        FALLBACK.put("danger", Color.web("#cf222e"));
        FALLBACK.put("background", Color.web("#f6f8fa"));
        FALLBACK.put("viewport", Color.web("#0969da"));
        FALLBACK.put("viewport-fill", Color.web("#54aeff66"));
        String[] charts = {"#f3622d", "#fba71b", "#57b757", "#41a9c9", "#4258c9", "#9a42c8", "#c84164", "#888888"};
        for (int i = 0; i < charts.length; i++) {
            FALLBACK.put("cat-" + i, Color.web(charts[i]));
        }
    }

    private final Map<String, Region> probes = new HashMap<>();

    CanvasColors(String... names) {
        setManaged(false);
        setMouseTransparent(true);
        for (String n : names) {
            Region r = new Region();
            r.getStyleClass().add("probe-" + n);
            r.setOpacity(0);
            r.setMouseTransparent(true);
            r.setManaged(false);
            r.resize(0, 0);
            probes.put(n, r);
            getChildren().add(r);
        }
    }

    CanvasColors() {
        this(NAMES);
    }

    /** The colour the theme gives this name (or a light default before CSS has been applied). */
    Paint paint(String name) {
        Region r = probes.get(name);
        if (r != null) {
            Background bg = r.getBackground();
            if (bg != null && !bg.getFills().isEmpty()) {
                return bg.getFills().get(0).getFill();
            }
        }
        return FALLBACK.getOrDefault(name, Color.GRAY);
    }

    Color color(String name) {
        return paint(name) instanceof Color c ? c : FALLBACK.getOrDefault(name, Color.GRAY);
    }

    /** Calls {@code onChange} when the theme changes any probed colour. */
    void onChange(Runnable onChange) {
        for (Region r : probes.values()) {
            r.backgroundProperty().addListener(o -> onChange.run());
        }
    }
}
