package org.modelworkbench.visualizers.attention;

import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Attention entropy per head, H[h] = mean_{b,i} (−Σ_j A_ij ln A_ij) with 0·ln 0 = 0, in nats
 * (Zhai et al. 2023; views-exact.md §1).
 *
 * <p>With prefix tokens included the whole N×N rows are used (upper bound ln N). Excluded, the prefix
 * query rows and key columns are dropped and each remaining row is renormalised to sum to one, so
 * the value is the entropy of a distribution over the patches (upper bound ln(N − prefix)); a row
 * that put no mass on any patch counts as entropy 0.
 */
public final class AttentionEntropy {
    private AttentionEntropy() {
    }

    /**
     * @param perHead         entropy per head in nats, averaged over images and query rows
     * @param prefixIncluded  whether the prefix tokens took part (the choice the view must state)
     * @param prefixTokens    how many prefix tokens the tensor has
     * @param upperBound      ln of the number of keys used: the entropy of a uniform row
     */
    public record Result(double[] perHead, boolean prefixIncluded, int prefixTokens, double upperBound) {
        public Result {
            perHead = perHead.clone();
        }

        @Override
        public double[] perHead() {
            return perHead.clone();
        }

        /** A short statement of the choice, for a legend: "CLS included" etc. */
        public String describe() {
            if (prefixTokens == 0) {
                return "no prefix tokens";
            }
            String what = prefixTokens == 1 ? "CLS" : "CLS and distillation tokens";
            return what + (prefixIncluded ? " included" : " excluded (rows renormalised over patches)");
        }
    }

    /**
     * @param attention      post-softmax attention (B,h,N,N)
     * @param prefixTokens   0, 1 or 2 tokens before the patches
     * @param includePrefix  keep the prefix rows and columns (Zhai et al. use the whole rows)
     */
    public static Result perHead(FloatTensor attention, int prefixTokens, boolean includePrefix) {
        int n = AttentionTensors.tokens(attention, "attention");
        if (prefixTokens < 0 || prefixTokens > 2 || prefixTokens >= n) {
            throw new IllegalArgumentException("prefix tokens must be 0, 1 or 2 and fewer than the " + n + " tokens, got "
                    + prefixTokens);
        }
        int skip = includePrefix ? 0 : prefixTokens;
        int keys = n - skip;
        int batch = attention.dim(0);
        int heads = attention.dim(1);
        float[] v = attention.values();
        double[] out = new double[heads];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int base = (b * heads + h) * n * n;
                double sum = 0;
                for (int i = skip; i < n; i++) {
                    int row = base + i * n + skip;
                    double mass = 0;
                    double plnp = 0;
                    for (int j = 0; j < keys; j++) {
                        double p = v[row + j];
                        if (!(p >= 0) || Double.isInfinite(p)) {
                            throw new IllegalArgumentException("attention holds " + p + " at image " + b + ", head " + h
                                    + ", query " + i + ", key " + (j + skip) + ": expected probabilities");
                        }
                        mass += p;
                        if (p > 0) {
                            plnp += p * Math.log(p);
                        }
                    }
                    // Renormalised rows: −Σ (p/m) ln(p/m) = ln m − (Σ p ln p)/m. Whole rows have m = 1.
                    if (mass > 0) {
                        sum += skip == 0 ? -plnp : Math.log(mass) - plnp / mass;
                    }
                }
                out[h] += sum / keys;
            }
        }
        for (int h = 0; h < heads; h++) {
            out[h] /= batch;
        }
        return new Result(out, includePrefix || prefixTokens == 0, prefixTokens, Math.log(keys));
    }
}
