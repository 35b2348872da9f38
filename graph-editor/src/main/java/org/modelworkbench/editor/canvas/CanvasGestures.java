package org.modelworkbench.editor.canvas;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.input.ZoomEvent;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;
import org.modelworkbench.editor.command.CompositeCommand;
import org.modelworkbench.editor.edit.Connect;
import org.modelworkbench.editor.edit.RemoveElements;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.PortRef;

/**
 * Mouse and keyboard on the canvas. One gesture is one undo step.
 *
 * <table>
 *   <caption>Bindings</caption>
 *   <tr><td>click</td><td>select a node or wire (within a few pixels of it); Shift/Ctrl-click toggles</td></tr>
 *   <tr><td>drag on empty canvas</td><td>rubber-band selection of nodes, and of the wires between them (Shift/Ctrl adds)</td></tr>
 *   <tr><td>drag a node</td><td>move the selection, snapped to the grid (Alt: no snapping)</td></tr>
 *   <tr><td>drag output port → input port</td><td>connect; green/red while over a port, the reason when refused</td></tr>
 *   <tr><td>drag a connected input port</td><td>pick the wire up: drop it on another input to move it, on empty canvas to remove it</td></tr>
 *   <tr><td>middle/right drag, Space+drag</td><td>pan</td></tr>
 *   <tr><td>dragging blocks, a wire or a band near an edge</td><td>scrolls that way, faster nearer the edge</td></tr>
 *   <tr><td>right-click (menu key, Shift+F10)</td><td>context menu of the block, wire or canvas ({@link CanvasContextMenus});
 *       an unselected block or wire is selected first</td></tr>
 *   <tr><td>mouse wheel</td><td>zoom around the cursor; Shift+wheel pans sideways, Alt+wheel up/down;
 *       trackpad scrolling pans, pinch zooms</td></tr>
 *   <tr><td>Ctrl+= / Ctrl+- / Ctrl+0</td><td>zoom in / out / 100 %</td></tr>
 *   <tr><td>F or Shift+1</td><td>zoom to fit</td></tr>
 *   <tr><td>arrow keys</td><td>nudge the selection one grid step (Shift: five, Alt: one unit)</td></tr>
 *   <tr><td>Delete / Backspace</td><td>delete the selected nodes and wires (one undo step)</td></tr>
 *   <tr><td>Ctrl+A / Escape</td><td>select all / clear the selection (or cancel a wire)</td></tr>
 *   <tr><td>double-click a node</td><td>{@link GraphCanvas#onOpenNodeProperty()} (open a composite)</td></tr>
 * </table>
 */
final class CanvasGestures {
    private enum Mode { NONE, PAN, RUBBER, MOVE, WIRE, EDGE }

    private static final double DRAG_THRESHOLD = 3;
    private static final double PORT_TOLERANCE_PX = 12;
    /** How far from a wire (screen pixels) a click still takes it: as wide as its transparent hit stroke. */
    static final double WIRE_TOLERANCE_PX = 8;

    private final GraphCanvas canvas;
    private final EditorModel model;

    private Mode mode = Mode.NONE;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean moved;
    private boolean spaceDown;
    private boolean altDown;
    private final AutoScroll autoScroll = new AutoScroll();

    // moving nodes
    private String primary;
    private final Map<String, Point2D> origins = new LinkedHashMap<>();
    private boolean toggleOffOnRelease;
    private boolean selectOnlyOnRelease;

    // rubber band
    private final Set<String> baseSelection = new LinkedHashSet<>();
    private final Set<Edge> baseEdges = new LinkedHashSet<>();
    private final Rectangle band = new Rectangle();

    // wiring
    private PortRef fixed;
    private boolean fixedIsOutput;
    private Point2D fixedPoint;
    private Edge pickedUp;
    private HitTesting.PortHit target;
    private Optional<String> verdict = Optional.empty();
    private NodeView.PortView verdictPort;
    private final CubicCurve preview = new CubicCurve();
    final Label feedback = new Label();
    private final PauseTransition hideFeedback = new PauseTransition(Duration.seconds(3));

