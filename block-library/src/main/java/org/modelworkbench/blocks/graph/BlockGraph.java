package org.modelworkbench.blocks.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.type.BlockType;

/**
 * The inside of a composite block: a small DAG of block instances with named boundary inputs and
 * outputs. Nodes are kept in topological order (the builder can only wire to what exists).
 */
public final class BlockGraph {

    /** One block instance. */
    public record Node(String id, BlockType type, ParamValues params) {
    }

    /** An output port of a node, or (node {@link #INPUT}) one of the graph's boundary inputs. */
    public record Ref(String node, String port) {
        public static final String INPUT = "@in";

        public boolean isGraphInput() {
            return INPUT.equals(node);
        }

        @Override
        public String toString() {
            return (isGraphInput() ? "in" : node) + "." + port;
        }
    }

    /** A wire from an output (or boundary input) to a node's input port. */
    public record Edge(Ref from, String toNode, String toPort) {
    }

    private final List<String> inputs;
    private final List<Node> nodes;
    private final List<Edge> edges;
    private final Map<String, Ref> outputs;

    BlockGraph(List<String> inputs, List<Node> nodes, List<Edge> edges, LinkedHashMap<String, Ref> outputs) {
        this.inputs = List.copyOf(inputs);
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public List<String> inputs() {
        return inputs;
    }

    /** Nodes in topological order. */
    public List<Node> nodes() {
        return nodes;
    }

    public List<Edge> edges() {
        return edges;
    }

    /** Boundary outputs by name, in port order. */
    public Map<String, Ref> outputs() {
        return outputs;
    }
}
