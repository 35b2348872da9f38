package org.modelworkbench.visualizers.views.attention;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * What the attention view computes from a bundle independently of most options (mean distances and
 * entropies over every image, the hidden-attention matrices of a scan), kept per bundle instance so a
 * slider or a click redraws without redoing it. Entries die with their bundle (weak keys, identity:
 * a bundle is immutable and has no equals of its own). Tensors are held up to {@link #BUDGET_BYTES}
 * per bundle, least recently used dropped first: a VMamba stage of 56×56 has 3136×3136 matrices of
 * 39 MB, and a user stepping through images and channels must not fill the heap with them.
 */
final class AttentionCache {
    /** Tensor bytes kept per bundle. */
    static final long BUDGET_BYTES = 256L << 20;
    private static final Map<Bundle, AttentionCache> BY_BUNDLE = Collections.synchronizedMap(new WeakHashMap<>());

    private final LinkedHashMap<String, Object> values = new LinkedHashMap<>(16, 0.75f, true);
    private final long budget;
    private long bytes;

    AttentionCache(long budget) {
        this.budget = budget;
    }

    static AttentionCache of(Bundle bundle) {
        return BY_BUNDLE.computeIfAbsent(bundle, b -> new AttentionCache(BUDGET_BYTES));
    }

    /**
     * The value under {@code key}, computed once while it stays cached. Not computeIfAbsent: a
     * computation may itself ask for other entries (an aggregated matrix asks for its directions), which
     * a plain get/put under this (reentrant) lock allows.
     */
    @SuppressWarnings("unchecked")
    synchronized <T> T get(String key, Supplier<T> compute) {
        Object v = values.get(key);
        if (v == null) {
            v = compute.get();
            values.put(key, v);
            bytes += size(v);
            evict(key);
        }
        return (T) v;
    }

    /** Tensor bytes held now. */
    synchronized long bytes() {
        return bytes;
    }

    synchronized boolean holds(String key) {
        return values.containsKey(key);
    }

    private void evict(String keep) {
        Iterator<Map.Entry<String, Object>> it = values.entrySet().iterator();
        while (bytes > budget && it.hasNext()) {
            Map.Entry<String, Object> e = it.next();
            if (!e.getKey().equals(keep) && size(e.getValue()) > 0) {
                bytes -= size(e.getValue());
                it.remove();
            }
        }
    }

    private static long size(Object v) {
        return v instanceof FloatTensor t ? 4L * t.size() : 0;
    }
}
