package org.modelworkbench.trainer.engine;

import java.util.Map;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;

/** Small designs for the execution-mode tests: fast to compile and to train a few steps. */
final class SmallDesigns {
    private SmallDesigns() {
    }

    /** 3×16×16 → conv 3→8, BN, ReLU → conv 8→16 /2, BN, ReLU → residual conv 16→16, add → pool, linear → 10. */
    static Design convNet() {
        DesignBuilder b = new DesignBuilder("small conv net");
        String x = b.input("input", 3, 16, 16);
        x = b.add("conv1", "conv.conv2d", Map.of("out_channels", 8, "kernel", 3, "padding", 1), x);
        x = b.add("bn1", "norm.batch_norm", Map.of(), x);
        x = b.add("relu1", "activation.relu", Map.of(), x);
        x = b.add("conv2", "conv.conv2d", Map.of("out_channels", 16, "kernel", 3, "padding", 1, "stride", 2), x);
        x = b.add("bn2", "norm.batch_norm", Map.of(), x);
        String r = b.add("relu2", "activation.relu", Map.of(), x);
        String y = b.add("conv3", "conv.conv2d", Map.of("out_channels", 16, "kernel", 3, "padding", 1), r);
        y = b.add("add", "merge.add", Map.of(), y, r);
        b.add("head", "head.classifier", Map.of("classes", 10), y);
        return b.build();
    }
}
