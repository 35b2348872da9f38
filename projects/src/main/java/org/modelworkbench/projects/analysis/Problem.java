package org.modelworkbench.projects.analysis;

import java.util.List;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.projects.design.Edge;

/**
 * Something wrong with a design, located at a node and (when it belongs to one) an input port.
 *
 * @param fix for a layout mismatch that one permute repairs: the wire and the permutation; else null
 */
public record Problem(String nodeId, String port, Kind kind, String message, LayoutFix fix) {

    /** What kind of mistake it is; the editor draws each at the node and port where it arises. */
    public enum Kind {
        UNKNOWN_BLOCK_TYPE,
        INVALID_PARAMETER,
        UNCONNECTED_INPUT,
        UNKNOWN_PORT,
        SHAPE_MISMATCH,
        /** A tensor whose axes mean something else than the block reads (channels-last into a conv…). */
        LAYOUT_MISMATCH,
        CYCLE
    }

    /**
     * Inserting a {@code tensor.permute} with {@code dims} on {@code edge} turns the tensor's layout
     * {@code from} into {@code to}, which the block accepts.
     */
    public record LayoutFix(Edge edge, Layout from, Layout to, List<Integer> dims) {
        public LayoutFix {
            dims = List.copyOf(dims);
        }

        /** "Insert a permute [0, 3, 1, 2] (NHWC → NCHW) before stem_norm" */
        public String description() {
            return "Insert a permute " + dims + " (" + from.shortName() + " → " + to.shortName() + ") before "
                    + edge.to().node();
        }
    }

    public Problem(String nodeId, String port, Kind kind, String message) {
        this(nodeId, port, kind, message, null);
    }

    /** "node 'stage1_block2', input 'x': …" */
    public String location() {
        return "node '" + nodeId + "'" + (port == null ? "" : ", input '" + port + "'");
    }

    @Override
    public String toString() {
        return location() + ": " + message;
    }
}
