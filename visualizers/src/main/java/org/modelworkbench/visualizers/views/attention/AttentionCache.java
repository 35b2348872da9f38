package org.modelworkbench.visualizers.views.attention;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.modelworkbench.visualizers.bundle.Bundle;

/**
 * What the attention view computes from a bundle independently of most options (mean distances and
 * entropies over every image, the hidden-attention matrices of a scan), kept per bundle instance so a
 * slider or a click redraws without redoing it. Entries die with their bundle (weak keys, identity:
 * a bundle is immutable and has no equals of its own).
 */
final class AttentionCache {
    private static final Map<Bundle, AttentionCache> BY_BUNDLE = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<String, Object> values = new HashMap<>();

    private AttentionCache() {
    }

    static AttentionCache of(Bundle bundle) {
        return BY_BUNDLE.computeIfAbsent(bundle, b -> new AttentionCache());
    }

    /**
     * The value under {@code key}, computed once. Not computeIfAbsent: a computation may itself ask for
     * other entries (an aggregated matrix asks for its directions), which a plain get/put under this
     * (reentrant) lock allows.
     */
    @SuppressWarnings("unchecked")
    synchronized <T> T get(String key, Supplier<T> compute) {
        Object v = values.get(key);
        if (v == null) {
            v = compute.get();
            values.put(key, v);
        }
        return (T) v;
    }
}