    // drop
    private final Rectangle ghost = new Rectangle();

    CanvasGestures(GraphCanvas canvas) {
        this.canvas = canvas;
        this.model = canvas.model();
        band.getStyleClass().add("rubber-band");
        band.setId("rubber-band");
        band.setVisible(false);
        band.setManaged(false);
        preview.getStyleClass().add("wire-preview");
        preview.setId("wire-preview");
        preview.setVisible(false);
        feedback.getStyleClass().add("connection-feedback");
        feedback.setId("connection-feedback");
        feedback.setVisible(false);
        feedback.setManaged(false);
        feedback.setMaxWidth(360);
        ghost.getStyleClass().add("drop-ghost");
        ghost.setId("drop-ghost");
        ghost.setVisible(false);
        ghost.setManaged(false);
        hideFeedback.setOnFinished(e -> feedback.setVisible(false));
        canvas.screenOverlay.getChildren().addAll(band, feedback);
        canvas.worldOverlay.getChildren().addAll(preview, ghost);

        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        canvas.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, this::contextMenuRequested);
        canvas.addEventHandler(ZoomEvent.ZOOM, e -> {
            canvas.zoomBy(e.getZoomFactor(), new Point2D(e.getX(), e.getY()));
            e.consume();
        });
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        canvas.addEventHandler(KeyEvent.KEY_RELEASED, this::keyReleased);
        canvas.addEventHandler(DragEvent.DRAG_OVER, this::dragOver);
        canvas.addEventHandler(DragEvent.DRAG_EXITED, e -> ghost.setVisible(false));
        canvas.addEventHandler(DragEvent.DRAG_DROPPED, this::dropped);
    }

    // ------------------------------------------------------------------ mouse

    private void pressed(MouseEvent e) {
        canvas.requestFocus();
        if (mode != Mode.NONE) {
            return;
        }
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        moved = false;
        if (e.getButton() == MouseButton.MIDDLE || e.getButton() == MouseButton.SECONDARY
                || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            mode = Mode.PAN;
            canvas.setCursor(Cursor.CLOSED_HAND);
            e.consume();
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        boolean additive = e.isShiftDown() || e.isShortcutDown();
        Point2D d = canvas.toDesign(e.getX(), e.getY());
        double z = canvas.getZoom();
        if (canvas.isDetailMode()) {
            HitTesting.PortHit port = canvas.hits().hitPort(d.getX(), d.getY(), Math.max(PORT_TOLERANCE_PX / z, NodeGeometry.PORT_RADIUS + 2), null, null);
            if (port != null) {
                startWire(port);
                e.consume();
                return;
            }
        }
        String node = canvas.hits().hitNode(d.getX(), d.getY());
        if (node != null) {
            startMove(node, additive);
            e.consume();
            return;
        }
        Edge edge = canvas.hits().hitEdge(d.getX(), d.getY(), Math.max(WIRE_TOLERANCE_PX / z, 2));
        if (edge != null) {
            mode = Mode.EDGE;
            if (additive) {
                if (!canvas.selectedEdges().remove(edge)) {
                    canvas.selectedEdges().add(edge);
                }
            } else {
                model.selection().clear();
                canvas.selectedEdges().clear();
                canvas.selectedEdges().add(edge);
            }
            e.consume();
            return;
        }
        mode = Mode.RUBBER;
        baseSelection.clear();
        baseEdges.clear();
        if (additive) {
            baseSelection.addAll(model.selection());
            baseEdges.addAll(canvas.selectedEdges());
        }
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (mode == Mode.NONE) {
            return;
        }
        if (!moved && Math.hypot(e.getX() - pressX, e.getY() - pressY) < DRAG_THRESHOLD) {
            return;
        }
        moved = true;
        switch (mode) {
            case PAN -> canvas.panBy(e.getX() - lastX, e.getY() - lastY);
            case MOVE, RUBBER, WIRE -> {
                altDown = e.isAltDown();
                dragTo(e.getX(), e.getY());
            }
            default -> {
            }
        }
        lastX = e.getX();
        lastY = e.getY();
        if (mode == Mode.MOVE || mode == Mode.RUBBER || mode == Mode.WIRE) {
            autoScroll.follow();
        }
        e.consume();
    }

    /** The drag of the current gesture to a canvas point (after the pointer moved, or the view under it). */
    private void dragTo(double x, double y) {
        switch (mode) {
            case MOVE -> dragNodes(x, y);
            case RUBBER -> dragBand(x, y);
            case WIRE -> dragWire(x, y);
            default -> {
            }
        }
    }

    private void released(MouseEvent e) {
        autoScroll.stop();
        Mode was = mode;
        mode = Mode.NONE;
        switch (was) {
            case PAN -> {
                canvas.setCursor(spaceDown ? Cursor.OPEN_HAND : Cursor.DEFAULT);
                if (e.getButton() == MouseButton.SECONDARY && !moved) {
                    openContextMenu(e.getX(), e.getY(), e.getScreenX(), e.getScreenY());
                }
            }
            case MOVE -> finishMove();
            case RUBBER -> finishBand(e);
            case WIRE -> finishWire();
            default -> {
            }
        }
        if (was != Mode.NONE) {
            e.consume();
        }
    }

    /**
     * A right-click without a drag: select what is under the pointer unless it is part of the
     * selection already (a block, or a wire), then show the menu for it.
     */
    private void openContextMenu(double x, double y, double screenX, double screenY) {
        Point2D d = canvas.toDesign(x, y);
        String node = canvas.hits().hitNode(d.getX(), d.getY());
        CanvasContextMenus.Target target;
        if (node != null) {
            if (!model.selection().contains(node)) {
                model.selection().clear();
                canvas.selectedEdges().clear();
                model.selection().add(node);
            }
            target = new CanvasContextMenus.Target(CanvasContextMenus.Kind.NODE, node, null, d);
        } else {
            Edge edge = canvas.hits().hitEdge(d.getX(), d.getY(), Math.max(WIRE_TOLERANCE_PX / canvas.getZoom(), 2));
            if (edge != null) {
                if (!canvas.selectedEdges().contains(edge)) {
                    model.selection().clear();
                    canvas.selectedEdges().clear();
                    canvas.selectedEdges().add(edge);
                }
                target = new CanvasContextMenus.Target(CanvasContextMenus.Kind.WIRE, null, edge, d);
            } else {
                target = new CanvasContextMenus.Target(CanvasContextMenus.Kind.CANVAS, null, null, d);
            }
        }
        canvas.showContextMenu(target, screenX, screenY);
    }

    /** The menu key or Shift+F10: the menu for the selection (or the canvas) at the middle of the view. */
    private void contextMenuRequested(ContextMenuEvent e) {
        if (e.isKeyboardTrigger()) {
            double x = canvas.getWidth() / 2;
            double y = canvas.getHeight() / 2;
            String node = model.selection().isEmpty() ? null : model.selection().iterator().next();
            NodeGeometry g = node == null ? null : canvas.geometryOf(node);
            if (g != null) {
                Point2D p = canvas.toLocal(g.centerX(), g.centerY());
                x = p.getX();
                y = p.getY();
            }
            Point2D screen = canvas.localToScreen(x, y);
            if (screen != null) {
                openContextMenu(x, y, screen.getX(), screen.getY());
            }
        }
        // A mouse-triggered request is answered on release of a still right-click (see released).
        e.consume();
    }

    private void clicked(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && e.isStillSincePress()) {
            Point2D d = canvas.toDesign(e.getX(), e.getY());
            String node = canvas.hits().hitNode(d.getX(), d.getY());
            if (node != null && canvas.onOpenNodeProperty().get() != null) {
                canvas.onOpenNodeProperty().get().accept(node);
                e.consume();
            }
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.getTouchCount() > 0 || e.isInertia()) {
            canvas.panBy(e.getDeltaX(), e.getDeltaY());
        } else if (e.isShiftDown()) {
            // Some platforms turn Shift+wheel into horizontal deltas already.
            canvas.panBy(e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY(), 0);
        } else if (e.isAltDown()) {
            canvas.panBy(0, e.getDeltaY());
        } else if (e.getDeltaY() != 0) {
            canvas.zoomBy(Math.pow(1.0035, e.getDeltaY()), new Point2D(e.getX(), e.getY()));
        } else {
            canvas.panBy(e.getDeltaX(), 0);
        }
        e.consume();
    }

    // ------------------------------------------------------------------ moving nodes

    private void startMove(String node, boolean additive) {
        mode = Mode.MOVE;
        primary = node;
        toggleOffOnRelease = false;
        selectOnlyOnRelease = false;
        boolean selected = model.selection().contains(node);
        if (additive) {
            if (selected) {
                toggleOffOnRelease = true;
            } else {
                model.selection().add(node);
            }
        } else if (!selected) {
            model.selection().clear();
            canvas.selectedEdges().clear();
            model.selection().add(node);
        } else {
            selectOnlyOnRelease = model.selection().size() > 1;
        }
        origins.clear();
        for (String id : model.selection()) {
            canvas.design().node(id).ifPresent(n -> origins.put(id, new Point2D(n.x(), n.y())));
        }
    }

    private void dragNodes(double x, double y) {
        double z = canvas.getZoom();
        double dx = (x - pressX) / z;
        double dy = (y - pressY) / z;
        Point2D o = origins.get(primary);
        if (o == null) {
            return;
        }
        if (canvas.snapToGridProperty().get() && !altDown) {
            dx = canvas.snap(o.getX() + dx) - o.getX();
            dy = canvas.snap(o.getY() + dy) - o.getY();
        }
        canvas.setDrag(Set.copyOf(origins.keySet()), dx, dy);
        lastDx = dx;
        lastDy = dy;
    }

    private double lastDx;
    private double lastDy;

    private void finishMove() {
        if (moved) {
            double dx = lastDx;
            double dy = lastDy;
            lastDx = lastDy = 0;
            canvas.clearDrag();
            if (dx != 0 || dy != 0) {
                Map<String, Point2D> target = new LinkedHashMap<>();
                origins.forEach((id, p) -> target.put(id, p.add(dx, dy)));
                model.moveNodes(target);
            }
        } else if (toggleOffOnRelease) {
            model.selection().remove(primary);
        } else if (selectOnlyOnRelease) {
            model.selection().retainAll(Set.of(primary));
            canvas.selectedEdges().clear();
        }
        origins.clear();
    }

    // ------------------------------------------------------------------ rubber band

    private void dragBand(double px, double py) {
        double x = Math.min(pressX, px);
        double y = Math.min(pressY, py);
        double w = Math.abs(px - pressX);
        double h = Math.abs(py - pressY);
        band.setX(x);
        band.setY(y);
        band.setWidth(w);
        band.setHeight(h);
        band.setVisible(true);
        Point2D a = canvas.toDesign(x, y);
        Point2D b = canvas.toDesign(x + w, y + h);
        Set<String> wanted = new LinkedHashSet<>(baseSelection);
        for (NodeGeometry g : canvas.allGeometry()) {
            if (g.intersects(a.getX(), a.getY(), b.getX(), b.getY())) {
                wanted.add(g.id());
            }
        }
        if (!wanted.equals(model.selection())) {
            model.selection().retainAll(wanted);
            List<String> add = wanted.stream().filter(id -> !model.selection().contains(id)).toList();
            model.selection().addAll(add);
        }
        // Wires come along when the band holds both their ends.
        Set<Edge> edges = new LinkedHashSet<>(baseEdges);
        for (Edge edge : canvas.design().edges()) {
            if (wanted.contains(edge.from().node()) && wanted.contains(edge.to().node())) {
                edges.add(edge);
            }
        }
        if (!edges.equals(canvas.selectedEdges())) {
            canvas.selectedEdges().retainAll(edges);
            canvas.selectedEdges().addAll(edges);
        }
    }

    private void finishBand(MouseEvent e) {
        band.setVisible(false);
        if (!moved && !(e.isShiftDown() || e.isShortcutDown())) {
            canvas.clearSelection();
        }
    }

    // ------------------------------------------------------------------ wiring

    private void startWire(HitTesting.PortHit port) {
        mode = Mode.WIRE;
        hideFeedback.stop();
        feedback.setVisible(false);
        pickedUp = null;
        target = null;
        verdict = Optional.empty();
        if (!port.input()) {
            fixed = new PortRef(port.node(), port.port());
            fixedIsOutput = true;
            fixedPoint = port.point();
        } else {
            Edge existing = canvas.design().incoming(port.node()).get(port.port());
            if (existing != null) {
                // Pick the wire up at its input end: it stays attached to its source.
                pickedUp = existing;
                fixed = existing.from();
                fixedIsOutput = true;
                NodeGeometry g = canvas.geometryOf(existing.from().node());
                fixedPoint = g.outputPoint(existing.from().port());
                canvas.hideEdge(existing);
            } else {
                fixed = new PortRef(port.node(), port.port());
                fixedIsOutput = false;
                fixedPoint = port.point();
            }
        }
        drawPreview(port.point());
        preview.setVisible(true);
    }

    private void dragWire(double x, double y) {
        Point2D d = canvas.toDesign(x, y);
        double tol = Math.max(PORT_TOLERANCE_PX * 1.5 / canvas.getZoom(), 10);
        HitTesting.PortHit t = canvas.hits().wireTarget(d.getX(), d.getY(), tol, fixedIsOutput, fixed.node());
        setTarget(t);
        drawPreview(t != null ? t.point() : d);
        if (t != null && verdict.isPresent()) {
            showFeedback(verdict.get(), x, y, false);
        } else {
            feedback.setVisible(false);
        }
    }

    private void setTarget(HitTesting.PortHit t) {
        if (verdictPort != null) {
            verdictPort.setVerdict(null);
            verdictPort = null;
        }
        target = t;
        preview.getStyleClass().removeAll("accept", "refuse");
        if (t == null) {
            verdict = Optional.empty();
            return;
        }
        verdict = check(t);
        preview.getStyleClass().add(verdict.isEmpty() ? "accept" : "refuse");
        canvas.nodeView(t.node()).flatMap(v -> v.port(t.port(), t.input())).ifPresent(p -> {
            p.setVerdict(verdict.isEmpty());
            verdictPort = p;
        });
    }

    private Optional<String> check(HitTesting.PortHit t) {
        PortRef other = new PortRef(t.node(), t.port());
        if (pickedUp != null && other.equals(pickedUp.to())) {
            return Optional.empty();
        }
        return fixedIsOutput ? model.canConnect(fixed, other) : model.canConnect(other, fixed);
    }

    private void drawPreview(Point2D end) {
        Wire w = fixedIsOutput ? Wire.between(fixedPoint, end) : Wire.between(end, fixedPoint);
        preview.setStartX(w.x0());
        preview.setStartY(w.y0());
        preview.setControlX1(w.c1x());
        preview.setControlY1(w.c1y());
        preview.setControlX2(w.c2x());
        preview.setControlY2(w.c2y());
        preview.setEndX(w.x1());
        preview.setEndY(w.y1());
    }

    private void finishWire() {
        preview.setVisible(false);
        preview.getStyleClass().removeAll("accept", "refuse");
        HitTesting.PortHit t = target;
        Optional<String> refusal = verdict;
        Edge old = pickedUp;
        setTarget(null);
        canvas.hideEdge(null);
        pickedUp = null;
        if (t == null) {
            feedback.setVisible(false);
            if (old != null && moved) {
                model.disconnect(old);
            }
            return;
        }
        if (refusal.isPresent()) {
            // Nothing changes; the reason stays in view for a moment.
            Point2D p = canvas.toLocal(t.point().getX(), t.point().getY());
            showFeedback(refusal.get(), p.getX(), p.getY(), true);
            return;
        }
        feedback.setVisible(false);
        PortRef other = new PortRef(t.node(), t.port());
        if (old == null) {
            Optional<String> r = fixedIsOutput ? model.connect(fixed, other) : model.connect(other, fixed);
            r.ifPresent(reason -> showFeedback(reason, lastX, lastY, true));
        } else if (!other.equals(old.to())) {
            Edge moved = new Edge(old.from(), other);
            var design = canvas.design();
            model.execute(new CompositeCommand("Reconnect " + old.from() + " to " + other, List.of(
                    new RemoveElements(design, List.of(), List.of(old), "Disconnect " + old),
                    new Connect(design, moved))));
        }
    }

    private void showFeedback(String reason, double x, double y, boolean linger) {
        feedback.setText(reason);
        feedback.getStyleClass().remove("accept");
        feedback.applyCss();
        feedback.autosize();
        double w = feedback.getWidth();
        double px = Math.min(x + 16, canvas.getWidth() - w - 4);
        feedback.relocate(Math.max(4, px), Math.max(4, y + 16));
        feedback.setVisible(true);
        if (linger) {
            hideFeedback.playFromStart();
        } else {
            hideFeedback.stop();
        }
    }

    private void cancelWire() {
        preview.setVisible(false);
        setTarget(null);
        canvas.hideEdge(null);
        pickedUp = null;
        feedback.setVisible(false);
        mode = Mode.NONE;
    }

    // ------------------------------------------------------------------ scrolling while dragging near an edge

    /** Within this many pixels of an edge, a drag (of blocks, a wire, a band) scrolls the view. */
    static final double EDGE_BAND = 24;
    /** Scroll speed with the pointer at (or beyond) the edge, in pixels a second; it falls to 0 across the band. */
    static final double EDGE_SPEED = 900;

    /**
     * Scrolls while the pointer of a drag stays near an edge, faster the nearer it is, one step per
     * frame; what is dragged keeps up with the view (it stays under the pointer). Stops when the
     * drag ends or the pointer leaves the band.
     */
    private final class AutoScroll extends AnimationTimer {
        private boolean running;
        private long lastFrame;

        /** The pointer moved: start or stop as it is in the band or not. */
        void follow() {
            boolean near = speed(lastX, canvas.getWidth()) != 0 || speed(lastY, canvas.getHeight()) != 0;
            if (near && !running) {
                running = true;
                lastFrame = 0;
                start();
            } else if (!near && running) {
                stop();
            }
        }

        @Override
        public void stop() {
            running = false;
            super.stop();
        }

        @Override
        public void handle(long now) {
            if (mode != Mode.MOVE && mode != Mode.RUBBER && mode != Mode.WIRE) {
                stop();
                return;
            }
            double dt = lastFrame == 0 ? 1 / 60.0 : Math.min(0.05, (now - lastFrame) / 1e9);
            lastFrame = now;
            double vx = speed(lastX, canvas.getWidth());
            double vy = speed(lastY, canvas.getHeight());
            if (vx == 0 && vy == 0) {
                stop();
                return;
            }
            // Content moves against the direction of the scroll; the press point moves with it.
            double dx = -Math.round(vx * dt);
            double dy = -Math.round(vy * dt);
            if (dx == 0 && dy == 0) {
                return;
            }
            canvas.panBy(dx, dy);
            pressX += dx;
            pressY += dy;
            dragTo(lastX, lastY);
        }

        /** Signed scroll speed along one axis for a pointer at {@code p} in a view of {@code size}. */
        private double speed(double p, double size) {
            if (size <= 2 * EDGE_BAND) {
                return 0;
            }
            if (p < EDGE_BAND) {
                return -EDGE_SPEED * Math.min(1, (EDGE_BAND - p) / EDGE_BAND);
            }
            if (p > size - EDGE_BAND) {
                return EDGE_SPEED * Math.min(1, (p - (size - EDGE_BAND)) / EDGE_BAND);
            }
            return 0;
        }
    }

    // ------------------------------------------------------------------ keyboard

    private void keyPressed(KeyEvent e) {
        KeyCode k = e.getCode();
        boolean shortcut = e.isShortcutDown();
        if (k == KeyCode.SPACE) {
            if (!spaceDown) {
                spaceDown = true;
                if (mode == Mode.NONE) {
                    canvas.setCursor(Cursor.OPEN_HAND);
                }
            }
            e.consume();
            return;
        }
        if (k == KeyCode.ESCAPE) {
            if (mode == Mode.WIRE) {
                cancelWire();
            } else {
                canvas.clearSelection();
            }
            e.consume();
        } else if ((k == KeyCode.DELETE || k == KeyCode.BACK_SPACE) && !shortcut) {
            canvas.deleteSelected();
            e.consume();
        } else if (shortcut && k == KeyCode.A) {
            canvas.selectAll();
            e.consume();
        } else if (shortcut && (k == KeyCode.EQUALS || k == KeyCode.PLUS || k == KeyCode.ADD)) {
            canvas.zoomIn();
            e.consume();
        } else if (shortcut && (k == KeyCode.MINUS || k == KeyCode.SUBTRACT)) {
            canvas.zoomOut();
            e.consume();
        } else if (shortcut && (k == KeyCode.DIGIT0 || k == KeyCode.NUMPAD0)) {
            canvas.resetZoom();
            e.consume();
        } else if ((k == KeyCode.F && !shortcut && !e.isAltDown()) || (k == KeyCode.DIGIT1 && e.isShiftDown() && !shortcut)) {
            canvas.zoomToFit();
            e.consume();
        } else if (k.isArrowKey() && !shortcut) {
            nudge(k, e.isShiftDown() ? 5 * GraphCanvas.GRID : e.isAltDown() ? 1 : GraphCanvas.GRID);
            e.consume();
        }
    }

    private void keyReleased(KeyEvent e) {
        if (e.getCode() == KeyCode.SPACE) {
            spaceDown = false;
            if (mode == Mode.NONE) {
                canvas.setCursor(Cursor.DEFAULT);
            }
            e.consume();
        }
    }

    private void nudge(KeyCode k, double step) {
        if (model.selection().isEmpty() || mode == Mode.MOVE) {
            return;
        }
        double dx = k == KeyCode.LEFT || k == KeyCode.KP_LEFT ? -step : k == KeyCode.RIGHT || k == KeyCode.KP_RIGHT ? step : 0;
        double dy = k == KeyCode.UP || k == KeyCode.KP_UP ? -step : k == KeyCode.DOWN || k == KeyCode.KP_DOWN ? step : 0;
        Map<String, Point2D> target = new LinkedHashMap<>();
        for (String id : model.selection()) {
            canvas.design().node(id).ifPresent(n -> target.put(id, new Point2D(n.x() + dx, n.y() + dy)));
        }
        model.moveNodes(target);
    }

    // ------------------------------------------------------------------ drop from the palette

    private void dragOver(DragEvent e) {
        if (!e.getDragboard().hasContent(GraphCanvas.BLOCK_TYPE)) {
            return;
        }
        e.acceptTransferModes(TransferMode.COPY, TransferMode.MOVE);
        Object content = e.getDragboard().getContent(GraphCanvas.BLOCK_TYPE);
        if (content instanceof String typeId && model.findType(typeId).isPresent()) {
            Point2D d = canvas.toDesign(e.getX(), e.getY());
            double x = d.getX() - NodeGeometry.WIDTH / 2;
            double y = d.getY() - NodeGeometry.HEIGHT / 2;
            if (canvas.snapToGridProperty().get()) {
                x = canvas.snap(x);
                y = canvas.snap(y);
            }
            ghost.setX(x);
            ghost.setY(y);
            ghost.setWidth(NodeGeometry.WIDTH);
            ghost.setHeight(NodeGeometry.HEIGHT);
            ghost.setVisible(true);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        ghost.setVisible(false);
        Object content = e.getDragboard().getContent(GraphCanvas.BLOCK_TYPE);
        boolean done = false;
        if (content instanceof String typeId && model.findType(typeId).isPresent()) {
            Point2D d = canvas.toDesign(e.getX(), e.getY());
            canvas.addBlock(typeId, d.getX(), d.getY());
            canvas.requestFocus();
            done = true;
        }
        e.setDropCompleted(done);
        e.consume();
    }

    /** For tests: the node ids being dragged right now (empty when idle). */
    Set<String> moving() {
        return mode == Mode.MOVE ? new HashSet<>(origins.keySet()) : Set.of();
    }

}
