package org.modelworkbench.projects.composite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.modelworkbench.blocks.io.InputBlocks;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.design.BoundaryBlocks;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;

/**
 * Groups a selection into a new user composite block: the selected nodes move, unchanged, into the
 * inside of a new definition, and the selection is replaced by one {@code user.<name>} node wired
 * to the same outside ports.
 *
 * <p>Boundary ports: one input per distinct <em>outside source port</em> (a tensor that feeds
 * two selected blocks, like the input of a residual block, is one input {@code x}, not two), and
 * one output per distinct <em>inside source port</em> that feeds the outside (used by several
 * outside blocks, it is still one output). One input is called {@code x} and one output {@code y}
 * (the library's convention); several are {@code x1, x2, …} and {@code y1, y2, …}, in the document
 * order of the blocks they feed and come from. Each boundary input remembers the shape it carried
 * at grouping time as its example shape.
 *
 * <p>A plan is computed without changing the design; {@link #apply} and {@link #revert} carry it
 * out and take it back exactly (the document order included).
 */
public final class Grouping {
    private Grouping() {
    }

    /** Everything a group step changes, computed up front so that it can be applied and reverted. */
    public record Plan(Design design, CompositeDefinition definition, Node node, List<Node> removedNodes,
                       List<Edge> removedEdges, List<Edge> addedEdges, List<String> nodeOrderBefore,
                       List<Edge> edgeOrderBefore) {
    }

    /** Why this selection cannot be grouped under this name, or empty when it can. */
    public static Optional<String> refusal(Design design, Collection<String> selection, String name) {
        if (selection.isEmpty()) {
            return Optional.of("select the blocks to group first");
        }
        if (!CompositeDefinition.isValidName(name)) {
            return Optional.of(CompositeDefinition.nameRule(name));
        }
        if (design.composite(name).isPresent()) {
            return Optional.of("there is already a composite block named '" + name + "'");
        }
        for (String id : selection) {
            Optional<Node> n = design.node(id);
            if (n.isEmpty()) {
                return Optional.of("there is no block '" + id + "' in this design");
            }
            if (n.get().type().equals(InputBlocks.IMAGE_ID)) {
                return Optional.of("the image input '" + id + "' cannot go inside a composite block; leave it out "
                        + "of the selection");
            }
            if (BoundaryBlocks.isBoundary(n.get().type())) {
                return Optional.of("'" + id + "' is a port of the composite block being edited; leave it out of the "
                        + "selection");
            }
        }
        List<String> between = outsideBetween(design, new HashSet<>(selection));
        if (between.isEmpty()) {
            return Optional.empty();
        }
        List<String> named = between.stream().limit(4).map(id -> "'" + id + "'").toList();
        String who = named.size() == 1 ? named.get(0) + ", which is not selected, lies"
                : String.join(", ", named) + (between.size() > 4 ? ", …" : "") + ", which are not selected, lie";
        return Optional.of("the selection cannot become one block: " + who + " on a path from one selected block to "
                + "another (select " + (between.size() == 1 ? "it" : "them") + " too, or fewer blocks)");
    }

