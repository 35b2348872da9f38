package org.modelworkbench.visualizers.attention;

import java.util.List;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Mean attention distance in pixels per (layer, head), as in the ViT paper (Fig. 7/11) and
 * sayakpaul/probing-vits (views-exact.md §1): the prefix rows and columns are dropped <b>without</b>
 * renormalising the rows, D[i,j] = patchSize·‖(r_i,c_i) − (r_j,c_j)‖₂ over the g×g grid, and
 * MAD[b,h] = mean_i Σ_j A[b,h,i,j]·D[i,j], averaged over the images of the batch.
 */
public final class AttentionDistance {
    private final int patchSize;
    private final int prefixTokens;

    /**
     * @param patchSize    side of a patch in input pixels (16 for ViT-B/16)
     * @param prefixTokens 0 (no CLS), 1 (CLS) or 2 (distilled DeiT)
     */
    public AttentionDistance(int patchSize, int prefixTokens) {
        if (patchSize < 1) {
            throw new IllegalArgumentException("patch size must be ≥ 1 pixel, got " + patchSize);
        }
        if (prefixTokens < 0 || prefixTokens > 2) {
            throw new IllegalArgumentException("prefix tokens must be 0, 1 or 2, got " + prefixTokens);
        }
        this.patchSize = patchSize;
        this.prefixTokens = prefixTokens;
    }

    /** One layer: attention (B,h,N,N) → the mean distance per head in pixels, averaged over the B images. */
    public double[] perHead(FloatTensor attention) {
        int n = AttentionTensors.tokens(attention, "attention");
        int g = AttentionTensors.grid(n, prefixTokens);
        int batch = attention.dim(0);
        int heads = attention.dim(1);
        int patches = g * g;
        double[] distance = distances(g);
        float[] v = attention.values();
        double[] out = new double[heads];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int base = (b * heads + h) * n * n;
                double sum = 0;
                for (int i = 0; i < patches; i++) {
                    int row = base + (prefixTokens + i) * n + prefixTokens;
                    int d = i * patches;
                    for (int j = 0; j < patches; j++) {
                        sum += v[row + j] * distance[d + j];
                    }
                }
                out[h] += sum / patches;
            }
        }
        for (int h = 0; h < heads; h++) {
            out[h] /= batch;
        }
        return out;
    }

    /** All layers, first to last: a (layers, heads) tensor of mean distances in pixels. */
    public FloatTensor perLayerHead(List<FloatTensor> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("mean attention distance needs at least one layer");
        }
        AttentionTensors.tokens(layers.get(0), "attention of layer 0");
        int heads = layers.get(0).dim(1);
        float[] out = new float[layers.size() * heads];
        for (int l = 0; l < layers.size(); l++) {
            FloatTensor a = layers.get(l);
            AttentionTensors.tokens(a, "attention of layer " + l);
            if (a.dim(1) != heads) {
                throw new IllegalArgumentException("layer " + l + " has " + a.dim(1) + " heads, layer 0 has " + heads);
            }
            double[] d = perHead(a);
            for (int h = 0; h < heads; h++) {
                out[l * heads + h] = (float) d[h];
            }
        }
        return FloatTensor.of(out, layers.size(), heads);
    }

    /** Pixel distances between all pairs of the g² patches, row-major (g²×g²). */
    private double[] distances(int g) {
        int p = g * g;
        double[] d = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                d[i * p + j] = patchSize * Math.hypot(i / g - j / g, i % g - j % g);
            }
        }
        return d;
    }

    public int patchSize() {
        return patchSize;
    }

    public int prefixTokens() {
        return prefixTokens;
    }
}
