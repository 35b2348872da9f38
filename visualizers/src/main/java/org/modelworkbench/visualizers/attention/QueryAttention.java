package org.modelworkbench.visualizers.attention;

import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * The attention row of one query in global attention (B,h,N,N), over the patch keys, as g×g maps:
 * what a picked patch (or the CLS token) looks at in one layer (views-exact.md §1). The prefix
 * keys are removed without renormalising, so a map sums to one minus the mass on the prefix tokens.
 */
public final class QueryAttention {
    private QueryAttention() {
    }

    /**
     * @param perHead (h, g, g): the query's attention per head over the patch keys
     * @param mean    (g, g): the same averaged over heads
     * @param query   the query's token index (prefix tokens counted)
     */
    public record Maps(FloatTensor perHead, FloatTensor mean, int query) {
    }

    /** The query patch at grid cell (row, col): token prefixTokens + row·g + col. */
    public static Maps ofPatch(FloatTensor attention, int image, int row, int col, int prefixTokens) {
        int n = AttentionTensors.tokens(attention, "attention");
        int g = AttentionTensors.grid(n, prefixTokens);
        if (row < 0 || row >= g || col < 0 || col >= g) {
            throw new IllegalArgumentException("patch (" + row + "," + col + ") outside the " + g + "×" + g + " grid");
        }
        return ofToken(attention, image, prefixTokens + row * g + col, prefixTokens);
    }

    /** Any query token, e.g. 0 for the CLS token's attention over the patches. */
    public static Maps ofToken(FloatTensor attention, int image, int token, int prefixTokens) {
        int n = AttentionTensors.tokens(attention, "attention");
        int g = AttentionTensors.grid(n, prefixTokens);
        AttentionTensors.checkImage(attention, image);
        if (token < 0 || token >= n) {
            throw new IllegalArgumentException("query token " + token + " outside 0.." + (n - 1));
        }
        int heads = attention.dim(1);
        int patches = g * g;
        float[] v = attention.values();
        float[] per = new float[heads * patches];
        double[] sum = new double[patches];
        for (int h = 0; h < heads; h++) {
            int row = ((image * heads + h) * n + token) * n + prefixTokens;
            System.arraycopy(v, row, per, h * patches, patches);
            for (int j = 0; j < patches; j++) {
                sum[j] += v[row + j];
            }
        }
        float[] mean = new float[patches];
        for (int j = 0; j < patches; j++) {
            mean[j] = (float) (sum[j] / heads);
        }
        return new Maps(FloatTensor.of(per, heads, g, g), FloatTensor.of(mean, g, g), token);
    }
}
