package org.modelworkbench.editor.group;

import java.util.List;
import java.util.Map;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;

/** A residual unit with a head, for the group tests. */
final class GroupFixtures {
    private GroupFixtures() {
    }

    /** input → conv1 → bn1 → relu1 → add(·, input) → relu2 → pool → head. */
    static Design residual() {
        DesignBuilder b = new DesignBuilder("Residual");
        String x = b.input("input", 8, 16, 16);
        String c = b.add("conv1", "conv.conv2d", Map.of("out_channels", 8, "kernel", 3, "padding", 1, "bias", false), x);
        c = b.add("bn1", "norm.batch_norm", Map.of(), c);
        c = b.add("relu1", "activation.relu", Map.of(), c);
        String s = b.add("add", "merge.add", Map.of(), c, x);
        s = b.add("relu2", "activation.relu", Map.of(), s);
        String h = b.add("pool", "pool.global_avg", Map.of(), s);
        b.add("head", "linear.linear", Map.of("out_features", 10), h);
        return b.build();
    }

    static final List<String> UNIT = List.of("conv1", "bn1", "relu1", "add", "relu2");
}
