package org.modelworkbench.visualizers.render;

/**
 * Colours and marker shapes for categories (series, classes, clusters): matplotlib's {@code tab10}
 * colours, which stay apart for most colour-blind readers, and a marker shape per category so the
 * figure also reads in grey print. Beyond ten categories the colours repeat with another shape.
 */
public final class Palette {
    private static final int[] TAB10 = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
        0x7f7f7f, 0xbcbd22, 0x17becf};

    /** The marker shapes, in the order categories take them. */
    public enum Marker { CIRCLE, SQUARE, TRIANGLE, DIAMOND, CROSS }

    private Palette() {
    }

    /** The colour of category {@code i} (0-based) as opaque 0xAARRGGBB. */
    public static int color(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("category index must not be negative, got " + i);
        }
        return 0xff000000 | TAB10[i % TAB10.length];
    }

    /** The marker of category {@code i}: the colour and shape together repeat only after 50 categories. */
    public static Marker marker(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("category index must not be negative, got " + i);
        }
        Marker[] m = Marker.values();
        return m[(i + i / TAB10.length) % m.length];
    }

    /** Draws {@code marker} centred at (x, y) with the given half-size, filled in the current paint. */
    static void draw(java.awt.Graphics2D g, Marker marker, double x, double y, double r) {
        java.awt.Shape s = switch (marker) {
            case CIRCLE -> new java.awt.geom.Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
            case SQUARE -> new java.awt.geom.Rectangle2D.Double(x - r * 0.9, y - r * 0.9, 1.8 * r, 1.8 * r);
            case TRIANGLE -> polygon(new double[] {x, x + r * 1.1, x - r * 1.1}, new double[] {y - r * 1.1, y + r * 0.8,
                y + r * 0.8});
            case DIAMOND -> polygon(new double[] {x, x + r * 1.1, x, x - r * 1.1}, new double[] {y - r * 1.2, y, y + r * 1.2, y});
            case CROSS -> cross(x, y, r);
        };
        g.fill(s);
    }

    private static java.awt.geom.Path2D polygon(double[] xs, double[] ys) {
        java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        p.closePath();
        return p;
    }

    private static java.awt.Shape cross(double x, double y, double r) {
        double w = r * 0.45;
        java.awt.geom.Area a = new java.awt.geom.Area(new java.awt.geom.Rectangle2D.Double(x - r, y - w, 2 * r, 2 * w));
        a.add(new java.awt.geom.Area(new java.awt.geom.Rectangle2D.Double(x - w, y - r, 2 * w, 2 * r)));
        return a;
    }
}
