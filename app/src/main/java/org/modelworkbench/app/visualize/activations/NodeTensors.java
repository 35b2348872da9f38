package org.modelworkbench.app.visualize.activations;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.trainer.compile.Op;
import org.modelworkbench.trainer.compile.Program;
import org.modelworkbench.trainer.probe.ProbeModel;

/**
 * What each top-level node passes on, read from the compiled program without running it: the first tensor
 * its ops leave to another node (as {@link ProbeModel#everyLayerOutput} takes it), its compile-time shape
 * (batch 1 at the compile-time input) and the layout its reader takes it in. The makers choose their
 * default targets from it.
 *
 * @param node         top-level node id
 * @param op           the op that writes the tensor
 * @param shape        its shape at compile time
 * @param layout       the layout the first reader takes it in (null for a design output)
 * @param designOutput whether it is an output of the design (the logits)
 * @param attention    whether the node holds an attention op (global or windowed)
 */
public record NodeTensors(String node, String op, Shape shape, Layout layout, boolean designOutput, boolean attention) {
    private static final Set<String> ATTENTION = Set.of("attention.sdpa", "swin.window_attention_core");

    /** Every node that passes a tensor on, in run order. */
    public static List<NodeTensors> of(ProbeModel model) {
        Program p = model.compiled().program();
        List<Op> ops = p.ops();
        List<List<Integer>> readers = new ArrayList<>();
        for (int s = 0; s < p.slots(); s++) {
            readers.add(new ArrayList<>());
        }
        for (int i = 0; i < ops.size(); i++) {
            for (int s : ops.get(i).inputs()) {
                readers.get(s).add(i);
            }
        }
        Set<Integer> outputs = new HashSet<>();
        for (int s : p.outputSlots()) {
            outputs.add(s);
        }
        List<NodeTensors> result = new ArrayList<>();
        for (String node : model.nodes()) {
            boolean attention = false;
            NodeTensors found = null;
            for (int i = 0; i < ops.size() ; i++) {
                Op op = ops.get(i);
                if (!inside(op.path(), node)) {
                    continue;
                }
                attention |= ATTENTION.contains(op.type().id());
                for (int k = 0; k < op.outputs().length && found == null; k++) {
                    int slot = op.outputs()[k];
                    Layout layout = null;
                    boolean leaves = outputs.contains(slot);
                    for (int r : readers.get(slot)) {
                        Op reader = ops.get(r);
                        if (!inside(reader.path(), node)) {
                            leaves = true;
                            for (int j = 0; j < reader.inputs().length; j++) {
                                if (reader.inputs()[j] == slot && layout == null) {
                                    layout = reader.inputLayouts().get(j);
                                }
                            }
                        }
                    }
                    if (leaves) {
                        found = new NodeTensors(node, op.path(), op.outputShapes().get(k), layout, outputs.contains(slot),
                                false);
                    }
                }
            }
            if (found != null) {
                result.add(new NodeTensors(found.node, found.op, found.shape, found.layout, found.designOutput, attention));
            }
        }
        return result;
    }

    private static boolean inside(String path, String node) {
        return path.equals(node) || path.startsWith(node + ".");
    }

    /** Whether it is a 4-D map with more than one position (not a 1×1 pooled map). */
    public boolean isSpatialMap() {
        if (shape.rank() != 4) {
            return false;
        }
        boolean last = layout == Layout.NHWC;
        return (long) shape.dim(last ? 1 : 2) * shape.dim(last ? 2 : 3) > 1;
    }

    public boolean channelsLast() {
        return layout == Layout.NHWC;
    }

    /**
     * The default target of a view that looks at one feature map: the last spatial 4-D map before the
     * head; for a design without one after its last attention (a ViT), the tensor entering its last attention
     * block (what pytorch-grad-cam takes, blocks[-1].norm1); null when there is neither.
     */
    public static NodeTensors lastFeatureMap(List<NodeTensors> nodes, boolean allowTokens) {
        int lastMap = -1;
        int lastAttention = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).designOutput()) {
                continue;
            }
            if (nodes.get(i).isSpatialMap()) {
                lastMap = i;
            }
            if (nodes.get(i).attention()) {
                lastAttention = i;
            }
        }
        if (allowTokens && lastAttention > lastMap) {
            for (int i = lastAttention - 1; i >= 0; i--) {
                if (nodes.get(i).shape().rank() == 3) {
                    return nodes.get(i);
                }
            }
        }
        return lastMap >= 0 ? nodes.get(lastMap) : null;
    }
}
