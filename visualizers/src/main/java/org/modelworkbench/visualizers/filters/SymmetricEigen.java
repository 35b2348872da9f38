package org.modelworkbench.visualizers.filters;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (Golub &amp; Van Loan,
 * §8.5): accurate to rounding for any symmetric input, O(d³) per sweep, a handful of sweeps.
 * Eigenvalues come out descending, eigenvectors as rows.
 */
final class SymmetricEigen {
    final double[] values;
    /** values.length × d, row i the unit eigenvector of values[i]. */
    final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    static SymmetricEigen wrap(double[] values, double[][] vectors) {
        return new SymmetricEigen(values, vectors);
    }

    /** Decomposes {@code a} (d×d, symmetric; only read, not changed). */
    static SymmetricEigen of(double[][] a) {
        int d = a.length;
        double[][] m = new double[d][];
        for (int i = 0; i < d; i++) {
            m[i] = a[i].clone();
        }
        double[][] v = new double[d][d];
        for (int i = 0; i < d; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < d; p++) {
                diag += m[p][p] * m[p][p];
                for (int q = p + 1; q < d; q++) {
                    off += m[p][q] * m[p][q];
                }
            }
            if (off <= 1e-30 * Math.max(diag, 1e-300)) {
                break;
            }
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    double apq = m[p][q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (m[q][q] - m[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < d; r++) { // columns p, q
                        double mrp = m[r][p];
                        double mrq = m[r][q];
                        m[r][p] = c * mrp - s * mrq;
                        m[r][q] = s * mrp + c * mrq;
                    }
                    for (int r = 0; r < d; r++) { // rows p, q
                        double mpr = m[p][r];
                        double mqr = m[q][r];
                        m[p][r] = c * mpr - s * mqr;
                        m[q][r] = s * mpr + c * mqr;
                    }
                    for (int r = 0; r < d; r++) { // eigenvectors as columns of v
                        double vrp = v[r][p];
                        double vrq = v[r][q];
                        v[r][p] = c * vrp - s * vrq;
                        v[r][q] = s * vrp + c * vrq;
                    }
                }
            }
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        double[][] mm = m;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(mm[y][y], mm[x][x]));
        double[] values = new double[d];
        double[][] vectors = new double[d][d];
        for (int i = 0; i < d; i++) {
            values[i] = m[order[i]][order[i]];
            for (int r = 0; r < d; r++) {
                vectors[i][r] = v[r][order[i]];
            }
        }
        return new SymmetricEigen(values, vectors);
    }
}
