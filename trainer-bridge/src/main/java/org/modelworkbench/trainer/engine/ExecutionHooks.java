package org.modelworkbench.trainer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;

/**
 * What the training loop calls so that an {@link ExecutionMode} can change how a step runs without
 * the loop knowing how: the loop stays the same for every mode.
 *
 * <pre>
 * hooks.prepareModel(block);                 // once, after initialisation or loading
 * NDArray x = hooks.prepareInput(images);    // every batch
 * NDArray logits;
 * try (ExecutionHooks.Scope s = hooks.forward()) {
 *     logits = hooks.toFloat32(block.forward(...).head());
 * }                                          // backward runs after the scope closed
 * </pre>
 */
public interface ExecutionHooks {
    ExecutionMode mode();

    /** Once per model, e.g. to give conv weights channels-last strides. */
    default void prepareModel(Block block) {
    }

    /** Every batch, before the forward; returns the array to feed. */
    default NDArray prepareInput(NDArray images) {
        return images;
    }

    /** Opens the region in which the forward runs (autocast on); closing it switches back. */
    default Scope forward() {
        return () -> { };
    }

    /** The model's output as fp32, differentiably (a bf16 forward returns bf16 logits). */
    default NDArray toFloat32(NDArray output) {
        return output;
    }

    /** A forward region; closing it never throws. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Plain fp32: every hook does nothing. */
    static ExecutionHooks fp32() {
        return () -> ExecutionMode.FP32;
    }
}
