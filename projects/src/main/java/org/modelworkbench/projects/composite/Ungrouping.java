package org.modelworkbench.projects.composite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.ShapeException;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignTypes;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.design.BoundaryBlocks;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;

/**
 * Ungroups a composite node: its inside is inlined in its place and rewired to the outside ports
 * the node was wired to. For a user composite the inside is its definition (which is removed from
 * the design when no other node uses it, so that grouping and then ungrouping leaves the design as
 * it was); for a library composite it is what its hyper-parameters generate for its current input
 * shapes, so a Swin block can be opened up into its layers.
 *
 * <p>Inlined nodes keep their ids where these are free (else {@code <node>_<id>}), and sit around
 * where the composite node is: the inside's centre is moved onto the node's position. An input of
 * the composite that was not wired leaves the inner inputs it fed unwired.
 */
public final class Ungrouping {
    private Ungrouping() {
    }

    /** Everything an ungroup step changes. */
    public record Plan(Design design, Node node, List<Edge> removedEdges, List<Node> addedNodes, List<Edge> addedEdges,
                       CompositeDefinition removedDefinition, List<String> nodeOrderBefore,
                       List<Edge> edgeOrderBefore) {
    }

    /** Why the node cannot be ungrouped, or empty when it can. */
    public static Optional<String> refusal(Design design, String nodeId, BlockLibrary library, DesignAnalysis analysis) {
        try {
            plan(design, nodeId, library, analysis);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** @throws IllegalArgumentException saying why the node cannot be ungrouped */
    public static Plan plan(Design design, String nodeId, BlockLibrary library, DesignAnalysis analysis) {
        Node node = design.node(nodeId).orElseThrow(() -> new IllegalArgumentException("there is no block '" + nodeId
                + "' in this design"));
        CompositeDefinition definition = null;
        Design inside;
        Optional<String> user = CompositeDefinition.nameOf(node.type());
        if (user.isPresent()) {
            definition = design.composite(user.get()).orElseThrow(() -> new IllegalArgumentException(
                    "'" + nodeId + "' is of type " + node.type() + ", which this design does not define"));
            if (design.compositeScope().compositeCycle(definition.name()).isPresent()) {
                throw new IllegalArgumentException("'" + nodeId + "' cannot be ungrouped: its composite block contains "
                        + "itself");
            }
            inside = definition.inside();
        } else {
            inside = libraryInside(design, node, library, analysis);
        }
        return inline(design, node, inside, definition != null && usedOnlyHere(design, node) ? definition : null);
    }

    /** Carries out a plan. */
    public static void apply(Plan p) {
        Design d = p.design();
        for (Edge e : p.removedEdges()) {
            d.disconnect(e);
        }
        d.removeNode(p.node().id());
        if (p.removedDefinition() != null) {
            d.compositeScope().removeComposite(p.removedDefinition().name());
        }
        for (Node n : p.addedNodes()) {
            d.addNode(n);
        }
        for (Edge e : p.addedEdges()) {
            d.connect(e);
        }
    }

    /** Takes a plan back exactly. */
    public static void revert(Plan p) {
        Design d = p.design();
        for (int i = p.addedEdges().size() - 1; i >= 0; i--) {
            d.disconnect(p.addedEdges().get(i));
        }
        for (int i = p.addedNodes().size() - 1; i >= 0; i--) {
            d.removeNode(p.addedNodes().get(i).id());
        }
        if (p.removedDefinition() != null) {
            d.compositeScope().putComposite(p.removedDefinition());
        }
        d.addNode(p.node());
        for (Edge e : p.removedEdges()) {
            d.connect(e);
        }
        d.restoreOrder(p.nodeOrderBefore(), p.edgeOrderBefore());
    }

    private static Design libraryInside(Design design, Node node, BlockLibrary library, DesignAnalysis analysis) {
        BlockType type = DesignTypes.find(library, design, node.type()).orElseThrow(() -> new IllegalArgumentException(
                "'" + node.id() + "' has the unknown block type " + node.type()));
        if (!(type instanceof CompositeBlockType composite)) {
            throw new IllegalArgumentException("'" + node.id() + "' (" + type.displayName() + ") is a single operation, "
                    + "not a composite block: there is nothing to ungroup");
        }
        NodeAnalysis r = analysis == null ? null : analysis.node(node.id());
        if (r == null || !r.evaluated()) {
            throw new IllegalArgumentException("'" + node.id() + "' cannot be ungrouped before its input shapes are "
                    + "known: its inside depends on them (fix the problems at or above it first)");
        }
        try {
            return LibraryInsides.expand(composite, type.resolve(node.params()), r.inputs(), r.inputLayouts());
        } catch (InvalidParameterException | ShapeException e) {
            throw new IllegalArgumentException("'" + node.id() + "' cannot be ungrouped: " + e.getMessage(), e);
        }
    }

    private static boolean usedOnlyHere(Design design, Node node) {
        Design root = design.compositeScope();
        int uses = 0;
        List<Design> all = new ArrayList<>();
        all.add(root);
        root.composites().values().forEach(c -> all.add(c.inside()));
        for (Design d : all) {
            for (Node n : d.nodes()) {
                if (n.type().equals(node.type())) {
                    uses++;
                }
            }
        }
        return uses == 1;
    }

    private static Plan inline(Design design, Node node, Design inside, CompositeDefinition removed) {
        Map<String, Edge> outerIn = design.incoming(node.id());
        Map<String, List<PortRef>> outerOut = new HashMap<>();
        for (Edge e : design.outgoing(node.id())) {
            outerOut.computeIfAbsent(e.from().port(), k -> new ArrayList<>()).add(e.to());
        }
        List<Node> inner = new ArrayList<>();
        for (Node n : inside.nodes()) {
            if (!BoundaryBlocks.isBoundary(n.type())) {
                inner.add(n);
            }
        }
        double cx = 0;
        double cy = 0;
        for (Node n : inner) {
            cx += n.x() / inner.size();
            cy += n.y() / inner.size();
        }
        double dx = node.x() - cx;
        double dy = node.y() - cy;
        Set<String> taken = new HashSet<>(design.nodeOrder());
        taken.remove(node.id());
        Map<String, String> ids = new HashMap<>();
        List<Node> added = new ArrayList<>();
        for (Node n : inner) {
            String id = n.id();
            if (taken.contains(id)) {
                String base = node.id() + "_" + n.id();
                base = Node.isValidId(base) ? base : n.id();
                id = base;
                for (int k = 2; taken.contains(id); k++) {
                    id = base + "_" + k;
                }
            }
            taken.add(id);
            ids.put(n.id(), id);
            Node moved = dx == 0 && dy == 0 ? n : n.at(n.x() + dx, n.y() + dy);
            added.add(id.equals(n.id()) ? moved : new Node(id, moved.type(), moved.params(), moved.x(), moved.y()));
        }
        List<Edge> edges = new ArrayList<>();
        for (Edge e : inside.edges()) {
            Node from = inside.node(e.from().node()).orElseThrow();
            Node to = inside.node(e.to().node()).orElseThrow();
            List<PortRef> sources = new ArrayList<>();
            if (from.type().equals(BoundaryBlocks.INPUT_ID)) {
                Edge outer = outerIn.get(from.id());
                if (outer != null) {
                    sources.add(outer.from());
                }
            } else if (!from.type().equals(BoundaryBlocks.OUTPUT_ID)) {
                sources.add(new PortRef(ids.get(from.id()), e.from().port()));
            }
            List<PortRef> targets = new ArrayList<>();
            if (to.type().equals(BoundaryBlocks.OUTPUT_ID)) {
                targets.addAll(outerOut.getOrDefault(to.id(), List.of()));
            } else if (!to.type().equals(BoundaryBlocks.INPUT_ID)) {
                targets.add(new PortRef(ids.get(to.id()), e.to().port()));
            }
            for (PortRef s : sources) {
                for (PortRef t : targets) {
                    edges.add(new Edge(s, t));
                }
            }
        }
        List<Edge> removedEdges = new ArrayList<>();
        for (Edge e : design.edges()) {
            if (e.from().node().equals(node.id()) || e.to().node().equals(node.id())) {
                removedEdges.add(e);
            }
        }
        return new Plan(design, node, List.copyOf(removedEdges), List.copyOf(added), List.copyOf(edges), removed,
                design.nodeOrder(), List.copyOf(design.edges()));
    }
}
