package org.modelworkbench.visualizers.embedding;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.modelworkbench.visualizers.filters.Pca;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * 2-D embeddings of penultimate features (n, d), one point per image, to be drawn coloured by class.
 *
 * <p>{@link #pca}: the first two principal components ({@link Pca}; deterministic signs).
 *
 * <p>{@link #tsne}: exact t-SNE as in van der Maaten &amp; Hinton, "Visualizing Data using t-SNE"
 * (JMLR 2008) and van der Maaten's reference implementation: Gaussian conditional affinities with a
 * per-point bandwidth found by bisection to match the perplexity, symmetrised
 * {@code p_ij = (p_j|i + p_i|j) / 2n}; Student-t (one degree of freedom) similarities in 2-D;
 * gradient descent on KL(P‖Q) with momentum 0.5 then 0.8 (after 250 iterations), early
 * exaggeration ×12 for the first 250 iterations, adaptive per-coordinate gains (+0.2 / ×0.8, floor
 * 0.01), start from a seeded Gaussian of deviation 1e-4. One departure: the learning rate is
 * max(n/48, 50) (Belkina et al. 2019, scikit-learn's "auto") instead of 200, which overshoots and
 * tears clusters apart on a few hundred points. O(n²) memory and time
 * per iteration, so at most {@value #TSNE_MAX_POINTS} points.
 */
public final class Embedding2d {
    public static final int TSNE_MAX_POINTS = 3000;

    private Embedding2d() {}

    /**
     * t-SNE settings.
     *
     * @param perplexity   effective number of neighbours, in [2, (n − 1)/3]
     * @param iterations   gradient steps (1000 in the paper)
     * @param seed         seed of the initial layout
     */
    public record TsneOptions(double perplexity, int iterations, long seed) {
        /** Perplexity 30, 1000 iterations, seed 0. */
        public static TsneOptions defaults() {
            return new TsneOptions(30, 1000, 0);
        }
    }

    /** The features (n, d) on their first two principal axes, (n, 2). */
    public static FloatTensor pca(FloatTensor features) {
        check(features);
        return Pca.fit(features, 2).scores();
    }

    /**
     * Exact t-SNE of the features (n, d) to (n, 2).
     *
     * @throws IllegalArgumentException if features is not (n, d) with 2 ≤ d, 4 ≤ n ≤ {@value #TSNE_MAX_POINTS},
     *                                  the perplexity is outside [2, (n − 1)/3] or a value is not finite
     */
    public static FloatTensor tsne(FloatTensor features, TsneOptions o) {
        check(features);
        int n = features.dim(0);
        int d = features.dim(1);
        if (n < 4 || n > TSNE_MAX_POINTS) {
            throw new IllegalArgumentException("exact t-SNE takes 4…" + TSNE_MAX_POINTS + " points, got " + n);
        }
        if (!(o.perplexity() >= 2 && o.perplexity() <= (n - 1) / 3.0)) {
            throw new IllegalArgumentException("perplexity must lie in [2, " + (n - 1) / 3.0 + "] for " + n
                    + " points, got " + o.perplexity());
        }
        if (o.iterations() < 1) {
            throw new IllegalArgumentException("t-SNE needs at least one iteration, got " + o.iterations());
        }
        float[] p = affinities(features.values(), n, d, o.perplexity());
        return new FloatTensor(new int[] {n, 2}, descend(p, n, o));
    }

    private static void check(FloatTensor f) {
        if (f.rank() != 2 || f.dim(0) < 2 || f.dim(1) < 2) {
            throw new IllegalArgumentException("an embedding takes features as (n ≥ 2, d ≥ 2), got "
                    + Arrays.toString(f.shape()));
        }
        float[] v = f.values();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("feature " + i % f.dim(1) + " of point " + i / f.dim(1)
                        + " is not finite");
            }
        }
    }

    /** Symmetric joint probabilities P (n×n, row-major, zero diagonal, summing to 1). */
    static float[] affinities(float[] x, int n, int d, double perplexity) {
        double[] d2 = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int q = 0; q < d; q++) {
                    double diff = x[i * d + q] - x[j * d + q];
                    s += diff * diff;
                }
                d2[i * n + j] = s;
                d2[j * n + i] = s;
            }
        }
        double logU = Math.log(perplexity);
        double[] cond = new double[n * n];
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
            // Bisection on β = 1/2σ² so that the entropy H(P_i) equals ln(perplexity).
            double beta = 1;
            double lo = 0;
            double hi = Double.POSITIVE_INFINITY;
            double minD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    minD = Math.min(minD, d2[i * n + j]);
                }
            }
            for (int step = 0; step < 100; step++) {
                double sum = 0;
                double wsum = 0;
                for (int j = 0; j < n; j++) {
                    // shifting by the nearest distance keeps exp from underflowing; it cancels in P and H
                    double e = j == i ? 0 : Math.exp(-beta * (d2[i * n + j] - minD));
                    row[j] = e;
                    sum += e;
                    wsum += e * (d2[i * n + j] - minD);
                }
                double h = Math.log(sum) + beta * wsum / sum;
                for (int j = 0; j < n; j++) {
                    cond[i * n + j] = row[j] / sum;
                }
                double diff = h - logU;
                if (Math.abs(diff) < 1e-5) {
                    break;
                }
                if (diff > 0) { // too flat: narrow the Gaussian
                    lo = beta;
                    beta = Double.isInfinite(hi) ? beta * 2 : (beta + hi) / 2;
                } else {
                    hi = beta;
                    beta = (beta + lo) / 2;
                }
            }
        }
        float[] p = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                p[i * n + j] = (float) Math.max((cond[i * n + j] + cond[j * n + i]) / (2 * n), 1e-12);
            }
            p[i * n + i] = 0;
        }
        return p;
    }

    private static float[] descend(float[] p, int n, TsneOptions o) {
        SplittableRandom rnd = new SplittableRandom(o.seed());
        double[] y = new double[n * 2];
        for (int i = 0; i < y.length; i++) {
            double u = 1 - rnd.nextDouble();
            y[i] = 1e-4 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
        }
        double[] grad = new double[n * 2];
        double[] update = new double[n * 2];
        double[] gains = new double[n * 2];
        Arrays.fill(gains, 1);
        float[] num = new float[n * n];
        final int stopExaggeration = 250;
        final double eta = Math.max(n / 12.0 / 4, 50); // Belkina et al. 2019; 200 overshoots on small sets
        for (int it = 0; it < o.iterations(); it++) {
            double exaggeration = it < stopExaggeration ? 12 : 1;
            double momentum = it < stopExaggeration ? 0.5 : 0.8;
            // Student-t numerators 1/(1 + |yi − yj|²), each pair once.
            double z = 0;
            for (int i = 0; i < n; i++) {
                double yi0 = y[2 * i];
                double yi1 = y[2 * i + 1];
                for (int j = i + 1; j < n; j++) {
                    double a = yi0 - y[2 * j];
                    double b = yi1 - y[2 * j + 1];
                    float q = (float) (1 / (1 + a * a + b * b));
                    num[i * n + j] = q;
                    num[j * n + i] = q;
                    z += 2 * q;
                }
            }
            double invZ = 1 / z;
            // ∂C/∂yi = 4 Σj (α·p_ij − q_ij) · num_ij · (yi − yj)
            for (int i = 0; i < n; i++) {
                double g0 = 0;
                double g1 = 0;
                double yi0 = y[2 * i];
                double yi1 = y[2 * i + 1];
                int o1 = i * n;
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double nm = num[o1 + j];
                    double m = (exaggeration * p[o1 + j] - nm * invZ) * nm;
                    g0 += m * (yi0 - y[2 * j]);
                    g1 += m * (yi1 - y[2 * j + 1]);
                }
                grad[2 * i] = 4 * g0;
                grad[2 * i + 1] = 4 * g1;
            }
            double mean0 = 0;
            double mean1 = 0;
            for (int i = 0; i < 2 * n; i++) {
                boolean sameSign = (grad[i] > 0) == (update[i] > 0);
                gains[i] = Math.max(0.01, sameSign ? gains[i] * 0.8 : gains[i] + 0.2);
                update[i] = momentum * update[i] - eta * gains[i] * grad[i];
                y[i] += update[i];
            }
            for (int i = 0; i < n; i++) {
                mean0 += y[2 * i];
                mean1 += y[2 * i + 1];
            }
            mean0 /= n;
            mean1 /= n;
            for (int i = 0; i < n; i++) {
                y[2 * i] -= mean0;
                y[2 * i + 1] -= mean1;
            }
        }
        float[] out = new float[n * 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) y[i];
        }
        return out;
    }
}
