package org.modelworkbench.visualizers.attention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Attention rollout (Abnar &amp; Zuidema, ACL 2020) as views-exact.md §1 defines it, with the
 * discard ratio of jacobgil/vit-explain.
 *
 * <p>Per layer l the post-softmax attention (B,h,N,N) of image b is fused over heads into F_l (N×N);
 * optionally the smallest entries of F_l are zeroed (discard); then Â_l = 0.5·(F_l + I) with each row
 * divided by its sum, and R = Â_L ··· Â_1 (first layer first, left multiplication).
 *
 * <p>Only rows of R are ever needed for a map, and a row of a product is a chain of vector–matrix
 * products taken from the last layer back to the first: e_qᵀR = ((e_qᵀÂ_L)Â_{L−1})···Â_1. So the
 * map and every picked query cost O(L·N²); the full N×N matrix (O(L·N³)) is only computed when
 * {@link Rollout#matrix()} is asked for.
 */
public final class AttentionRollout {
    private AttentionRollout() {
    }

    /**
     * How rollout is computed.
     *
     * @param fusion           how heads are fused (the paper: {@link HeadFusion#MEAN})
     * @param discardRatio     share of the N² fused entries to zero, in [0, 1): vit-explain semantics
     *                         (see {@link AttentionRollout#compute})
     * @param vitExplainCompat divide entry (i,j) by the sum of row j, as vit-explain's broadcasting does
     *                         (jacobgil/vit-explain#16), instead of row i as in the paper; only differs
     *                         when entries were discarded
     * @param prefixTokens     tokens before the patches: 0 = none (Swin-like, no CLS), 1 = ViT's CLS,
     *                         2 = distilled DeiT (CLS + distillation token)
     */
    public record Options(HeadFusion fusion, double discardRatio, boolean vitExplainCompat, int prefixTokens) {
        public Options {
            if (fusion == null) {
                throw new IllegalArgumentException("head fusion is missing");
            }
            if (!(discardRatio >= 0 && discardRatio < 1)) {
                throw new IllegalArgumentException("discard ratio must be in [0, 1), got " + discardRatio);
            }
            if (prefixTokens < 0 || prefixTokens > 2) {
                throw new IllegalArgumentException("prefix tokens must be 0, 1 or 2, got " + prefixTokens);
            }
        }

        /** The paper's rollout for a ViT: heads averaged, nothing discarded, CLS token, paper row sums. */
        public static Options paper() {
            return new Options(HeadFusion.MEAN, 0, false, 1);
        }

        /** vit-explain's command line defaults: max fusion, discard 0.9, its row-sum quirk, CLS token. */
        public static Options vitExplainCli() {
            return new Options(HeadFusion.MAX, 0.9, true, 1);
        }

        public Options withFusion(HeadFusion f) {
            return new Options(f, discardRatio, vitExplainCompat, prefixTokens);
        }

        public Options withDiscardRatio(double r) {
            return new Options(fusion, r, vitExplainCompat, prefixTokens);
        }

        public Options withVitExplainCompat(boolean c) {
            return new Options(fusion, discardRatio, c, prefixTokens);
        }

        public Options withPrefixTokens(int p) {
            return new Options(fusion, discardRatio, vitExplainCompat, p);
        }
    }

    /**
     * Rolls the attention of image {@code image} out through all layers.
     *
     * <p><b>Discard</b> (vit-explain): with k = floor(N²·ratio), the k smallest entries of the flattened
     * fused matrix are zeroed in place, except flat index 0 (the CLS→CLS entry), so fewer than k are
     * zeroed when it is among them. Ties are ordered by a stable sort on (value, flat index): among
     * equal values the lower index is discarded first (torch.topk leaves the tie order unspecified).
     * Index 0 is protected when there is a prefix token or {@code vitExplainCompat} is set; with no
     * prefix token and the paper mode nothing is protected, since index 0 is then an ordinary
     * patch→patch entry.
     *
     * <p><b>Map</b>: with prefix tokens, the row of token 0 (CLS) over the patch keys, R[0, p:], as g×g;
     * with none (no CLS), the mean over all query rows of R, as a workbench convention. The map is
     * divided by its maximum; a map whose maximum is 0 (e.g. every layer the identity) is reported
     * {@linkplain Rollout#degenerate() degenerate} with zeros, never NaN.
     *
     * @param layers per layer, first to last, post-softmax attention of shape (B,h,N,N) (same N throughout)
     * @param image  the batch index b
     * @throws IllegalArgumentException on an empty list, mismatched shapes, a bad image index, negative
     *                                  or non-finite probabilities, or N − prefix not a square
     */
    public static Rollout compute(List<FloatTensor> layers, int image, Options options) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("rollout needs at least one layer of attention");
        }
        if (options == null) {
            throw new IllegalArgumentException("rollout options are missing");
        }
        int n = AttentionTensors.tokens(layers.get(0), "attention of layer 0");
        int g = AttentionTensors.grid(n, options.prefixTokens());
        List<double[]> normalised = new ArrayList<>(layers.size());
        for (int l = 0; l < layers.size(); l++) {
            FloatTensor a = layers.get(l);
            int nl = AttentionTensors.tokens(a, "attention of layer " + l);
            if (nl != n) {
                throw new IllegalArgumentException("layer " + l + " has " + nl + " tokens, layer 0 has " + n);
            }
            AttentionTensors.checkImage(a, image);
            double[] f = fuse(a, image, options.fusion(), l);
            if (options.discardRatio() > 0) {
                discard(f, n, options.discardRatio(), options.prefixTokens() > 0 || options.vitExplainCompat());
            }
            normalised.add(addIdentityAndNormalise(f, n, options.vitExplainCompat()));
        }
        return new Rollout(List.copyOf(normalised), n, g, options);
    }

    /** Fuses the heads of image b into a row-major N×N matrix (double, so the chain keeps its precision). */
    static double[] fuse(FloatTensor a, int b, HeadFusion fusion, int layer) {
        int heads = a.dim(1);
        int n = a.dim(2);
        int nn = n * n;
        float[] v = a.values();
        double[] f = new double[nn];
        int base = b * heads * nn;
        for (int h = 0; h < heads; h++) {
            int o = base + h * nn;
            for (int e = 0; e < nn; e++) {
                float x = v[o + e];
                if (!(x >= 0) || x == Float.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("attention of layer " + layer + " holds " + x + " at head " + h
                            + ", query " + e / n + ", key " + e % n + ": expected post-softmax probabilities");
                }
                if (h == 0) {
                    f[e] = x;
                } else if (fusion == HeadFusion.MEAN) {
                    f[e] += x;
                } else if (fusion == HeadFusion.MAX) {
                    f[e] = Math.max(f[e], x);
                } else {
                    f[e] = Math.min(f[e], x);
                }
            }
        }
        if (fusion == HeadFusion.MEAN) {
            for (int e = 0; e < nn; e++) {
                f[e] /= heads;
            }
        }
        return f;
    }

    /**
     * Zeroes the floor(N²·ratio) smallest entries in place, sparing flat index 0 when asked. The k-th
     * smallest value t splits the entries: all below t go, and of those equal to t the lowest flat
     * indices go first — the order of a stable sort by (value, index), without sorting index pairs.
     */
    static void discard(double[] f, int n, double ratio, boolean protectFirst) {
        int k = (int) Math.floor((double) n * n * ratio);
        if (k == 0) {
            return;
        }
        double[] sorted = f.clone();
        Arrays.sort(sorted);
        double t = sorted[k - 1];
        int below = 0;
        for (double x : f) {
            if (x < t) {
                below++;
            }
        }
        int tiesToGo = k - below;
        for (int e = 0; e < f.length; e++) {
            boolean goes;
            if (f[e] < t) {
                goes = true;
            } else if (f[e] == t && tiesToGo > 0) {
                tiesToGo--;
                goes = true;
            } else {
                goes = false;
            }
            if (goes && !(e == 0 && protectFirst)) {
                f[e] = 0;
            }
        }
    }

    /** Â = 0.5·(F + I), rows normalised (paper) or entry (i,j) divided by row j's sum (vit-explain). */
    static double[] addIdentityAndNormalise(double[] f, int n, boolean vitExplainCompat) {
        double[] a = new double[f.length];
        double[] rowSum = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                double x = 0.5 * (f[i * n + j] + (i == j ? 1 : 0));
                a[i * n + j] = x;
                s += x;
            }
            rowSum[i] = s; // ≥ 0.5: the identity's half keeps every row sum positive
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] /= vitExplainCompat ? rowSum[j] : rowSum[i];
            }
        }
        return a;
    }
}
