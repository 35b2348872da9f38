package org.modelworkbench.editor.canvas;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.Group;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;

/**
 * The wires in detail: an {@link EdgeView} (curve, plus its shape label on a layer above) for each
 * wire that meets the view, virtualised and pooled like the node skins, marked when selected or
 * going into a port with a problem. The wire a gesture has picked up is not drawn.
 */
final class WireLayer {
    private static final int POOL_LIMIT = 256;
    /** The curves (below the nodes). */
    final Group edges = new Group();
    /** The shape labels (above the curves, below the nodes; hidden when too small to read). */
    final Group labels = new Group();
    private final Map<Edge, EdgeView> views = new HashMap<>();
    private final ArrayDeque<EdgeView> pool = new ArrayDeque<>();
    private final EditorModel model;
    private final Design design;
    private final CanvasContent content;
    private final Set<Edge> selectedEdges;

    WireLayer(EditorModel model, CanvasContent content, Set<Edge> selectedEdges) {
        this.model = model;
        this.design = model.design();
        this.content = content;
        this.selectedEdges = selectedEdges;
        edges.setAutoSizeChildren(false);
    }

    EdgeView get(Edge edge) {
        return views.get(edge);
    }

    int count() {
        return views.size();
    }

    boolean isEmpty() {
        return views.isEmpty();
    }

    /** Builds or re-binds the views of the wires that meet the rectangle (design coordinates); releases the rest. */
    void update(double x0, double y0, double x1, double y1) {
        DesignAnalysis analysis = model.analysis();
        Set<Edge> seen = new HashSet<>();
        List<EdgeView> fresh = new ArrayList<>();
        for (Edge e : design.edges()) {
            if (e.equals(content.hiddenEdge())) {
                continue;
            }
            Wire wire = content.wireOf(e);
            if (wire == null || !wire.mayIntersect(x0, y0, x1, y1)) {
                continue;
            }
            seen.add(e);
            EdgeView v = views.get(e);
            if (v == null) {
                v = pool.poll();
                if (v == null) {
                    v = new EdgeView();
                    edges.getChildren().add(v);
                    labels.getChildren().add(v.label());
                } else {
                    v.setVisible(true);
                    v.label().setVisible(v.shapeText() != null);
                }
                views.put(e, v);
                fresh.add(v);
            }
            NodeAnalysis source = analysis == null ? null : analysis.node(e.from().node());
            v.bind(e, wire, NodeText.wireShape(source, e.from().port()), content.problemInto(e), selectedEdges.contains(e));
        }
        for (Iterator<Map.Entry<Edge, EdgeView>> it = views.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Edge, EdgeView> e = it.next();
            if (!seen.contains(e.getKey())) {
                it.remove();
                release(e.getValue());
            }
        }
        for (EdgeView v : fresh) {
            v.applyCss();
            v.label().applyCss();
            v.label().autosize();
        }
    }

    /** Releases every wire view (the overview is drawn instead). */
    void releaseAll() {
        for (EdgeView v : views.values()) {
            release(v);
        }
        views.clear();
    }

    private void release(EdgeView v) {
        if (pool.size() < POOL_LIMIT) {
            v.setVisible(false);
            v.label().setVisible(false);
            pool.push(v);
        } else {
            edges.getChildren().remove(v);
            labels.getChildren().remove(v.label());
        }
    }
}
