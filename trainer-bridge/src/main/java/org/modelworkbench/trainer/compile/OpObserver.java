package org.modelworkbench.trainer.compile;

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

    /** After op {@code index} produced {@code outputs}. */
    default void after(int index, Op op, NDList inputs, NDList outputs) {
    }
}
