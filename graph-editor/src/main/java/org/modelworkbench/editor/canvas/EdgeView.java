package org.modelworkbench.editor.canvas;

import javafx.scene.Group;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.CubicCurve;
import javafx.util.Duration;
import org.modelworkbench.projects.design.Edge;

/**
 * A wire on the canvas: a cubic Bézier from an output port down to an input port, a wider
 * invisible twin that makes it easy to hit, and a label with the tensor shape it carries (kept in
 * a layer of its own, under the nodes and above all wires). Drawn in the danger colour when the
 * input port it feeds has a problem.
 */
public final class EdgeView extends Group {
    private final CubicCurve hit = new CubicCurve();
    private final CubicCurve curve = new CubicCurve();
    private final TagLabel label = new TagLabel("edge-label", 3, 0);
    private Edge edge;
    private Wire wire;
    private String shapeText;
    private String problem;
    private boolean selected;
    private Tooltip tooltip;

    EdgeView() {
        getStyleClass().add("graph-edge");
        hit.getStyleClass().add("edge-hit");
        curve.getStyleClass().add("edge-curve");
        curve.setMouseTransparent(true);
        hit.setPickOnBounds(false);
        setManaged(false);
        getChildren().addAll(curve, hit);
        label.widthProperty().addListener(o -> placeLabel());
        label.heightProperty().addListener(o -> placeLabel());
    }

    public Edge edge() {
        return edge;
    }

    public javafx.scene.layout.Region label() {
        return label;
    }

    /** The shape text shown on the wire, or null. */
    public String shapeText() {
        return shapeText;
    }

    public boolean hasProblem() {
        return problem != null;
    }

    public boolean isSelected() {
        return selected;
    }

    void bind(Edge e, Wire w, String shape, String problemText, boolean isSelected) {
        if (!e.equals(edge)) {
            edge = e;
            setId(CanvasIds.edge(e));
            label.setId("label-" + getId());
        }
        if (!w.equals(wire)) {
            wire = w;
            for (CubicCurve c : new CubicCurve[] {hit, curve}) {
                c.setStartX(w.x0());
                c.setStartY(w.y0());
                c.setControlX1(w.c1x());
                c.setControlY1(w.c1y());
                c.setControlX2(w.c2x());
                c.setControlY2(w.c2y());
                c.setEndX(w.x1());
                c.setEndY(w.y1());
            }
            placeLabel();
        }
        if (!java.util.Objects.equals(shape, shapeText)) {
            shapeText = shape;
            label.setText(shape == null ? "" : shape);
            label.setVisible(shape != null);
        }
        if (!java.util.Objects.equals(problemText, problem)) {
            problem = problemText;
            NodeView.setClass(this, "problem", problem != null);
            NodeView.setClass(label, "problem", problem != null);
            if (problem != null) {
                if (tooltip == null) {
                    tooltip = new Tooltip();
                    tooltip.setShowDelay(Duration.millis(250));
                    tooltip.setWrapText(true);
                    tooltip.setMaxWidth(420);
                    Tooltip.install(hit, tooltip);
                }
                tooltip.setText(problem);
            } else if (tooltip != null) {
                Tooltip.uninstall(hit, tooltip);
                tooltip = null;
            }
        }
        if (isSelected != selected) {
            selected = isSelected;
            pseudoClassStateChanged(NodeView.SELECTED, selected);
            NodeView.setClass(label, "selected", selected);
        }
    }

    private void placeLabel() {
        if (wire == null) {
            return;
        }
        if (label.getWidth() == 0 && label.isVisible()) {
            label.autosize();
        }
        var mid = wire.mid();
        label.relocate(Math.round(mid.getX() - label.getWidth() / 2), Math.round(mid.getY() - label.getHeight() / 2));
    }
}
