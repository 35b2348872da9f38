package org.modelworkbench.visualizers.attention;

import java.util.Arrays;
import java.util.List;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * The result of {@link AttentionRollout#compute}: the g×g rollout map and, on demand, any row of the
 * rollout matrix R = Â_L ··· Â_1 (views-exact.md §1). Immutable.
 */
public final class Rollout {
    private final List<double[]> layers; // Â_l, row-major N×N, first layer first
    private final int tokens;
    private final int grid;
    private final AttentionRollout.Options options;
    private final float[] rawMap;
    private final double maximum;

    Rollout(List<double[]> layers, int tokens, int grid, AttentionRollout.Options options) {
        this.layers = layers;
        this.tokens = tokens;
        this.grid = grid;
        this.options = options;
        double[] source = new double[tokens];
        if (options.prefixTokens() > 0) {
            source[0] = 1;
        } else {
            Arrays.fill(source, 1.0 / tokens);
        }
        double[] row = rowTimesR(source);
        int p = options.prefixTokens();
        rawMap = new float[grid * grid];
        double max = 0;
        for (int i = 0; i < rawMap.length; i++) {
            rawMap[i] = (float) row[p + i];
            max = Math.max(max, row[p + i]);
        }
        maximum = max;
    }

    /** vᵀR, from the last layer back to the first: O(L·N²). */
    private double[] rowTimesR(double[] v) {
        int n = tokens;
        double[] cur = v.clone();
        double[] next = new double[n];
        for (int l = layers.size() - 1; l >= 0; l--) {
            double[] a = layers.get(l);
            Arrays.fill(next, 0);
            for (int i = 0; i < n; i++) {
                double c = cur[i];
                if (c == 0) {
                    continue;
                }
                int o = i * n;
                for (int j = 0; j < n; j++) {
                    next[j] += c * a[o + j];
                }
            }
            double[] t = cur;
            cur = next;
            next = t;
        }
        return cur;
    }

    /**
     * The rollout map, g×g, row-major over the patch grid, divided by its maximum (so its largest cell
     * is 1). All zeros when {@link #degenerate()}.
     */
    public FloatTensor map() {
        float[] m = new float[rawMap.length];
        if (!degenerate()) {
            for (int i = 0; i < m.length; i++) {
                m[i] = (float) (rawMap[i] / maximum);
            }
        }
        return FloatTensor.of(m, grid, grid);
    }

    /** The map before division by its maximum: R[0, p:] (or the row mean of R with no prefix token), g×g. */
    public FloatTensor rawMap() {
        return FloatTensor.of(rawMap.clone(), grid, grid);
    }

    /** True when the map's maximum is 0, so it cannot be normalised (e.g. every layer is the identity). */
    public boolean degenerate() {
        return maximum <= 0;
    }

    /** The maximum of the raw map, by which {@link #map()} is divided. */
    public double maximum() {
        return maximum;
    }

    /**
     * Row {@code token} of R over all N keys (prefix tokens included): where that token's rollout
     * attention goes. Rows of R sum to one in the paper mode.
     */
    public FloatTensor row(int token) {
        if (token < 0 || token >= tokens) {
            throw new IllegalArgumentException("query token " + token + " outside 0.." + (tokens - 1));
        }
        double[] e = new double[tokens];
        e[token] = 1;
        double[] r = rowTimesR(e);
        float[] out = new float[tokens];
        for (int j = 0; j < tokens; j++) {
            out[j] = (float) r[j];
        }
        return FloatTensor.of(out, tokens);
    }

    /**
     * Where the patch at grid cell (row, col) attends after rollout: R[q, p:] with q = p + row·g + col,
     * as a g×g map of raw (not normalised) weights.
     */
    public FloatTensor queryMap(int row, int col) {
        if (row < 0 || row >= grid || col < 0 || col >= grid) {
            throw new IllegalArgumentException("patch (" + row + "," + col + ") outside the " + grid + "×" + grid + " grid");
        }
        float[] r = row(options.prefixTokens() + row * grid + col).values();
        float[] m = new float[grid * grid];
        System.arraycopy(r, options.prefixTokens(), m, 0, m.length);
        return FloatTensor.of(m, grid, grid);
    }

    /** The whole rollout matrix R (N×N). Costs O(L·N³): compute it only when it is shown. */
    public FloatTensor matrix() {
        int n = tokens;
        double[] r = layers.get(0).clone();
        double[] next = new double[n * n];
        for (int l = 1; l < layers.size(); l++) {
            double[] a = layers.get(l);
            Arrays.fill(next, 0);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    double c = a[i * n + k];
                    if (c == 0) {
                        continue;
                    }
                    int rk = k * n;
                    int ri = i * n;
                    for (int j = 0; j < n; j++) {
                        next[ri + j] += c * r[rk + j];
                    }
                }
            }
            double[] t = r;
            r = next;
            next = t;
        }
        float[] out = new float[n * n];
        for (int e = 0; e < out.length; e++) {
            out[e] = (float) r[e];
        }
        return FloatTensor.of(out, n, n);
    }

    public int tokens() {
        return tokens;
    }

    /** The side g of the patch grid. */
    public int grid() {
        return grid;
    }

    public int layerCount() {
        return layers.size();
    }

    public AttentionRollout.Options options() {
        return options;
    }
}
