package org.modelworkbench.blocks.type;

import java.util.List;
import org.modelworkbench.blocks.shape.Shape;

/**
 * What a block does to given input shapes: its output shapes and its costs.
 *
 * @param params          trainable parameters (buffers such as BN running statistics excluded)
 * @param macs            multiply-accumulates of conv, linear and matmul (attention and the scan
 *                        included) for the whole batch; FLOPs are 2 × MACs
 * @param activationBytes fp32 bytes of every tensor the block produces (for a composite, every
 *                        tensor produced inside it), an estimate of what training keeps for backward
 */
public record Evaluation(List<Shape> outputs, long params, long macs, long activationBytes) {
    public static final int BYTES_PER_ELEMENT = 4;

    public Evaluation {
        outputs = List.copyOf(outputs);
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

    public long flops() {
        return 2 * macs;
    }
}
