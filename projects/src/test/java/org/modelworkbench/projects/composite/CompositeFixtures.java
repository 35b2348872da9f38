package org.modelworkbench.projects.composite;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;

/** Small designs for the composite tests. */
final class CompositeFixtures {
    private CompositeFixtures() {
    }

    /** input → conv1 → bn1 → relu1 → add(·, input) → relu2 → pool → head: a residual unit and a head. */
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

    /** The residual design with the unit grouped as ResidualUnit (node "residual_unit"). */
    static Design grouped() {
        Design d = residual();
        Grouping.apply(Grouping.plan(d, UNIT, "ResidualUnit", DesignAnalyzer.analyze(d)));
        return d;
    }

    static Map<String, Node> nodesById(Design d) {
        Map<String, Node> m = new HashMap<>();
        d.nodes().forEach(n -> m.put(n.id(), n));
        return m;
    }

    static Set<Edge> edgeSet(Design d) {
        return new HashSet<>(d.edges());
    }
}
