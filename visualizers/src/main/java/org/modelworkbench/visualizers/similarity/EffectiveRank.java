package org.modelworkbench.visualizers.similarity;

import java.util.Arrays;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * The effective rank of a matrix, views-exact.md §9 (Roy &amp; Vetterli, EUSIPCO 2007): with
 * singular values σ normalised by their L1 norm, p_k = σ_k/Σσ, {@code erank = exp(−Σ p_k ln p_k)}
 * (0·ln 0 = 0), between 1 and min(m, n). Not squared singular values (that is another measure).
 * For features the matrix is usually tokens × channels or samples × features; it is <b>not
 * centred</b> unless asked.
 *
 * <p>Singular values come from the eigenvalues of the smaller Gram matrix (AAᵀ or AᵀA) in double,
 * by Householder tridiagonalisation and implicit QL; eigenvalues below (size·1e-15)·λ_max, the
 * rounding floor of the Gram matrix, count as zero, so exact low rank is seen as such.
 */
public final class EffectiveRank {
    private EffectiveRank() {
    }

    /** The effective rank of a matrix [m, n], not centred. */
    public static double of(FloatTensor matrix) {
        return of(matrix, false);
    }

    /** The effective rank of a matrix [m, n], optionally with its column means subtracted first. */
    public static double of(FloatTensor matrix, boolean centreColumns) {
        return ofSingularValues(singularValues(matrix, centreColumns));
    }

    /** exp of the entropy of the L1-normalised singular values. */
    public static double ofSingularValues(double[] sigma) {
        double total = 0;
        for (double s : sigma) {
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("singular values must be finite and non-negative, got " + s);
            }
            total += s;
        }
        if (total == 0) {
            throw new IllegalArgumentException("the effective rank of an all-zero matrix is undefined");
        }
        double entropy = 0;
        for (double s : sigma) {
            if (s > 0) {
                double p = s / total;
                entropy -= p * Math.log(p);
            }
        }
        return Math.exp(entropy);
    }

    /** The singular values of a matrix [m, n], descending, min(m, n) of them. */
    public static double[] singularValues(FloatTensor matrix, boolean centreColumns) {
        if (matrix.rank() != 2 || matrix.dim(0) == 0 || matrix.dim(1) == 0) {
            throw new IllegalArgumentException("effective rank needs a non-empty matrix [m, n], got shape "
                    + Arrays.toString(matrix.shape()));
        }
        int m = matrix.dim(0);
        int n = matrix.dim(1);
        float[] v = matrix.values();
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("matrix holds a non-finite value " + v[i] + " at (" + i / n + ", "
                        + i % n + ")");
            }
            a[i] = v[i];
        }
        if (centreColumns) {
            for (int j = 0; j < n; j++) {
                double mean = 0;
                for (int i = 0; i < m; i++) {
                    mean += a[i * n + j];
                }
                mean /= m;
                for (int i = 0; i < m; i++) {
                    a[i * n + j] -= mean;
                }
            }
        }
        double[][] gram = smallerGram(a, m, n);
        double[] lambda = SymmetricEigen.eigenvalues(gram);
        int size = lambda.length;
        double max = Arrays.stream(lambda).max().orElse(0);
        double floor = max * size * 1e-15;
        double[] sigma = new double[size];
        for (int i = 0; i < size; i++) {
            sigma[i] = lambda[i] > floor ? Math.sqrt(lambda[i]) : 0;
        }
        Arrays.sort(sigma);
        for (int i = 0; i < size / 2; i++) {
            double t = sigma[i];
            sigma[i] = sigma[size - 1 - i];
            sigma[size - 1 - i] = t;
        }
        return sigma;
    }

    private static double[][] smallerGram(double[] a, int m, int n) {
        if (m <= n) {
            double[][] g = new double[m][m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = 0;
                    for (int k = 0; k < n; k++) {
                        s += a[i * n + k] * a[j * n + k];
                    }
                    g[i][j] = s;
                    g[j][i] = s;
                }
            }
            return g;
        }
        double[][] g = new double[n][n];
        for (int k = 0; k < m; k++) {
            int row = k * n;
            for (int i = 0; i < n; i++) {
                double ai = a[row + i];
                if (ai == 0) {
                    continue;
                }
                double[] gi = g[i];
                for (int j = 0; j <= i; j++) {
                    gi[j] += ai * a[row + j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                g[j][i] = g[i][j];
            }
        }
        return g;
    }
}
