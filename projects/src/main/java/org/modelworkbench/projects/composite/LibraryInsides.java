package org.modelworkbench.projects.composite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modelworkbench.blocks.graph.BlockGraph;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.ShapeException;
import org.modelworkbench.projects.design.BoundaryBlocks;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;

/**
 * The inside of a library composite ({@code swin.block}, {@code mbconv.mbconv}, …) as an ordinary
 * design: what {@link CompositeBlockType#expand} generates for these hyper-parameters and input
 * shapes, with one {@code io.group_input} node per input (its shape parameter set to the actual
 * shape) and one {@code io.group_output} node per output, laid out top-down by depth. The result is
 * a snapshot to look at (or to inline when ungrouping): changing it does not change the block,
 * whose inside follows from its hyper-parameters.
 */
public final class LibraryInsides {
    static final double COLUMN = 240;
    static final double ROW = 120;

    private LibraryInsides() {
    }

    public static Design expand(CompositeBlockType type, ParamValues values, List<Shape> inputs) throws ShapeException {
        return expand(type, values, inputs, null);
    }

    /**
     * As {@link #expand(CompositeBlockType, ParamValues, List)} for input tensors of these layouts:
     * "auto" values inside follow them (a head on a channels-last map pools channels-last), and the
     * boundary inputs carry them so that the inside is checked as it is used.
     */
    public static Design expand(CompositeBlockType type, ParamValues values, List<Shape> inputs, List<Layout> layouts)
            throws ShapeException {
        BlockGraph graph = type.expand(inputs, layouts, values);
        Design d = new Design(type.displayName());
        d.setDescription(type.description());
        Set<String> taken = new HashSet<>();
        Map<String, String> boundaryIds = new HashMap<>();
        Map<String, String> nodeIds = new HashMap<>();
        for (String in : graph.inputs()) {
            boundaryIds.put(in, fresh(in, taken));
        }
        for (BlockGraph.Node n : graph.nodes()) {
            nodeIds.put(n.id(), fresh(n.id(), taken));
        }
        Map<String, String> outputIds = new LinkedHashMap<>();
        for (String out : graph.outputs().keySet()) {
            outputIds.put(out, fresh(out, taken));
        }
        // Depth of every node: boundary inputs at 0, each node one below its deepest source.
        Map<String, Integer> depth = new HashMap<>();
        for (String in : graph.inputs()) {
            depth.put(boundaryIds.get(in), 0);
        }
        Map<String, List<BlockGraph.Edge>> incoming = new HashMap<>();
        for (BlockGraph.Edge e : graph.edges()) {
            incoming.computeIfAbsent(e.toNode(), k -> new ArrayList<>()).add(e);
        }
        for (BlockGraph.Node n : graph.nodes()) { // topological order
            int dep = 1;
            for (BlockGraph.Edge e : incoming.getOrDefault(n.id(), List.of())) {
                dep = Math.max(dep, depth.get(sourceId(e.from(), boundaryIds, nodeIds)) + 1);
            }
            depth.put(nodeIds.get(n.id()), dep);
        }
        int bottom = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        for (String out : outputIds.values()) {
            depth.put(out, bottom);
        }
        Map<Integer, Integer> rowSize = new HashMap<>();
        depth.values().forEach(r -> rowSize.merge(r, 1, Integer::sum));
        Map<Integer, Integer> placed = new HashMap<>();

        for (int i = 0; i < graph.inputs().size(); i++) {
            String id = boundaryIds.get(graph.inputs().get(i));
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("shape", BoundaryBlocks.shapeParam(inputs.get(i)));
            if (layouts != null && layouts.get(i) != Layout.ANY) {
                params.put("layout", layouts.get(i).shortName());
            }
            d.addNode(place(new Node(id, BoundaryBlocks.INPUT_ID, params, 0, 0), depth, rowSize, placed));
        }
        for (BlockGraph.Node n : graph.nodes()) {
            String id = nodeIds.get(n.id());
            d.addNode(place(new Node(id, n.type().id(), new LinkedHashMap<>(n.params().asMap()), 0, 0), depth,
                    rowSize, placed));
        }
        for (String id : outputIds.values()) {
            d.addNode(place(new Node(id, BoundaryBlocks.OUTPUT_ID, Map.of(), 0, 0), depth, rowSize, placed));
        }
        for (BlockGraph.Edge e : graph.edges()) {
            d.connect(new Edge(source(e.from(), boundaryIds, nodeIds), new PortRef(nodeIds.get(e.toNode()), e.toPort())));
        }
        for (Map.Entry<String, BlockGraph.Ref> o : graph.outputs().entrySet()) {
            d.connect(new Edge(source(o.getValue(), boundaryIds, nodeIds),
                    new PortRef(outputIds.get(o.getKey()), BoundaryBlocks.OUTPUT_PORT)));
        }
        return d;
    }

    private static Node place(Node n, Map<String, Integer> depth, Map<Integer, Integer> rowSize,
                              Map<Integer, Integer> placed) {
        int row = depth.get(n.id());
        int column = placed.merge(row, 1, Integer::sum) - 1;
        double x = (column - (rowSize.get(row) - 1) / 2.0) * COLUMN;
        return n.at(x, row * ROW);
    }

    private static String sourceId(BlockGraph.Ref ref, Map<String, String> boundaryIds, Map<String, String> nodeIds) {
        return ref.isGraphInput() ? boundaryIds.get(ref.port()) : nodeIds.get(ref.node());
    }

    private static PortRef source(BlockGraph.Ref ref, Map<String, String> boundaryIds, Map<String, String> nodeIds) {
        return ref.isGraphInput() ? new PortRef(boundaryIds.get(ref.port()), BoundaryBlocks.INPUT_PORT)
                : new PortRef(nodeIds.get(ref.node()), ref.port());
    }

    /** A valid node id from an inner name, not yet taken. */
    private static String fresh(String name, Set<String> taken) {
        String base = name.replaceAll("[^A-Za-z0-9_\\-]", "_");
        if (base.isEmpty() || !Node.isValidId(base)) {
            base = "_" + base;
        }
        if (base.length() > 100) {
            base = base.substring(0, 100);
        }
        String id = base;
        for (int k = 2; taken.contains(id); k++) {
            id = base + "_" + k;
        }
        taken.add(id);
        return id;
    }
}
