package org.modelworkbench.editor.canvas;

import javafx.geometry.Point2D;

/**
 * The cubic Bézier of a wire from an output port (bottom of its node) to an input port (top of its
 * node): it leaves downwards and arrives from above, so a wire that runs backwards makes an S.
 */
record Wire(double x0, double y0, double c1x, double c1y, double c2x, double c2y, double x1, double y1) {

    static Wire between(Point2D from, Point2D to) {
        return between(from.getX(), from.getY(), to.getX(), to.getY());
    }

    static Wire between(double x0, double y0, double x1, double y1) {
        double dy = y1 - y0;
        if (dy >= 40) {
            double d = Math.min(Math.max(dy * 0.5, 24), 160);
            return new Wire(x0, y0, x0, y0 + d, x1, y1 - d, x1, y1);
        }
        // Backwards or sideways: loop out below the source and in above the target; when the ends
        // are nearly above each other, swing out to the side so the wire does not run through them.
        double d = Math.min(60 + Math.abs(dy) * 0.25 + Math.abs(x1 - x0) * 0.1, 220);
        double side = Math.abs(x1 - x0) < 160 && dy < 0 ? Math.min(240, 120 + Math.abs(dy) * 0.3) : 0;
        return new Wire(x0, y0, x0 + side, y0 + d, x1 + side, y1 - d, x1, y1);
    }

    /** The point at t = ½ (where the shape label goes). */
    Point2D mid() {
        return new Point2D((x0 + 3 * c1x + 3 * c2x + x1) / 8, (y0 + 3 * c1y + 3 * c2y + y1) / 8);
    }

    double minX() {
        return Math.min(Math.min(x0, x1), Math.min(c1x, c2x));
    }

    double maxX() {
        return Math.max(Math.max(x0, x1), Math.max(c1x, c2x));
    }

    double minY() {
        return Math.min(Math.min(y0, y1), Math.min(c1y, c2y));
    }

    double maxY() {
        return Math.max(Math.max(y0, y1), Math.max(c1y, c2y));
    }

    /** True when the control hull (which contains the curve) meets the rectangle. */
    boolean mayIntersect(double minX, double minY, double maxX, double maxY) {
        return minX() <= maxX && maxX() >= minX && minY() <= maxY && maxY() >= minY;
    }

    /** Approximate distance from a point to the curve (sampled). */
    double distanceTo(double px, double py) {
        double best = Double.MAX_VALUE;
        double ax = x0;
        double ay = y0;
        int steps = 32;
        for (int i = 1; i <= steps; i++) {
            double t = (double) i / steps;
            double u = 1 - t;
            double bx = u * u * u * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * x1;
            double by = u * u * u * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * y1;
            best = Math.min(best, segmentDistance(px, py, ax, ay, bx, by));
            ax = bx;
            ay = by;
        }
        return best;
    }

    private static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
        double cx = ax + t * dx - px;
        double cy = ay + t * dy - py;
        return Math.sqrt(cx * cx + cy * cy);
    }

    /** SVG path data. */
    String svgPath() {
        return String.format(java.util.Locale.ROOT, "M%.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f", x0, y0, c1x, c1y, c2x, c2y, x1, y1);
    }
}