    /**
     * The plan for grouping {@code selection} as {@code name}; {@code analysis} (may be null)
     * provides the example shapes of the boundary inputs.
     *
     * @throws IllegalArgumentException with the {@link #refusal} when it cannot be grouped
     */
    public static Plan plan(Design design, Collection<String> selection, String name, DesignAnalysis analysis) {
        Optional<String> refusal = refusal(design, selection, name);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(refusal.get());
        }
        Set<String> selected = new HashSet<>(selection);
        List<Node> nodes = new ArrayList<>();
        for (Node n : design.nodes()) {
            if (selected.contains(n.id())) {
                nodes.add(n);
            }
        }
        // Boundary inputs: distinct outside sources, in the order of the blocks they feed.
        Map<PortRef, List<Edge>> sources = new LinkedHashMap<>();
        // Boundary outputs: distinct inside sources that feed the outside, in the order of their blocks.
        Map<PortRef, List<Edge>> exits = new LinkedHashMap<>();
        for (Node n : nodes) {
            for (Edge e : design.incoming(n.id()).values()) {
                if (!selected.contains(e.from().node())) {
                    sources.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
                }
            }
        }
        for (Node n : nodes) {
            for (Edge e : design.outgoing(n.id())) {
                if (!selected.contains(e.to().node())) {
                    exits.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
                }
            }
        }
        Design inside = new Design(name);
        Set<String> taken = new HashSet<>(selected);
        Map<PortRef, String> inputName = new LinkedHashMap<>();
        int i = 1;
        for (PortRef src : sources.keySet()) {
            inputName.put(src, fresh(sources.size() == 1 ? "x" : "x" + i++, taken));
        }
        Map<PortRef, String> outputName = new LinkedHashMap<>();
        i = 1;
        for (PortRef src : exits.keySet()) {
            outputName.put(src, fresh(exits.size() == 1 ? "y" : "y" + i++, taken));
        }
        // Boundary inputs above the blocks they feed, outputs below the block they come from.
        for (Map.Entry<PortRef, String> e : inputName.entrySet()) {
            double x = 0;
            double y = Double.MAX_VALUE;
            List<Edge> fed = sources.get(e.getKey());
            for (Edge edge : fed) {
                Node to = design.node(edge.to().node()).orElseThrow();
                x += to.x() / fed.size();
                y = Math.min(y, to.y());
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("shape", exampleShape(analysis, e.getKey()));
            inside.addNode(new Node(e.getValue(), BoundaryBlocks.INPUT_ID, params, x, y - 120));
        }
        for (Node n : nodes) {
            inside.addNode(n);
        }
        for (Map.Entry<PortRef, String> e : outputName.entrySet()) {
            Node from = design.node(e.getKey().node()).orElseThrow();
            inside.addNode(new Node(e.getValue(), BoundaryBlocks.OUTPUT_ID, Map.of(), from.x(), from.y() + 120));
        }
        List<Edge> removedEdges = new ArrayList<>();
        for (Edge e : design.edges()) {
            boolean from = selected.contains(e.from().node());
            boolean to = selected.contains(e.to().node());
            if (from || to) {
                removedEdges.add(e);
            }
            if (from && to) {
                inside.connect(e);
            }
        }
        for (Map.Entry<PortRef, List<Edge>> e : sources.entrySet()) {
            for (Edge edge : e.getValue()) {
                inside.connect(new Edge(new PortRef(inputName.get(e.getKey()), BoundaryBlocks.INPUT_PORT), edge.to()));
            }
        }
        for (PortRef src : exits.keySet()) {
            inside.connect(new Edge(src, new PortRef(outputName.get(src), BoundaryBlocks.OUTPUT_PORT)));
        }
        CompositeDefinition definition = new CompositeDefinition(name, inside, List.copyOf(inputName.values()),
                List.copyOf(outputName.values()));

        double cx = 0;
        double cy = 0;
        for (Node n : nodes) {
            cx += n.x() / nodes.size();
            cy += n.y() / nodes.size();
        }
        String nodeId = design.uniqueId(idFor(name));
        Node node = new Node(nodeId, definition.typeId(), Map.of(), cx, cy);
        List<Edge> added = new ArrayList<>();
        for (Map.Entry<PortRef, String> e : inputName.entrySet()) {
            added.add(new Edge(e.getKey(), new PortRef(nodeId, e.getValue())));
        }
        for (Map.Entry<PortRef, List<Edge>> e : exits.entrySet()) {
            for (Edge edge : e.getValue()) {
                added.add(new Edge(new PortRef(nodeId, outputName.get(e.getKey())), edge.to()));
            }
        }
        return new Plan(design, definition, node, List.copyOf(nodes), List.copyOf(removedEdges), List.copyOf(added),
                design.nodeOrder(), List.copyOf(design.edges()));
    }

    /** Carries out a plan: the selection becomes the inside of the new definition. */
    public static void apply(Plan p) {
        Design d = p.design();
        for (Edge e : p.removedEdges()) {
            d.disconnect(e);
        }
        for (Node n : p.removedNodes()) {
            d.removeNode(n.id());
        }
        d.compositeScope().putComposite(p.definition());
        d.addNode(p.node());
        for (Edge e : p.addedEdges()) {
            d.connect(e);
        }
    }

    /** Takes a plan back: the design is exactly as before, document order included. */
    public static void revert(Plan p) {
        Design d = p.design();
        for (int i = p.addedEdges().size() - 1; i >= 0; i--) {
            d.disconnect(p.addedEdges().get(i));
        }
        d.removeNode(p.node().id());
        d.compositeScope().removeComposite(p.definition().name());
        for (Node n : p.removedNodes()) {
            d.addNode(n);
        }
        for (Edge e : p.removedEdges()) {
            d.connect(e);
        }
        d.restoreOrder(p.nodeOrderBefore(), p.edgeOrderBefore());
    }

    /** "ResidualPair" → "residual_pair": a node id in the style of the rest of a design. */
    static String idFor(String name) {
        String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        return Node.isValidId(snake) ? snake : "block";
    }

    private static String fresh(String base, Set<String> taken) {
        String id = base;
        for (int k = 2; taken.contains(id); k++) {
            id = base + "_" + k;
        }
        taken.add(id);
        return id;
    }

    private static List<Integer> exampleShape(DesignAnalysis analysis, PortRef source) {
        if (analysis != null) {
            NodeAnalysis r = analysis.node(source.node());
            Shape s = r == null ? null : r.output(source.port());
            if (s != null && s.rank() >= 1 && s.rank() <= 8) {
                return BoundaryBlocks.shapeParam(s);
            }
        }
        return BoundaryBlocks.INPUT.defaults().intList("shape");
    }

    /** The nodes outside the selection that lie on a path between two selected nodes, in document order. */
    private static List<String> outsideBetween(Design design, Set<String> selected) {
        Set<String> below = reach(design, selected, true);
        if (below.isEmpty()) {
            return List.of();
        }
        Set<String> above = reach(design, selected, false);
        List<String> between = new ArrayList<>();
        for (String id : design.nodeOrder()) {
            if (below.contains(id) && above.contains(id)) {
                between.add(id);
            }
        }
        return between;
    }

    /** Outside nodes reachable from the selection along (or against) the edges, without passing through it. */
    private static Set<String> reach(Design design, Set<String> selected, boolean down) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(selected);
        while (!todo.isEmpty()) {
            String id = todo.poll();
            List<String> next = new ArrayList<>();
            if (down) {
                design.outgoing(id).forEach(e -> next.add(e.to().node()));
            } else {
                design.incoming(id).values().forEach(e -> next.add(e.from().node()));
            }
            for (String n : next) {
                if (!selected.contains(n) && seen.add(n)) {
                    todo.add(n);
                }
            }
        }
        return seen;
    }
}
