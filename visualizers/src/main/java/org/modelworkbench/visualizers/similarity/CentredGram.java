package org.modelworkbench.visualizers.similarity;

import java.util.Arrays;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * The linear Gram matrix K = XXᵀ of n examples, centred for one CKA estimator (views-exact.md §8):
 * {@link Cka.Estimator#BIASED} uses HKH with H = I − 11ᵀ/n (the same as centring the feature
 * columns); {@link Cka.Estimator#DEBIASED} uses the U-centring of the unbiased HSIC (zero the
 * diagonal, m_j = Σ_i K_ij/(n−2), m ← m − Σm/(2(n−1)), K̃_ij = K_ij − m_i − m_j, zero the diagonal
 * again; n ≥ 4). Computing this once per layer makes a layer × layer CKA matrix O(L²n²).
 *
 * @param n         examples
 * @param estimator how it was centred
 * @param values    n × n, row-major (do not modify)
 */
public record CentredGram(int n, Cka.Estimator estimator, double[] values) {
    public CentredGram {
        if (values.length != n * n) {
            throw new IllegalArgumentException("a Gram matrix of " + n + " examples holds " + n * n + " values, got "
                    + values.length);
        }
    }

    /** The centred Gram matrix of features (n, …), flattened to n × p. */
    public static CentredGram of(FloatTensor features, Cka.Estimator estimator) {
        int n = Features.rows(features, "features");
        if (estimator == Cka.Estimator.DEBIASED && n < 4) {
            throw new IllegalArgumentException("debiased CKA needs at least 4 examples, got " + n);
        }
        double[] k = Features.gram(features, "features");
        return new CentredGram(n, estimator, estimator == Cka.Estimator.BIASED ? doubleCentre(k, n) : uCentre(k, n));
    }

    /** ⟨K̃, L̃⟩, the Frobenius inner product (HSIC up to a factor that cancels in CKA). */
    public double dot(CentredGram other) {
        if (other.n != n || other.estimator != estimator) {
            throw new IllegalArgumentException("cannot compare a " + estimator + " Gram of " + n + " examples with a "
                    + other.estimator + " Gram of " + other.n + " examples");
        }
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            s += values[i] * other.values[i];
        }
        return s;
    }

    /** HKH: K_ij − rowMean_i − colMean_j + mean. */
    static double[] doubleCentre(double[] k, int n) {
        double[] mean = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += k[i * n + j];
            }
            mean[i] = s / n;
            total += s;
        }
        total /= (double) n * n;
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // K is symmetric, so column means equal row means.
                c[i * n + j] = k[i * n + j] - mean[i] - mean[j] + total;
            }
        }
        return c;
    }

    /** The U-centring of the unbiased HSIC estimator (Song et al. 2012; Kornblith et al.'s reference). */
    static double[] uCentre(double[] k, int n) {
        double[] c = Arrays.copyOf(k, k.length);
        for (int i = 0; i < n; i++) {
            c[i * n + i] = 0;
        }
        double[] m = new double[n];
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += c[i * n + j];
            }
            m[j] = s / (n - 2);
            sum += m[j];
        }
        double shift = sum / (2.0 * (n - 1));
        for (int j = 0; j < n; j++) {
            m[j] -= shift;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[i * n + j] = i == j ? 0 : c[i * n + j] - m[i] - m[j];
            }
        }
        return c;
    }
}
