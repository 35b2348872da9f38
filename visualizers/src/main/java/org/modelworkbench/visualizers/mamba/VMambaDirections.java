package org.modelworkbench.visualizers.mamba;

import java.util.Arrays;
import java.util.List;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * VMamba's four cross-scan directions on an H×W map and their hidden attention put back on the image
 * (MzeroMiko/VMamba {@code cross_scan_fwd}, {@code AttnMamba.attnmap_mamba}; views-exact.md §4).
 *
 * <p>Direction k reads the map as a sequence: k = 0 row-major (l = h·W + w), k = 1 column-major
 * (l = w·H + h), k = 2 and 3 the reverses of 0 and 1. Each direction's L×L matrix (query, key in its
 * own scan order) is mapped back to row-major 2-D through index tables, which also covers H ≠ W (the
 * reference's view-and-swap assumes H = W). Immutable.
 */
public final class VMambaDirections {
    /** The number of cross-scan directions. */
    public static final int DIRECTIONS = 4;

    private final int height;
    private final int width;
    private final int[][] order; // order[k][l] = row-major index of the l-th position of direction k

    public VMambaDirections(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("map must be at least 1×1, got " + height + "×" + width);
        }
        this.height = height;
        this.width = width;
        int len = height * width;
        order = new int[DIRECTIONS][len];
        for (int l = 0; l < len; l++) {
            order[0][l] = l;
            order[1][l] = (l % height) * width + l / height; // l = w·H + h
        }
        for (int l = 0; l < len; l++) {
            order[2][l] = order[0][len - 1 - l];
            order[3][l] = order[1][len - 1 - l];
        }
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** L = H·W. */
    public int length() {
        return height * width;
    }

    /** For each position l of direction k's sequence, the row-major index h·W + w it reads (a copy). */
    public int[] scanOrder(int direction) {
        checkDirection(direction);
        return order[direction].clone();
    }

    /**
     * Direction k's (L, L) matrix over its own scan order, re-indexed to row-major 2-D on both the query
     * and the key axis: out[order[q], order[k']] = in[q, k'].
     */
    public FloatTensor toRowMajor(FloatTensor attention, int direction) {
        checkDirection(direction);
        int len = length();
        if (attention == null || attention.rank() != 2 || attention.dim(0) != len || attention.dim(1) != len) {
            throw new IllegalArgumentException("direction matrix must be (L,L) = (" + len + "," + len + "), got "
                    + (attention == null ? "none" : Arrays.toString(attention.shape())));
        }
        int[] o = order[direction];
        float[] in = attention.values();
        float[] out = new float[len * len];
        for (int q = 0; q < len; q++) {
            int row = o[q] * len;
            for (int k = 0; k < len; k++) {
                out[row + o[k]] = in[q * len + k];
            }
        }
        return FloatTensor.of(out, len, len);
    }

    /**
     * The hidden attention of direction k from SS2D's captured tensors.
     *
     * @param delta Δ after softplus, (B, K, D, L)
     * @param a     A = −exp(A_logs), (K, D, N) or as stored (K·D, N)
     * @param b     B, (B, K, N, L)
     * @param c     C, (B, K, N, L)
     */
    public static HiddenAttention direction(FloatTensor delta, FloatTensor a, FloatTensor b, FloatTensor c,
            int direction) {
        checkDirection(direction);
        FloatTensor d = directionSlice(delta, "Δ", "(B,K,D,L)", direction);
        FloatTensor bk = directionSlice(b, "B", "(B,K,N,L)", direction);
        FloatTensor ck = directionSlice(c, "C", "(B,K,N,L)", direction);
        if (a == null) {
            throw new IllegalArgumentException("A is missing");
        }
        FloatTensor ak;
        if (a.rank() == 3 && a.dim(0) == DIRECTIONS) {
            ak = a.select(direction);
        } else if (a.rank() == 2 && a.dim(0) % DIRECTIONS == 0) {
            ak = a.reshape(DIRECTIONS, a.dim(0) / DIRECTIONS, a.dim(1)).select(direction);
        } else {
            throw new IllegalArgumentException("A must be (K,D,N) or (K·D,N) with K = 4, got " + Arrays.toString(a.shape()));
        }
        return HiddenAttention.of(d, ak, bk, ck);
    }

    /** (B, K, X, L) → direction k's (B, X, L). */
    private static FloatTensor directionSlice(FloatTensor t, String what, String expected, int k) {
        if (t == null || t.rank() != 4 || t.dim(1) != DIRECTIONS) {
            throw new IllegalArgumentException(what + " must have shape " + expected + " with K = 4, got "
                    + (t == null ? "none" : Arrays.toString(t.shape())));
        }
        int bs = t.dim(0);
        int x = t.dim(2);
        int l = t.dim(3);
        float[] out = new float[bs * x * l];
        for (int b = 0; b < bs; b++) {
            System.arraycopy(t.values(), (b * DIRECTIONS + k) * x * l, out, b * x * l, x * l);
        }
        return FloatTensor.of(out, bs, x, l);
    }

    /** Direction k's channel-mean hidden attention of image b, in row-major 2-D (L, L). */
    public FloatTensor rowMajorMap(HiddenAttention attention, int image, int direction) {
        if (attention.length() != length()) {
            throw new IllegalArgumentException("hidden attention over " + attention.length() + " positions for a "
                    + height + "×" + width + " map");
        }
        return toRowMajor(attention.channelMean(image), direction);
    }

    /** "all": min–max of the sum of the four row-major maps. */
    public static FloatTensor all(List<FloatTensor> rowMajorMaps) {
        float[] sum = sum(rowMajorMaps, false);
        return minMax(FloatTensor.of(sum, rowMajorMaps.get(0).shape()));
    }

    /** "nall": the mean of the four maps, each min–max normalised first. */
    public static FloatTensor nall(List<FloatTensor> rowMajorMaps) {
        float[] sum = sum(rowMajorMaps, true);
        for (int e = 0; e < sum.length; e++) {
            sum[e] /= rowMajorMaps.size();
        }
        return FloatTensor.of(sum, rowMajorMaps.get(0).shape());
    }

    private static float[] sum(List<FloatTensor> maps, boolean normaliseEach) {
        if (maps == null || maps.isEmpty()) {
            throw new IllegalArgumentException("no direction maps to aggregate");
        }
        int[] shape = maps.get(0).shape();
        double[] acc = new double[maps.get(0).size()];
        for (int m = 0; m < maps.size(); m++) {
            FloatTensor t = maps.get(m);
            if (!Arrays.equals(t.shape(), shape)) {
                throw new IllegalArgumentException("direction map " + m + " has shape " + Arrays.toString(t.shape())
                        + ", map 0 has " + Arrays.toString(shape));
            }
            float[] v = (normaliseEach ? minMax(t) : t).values();
            for (int e = 0; e < acc.length; e++) {
                acc[e] += v[e];
            }
        }
        float[] out = new float[acc.length];
        for (int e = 0; e < acc.length; e++) {
            out[e] = (float) acc[e];
        }
        return out;
    }

    /** (x − min)/(max − min) over the whole tensor; a constant tensor gives zeros (never NaN). */
    public static FloatTensor minMax(FloatTensor t) {
        float[] v = t.values();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        float[] out = new float[v.length];
        if (hi > lo) {
            for (int e = 0; e < v.length; e++) {
                out[e] = (float) ((v[e] - lo) / (hi - lo));
            }
        }
        return new FloatTensor(t.shape(), out);
    }

    /** Where the pixel (row, col) attends: row order of a row-major (L, L) map, reshaped to (H, W). */
    public FloatTensor queryMap(FloatTensor rowMajor, int row, int col) {
        int len = length();
        if (rowMajor == null || rowMajor.rank() != 2 || rowMajor.dim(0) != len || rowMajor.dim(1) != len) {
            throw new IllegalArgumentException("row-major map must be (L,L) = (" + len + "," + len + "), got "
                    + (rowMajor == null ? "none" : Arrays.toString(rowMajor.shape())));
        }
        if (row < 0 || row >= height || col < 0 || col >= width) {
            throw new IllegalArgumentException("pixel (" + row + "," + col + ") outside the " + height + "×" + width + " map");
        }
        float[] out = Arrays.copyOfRange(rowMajor.values(), (row * width + col) * len, (row * width + col + 1) * len);
        return FloatTensor.of(out, height, width);
    }

    private static void checkDirection(int k) {
        if (k < 0 || k >= DIRECTIONS) {
            throw new IllegalArgumentException("direction " + k + " outside 0..3");
        }
    }
}
