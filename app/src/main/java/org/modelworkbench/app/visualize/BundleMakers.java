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
        register(new org.modelworkbench.app.visualize.filters.FiltersMaker());
        register(new org.modelworkbench.app.visualize.spectra.SpectraMaker());
        register(new org.modelworkbench.app.visualize.erf.ErfMaker());
        register(new org.modelworkbench.app.visualize.activations.ActivationsMaker());
        register(new org.modelworkbench.app.visualize.gradcam.GradcamMaker());
        register(new org.modelworkbench.app.visualize.confusion.ConfusionMaker());
        register(new org.modelworkbench.app.visualize.embedding.EmbeddingMaker());
        register(new org.modelworkbench.app.visualize.similarity.SimilarityMaker());
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
