package org.modelworkbench.trainer.train;

import java.util.Map;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;

/** Small designs that train in a fraction of a second per step, for the training tests. */
public final class TinyDesigns {
    private TinyDesigns() {
    }

    /** conv 3×3/2 (8) → BN → ReLU → conv 3×3/2 (16) → ReLU → flatten → linear: 1×28×28 in, 10 logits out. */
    public static Design convNet() {
        DesignBuilder b = new DesignBuilder("tiny conv net");
        String x = b.input("input", 1, 28, 28);
        x = b.add("conv1", "conv.conv2d", Map.of("out_channels", 8, "kernel", 3, "stride", 2, "padding", 1), x);
        x = b.add("bn1", "norm.batch_norm", Map.of(), x);
        x = b.add("relu1", "activation.relu", Map.of(), x);
        x = b.add("conv2", "conv.conv2d", Map.of("out_channels", 16, "kernel", 3, "stride", 2, "padding", 1), x);
        x = b.add("relu2", "activation.relu", Map.of(), x);
        x = b.add("flat", "tensor.flatten", Map.of(), x);
        b.add("fc", "linear.linear", Map.of("out_features", 10), x);
        return b.build();
    }

    /**
     * Two convolutions and the head with neither normalisation nor activation: its logits are a product
     * of three weights, so a huge learning rate multiplies them out of float range within a few steps
     * (with ReLUs the units would just die and the loss stay finite).
     */
    public static Design linearNet() {
        DesignBuilder b = new DesignBuilder("linear");
        String x = b.input("input", 1, 28, 28);
        x = b.add("conv1", "conv.conv2d", Map.of("out_channels", 8, "kernel", 3, "stride", 2, "padding", 1), x);
        x = b.add("conv2", "conv.conv2d", Map.of("out_channels", 8, "kernel", 3, "stride", 2, "padding", 1), x);
        b.add("head", "head.classifier", Map.of("classes", 10), x);
        return b.build();
    }

    /** A short run on the bundled sample: batch 32, SGD with Nesterov momentum at a constant 0.05. */
    public static TrainingConfig quick(int epochs, int limitBatches) {
        return new TrainingConfig("fashion-mnist-sample", null, epochs, 32, "sgd", 0.05, 0.9, true, 5e-4, "constant",
                0, 0.0, 0, 0, 7, true, 0.1, 5, 10, "fp32", 0, limitBatches);
    }
}
