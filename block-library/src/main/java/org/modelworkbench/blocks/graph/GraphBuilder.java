package org.modelworkbench.blocks.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.graph.BlockGraph.Edge;
import org.modelworkbench.blocks.graph.BlockGraph.Node;
import org.modelworkbench.blocks.graph.BlockGraph.Ref;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.PortSpec;
import org.modelworkbench.blocks.type.ShapeException;

/**
 * Builds the inside of a composite block:
 * <pre>
 *   GraphBuilder g = new GraphBuilder("x");
 *   Ref y = g.add("conv", Conv.CONV2D, Map.of("out_channels", 64), g.input("x"));
 *   g.output("y", y);
 * </pre>
 * Parameter values are validated as they are added; a value the composite derived that its child
 * rejects (e.g. zero squeeze channels) becomes a {@link ShapeException} naming the inner node.
 */
public final class GraphBuilder {
    private final List<String> inputs;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Node> byId = new HashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final LinkedHashMap<String, Ref> outputs = new LinkedHashMap<>();

    public GraphBuilder(String... inputNames) {
        this.inputs = List.of(inputNames);
    }

    /** A boundary input of the graph. */
    public Ref input(String name) {
        if (!inputs.contains(name)) {
            throw new IllegalArgumentException("no graph input " + name);
        }
        return new Ref(Ref.INPUT, name);
    }

    /** Adds a node wired to {@code sources} (one per input port, in order); returns its first output. */
    public Ref add(String id, BlockType type, Map<String, ?> params, Ref... sources) throws ShapeException {
        return addNode(id, type, params, sources).get(0);
    }

    /** Adds a node and returns every one of its outputs (for split and other multi-output blocks). */
    public List<Ref> addNode(String id, BlockType type, Map<String, ?> params, Ref... sources) throws ShapeException {
        if (byId.containsKey(id) || id.startsWith("@")) {
            throw new IllegalArgumentException("duplicate or reserved inner node id " + id);
        }
        ParamValues values;
        try {
            values = type.resolve(params);
        } catch (InvalidParameterException e) {
            throw new ShapeException(null, "inner block '" + id + "' (" + type.displayName() + "): " + e.getMessage());
        }
        List<PortSpec> ins = type.inputs(values);
        if (ins.size() != sources.length) {
            throw new IllegalArgumentException(type.id() + " has " + ins.size() + " inputs, wired " + sources.length);
        }
        for (Ref r : sources) {
            if (!r.isGraphInput() && !byId.containsKey(r.node())) {
                throw new IllegalArgumentException("unknown source " + r);
            }
        }
        Node node = new Node(id, type, values);
        nodes.add(node);
        byId.put(id, node);
        for (int i = 0; i < sources.length; i++) {
            edges.add(new Edge(sources[i], id, ins.get(i).name()));
        }
        List<Ref> outs = new ArrayList<>();
        for (PortSpec p : type.outputs(values)) {
            outs.add(new Ref(id, p.name()));
        }
        return outs;
    }

    public GraphBuilder output(String name, Ref source) {
        outputs.put(name, source);
        return this;
    }

    public BlockGraph build() {
        if (outputs.isEmpty()) {
            throw new IllegalStateException("a composite needs at least one output");
        }
        return new BlockGraph(inputs, nodes, edges, outputs);
    }
}
