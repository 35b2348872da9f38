package org.modelworkbench.editor.canvas;

import java.util.List;
import java.util.Set;
import javafx.geometry.Point2D;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;

/**
 * What lies at a point of the design: a node (selected ones first, as they are drawn on top), a
 * port, the port a wire would attach to, a wire. Works on {@link CanvasContent}'s geometry, so it
 * needs no skins and sees a drag in progress. Points are in design coordinates.
 */
final class HitTesting {
    private final CanvasContent content;
    private final Design design;
    private final Set<String> selection;

    HitTesting(CanvasContent content, Design design, Set<String> selection) {
        this.content = content;
        this.design = design;
        this.selection = selection;
    }

    /** A port found near a point: its node and name, whether it is an input, and where it is. */
    record PortHit(String node, String port, boolean input, Point2D point) {
    }

    String hitNode(double dx, double dy) {
        content.sync();
        String found = null;
        for (String id : content.ids()) {
            NodeGeometry g = content.live(id);
            if (g.contains(dx, dy)) {
                found = id;
                if (selection.contains(id)) {
                    // Selected skins are drawn on top.
                    return id;
                }
            }
        }
        return found;
    }

    /** A port near a design point (within {@code tolerance} design units), nearest first. */
    PortHit hitPort(double dx, double dy, double tolerance, Boolean wantInput, String excludeNode) {
        content.sync();
        PortHit best = null;
        double bestDist = Double.MAX_VALUE;
        for (String id : content.ids()) {
            if (id.equals(excludeNode)) {
                continue;
            }
            NodeGeometry g = content.live(id);
            if (dx < g.x() - tolerance || dx > g.maxX() + tolerance || dy < g.y() - tolerance || dy > g.maxY() + tolerance) {
                continue;
            }
            if (wantInput == null || wantInput) {
                for (String p : g.inputs()) {
                    double d = g.inputPoint(p).distance(dx, dy);
                    if (d <= tolerance && d < bestDist) {
                        bestDist = d;
                        best = new PortHit(id, p, true, g.inputPoint(p));
                    }
                }
            }
            if (wantInput == null || !wantInput) {
                for (String p : g.outputs()) {
                    double d = g.outputPoint(p).distance(dx, dy);
                    if (d <= tolerance && d < bestDist) {
                        bestDist = d;
                        best = new PortHit(id, p, false, g.outputPoint(p));
                    }
                }
            }
        }
        return best;
    }

    /** While wiring: the port the wire would attach to when released here (near a port, or anywhere over a node). */
    PortHit wireTarget(double dx, double dy, double tolerance, boolean wantInput, String excludeNode) {
        PortHit near = hitPort(dx, dy, tolerance, wantInput, excludeNode);
        if (near != null) {
            return near;
        }
        String over = hitNode(dx, dy);
        if (over == null || over.equals(excludeNode)) {
            return null;
        }
        NodeGeometry g = content.live(over);
        List<String> ports = wantInput ? g.inputs() : g.outputs();
        PortHit best = null;
        double bestDist = Double.MAX_VALUE;
        for (String p : ports) {
            Point2D pt = wantInput ? g.inputPoint(p) : g.outputPoint(p);
            double d = Math.abs(pt.getX() - dx);
            if (d < bestDist) {
                bestDist = d;
                best = new PortHit(over, p, wantInput, pt);
            }
        }
        return best;
    }

    Edge hitEdge(double dx, double dy, double tolerance) {
        content.sync();
        Edge best = null;
        double bestDist = tolerance;
        for (Edge e : design.edges()) {
            Wire w = content.wireOf(e);
            if (w == null || !w.mayIntersect(dx - tolerance, dy - tolerance, dx + tolerance, dy + tolerance)) {
                continue;
            }
            double d = w.distanceTo(dx, dy);
            if (d <= bestDist) {
                bestDist = d;
                best = e;
            }
        }
        return best;
    }
}
