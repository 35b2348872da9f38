package org.modelworkbench.blocks.type;

import java.util.Collections;
import java.util.List;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;

/**
 * What a block does to given input tensors: its output shapes and layouts, and its costs.
 *
 * @param layouts         one per output; {@link Layout#ANY} when the evaluation did not track layouts
 * @param params          trainable parameters (buffers such as BN running statistics excluded)
 * @param macs            multiply-accumulates of conv, linear and matmul (attention and the scan
 *                        included) for the whole batch; FLOPs are 2 × MACs
 * @param activationBytes fp32 bytes of every tensor the block produces in training (for a composite,
 *                        every tensor produced inside it), an estimate of what training keeps for backward
 * @param inferenceActivationBytes the same without the tensors of training-only blocks (dropout,
 *                        drop-path), which are the identity at inference and produce nothing there
 */
public record Evaluation(List<Shape> outputs, List<Layout> layouts, long params, long macs, long activationBytes,
                         long inferenceActivationBytes) {
    public static final int BYTES_PER_ELEMENT = 4;

    public Evaluation {
        outputs = List.copyOf(outputs);
        layouts = layouts == null ? LayoutRule.repeat(outputs.size(), Layout.ANY) : List.copyOf(layouts);
        if (layouts.size() != outputs.size()) {
            throw new IllegalArgumentException(layouts.size() + " layouts for " + outputs.size() + " outputs");
        }
    }

    /** Untracked layouts; inference and training produce the same tensors. */
    public Evaluation(List<Shape> outputs, long params, long macs, long activationBytes) {
        this(outputs, null, params, macs, activationBytes, activationBytes);
    }

    /** An evaluation whose activation memory is its own outputs. */
    public static Evaluation of(List<Shape> outputs, long params, long macs) {
        long bytes = 0;
        for (Shape s : outputs) {
            bytes += s.numel() * BYTES_PER_ELEMENT;
        }
        return new Evaluation(outputs, params, macs, bytes);
    }

    public static Evaluation of(Shape output, long params, long macs) {
        return of(List.of(output), params, macs);
    }

    /** This evaluation with these output layouts. */
    public Evaluation withLayouts(List<Layout> newLayouts) {
        return new Evaluation(outputs, newLayouts, params, macs, activationBytes, inferenceActivationBytes);
    }

    /** This evaluation of a block that exists only in training: it produces no tensor at inference. */
    public Evaluation trainingOnly() {
        return new Evaluation(outputs, layouts, params, macs, activationBytes, 0);
    }

    public long flops() {
        return 2 * macs;
    }
}
