package org.modelworkbench.visualizers.views;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every view by kind, in the order menus list them. */
public final class Views {
    private static final Map<String, View> BY_KIND = new LinkedHashMap<>();

    static {
        // One line per view; keep the order of the issue: attention, filters, spectra, erf, activations,
        // gradcam, confusion, embedding, similarity.
        register(new org.modelworkbench.visualizers.views.attention.AttentionView());
        register(new org.modelworkbench.visualizers.views.filters.FiltersView());
        register(new org.modelworkbench.visualizers.views.spectra.SpectraView());
        register(new org.modelworkbench.visualizers.views.erf.ErfView());
        register(new org.modelworkbench.visualizers.views.activations.ActivationsView());
        register(new org.modelworkbench.visualizers.views.gradcam.GradcamView());
        register(new org.modelworkbench.visualizers.views.confusion.ConfusionView());
        register(new org.modelworkbench.visualizers.views.embedding.EmbeddingView());
        register(new org.modelworkbench.visualizers.views.similarity.SimilarityView());
    }

    private Views() {
    }

    static void register(View v) {
        BY_KIND.put(v.kind(), v);
    }

    public static List<String> kinds() {
        return List.copyOf(BY_KIND.keySet());
    }

    public static List<View> all() {
        return List.copyOf(BY_KIND.values());
    }

    /** The view of {@code kind}; the message lists the kinds there are. */
    public static View of(String kind) {
        View v = BY_KIND.get(kind);
        if (v == null) {
            throw new IllegalArgumentException("no view '" + kind + "'; views: " + String.join(", ", BY_KIND.keySet()));
        }
        return v;
    }
}
