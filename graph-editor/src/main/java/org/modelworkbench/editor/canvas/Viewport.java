package org.modelworkbench.editor.canvas;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.geometry.BoundingBox;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * Zoom and pan of the canvas: canvas point = design point × zoom + (tx, ty). Holds the transforms
 * of the world layer, zooms around a pivot, fits the content, centres a node, and remembers a fit
 * or centring asked for before the canvas had a size. Tells the canvas after each change.
 *
 * <p>A resize never rescales: zoom and translation stay, so the design point at the top-left corner
 * stays there. A fit keeps the content clear of what floats over the canvas (the minimap).
 */
final class Viewport {
    private final Region region;
    private final Supplier<Bounds> contentBounds;
    private final Function<String, NodeGeometry> geometry;
    private final Runnable changed;
    private Supplier<List<Bounds>> obstacles = List::of;
    final Translate pan = new Translate();
    final Scale scale = new Scale(1, 1, 0, 0);
    private final DoubleProperty zoom;
    private Point2D zoomPivot;
    private boolean settingView;
    private boolean initialViewDone;
    private boolean pendingFit;
    private String pendingCenter;

    /**
     * @param region        the canvas (its size is the view's)
     * @param contentBounds bounds of every node, in design coordinates
     * @param geometry      where a node lies (null: none such)
     * @param changed       called after every change of zoom or pan
     */
    Viewport(Region region, Supplier<Bounds> contentBounds, Function<String, NodeGeometry> geometry, Runnable changed) {
        this.region = region;
        this.contentBounds = contentBounds;
        this.geometry = geometry;
        this.changed = changed;
        zoom = new SimpleDoubleProperty(region, "zoom", 1) {
            @Override
            public void set(double v) {
                super.set(clampZoom(v));
            }
        };
        zoom.addListener((obs, old, now) -> zoomChanged(old.doubleValue(), now.doubleValue()));
    }

    /** What floats over the canvas (in canvas coordinates) and should not cover content after a fit. */
    void setObstacles(Supplier<List<Bounds>> obstacles) {
        this.obstacles = obstacles;
    }

    DoubleProperty zoomProperty() {
        return zoom;
    }

    double zoom() {
        return zoom.get();
    }

    double tx() {
        return pan.getX();
    }

    double ty() {
        return pan.getY();
    }

    static double clampZoom(double z) {
        return Double.isNaN(z) ? 1 : Math.max(GraphCanvas.MIN_ZOOM, Math.min(GraphCanvas.MAX_ZOOM, z));
    }

    void resetZoom() {
        zoomPivot = null;
        zoom.set(1);
    }

    /** Zooms by {@code factor} keeping the design point under {@code pivot} (canvas coordinates; null: the centre). */
    void zoomBy(double factor, Point2D pivot) {
        zoomPivot = pivot;
        try {
            zoom.set(zoom.get() * factor);
        } finally {
            zoomPivot = null;
        }
    }

    /** Shows the whole design (at most 125 %); waits for a size if there is none yet. */
    void zoomToFit() {
        zoomToFit(1.25);
    }

    /** Shows the whole design, zoomed at most to {@code maxZoom}; waits for a size if there is none yet. */
    void zoomToFit(double maxZoom) {
        double w = region.getWidth();
        double h = region.getHeight();
        if (w <= 0 || h <= 0) {
            pendingFit = true;
            pendingCenter = null;
            return;
        }
        Bounds b = contentBounds.get();
        if (b.getWidth() <= 0) {
            setView(1, 40, 40);
            return;
        }
        double[] view = fit(b, w, h, maxZoom);
        setView(view[0], view[1], view[2]);
    }

    /** Room around fitted content: at the canvas edges, and between content and a floating panel. */
    static final double FIT_PAD = 40;
    static final double OBSTACLE_GAP = 12;

    /**
     * Zoom and translation that show {@code b} as large as possible (at most {@code maxZoom}),
     * centred, and clear of the obstacles: when the content centred in the whole view would run under
     * one, it is fitted into the largest free band beside or above it instead.
     */
    double[] fit(Bounds b, double w, double h, double maxZoom) {
        List<Bounds> avoid = obstacles.get();
        double[] best = fitInto(b, 0, 0, w, h, FIT_PAD, maxZoom);
        if (clear(b, best, avoid)) {
            return best;
        }
        best = null;
        for (Bounds o : avoid) {
            // The bands left of, above, right of and below the obstacle.
            double[][] regions = {
                {0, 0, o.getMinX() - OBSTACLE_GAP + FIT_PAD, h},
                {0, 0, w, o.getMinY() - OBSTACLE_GAP + FIT_PAD},
                {o.getMaxX() + OBSTACLE_GAP - FIT_PAD, 0, w, h},
                {0, o.getMaxY() + OBSTACLE_GAP - FIT_PAD, w, h},
            };
            for (double[] r : regions) {
                if (r[2] - r[0] <= 2 * FIT_PAD || r[3] - r[1] <= 2 * FIT_PAD) {
                    continue;
                }
                double[] v = fitInto(b, r[0], r[1], r[2], r[3], FIT_PAD, maxZoom);
                if ((best == null || v[0] > best[0]) && clear(b, v, avoid)) {
                    best = v;
                }
            }
        }
        return best != null ? best : fitInto(b, 0, 0, w, h, FIT_PAD, maxZoom);
    }

