package org.modelworkbench.editor.canvas;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.Problem;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignChange;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;

/**
 * What the canvas draws, indexed without skins: every node's {@link NodeGeometry} (kept in step
 * with the design's change events: only the nodes a change names are recomputed), its category
 * and title, the nodes and ports with problems in the current analysis, and the live offset of a
 * drag in progress. Hit testing, the skins, the overview, the minimap and export all read it.
 */
final class CanvasContent {
    private final EditorModel model;
    private final Design design;
    private final Map<String, NodeGeometry> geometry = new LinkedHashMap<>();
    private final Map<String, Integer> categories = new HashMap<>();
    private final Map<String, String> titles = new HashMap<>();
    private final Map<List<Object>, NodeGeometry.Ports> portMemo = new HashMap<>();
    private final Set<String> staleGeometry = new HashSet<>();
    private boolean allStale = true;

    private Set<String> problemNodes = Set.of();
    private Map<String, String> problemPorts = Map.of();
    private DesignAnalysis problemsOf;

    private Set<String> dragging = Set.of();
    private double dragDx;
    private double dragDy;
    private Edge hiddenEdge;

    CanvasContent(EditorModel model) {
        this.model = model;
        this.design = model.design();
    }

    /** Marks the geometry of the nodes a design change names stale. */
    void designChanged(DesignChange change) {
        if (change instanceof DesignChange.NodeChanged c) {
            staleGeometry.add(c.nodeId());
        } else if (change instanceof DesignChange.NodeMoved m) {
            staleGeometry.add(m.nodeId());
        } else if (change instanceof DesignChange.EdgeChanged e) {
            staleGeometry.add(e.edge().from().node());
            staleGeometry.add(e.edge().to().node());
        } else if (change instanceof DesignChange.CompositeChanged c) {
            // The ports of every use of a user composite follow its definition.
            String typeId = CompositeDefinition.typeIdOf(c.name());
            for (Node n : design.nodes()) {
                if (n.type().equals(typeId)) {
                    staleGeometry.add(n.id());
                }
            }
        }
    }

    /** Recomputes what is stale (everything the first time). */
    void sync() {
        if (allStale) {
            allStale = false;
            staleGeometry.clear();
            geometry.clear();
            categories.clear();
            titles.clear();
            for (var n : design.nodes()) {
                put(n);
            }
            return;
        }
        if (staleGeometry.isEmpty()) {
            return;
        }
        for (String id : staleGeometry) {
            Optional<Node> n = design.node(id);
            if (n.isPresent()) {
                put(n.get());
            } else {
                geometry.remove(id);
                categories.remove(id);
                titles.remove(id);
            }
        }
        staleGeometry.clear();
    }

    private void put(Node n) {
        geometry.put(n.id(), NodeGeometry.of(n, model::findType, design, portMemo));
        Optional<BlockType> type = model.findType(n.type());
        categories.put(n.id(), type.map(t -> NodeView.categoryIndex(t.category())).orElse(7));
        titles.put(n.id(), type.map(BlockType::displayName).orElse(n.type()));
    }

    /** Node ids in design order (call {@link #sync()} first). */
    Set<String> ids() {
        return geometry.keySet();
    }

    /** Where a node lies as last synced, not counting a drag. */
    NodeGeometry stored(String nodeId) {
        return geometry.get(nodeId);
    }

    Iterable<NodeGeometry> all() {
        return geometry.values();
    }

    boolean isEmpty() {
        return geometry.isEmpty();
    }

    /** Where a node lies now, including a drag in progress; null when there is no such node. */
    NodeGeometry live(String nodeId) {
        NodeGeometry g = geometry.get(nodeId);
        if (g != null && dragging.contains(nodeId)) {
            return g.movedBy(dragDx, dragDy);
        }
        return g;
    }

    /** Bounds of all nodes in design coordinates (empty at the origin when there are none). */
    Bounds bounds() {
        sync();
        if (geometry.isEmpty()) {
            return new BoundingBox(0, 0, 0, 0);
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (NodeGeometry g : geometry.values()) {
            minX = Math.min(minX, g.x());
            minY = Math.min(minY, g.y());
            maxX = Math.max(maxX, g.maxX());
            maxY = Math.max(maxY, g.maxY());
        }
        return new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    int categoryIndexOf(String nodeId) {
        return categories.getOrDefault(nodeId, 7);
    }

    String titleOf(String nodeId) {
        return titles.get(nodeId);
    }

    // ------------------------------------------------------------------ wires

    /** The curve of a wire as the nodes lie now, or null when one end is missing. */
    Wire wireOf(Edge e) {
        NodeGeometry a = live(e.from().node());
        NodeGeometry b = live(e.to().node());
        if (a == null || b == null) {
            return null;
        }
        return Wire.between(a.outputPoint(e.from().port()), b.inputPoint(e.to().port()));
    }

    /** True while the wire is in the design (a selected wire may have been removed since). */
    boolean exists(Edge e) {
        Edge cur = design.incoming(e.to().node()).get(e.to().port());
        return e.equals(cur);
    }

    // ------------------------------------------------------------------ problems

    /** Re-reads which nodes and ports have problems, when the analysis is a new one. */
    void refreshProblems() {
        DesignAnalysis a = model.analysis();
        if (a == problemsOf) {
            return;
        }
        problemsOf = a;
        Set<String> nodes = new HashSet<>();
        Map<String, String> ports = new HashMap<>();
        if (a != null) {
            for (Problem p : a.problems()) {
                nodes.add(p.nodeId());
                if (p.port() != null) {
                    ports.merge(p.nodeId() + "\u0000" + p.port(), p.message(), (x, y) -> x + "\n" + y);
                }
            }
        }
        problemNodes = nodes;
        problemPorts = ports;
    }

    boolean hasProblem(String nodeId) {
        refreshProblems();
        return problemNodes.contains(nodeId);
    }

    /** Nodes with a problem (as of the last {@link #refreshProblems()}). */
    Set<String> problemNodes() {
        return problemNodes;
    }

    /** The problem at the input port a wire goes into (messages joined by new lines), or null. */
    String problemInto(Edge e) {
        return problemPorts.get(e.to().node() + "\u0000" + e.to().port());
    }

    // ------------------------------------------------------------------ a drag in progress

    void setDrag(Set<String> ids, double dx, double dy) {
        dragging = ids;
        dragDx = dx;
        dragDy = dy;
    }

    void clearDrag() {
        dragging = Set.of();
        dragDx = 0;
        dragDy = 0;
    }

    boolean isDragged(String nodeId) {
        return dragging.contains(nodeId);
    }

    /** The wire picked up by a gesture (not drawn while it is), or null. */
    void hideEdge(Edge e) {
        hiddenEdge = e;
    }

    Edge hiddenEdge() {
        return hiddenEdge;
    }
}
