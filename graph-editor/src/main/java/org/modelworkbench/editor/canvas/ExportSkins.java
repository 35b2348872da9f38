package org.modelworkbench.editor.canvas;

import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;

/**
 * Skins for an export (PNG): every node and wire in a region, not virtualised and not pooled,
 * styled like the canvas. {@link GraphExport} builds its picture from these.
 */
final class ExportSkins {
    private ExportSkins() {
    }

    /** Skins for the nodes and wires that meet {@code region} (design coordinates; null: all), shifted by the offset. */
    static void build(CanvasContent content, EditorModel model, Group edges, Group labels, Group nodes,
                      double offsetX, double offsetY, Bounds region) {
        content.sync();
        content.refreshProblems();
        Design design = model.design();
        DesignAnalysis analysis = model.analysis();
        for (Edge e : design.edges()) {
            Wire wire = content.wireOf(e);
            if (wire == null || (region != null
                    && !wire.mayIntersect(region.getMinX(), region.getMinY(), region.getMaxX(), region.getMaxY()))) {
                continue;
            }
            EdgeView v = new EdgeView();
            NodeAnalysis source = analysis == null ? null : analysis.node(e.from().node());
            v.bind(e, wire, NodeText.wireShape(source, e.from().port()), content.problemInto(e), false);
            edges.getChildren().add(v);
            labels.getChildren().add(v.label());
        }
        for (var n : design.nodes()) {
            NodeGeometry g = content.stored(n.id());
            if (region != null && !g.intersects(region.getMinX(), region.getMinY(), region.getMaxX(), region.getMaxY())) {
                continue;
            }
            NodeView v = new NodeView();
            v.bind(n, model.findType(n.type()), g, analysis == null ? null : analysis.node(n.id()), design);
            nodes.getChildren().add(v);
        }
        for (Group g : new Group[] {edges, labels, nodes}) {
            g.setTranslateX(offsetX);
            g.setTranslateY(offsetY);
        }
    }

    /** The canvas scene's stylesheets and root style classes onto an export's scene, so it looks the same. */
    static void copyStyling(Scene own, Scene target, Region root) {
        if (own != null) {
            target.getStylesheets().setAll(own.getStylesheets());
            if (own.getRoot() != null) {
                for (String c : own.getRoot().getStyleClass()) {
                    if (!"root".equals(c) && !root.getStyleClass().contains(c)) {
                        root.getStyleClass().add(c);
                    }
                }
                root.setStyle(own.getRoot().getStyle());
            }
        }
    }
}
