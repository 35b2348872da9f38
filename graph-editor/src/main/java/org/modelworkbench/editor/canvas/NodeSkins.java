package org.modelworkbench.editor.canvas;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.Group;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.overlay.NodeOverlay;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.design.Design;

/**
 * Skin virtualisation of the nodes: which {@link NodeView}s exist. Skins exist for the nodes that
 * meet the view plus a margin; a skin is released only beyond twice the margin (small pans do not
 * churn) into a bounded pool, staying in the scene hidden so it keeps its CSS state, and is
 * re-bound to another node. A skin is re-bound only when its node, geometry or analysis changed.
 */
final class NodeSkins {
    private static final int POOL_LIMIT = 128;
    /** The layer the skins live in (above the wires). */
    final Group layer = new Group();
    private final Map<String, NodeView> views = new HashMap<>();
    private final ArrayDeque<NodeView> pool = new ArrayDeque<>();
    private final EditorModel model;
    private final Design design;
    private final CanvasContent content;

    NodeSkins(EditorModel model, CanvasContent content) {
        this.model = model;
        this.design = model.design();
        this.content = content;
        layer.setAutoSizeChildren(false);
    }

    NodeView get(String nodeId) {
        return views.get(nodeId);
    }

    int count() {
        return views.size();
    }

    /**
     * Builds or re-binds the skins of the {@code visible} nodes and releases those of nodes gone or
     * outside the release rectangle (design coordinates), tinting each by the overlay (null: none).
     */
    void update(List<String> visible, double rx0, double ry0, double rx1, double ry1, NodeOverlay overlay) {
        // Release skins of nodes that are gone or far out of view (hysteresis: twice the margin).
        for (Iterator<Map.Entry<String, NodeView>> it = views.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, NodeView> e = it.next();
            NodeGeometry g = content.live(e.getKey());
            if (g == null || !g.intersects(rx0, ry0, rx1, ry1)) {
                it.remove();
                release(e.getValue());
            }
        }
        DesignAnalysis analysis = model.analysis();
        Set<String> selection = model.selection();
        Set<NodeView> fresh = new LinkedHashSet<>();
        for (String id : visible) {
            if (!views.containsKey(id)) {
                // Pooled skins stay in the scene, hidden, so they keep their CSS state.
                NodeView v = pool.poll();
                if (v == null) {
                    v = new NodeView();
                    layer.getChildren().add(v);
                } else {
                    v.setVisible(true);
                }
                views.put(id, v);
                fresh.add(v);
            }
        }
        for (Map.Entry<String, NodeView> e : views.entrySet()) {
            String id = e.getKey();
            NodeView v = e.getValue();
            var node = design.node(id).orElseThrow();
            NodeGeometry g = content.live(id);
            NodeAnalysis a = analysis == null ? null : analysis.node(id);
            boolean changed;
            if (content.isDragged(id) && v.node() != null && v.node().equals(node)) {
                v.moveTo(g.x(), g.y());
                changed = false;
            } else {
                changed = v.bind(node, model.findType(node.type()), g, a, design);
            }
            v.setSelected(selection.contains(id));
            v.setOverlay(overlay == null ? null : overlay.colorOf(id).orElse(null),
                    overlay == null ? null : overlay.tooltip(id));
            if (changed) {
                fresh.add(v);
            }
        }
        for (NodeView v : fresh) {
            // Style and lay out now, so the skin is right in this very frame.
            v.applyCss();
            v.layout();
        }
    }

    /** Releases every skin (the overview is drawn instead). */
    void releaseAll() {
        for (NodeView v : views.values()) {
            release(v);
        }
        views.clear();
    }

    boolean isEmpty() {
        return views.isEmpty();
    }

    private void release(NodeView v) {
        v.setSelected(false);
        v.setOverlay(null, null);
        if (pool.size() < POOL_LIMIT) {
            v.setVisible(false);
            pool.push(v);
        } else {
            layer.getChildren().remove(v);
        }
    }
}
