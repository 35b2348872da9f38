package org.modelworkbench.visualizers.similarity;

/**
 * Eigenvalues of a real symmetric matrix: Householder reduction to tridiagonal form, then the
 * implicitly shifted QL iteration (Wilkinson-style shift), O(n³) with no eigenvectors kept.
 */
final class SymmetricEigen {
    private static final int MAX_ITERATIONS = 60;

    private SymmetricEigen() {
    }

    /** The eigenvalues (unordered) of symmetric {@code a}; {@code a} is overwritten. */
    static double[] eigenvalues(double[][] a) {
        int n = a.length;
        double[] d = new double[n];
        double[] e = new double[n];
        tridiagonalise(a, d, e);
        ql(d, e);
        return d;
    }

    /**
     * Reflects columns k = 0 … n−3 below the diagonal onto e_{k+1}: A ← HAH with H = I − 2vvᵀ,
     * updated as A −= 2(vqᵀ + qvᵀ), p = Av, q = p − (vᵀp)v. Leaves the diagonal in d and the
     * sub-diagonal in e[0 … n−2].
     */
    private static void tridiagonalise(double[][] a, double[] d, double[] e) {
        int n = a.length;
        double[] v = new double[n];
        double[] p = new double[n];
        for (int k = 0; k < n - 2; k++) {
            double norm = 0;
            for (int i = k + 1; i < n; i++) {
                norm += a[i][k] * a[i][k];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                e[k] = 0;
                continue;
            }
            double alpha = a[k + 1][k] > 0 ? -norm : norm;
            double vnorm = 0;
            for (int i = k + 1; i < n; i++) {
                v[i] = a[i][k];
            }
            v[k + 1] -= alpha;
            for (int i = k + 1; i < n; i++) {
                vnorm += v[i] * v[i];
            }
            vnorm = Math.sqrt(vnorm);
            e[k] = alpha;
            if (vnorm == 0) {
                continue;
            }
            for (int i = k + 1; i < n; i++) {
                v[i] /= vnorm;
            }
            double vp = 0;
            for (int i = k + 1; i < n; i++) {
                double s = 0;
                double[] ai = a[i];
                for (int j = k + 1; j < n; j++) {
                    s += ai[j] * v[j];
                }
                p[i] = s;
                vp += v[i] * s;
            }
            for (int i = k + 1; i < n; i++) {
                p[i] -= vp * v[i];
            }
            for (int i = k + 1; i < n; i++) {
                double[] ai = a[i];
                double vi = v[i];
                double qi = p[i];
                for (int j = k + 1; j < n; j++) {
                    ai[j] -= 2 * (vi * p[j] + qi * v[j]);
                }
            }
        }
        for (int k = 0; k < n; k++) {
            d[k] = a[k][k];
        }
        if (n >= 2) {
            e[n - 2] = a[n - 1][n - 2];
        }
        e[n - 1] = 0;
    }

    /** Implicit QL on the tridiagonal (d, e), eigenvalues left in d. */
    private static void ql(double[] d, double[] e) {
        int n = d.length;
        double eps = Math.ulp(1.0);
        for (int l = 0; l < n; l++) {
            int iterations = 0;
            while (true) {
                int m = l;
                while (m < n - 1) {
                    double dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
                    if (Math.abs(e[m]) <= eps * dd) {
                        break;
                    }
                    m++;
                }
                if (m == l) {
                    break;
                }
                if (++iterations > MAX_ITERATIONS) {
                    throw new ArithmeticException("eigenvalue iteration did not converge");
                }
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Math.hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
                double s = 1;
                double c = 1;
                double p = 0;
                boolean deflated = false;
                for (int i = m - 1; i >= l; i--) {
                    double f = s * e[i];
                    double b = c * e[i];
                    r = Math.hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0) {
                        // Underflow: the matrix split here; drop the shift and start over.
                        d[i + 1] -= p;
                        e[m] = 0;
                        deflated = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                }
                if (deflated) {
                    continue;
                }
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
        }
    }
}
