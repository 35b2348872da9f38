package org.modelworkbench.editor.canvas;

import java.util.function.Function;
import java.util.function.Supplier;
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
 */
final class Viewport {
    private final Region region;
    private final Supplier<Bounds> contentBounds;
    private final Function<String, NodeGeometry> geometry;
    private final Runnable changed;
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
        double pad = 40;
        double z = Math.min((w - 2 * pad) / b.getWidth(), (h - 2 * pad) / b.getHeight());
        z = clampZoom(Math.min(z, 1.25));
        setView(z, w / 2 - (b.getMinX() + b.getWidth() / 2) * z, h / 2 - (b.getMinY() + b.getHeight() / 2) * z);
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
        double pad = 40;
        double fit = Math.min((w - 2 * pad) / b.getWidth(), (h - 2 * pad) / b.getHeight());
        if (fit >= 0.6) {
            double z = Math.min(fit, 1);
            setView(z, w / 2 - (b.getMinX() + b.getWidth() / 2) * z, h / 2 - (b.getMinY() + b.getHeight() / 2) * z);
        } else {
            double z = 0.8;
            double tx = b.getWidth() * z <= w - 2 * pad ? w / 2 - (b.getMinX() + b.getWidth() / 2) * z : pad - b.getMinX() * z;
            setView(z, tx, pad - b.getMinY() * z);
        }
    }
}
