package org.modelworkbench.app.bench;

import java.util.Map;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;

/** Large generated designs for benchmarks: what a deep network expanded block by block looks like. */
public final class SyntheticDesigns {
    private SyntheticDesigns() {
    }

    /**
     * A ResNet-style chain of basic blocks drawn as primitives (conv, BN, ReLU, conv, BN, add, ReLU:
     * seven nodes per block) on a 64×56×56 map, plus input, stem and head, with about {@code nodes} nodes.
     */
    public static Design residualChain(int nodes) {
        DesignBuilder b = new DesignBuilder("Synthetic residual chain (" + nodes + " nodes)");
        b.description("Generated for benchmarks: basic residual blocks drawn node by node.");
        String x = b.input("input", 3, 224, 224);
        x = b.add("stem", "conv.conv2d", Map.of("out_channels", 64, "kernel", 7, "stride", 4, "padding", 3, "bias", false), x);
        int blocks = Math.max(1, (nodes - 3) / 7);
        for (int i = 0; i < blocks; i++) {
            String p = "b" + i + "_";
            String y = b.add(p + "conv1", "conv.conv2d", Map.of("out_channels", 64, "kernel", 3, "padding", 1, "bias", false), x);
            y = b.add(p + "bn1", "norm.batch_norm", Map.of(), y);
            y = b.add(p + "relu1", "activation.relu", Map.of(), y);
            y = b.add(p + "conv2", "conv.conv2d", Map.of("out_channels", 64, "kernel", 3, "padding", 1, "bias", false), y);
            y = b.add(p + "bn2", "norm.batch_norm", Map.of(), y);
            y = b.add(p + "add", "merge.add", Map.of(), y, x);
            x = b.add(p + "relu2", "activation.relu", Map.of(), y);
        }
        b.add("head", "head.classifier", Map.of("classes", 10), x);
        return b.build();
    }
}
