package org.modelworkbench.visualizers.filters;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Principal component analysis of n points in d dimensions (rows of an (n, d) tensor): the top
 * components, their explained-variance ratios and the points projected on them.
 *
 * <p>Method: centre the columns; for d ≤ {@value #DIRECT_LIMIT} form the covariance (n−1 divisor)
 * and diagonalise it by Jacobi rotations; for larger d (penultimate features) run orthogonal
 * (subspace) iteration on the implicit covariance XᵀX/(n−1), O(n·d) per step, with a few extra
 * directions, finished by a Rayleigh–Ritz step. Ratios divide by the total variance
 * (the covariance's trace), computed exactly in both cases.
 *
 * <p>Sign convention (deterministic, documented): each component is flipped so that its loading of
 * largest absolute value is positive (the first such on ties).
 */
public final class Pca {
    static final int DIRECT_LIMIT = 256;

    private final int d;
    private final float[] mean;
    private final double[][] components;
    private final double[] variances;
    private final double totalVariance;
    private final FloatTensor scores;

    private Pca(int d, float[] mean, double[][] components, double[] variances, double totalVariance, FloatTensor scores) {
        this.d = d;
        this.mean = mean;
        this.components = components;
        this.variances = variances;
        this.totalVariance = totalVariance;
        this.scores = scores;
    }

    /**
     * The top {@code components} principal components of the rows of {@code points} (n, d).
     *
     * @throws IllegalArgumentException if points is not (n, d) with n ≥ 2, a value is not finite, or
     *                                  components is outside 1…min(d, n)
     */
    public static Pca fit(FloatTensor points, int components) {
        return fit(points, components, DIRECT_LIMIT);
    }

    static Pca fit(FloatTensor points, int components, int directLimit) {
        if (points.rank() != 2) {
            throw new IllegalArgumentException("PCA takes points as (n, d), got " + Arrays.toString(points.shape()));
        }
        int n = points.dim(0);
        int d = points.dim(1);
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 points, got " + n);
        }
        if (components < 1 || components > Math.min(d, n)) {
            throw new IllegalArgumentException("components must lie in 1…" + Math.min(d, n) + " for " + n + " points of "
                    + d + " dimensions, got " + components);
        }
        float[] x = points.values();
        double[] meanD = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                float v = x[i * d + j];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("point " + i + " has a non-finite value in dimension " + j);
                }
                meanD[j] += v;
            }
        }
        float[] mean = new float[d];
        for (int j = 0; j < d; j++) {
            mean[j] = (float) (meanD[j] / n);
        }
        float[] c = new float[n * d];
        double total = 0;
        for (int i = 0; i < n * d; i++) {
            c[i] = x[i] - mean[i % d];
            total += (double) c[i] * c[i];
        }
        total /= (n - 1);
        double[][] vecs;
        double[] vals;
        if (d <= directLimit) {
            SymmetricEigen e = SymmetricEigen.of(covariance(c, n, d));
            vecs = Arrays.copyOf(e.vectors, components);
            vals = Arrays.copyOf(e.values, components);
        } else {
            SymmetricEigen e = subspace(c, n, d, components);
            vecs = e.vectors;
            vals = e.values;
        }
        for (double[] v : vecs) {
            int arg = 0;
            for (int j = 1; j < d; j++) {
                if (Math.abs(v[j]) > Math.abs(v[arg])) {
                    arg = j;
                }
            }
            if (v[arg] < 0) {
                for (int j = 0; j < d; j++) {
                    v[j] = -v[j];
                }
            }
        }
        for (int i = 0; i < vals.length; i++) {
            vals[i] = Math.max(0, vals[i]);
        }
        float[] s = new float[n * components];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < components; q++) {
                double dot = 0;
                double[] v = vecs[q];
                for (int j = 0; j < d; j++) {
                    dot += c[i * d + j] * v[j];
                }
                s[i * components + q] = (float) dot;
            }
        }
        return new Pca(d, mean, vecs, vals, total, new FloatTensor(new int[] {n, components}, s));
    }

    /** Covariance (n−1 divisor) of centred rows, exploiting symmetry. */
    private static double[][] covariance(float[] c, int n, int d) {
        double[][] cov = new double[d][d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = c[i * d + j];
            }
            for (int a = 0; a < d; a++) {
                double ra = row[a];
                double[] ca = cov[a];
                for (int b = a; b < d; b++) {
                    ca[b] += ra * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= (n - 1);
                cov[b][a] = cov[a][b];
            }
        }
        return cov;
    }

    /** Top eigenpairs of XᵀX/(n−1) by orthogonal iteration with oversampling and Rayleigh–Ritz. */
    private static SymmetricEigen subspace(float[] c, int n, int d, int components) {
        int p = Math.min(d, Math.min(n, components + 8));
        SplittableRandom rnd = new SplittableRandom(0x5eed);
        double[][] q = new double[p][d];
        for (double[] v : q) {
            for (int j = 0; j < d; j++) {
                v[j] = rnd.nextDouble() - 0.5;
            }
        }
        orthonormalise(q);
        double[] prev = new double[components];
        double[] xv = new double[n];
        double[][] z = new double[p][d];
        SymmetricEigen ritz = null;
        for (int it = 0; it < 500; it++) {
            for (int a = 0; a < p; a++) { // z_a = Xᵀ X q_a / (n−1)
                applyCovariance(c, n, d, q[a], xv, z[a]);
            }
            // Rayleigh–Ritz on span(q): H = Qᵀ C Q = Q · Zᵀ
            ritz = SymmetricEigen.of(projected(q, z, p, d));
            boolean done = it > 0;
            for (int a = 0; a < components; a++) {
                double v = ritz.values[a];
                if (Math.abs(v - prev[a]) > 1e-10 * Math.max(Math.abs(v), 1e-300)) {
                    done = false;
                }
                prev[a] = v;
            }
            for (int a = 0; a < p; a++) {
                System.arraycopy(z[a], 0, q[a], 0, d);
            }
            orthonormalise(q);
            if (done) {
                break;
            }
        }
        // The Ritz vectors of the last converged basis: y_a = Σ_b ritz.vectors[a][b] q_b (q re-formed from z,
        // so recompute them from the converged subspace itself).
        for (int a = 0; a < p; a++) {
            applyCovariance(c, n, d, q[a], xv, z[a]);
        }
        ritz = SymmetricEigen.of(projected(q, z, p, d));
        double[][] vecs = new double[components][d];
        double[] vals = new double[components];
        for (int a = 0; a < components; a++) {
            vals[a] = ritz.values[a];
            for (int b = 0; b < p; b++) {
                double w = ritz.vectors[a][b];
                for (int j = 0; j < d; j++) {
                    vecs[a][j] += w * q[b][j];
                }
            }
        }
        return SymmetricEigen.wrap(vals, vecs);
    }

    private static void applyCovariance(float[] c, int n, int d, double[] v, double[] xv, double[] out) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            int o = i * d;
            for (int j = 0; j < d; j++) {
                s += c[o + j] * v[j];
            }
            xv[i] = s;
        }
        Arrays.fill(out, 0);
        for (int i = 0; i < n; i++) {
            double w = xv[i] / (n - 1);
            int o = i * d;
            for (int j = 0; j < d; j++) {
                out[j] += w * c[o + j];
            }
        }
    }

    /** Modified Gram–Schmidt on the rows; a row that collapses is replaced by the next unit axis that does not. */
    /** H = Qᵀ C Q = Q·Zᵀ (p×p), symmetrised: the covariance seen in the basis q, for Rayleigh–Ritz. */
    private static double[][] projected(double[][] q, double[][] z, int p, int d) {
        double[][] h = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += q[a][j] * z[b][j];
                }
                h[a][b] = s;
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = a + 1; b < p; b++) {
                double m = (h[a][b] + h[b][a]) / 2;
                h[a][b] = m;
                h[b][a] = m;
            }
        }
        return h;
    }

    private static void orthonormalise(double[][] q) {
        int d = q[0].length;
        for (int a = 0; a < q.length; a++) {
            for (int attempt = 0; attempt <= d; attempt++) {
                for (int b = 0; b < a; b++) {
                    double dot = 0;
                    for (int j = 0; j < d; j++) {
                        dot += q[a][j] * q[b][j];
                    }
                    for (int j = 0; j < d; j++) {
                        q[a][j] -= dot * q[b][j];
                    }
                }
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    norm += q[a][j] * q[a][j];
                }
                norm = Math.sqrt(norm);
                if (norm >= 1e-12) {
                    for (int j = 0; j < d; j++) {
                        q[a][j] /= norm;
                    }
                    break;
                }
                Arrays.fill(q[a], 0);
                q[a][(a + attempt) % d] = 1;
            }
        }
    }

    /** Number of components kept. */
    public int components() {
        return variances.length;
    }

    /** Dimension d of the points. */
    public int dimension() {
        return d;
    }

    /** The column means subtracted before projecting, length d. */
    public float[] mean() {
        return mean.clone();
    }

    /** Component q as a unit vector of length d (sign convention in the class comment). */
    public double[] component(int q) {
        checkComponent(q);
        return components[q].clone();
    }

    /** Variance along each component (covariance eigenvalues, n−1 divisor), descending. */
    public double[] variances() {
        return variances.clone();
    }

    /** Share of the total variance each component explains, descending, each in [0, 1]. */
    public double[] explainedVarianceRatio() {
        double[] r = new double[variances.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = totalVariance > 0 ? variances[i] / totalVariance : 0;
        }
        return r;
    }

    /** The fitted points projected on the components: (n, components). */
    public FloatTensor scores() {
        return scores;
    }

    /** Projects other points (m, d) with this fit's mean and components: (m, components). */
    public FloatTensor transform(FloatTensor points) {
        if (points.rank() != 2 || points.dim(1) != d) {
            throw new IllegalArgumentException("expected points of shape (m, " + d + "), got "
                    + Arrays.toString(points.shape()));
        }
        int m = points.dim(0);
        int k = components();
        float[] x = points.values();
        float[] s = new float[m * k];
        for (int i = 0; i < m; i++) {
            for (int q = 0; q < k; q++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += (x[i * d + j] - mean[j]) * components[q][j];
                }
                s[i * k + q] = (float) dot;
            }
        }
        return new FloatTensor(new int[] {m, k}, s);
    }

    private void checkComponent(int q) {
        if (q < 0 || q >= variances.length) {
            throw new IllegalArgumentException("component " + q + " outside 0…" + (variances.length - 1));
        }
    }
}
