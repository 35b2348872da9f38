package org.modelworkbench.visualizers.views;

import java.util.Optional;
import org.modelworkbench.visualizers.render.Cell;

/**
 * What a click at figure pixel (x, y) selects, so that views are linked to the graph and to each
 * other: a query cell (a patch or pixel whose attention to show: the view re-renders with it), or a
 * design node (a layer's point on a chart across depth: the editor selects that node).
 */
public interface Picker {
    Picker NONE = new Picker() {
    };

    /** The query cell (row, col in the view's query grid) at (x, y). */
    default Optional<Cell> queryAt(double x, double y) {
        return Optional.empty();
    }

    /** The id or path of the design node drawn at (x, y). */
    default Optional<String> nodeAt(double x, double y) {
        return Optional.empty();
    }
}
