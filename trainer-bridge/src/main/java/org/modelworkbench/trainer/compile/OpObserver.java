package org.modelworkbench.trainer.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Watches a {@link DesignBlock} run its primitives, one call before and one after each op. The
 * measured profiler times ops with it; inspection and the visualizers capture activations and
 * attention weights with it. An observer that keeps an array past the step must {@code detach} or
 * copy it: the array belongs to the step's manager.
 */
public interface OpObserver {
    /** Before op {@code index} (of {@link Program#ops()}) runs on {@code inputs}. */
    default void before(int index, Op op, NDList inputs) {
    }

    /**
     * After op {@code index} produced {@code outputs}. The observer may replace an element of
     * {@code outputs}; the ops that follow read the replacement (gradient capture puts a leaf there to
     * take the gradient with respect to that tensor).
     */
    default void after(int index, Op op, NDList inputs, NDList outputs) {
    }

    /**
     * Whether op {@code index} should hand its internal values to {@link #captured} (attention
     * probabilities and the like). Asked before the op runs; false, the default, costs nothing.
     */
    default boolean wantsInternals(int index, Op op) {
        return false;
    }

    /**
     * An internal value of op {@code index}, named by its kernel: "attention" for the post-softmax
     * probabilities of attention.sdpa (N×h×T×T) and swin.window_attention_core (N×windows×h×W²×W²,
     * see {@link WindowGeometry}); "delta", "B", "C", "A" and "u" for mamba.selective_scan
     * (N×K×D×L, N×K×S×L, N×K×S×L, K×D×S, N×K×D×L). The array belongs to the step's manager.
     */
    default void captured(int index, Op op, String name, NDArray value) {
    }
}
