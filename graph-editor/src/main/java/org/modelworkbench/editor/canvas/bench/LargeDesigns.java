package org.modelworkbench.editor.canvas.bench;

import java.util.Map;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.design.Node;

/** Large generated designs for the canvas benchmark and the virtualization tests. */
public final class LargeDesigns {
    private LargeDesigns() {
    }

    /**
     * A ResNet-style network drawn primitive by primitive (conv, BN, ReLU, conv, BN, add, ReLU per
     * block) on a 64×56×56 map, with about {@code nodes} nodes, laid out as a paper figure would be:
     * blocks flow top-down in columns of {@code blocksPerColumn}, each block's main path straight
     * down beside its skip wire, and a new column to the right when one is full.
     */
    public static Design residualNetwork(int nodes, int blocksPerColumn) {
        DesignBuilder b = new DesignBuilder("Synthetic residual network (" + nodes + " nodes)");
        b.description("Generated for the canvas benchmark: basic residual blocks drawn node by node.");
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
        Design d = b.build();
        relayout(d, blocksPerColumn);
        return d;
    }

    /** About 2,000 nodes in columns of 12 blocks (84 rows of nodes). */
    public static Design residualNetwork(int nodes) {
        return residualNetwork(nodes, 12);
    }

    private static void relayout(Design d, int blocksPerColumn) {
        double row = 120;
        double column = 480;
        int rowsPerColumn = blocksPerColumn * 7;
        int i = 0;
        for (Node n : d.nodes().stream().toList()) {
            int col = i / rowsPerColumn;
            int r = i % rowsPerColumn;
            // The residual branch sits to the right so the skip wire runs clear of it.
            boolean branch = n.id().matches("b\\d+_(conv1|bn1|relu1|conv2|bn2)");
            d.replaceNode(n.at(col * column + (branch ? 160 : 0), r * row));
            i++;
        }
    }
}