    private static double[] fitInto(Bounds b, double x0, double y0, double x1, double y1, double pad, double maxZoom) {
        double w = x1 - x0;
        double h = y1 - y0;
        double z = Math.min((w - 2 * pad) / Math.max(1, b.getWidth()), (h - 2 * pad) / Math.max(1, b.getHeight()));
        z = clampZoom(Math.min(z, maxZoom));
        return new double[] {z, x0 + w / 2 - b.getCenterX() * z, y0 + h / 2 - b.getCenterY() * z};
    }

    private static boolean clear(Bounds b, double[] view, List<Bounds> avoid) {
        double z = view[0];
        Bounds onScreen = new BoundingBox(b.getMinX() * z + view[1], b.getMinY() * z + view[2], b.getWidth() * z, b.getHeight() * z);
        for (Bounds o : avoid) {
            if (onScreen.intersects(o)) {
                return false;
            }
        }
        return true;
    }

    /** Scrolls the node into the middle of the view (zooming in if the view is too far out to read it). */
    void centerOn(String nodeId) {
        double w = region.getWidth();
        double h = region.getHeight();
        if (w <= 0 || h <= 0) {
            pendingCenter = nodeId;
            pendingFit = false;
            return;
        }
        NodeGeometry g = geometry.apply(nodeId);
        if (g == null) {
            return;
        }
        double z = zoom.get() < 0.6 ? 1 : zoom.get();
        setView(z, w / 2 - g.centerX() * z, h / 2 - g.centerY() * z);
    }

    /** Puts the design point at the centre of the view. */
    void centerAt(double designX, double designY) {
        double z = zoom.get();
        setView(z, region.getWidth() / 2 - designX * z, region.getHeight() / 2 - designY * z);
    }

    /** Moves the view by a distance in screen pixels. */
    void panBy(double dx, double dy) {
        if (dx != 0 || dy != 0) {
            pan.setX(pan.getX() + dx);
            pan.setY(pan.getY() + dy);
            changed.run();
        }
    }

    /** Sets zoom and translation at once. */
    void setView(double z, double tx, double ty) {
        settingView = true;
        try {
            zoom.set(z);
            scale.setX(zoom.get());
            scale.setY(zoom.get());
        } finally {
            settingView = false;
        }
        pan.setX(tx);
        pan.setY(ty);
        initialViewDone = true;
        pendingFit = false;
        pendingCenter = null;
        changed.run();
    }

    private void zoomChanged(double old, double now) {
        scale.setX(now);
        scale.setY(now);
        if (!settingView && old > 0) {
            Point2D p = zoomPivot != null ? zoomPivot : new Point2D(region.getWidth() / 2, region.getHeight() / 2);
            double dx = (p.getX() - pan.getX()) / old;
            double dy = (p.getY() - pan.getY()) / old;
            pan.setX(p.getX() - dx * now);
            pan.setY(p.getY() - dy * now);
        }
        changed.run();
    }

    /** Canvas (local) coordinates to design coordinates. */
    Point2D toDesign(double localX, double localY) {
        return new Point2D((localX - pan.getX()) / zoom.get(), (localY - pan.getY()) / zoom.get());
    }

    /** Design coordinates to canvas (local) coordinates. */
    Point2D toLocal(double designX, double designY) {
        return new Point2D(designX * zoom.get() + pan.getX(), designY * zoom.get() + pan.getY());
    }

    /**
     * Once the canvas has a size: the centring or fit asked for before, or else the first view.
     * Called from the canvas's layout.
     */
    void settle(double w, double h) {
        if (w <= 0 || h <= 0) {
            return;
        }
        if (pendingCenter != null) {
            String id = pendingCenter;
            pendingCenter = null;
            centerOn(id);
        } else if (pendingFit) {
            pendingFit = false;
            zoomToFit();
        } else if (!initialViewDone) {
            initialView(w, h);
        }
    }

    /**
     * The view a design opens with: the whole design when it fits at a readable zoom; otherwise
     * readable (80 %) from the top, where the input is — the minimap and F show the rest.
     */
    private void initialView(double w, double h) {
        Bounds b = contentBounds.get();
        if (b.getWidth() <= 0) {
            setView(1, 40, 40);
            return;
        }
        double pad = FIT_PAD;
        double[] fit = fitInto(b, 0, 0, w, h, pad, 1);
        if (fit[0] >= 0.6) {
            setView(fit[0], fit[1], fit[2]);
        } else {
            double z = 0.8;
            double tx = b.getWidth() * z <= w - 2 * pad ? w / 2 - (b.getMinX() + b.getWidth() / 2) * z : pad - b.getMinX() * z;
            setView(z, tx, pad - b.getMinY() * z);
        }
    }
}
