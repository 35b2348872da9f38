package org.modelworkbench.editor.canvas;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Node;

/**
 * Where new blocks go so that they do not land on others: the same search serves a block added in
 * the middle of the view (Enter in the palette), a paste and a duplicate. Starting from the place
 * they would go, the whole group is moved outward ring by ring on the grid until its blocks (with
 * a grid step of air around them) overlap no block already there. Bounds come from
 * {@link NodeGeometry}, so no skins are needed.
 */
public final class FreeSpace {
    /** Air kept between a placed block and the blocks around it. */
    public static final double GAP = GraphCanvas.GRID;
    /** How many rings of grid steps are searched before giving up (and keeping the start). */
    static final int MAX_RINGS = 120;

    private FreeSpace() {
    }

    /**
     * The offset to add to {@code group} (design coordinates) so that it overlaps none of
     * {@code occupied}: (0, 0) when it is free already, otherwise the nearest free offset in
     * multiples of {@code step}, searched outward.
     */
    public static Point2D offset(List<Bounds> group, List<Bounds> occupied, double step) {
        if (group.isEmpty() || occupied.isEmpty()) {
            return Point2D.ZERO;
        }
        double gx0 = Double.MAX_VALUE;
        double gy0 = Double.MAX_VALUE;
        double gx1 = -Double.MAX_VALUE;
        double gy1 = -Double.MAX_VALUE;
        for (Bounds b : group) {
            gx0 = Math.min(gx0, b.getMinX());
            gy0 = Math.min(gy0, b.getMinY());
            gx1 = Math.max(gx1, b.getMaxX());
            gy1 = Math.max(gy1, b.getMaxY());
        }
        List<int[]> ring = new ArrayList<>();
        for (int r = 0; r <= MAX_RINGS; r++) {
            ring.clear();
            for (int i = -r; i <= r; i++) {
                for (int j = -r; j <= r; j++) {
                    if (Math.max(Math.abs(i), Math.abs(j)) == r) {
                        ring.add(new int[] {i, j});
                    }
                }
            }
            // Nearest first; among equals, right and down before left and up (where a reader looks next).
            ring.sort(Comparator.<int[]>comparingInt(c -> c[0] * c[0] + c[1] * c[1])
                    .thenComparingInt(c -> -(c[0] + c[1])).thenComparingInt(c -> -c[0]));
            for (int[] c : ring) {
                double dx = c[0] * step;
                double dy = c[1] * step;
                if (free(group, occupied, dx, dy, gx0 + dx, gy0 + dy, gx1 + dx, gy1 + dy)) {
                    return new Point2D(dx, dy);
                }
            }
        }
        return Point2D.ZERO;
    }

    private static boolean free(List<Bounds> group, List<Bounds> occupied, double dx, double dy,
                                double gx0, double gy0, double gx1, double gy1) {
        for (Bounds o : occupied) {
            if (!overlaps(gx0, gy0, gx1, gy1, o)) {
                continue;
            }
            for (Bounds b : group) {
                if (overlaps(b.getMinX() + dx, b.getMinY() + dy, b.getMaxX() + dx, b.getMaxY() + dy, o)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean overlaps(double x0, double y0, double x1, double y1, Bounds o) {
        return x0 < o.getMaxX() + GAP && x1 + GAP > o.getMinX() && y0 < o.getMaxY() + GAP && y1 + GAP > o.getMinY();
    }

    /** The bounds of every block of a design. */
    public static List<Bounds> footprints(Design design, Function<String, Optional<BlockType>> types) {
        List<Bounds> out = new ArrayList<>(design.size());
        for (Node n : design.nodes()) {
            out.add(NodeGeometry.of(n, types, design).bounds());
        }
        return out;
    }

    /** The bounds of {@code nodes} (e.g. a fragment about to be pasted) moved by (dx, dy), ports resolved in {@code scope}. */
    public static List<Bounds> footprints(Iterable<Node> nodes, Design scope, Function<String, Optional<BlockType>> types,
                                          double dx, double dy) {
        List<Bounds> out = new ArrayList<>();
        for (Node n : nodes) {
            Bounds b = NodeGeometry.of(n, types, scope).bounds();
            out.add(new BoundingBox(b.getMinX() + dx, b.getMinY() + dy, b.getWidth(), b.getHeight()));
        }
        return out;
    }
}
