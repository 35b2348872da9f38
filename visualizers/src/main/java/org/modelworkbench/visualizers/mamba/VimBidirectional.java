package org.modelworkbench.visualizers.mamba;

import java.util.Arrays;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Vim's backward direction (views-exact.md §4, "Aggregation"): the backward scan runs on the flipped
 * sequence, so its inputs are flipped along the sequence axis and its L×L matrix is flipped on
 * <b>both</b> axes to read it in forward positions.
 */
public final class VimBidirectional {
    private VimBidirectional() {
    }

    /** Reverses the last axis (the sequence): for Δ (B,D,L), B and C (B,N,L) of the backward scan. */
    public static FloatTensor flipSequence(FloatTensor t) {
        if (t == null || t.rank() == 0) {
            throw new IllegalArgumentException("need a tensor with a sequence axis, got " + t);
        }
        int l = t.dim(-1);
        float[] v = t.values();
        float[] out = new float[v.length];
        for (int r = 0; r < v.length / Math.max(1, l); r++) {
            for (int i = 0; i < l; i++) {
                out[r * l + i] = v[r * l + l - 1 - i];
            }
        }
        return new FloatTensor(t.shape(), out);
    }

    /** Flips an (L, L) matrix on both axes: out[i, j] = in[L−1−i, L−1−j]. */
    public static FloatTensor flipBothAxes(FloatTensor matrix) {
        if (matrix == null || matrix.rank() != 2 || matrix.dim(0) != matrix.dim(1)) {
            throw new IllegalArgumentException("need an (L,L) matrix, got "
                    + (matrix == null ? "none" : Arrays.toString(matrix.shape())));
        }
        float[] v = matrix.values();
        float[] out = new float[v.length];
        for (int e = 0; e < v.length; e++) {
            out[e] = v[v.length - 1 - e];
        }
        return FloatTensor.of(out, matrix.dim(0), matrix.dim(1));
    }
}
