package org.modelworkbench.visualizers.filters;

import java.util.Arrays;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * The difference-of-Gaussians template bank of views-exact.md §5 for square k×k kernels: the DoG,
 * its first derivatives (x, y and the two diagonals) and its second derivatives (xx, yy, xy), each
 * at four scales σ₁ ∈ {0.5, 0.75, 1.0, 1.5}·(k/7) with σ₂ = 1.6·σ₁, every template L2-normalised.
 *
 * <p>This is a <b>workbench definition</b>: Babaiee et al., "Unveiling the Unseen" (ICLR 2024)
 * released no code and no σ values; §5 fixes the bank so that results are reproducible. Grid:
 * {@code x, y ∈ {−(k−1)/2 … (k−1)/2}}, x along columns (rightwards), y along rows (downwards); a
 * template value for row r and column c lies at flat index {@code r·k + c}.
 */
public final class DogTemplates {
    /** σ₁ for a 7×7 kernel; other sizes scale by k/7 (§5). */
    static final double[] BASE_SIGMAS = {0.5, 0.75, 1.0, 1.5};
    /** σ₂ / σ₁ (§5). */
    public static final double SIGMA_RATIO = 1.6;
    /** A template whose norm falls below this is degenerate (dx on a 1×1 grid) and left out. */
    private static final double MIN_TEMPLATE_NORM = 1e-12;

    /** The template shapes, in the order the naming searches them. */
    public enum Template {
        DOG("DoG"), DX("dx"), DY("dy"),
        /** (dx + dy)/√2: the derivative towards the lower right (y grows downwards). */
        D_DIAGONAL("d(x+y)"),
        /** (dx − dy)/√2: the derivative towards the upper right. */
        D_ANTIDIAGONAL("d(x−y)"),
        DXX("dxx"), DYY("dyy"), DXY("dxy");

        private final String label;

        Template(String label) {
            this.label = label;
        }

        /** The short name shown after the sign, e.g. "DoG", "dx", "d(x+y)". */
        public String label() {
            return label;
        }
    }

    private final int k;
    private final double[] sigmas;
    /** [sigma][template] → k·k unit values, or null where the template vanishes on this grid. */
    private final float[][][] bank;

    private DogTemplates(int k) {
        this.k = k;
        this.sigmas = sigmas(k);
        Template[] all = Template.values();
        this.bank = new float[sigmas.length][all.length][];
        for (int s = 0; s < sigmas.length; s++) {
            for (Template t : all) {
                bank[s][t.ordinal()] = unit(raw(t, k, sigmas[s], sigmas[s] * SIGMA_RATIO));
            }
        }
    }

    /**
     * The bank for k×k kernels.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public static DogTemplates of(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("kernel size must be at least 1, got " + k);
        }
        return new DogTemplates(k);
    }

    /** The σ₁ grid for k×k kernels, in pixels: {0.5, 0.75, 1.0, 1.5}·(k/7). */
    public static double[] sigmas(int k) {
        double[] s = new double[BASE_SIGMAS.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = BASE_SIGMAS[i] * k / 7.0;
        }
        return s;
    }

    public int kernelSize() {
        return k;
    }

    /** σ₁ values searched, in pixels. */
    public double[] sigma1() {
        return sigmas.clone();
    }

    /**
     * The L2-normalised template at σ₁ = {@code sigma1()[sigmaIndex]} as a (k, k) tensor.
     *
     * @throws IllegalArgumentException if the index is outside the σ grid or the template vanishes
     *                                  on this grid (the derivatives on a 1×1 kernel)
     */
    public FloatTensor template(Template t, int sigmaIndex) {
        if (sigmaIndex < 0 || sigmaIndex >= sigmas.length) {
            throw new IllegalArgumentException("σ index " + sigmaIndex + " outside 0…" + (sigmas.length - 1));
        }
        float[] v = bank[sigmaIndex][t.ordinal()];
        if (v == null) {
            throw new IllegalArgumentException(t.label() + " vanishes on a " + k + "×" + k + " grid");
        }
        return new FloatTensor(new int[] {k, k}, v.clone());
    }

    /** Unit values, shared (package use only); null where degenerate. */
    float[] unitValues(int sigmaIndex, Template t) {
        return bank[sigmaIndex][t.ordinal()];
    }

    int sigmaCount() {
        return sigmas.length;
    }

    /** The unnormalised template of §5 on the k×k grid, in double precision. */
    static double[] raw(Template t, int k, double s1, double s2) {
        double[] v = new double[k * k];
        double c = (k - 1) / 2.0;
        double s1sq = s1 * s1;
        double s2sq = s2 * s2;
        for (int r = 0; r < k; r++) {
            double y = r - c;
            for (int col = 0; col < k; col++) {
                double x = col - c;
                double rr = x * x + y * y;
                double g1 = Math.exp(-rr / (2 * s1sq)) / (2 * Math.PI * s1sq);
                double g2 = Math.exp(-rr / (2 * s2sq)) / (2 * Math.PI * s2sq);
                double dx = -(x / s1sq) * g1 + (x / s2sq) * g2;
                double dy = -(y / s1sq) * g1 + (y / s2sq) * g2;
                v[r * k + col] = switch (t) {
                    case DOG -> g1 - g2;
                    case DX -> dx;
                    case DY -> dy;
                    case D_DIAGONAL -> (dx + dy) / Math.sqrt(2);
                    case D_ANTIDIAGONAL -> (dx - dy) / Math.sqrt(2);
                    case DXX -> (x * x / (s1sq * s1sq) - 1 / s1sq) * g1 - (x * x / (s2sq * s2sq) - 1 / s2sq) * g2;
                    case DYY -> (y * y / (s1sq * s1sq) - 1 / s1sq) * g1 - (y * y / (s2sq * s2sq) - 1 / s2sq) * g2;
                    case DXY -> (x * y / (s1sq * s1sq)) * g1 - (x * y / (s2sq * s2sq)) * g2;
                };
            }
        }
        return v;
    }

    private static float[] unit(double[] v) {
        double ss = 0;
        for (double x : v) {
            ss += x * x;
        }
        double norm = Math.sqrt(ss);
        if (norm < MIN_TEMPLATE_NORM) {
            return null;
        }
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / norm);
        }
        return u;
    }

    @Override
    public String toString() {
        return "DogTemplates[k=" + k + ", σ₁=" + Arrays.toString(sigmas) + "]";
    }
}
