package org.modelworkbench.visualizers.views.attention;

import org.modelworkbench.visualizers.mamba.VMambaDirections;

/**
 * The order in which a selective scan of K directions reads an H×W map (MzeroMiko/VMamba cross_scan and
 * the workbench's mamba.cross_scan block): K = 4: row-major, column-major, and both reversed; K = 2:
 * row-major and reversed; K = 1: row-major. Position l of direction k's sequence reads the row-major
 * cell {@code order(k)[l]}.
 */
final class ScanOrder {
    private final int[][] order;
    private final int[][] inverse;

    ScanOrder(int directions, int height, int width) {
        if (directions != 1 && directions != 2 && directions != 4) {
            throw new IllegalArgumentException("a selective scan has 1, 2 or 4 directions, got " + directions);
        }
        int len = height * width;
        order = new int[directions][];
        VMambaDirections four = directions == 4 ? new VMambaDirections(height, width) : null;
        for (int k = 0; k < directions; k++) {
            if (directions == 4) {
                order[k] = four.scanOrder(k);
            } else {
                int[] o = new int[len];
                for (int l = 0; l < len; l++) {
                    o[l] = k == 0 ? l : len - 1 - l;
                }
                order[k] = o;
            }
        }
        inverse = new int[directions][len];
        for (int k = 0; k < directions; k++) {
            for (int l = 0; l < len; l++) {
                inverse[k][order[k][l]] = l;
            }
        }
    }

    int directions() {
        return order.length;
    }

    /** The row-major cell read at scan position l of direction k. */
    int cell(int direction, int position) {
        return order[direction][position];
    }

    /** The scan position of row-major cell p in direction k. */
    int position(int direction, int cell) {
        return inverse[direction][cell];
    }

    /** A vector over direction k's scan positions, re-indexed to row-major cells. */
    float[] toRowMajor(int direction, float[] bySequence) {
        float[] out = new float[bySequence.length];
        for (int l = 0; l < bySequence.length; l++) {
            out[order[direction][l]] = bySequence[l];
        }
        return out;
    }

    /** An (L, L) matrix over direction k's scan order re-indexed to row-major cells on both axes. */
    float[] toRowMajor(int direction, float[] matrix, int len) {
        int[] o = order[direction];
        float[] out = new float[len * len];
        for (int q = 0; q < len; q++) {
            int row = o[q] * len;
            for (int k = 0; k < len; k++) {
                out[row + o[k]] = matrix[q * len + k];
            }
        }
        return out;
    }
}
