package org.modelworkbench.app.visualize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The probe half of every view, by kind (see {@link org.modelworkbench.visualizers.views.Views}). */
public final class BundleMakers {
    private static final Map<String, BundleMaker> BY_KIND = new LinkedHashMap<>();

    static {
        // One line per kind, in the order of Views.
        register(new org.modelworkbench.app.visualize.attention.AttentionMaker());
    }

    private BundleMakers() {
    }

    static void register(BundleMaker m) {
        BY_KIND.put(m.kind(), m);
    }

    public static List<String> kinds() {
        return List.copyOf(BY_KIND.keySet());
    }

    public static BundleMaker of(String kind) {
        BundleMaker m = BY_KIND.get(kind);
        if (m == null) {
            throw new IllegalArgumentException("no visualizer '" + kind + "'; visualizers: " + String.join(", ", BY_KIND.keySet()));
        }
        return m;
    }
}
