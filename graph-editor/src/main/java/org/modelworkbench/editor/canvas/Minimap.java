package org.modelworkbench.editor.canvas;

import org.modelworkbench.editor.lifecycle.Disposable;
import org.modelworkbench.editor.lifecycle.Subscriptions;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.SetChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/**
 * A small overview of the whole design with the canvas's viewport as a rectangle. Click or drag in
 * it to move the view there; the wheel zooms the canvas. The design is drawn only when it (or its
 * analysis, or the selection) changes; moving the view only moves the rectangle.
 */
public class Minimap extends Region implements Disposable {
    private final Subscriptions subscriptions = new Subscriptions();
    private final GraphCanvas canvas;
    private final Canvas drawing = new Canvas();
    private final Rectangle viewport = new Rectangle();
    private final Rectangle viewportFill = new Rectangle();
    private final Rectangle clip = new Rectangle();
    private final CanvasColors colors = new CanvasColors("edge", "danger", "accent",
            "cat-0", "cat-1", "cat-2", "cat-3", "cat-4", "cat-5", "cat-6", "cat-7");
    private boolean contentDirty = true;
    /** Design-to-minimap mapping of the last drawing: m = d × scale + offset. */
    private double scale = 1;
    private double offsetX;
    private double offsetY;

    public Minimap(GraphCanvas canvas) {
        this.canvas = canvas;
        canvas.avoidWhenFitting(this);
        setId("minimap");
        getStyleClass().add("minimap");
        getStylesheets().add(GraphCanvas.STYLESHEET);
        setPrefSize(220, 160);
        setMinSize(80, 60);
        drawing.setManaged(false);
        drawing.setMouseTransparent(true);
        viewport.setManaged(false);
        viewport.setMouseTransparent(true);
        viewport.getStyleClass().add("minimap-viewport");
        viewport.setId("minimap-viewport");
        viewportFill.setManaged(false);
        viewportFill.setMouseTransparent(true);
        viewportFill.getStyleClass().add("minimap-viewport-fill");
        // The tint goes under the drawing, the outline over it.
        getChildren().addAll(colors, viewportFill, drawing, viewport);
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        subscriptions.onInvalidated(canvas.visibleBoundsProperty(), o -> requestLayout());
        subscriptions.onInvalidated(canvas.contentRevisionProperty(), o -> redraw());
        subscriptions.onSetChange(canvas.model().selection(), c -> redraw());
        colors.onChange(this::redraw);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::panTo);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::panTo);
        addEventHandler(ScrollEvent.SCROLL, e -> {
            canvas.zoomBy(Math.pow(1.0035, e.getDeltaY()), null);
            e.consume();
        });
    }

    /** Stops following the canvas and its model. */
    @Override
    public void dispose() {
        subscriptions.dispose();
        canvas.stopAvoiding(this);
    }

    private void redraw() {
        contentDirty = true;
        requestLayout();
    }

    private void panTo(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || scale <= 0) {
            return;
        }
        canvas.centerAt((e.getX() - offsetX) / scale, (e.getY() - offsetY) / scale);
        e.consume();
    }

    /** The minimap point of a design point. */
    public Point2D toMinimap(double designX, double designY) {
        return new Point2D(designX * scale + offsetX, designY * scale + offsetY);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (drawing.getWidth() != w || drawing.getHeight() != h) {
            drawing.setWidth(w);
            drawing.setHeight(h);
            contentDirty = true;
        }
        if (contentDirty) {
            contentDirty = false;
            drawContent(w, h);
        }
        Bounds view = canvas.visibleBoundsProperty().get();
        viewport.setX(view.getMinX() * scale + offsetX);
        viewport.setY(view.getMinY() * scale + offsetY);
        viewport.setWidth(Math.max(2, view.getWidth() * scale));
        viewport.setHeight(Math.max(2, view.getHeight() * scale));
        viewportFill.setX(viewport.getX());
        viewportFill.setY(viewport.getY());
        viewportFill.setWidth(viewport.getWidth());
        viewportFill.setHeight(viewport.getHeight());
    }

    private void drawContent(double w, double h) {
        GraphicsContext gc = drawing.getGraphicsContext2D();
        gc.clearRect(0, 0, w, h);
        if (w <= 4 || h <= 4) {
            return;
        }
        Bounds content = canvas.contentBounds();
        if (content.getWidth() <= 0) {
            content = canvas.visibleBoundsProperty().get();
        }
        double pad = 8;
        double cw = Math.max(1, content.getWidth());
        double ch = Math.max(1, content.getHeight());
        scale = Math.min((w - 2 * pad) / cw, (h - 2 * pad) / ch);
        offsetX = pad + ((w - 2 * pad) - cw * scale) / 2 - content.getMinX() * scale;
        offsetY = pad + ((h - 2 * pad) - ch * scale) / 2 - content.getMinY() * scale;

        if (canvas.design().edges().size() < 5000) {
            gc.beginPath();
            for (var e : canvas.design().edges()) {
                NodeGeometry a = canvas.geometryOf(e.from().node());
                NodeGeometry b = canvas.geometryOf(e.to().node());
                if (a == null || b == null) {
                    continue;
                }
                var p = a.outputPoint(e.from().port());
                var q = b.inputPoint(e.to().port());
                gc.moveTo(p.getX() * scale + offsetX, p.getY() * scale + offsetY);
                gc.lineTo(q.getX() * scale + offsetX, q.getY() * scale + offsetY);
            }
            gc.setStroke(colors.paint("edge"));
            gc.setGlobalAlpha(0.5);
            gc.setLineWidth(0.8);
            gc.stroke();
            gc.setGlobalAlpha(1);
        }
        List<NodeGeometry> all = new ArrayList<>();
        for (NodeGeometry g : canvas.allGeometry()) {
            all.add(g);
        }
        int[] cat = new int[all.size()];
        boolean[] problem = new boolean[all.size()];
        boolean anyProblem = false;
        for (int i = 0; i < cat.length; i++) {
            cat[i] = canvas.categoryIndexOf(all.get(i).id());
            problem[i] = canvas.hasProblem(all.get(i).id());
            anyProblem |= problem[i];
        }
        for (int c = 0; c < 8; c++) {
            gc.setFill(colors.paint("cat-" + c));
            for (int i = 0; i < cat.length; i++) {
                if (cat[i] == c && !problem[i]) {
                    fillRect(gc, all.get(i));
                }
            }
        }
        if (anyProblem) {
            gc.setFill(colors.paint("danger"));
            for (int i = 0; i < cat.length; i++) {
                if (problem[i]) {
                    fillRect(gc, all.get(i));
                }
            }
        }
        var selection = canvas.model().selection();
        if (!selection.isEmpty()) {
            gc.beginPath();
            for (String id : selection) {
                NodeGeometry g = canvas.geometryOf(id);
                if (g != null) {
                    gc.rect(g.x() * scale + offsetX, g.y() * scale + offsetY, Math.max(1, g.width() * scale),
                            Math.max(1, g.height() * scale));
                }
            }
            gc.setStroke(colors.paint("accent"));
            gc.setLineWidth(1.5);
            gc.stroke();
        }
    }

    private void fillRect(GraphicsContext gc, NodeGeometry g) {
        gc.fillRect(g.x() * scale + offsetX, g.y() * scale + offsetY, Math.max(1, g.width() * scale), Math.max(1, g.height() * scale));
    }
}
