package org.modelworkbench.visualizers.filters;

import java.util.ArrayList;
import java.util.List;
import org.modelworkbench.visualizers.filters.DogTemplates.Template;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Names kernels after the difference-of-Gaussians shape they resemble, the clusters Babaiee et al.
 * ("Unveiling the Unseen", ICLR 2024) find in trained depthwise kernels. A <b>workbench
 * definition</b> (views-exact.md §5; the paper released no code): the score of a kernel K is
 * {@code max over σ₁, template T and sign s ∈ {+1, −1} of s·cos(K, T)} over the {@link DogTemplates}
 * bank; the kernel is named after the arg-max ("+DoG", "−dx", …) when the score reaches τ
 * (default {@value #DEFAULT_TAU}), else "unassigned". Magnitude is ignored and the mean is not
 * subtracted: a constant kernel scores 0.349 against the broadest DoG, not 0.
 */
public final class KernelNaming {
    /** The default assignment threshold τ on the cosine (§5). */
    public static final double DEFAULT_TAU = 0.85;
    /** Kernels with a smaller L2 norm have no direction and are not named (§5). */
    public static final double MIN_NORM = 1e-8;

    private final DogTemplates templates;
    private final double tau;
    private final int d;
    private final double[] sigmas;

    /** Naming k×k kernels with τ = {@value #DEFAULT_TAU}. */
    public KernelNaming(int k) {
        this(k, DEFAULT_TAU);
    }

    /**
     * @param k   kernel side, ≥ 1
     * @param tau the cosine a kernel must reach to be named, in (−1, 1]
     */
    public KernelNaming(int k, double tau) {
        if (!(tau > -1 && tau <= 1)) {
            throw new IllegalArgumentException("τ must lie in (−1, 1], got " + tau);
        }
        this.templates = DogTemplates.of(k);
        this.tau = tau;
        this.d = k * k;
        this.sigmas = templates.sigma1();
    }

    public double tau() {
        return tau;
    }

    public DogTemplates templates() {
        return templates;
    }

    /**
     * Names one k×k kernel given as a (k, k) tensor (any scale).
     *
     * @throws IllegalArgumentException if the shape is not (k, k) or the norm is below {@value #MIN_NORM}
     */
    public KernelName name(FloatTensor kernel) {
        int k = templates.kernelSize();
        if (kernel.rank() != 2 || kernel.dim(0) != k || kernel.dim(1) != k) {
            throw new IllegalArgumentException("expected a " + k + "×" + k + " kernel, got shape "
                    + java.util.Arrays.toString(kernel.shape()));
        }
        return name(kernel.values(), 0);
    }

    /**
     * Names every kernel of an (n, k, k) tensor (any scale per kernel).
     *
     * @throws IllegalArgumentException on a wrong shape or a kernel with norm below {@value #MIN_NORM}
     */
    public List<KernelName> nameAll(FloatTensor kernels) {
        int k = templates.kernelSize();
        if (kernels.rank() != 3 || kernels.dim(1) != k || kernels.dim(2) != k) {
            throw new IllegalArgumentException("expected (n, " + k + ", " + k + ") kernels, got shape "
                    + java.util.Arrays.toString(kernels.shape()));
        }
        int n = kernels.dim(0);
        List<KernelName> names = new ArrayList<>(n);
        float[] v = kernels.values();
        for (int i = 0; i < n; i++) {
            names.add(name(v, i * d, i));
        }
        return names;
    }

    /** The per-shape shares of the names of an (n, k, k) tensor of kernels. */
    public ShapeShares shares(FloatTensor kernels) {
        return ShapeShares.of(nameAll(kernels));
    }

    KernelName name(float[] values, int offset) {
        return name(values, offset, -1);
    }

    private KernelName name(float[] values, int offset, int index) {
        double ss = 0;
        for (int j = 0; j < d; j++) {
            double x = values[offset + j];
            ss += x * x;
        }
        double norm = Math.sqrt(ss);
        if (!(norm >= MIN_NORM)) {
            throw new IllegalArgumentException((index >= 0 ? "kernel " + index : "the kernel") + " has norm " + norm
                    + " (below " + MIN_NORM + " or not finite): it has no shape to name");
        }
        double best = Double.NEGATIVE_INFINITY;
        Template bestT = Template.DOG;
        int bestSign = 1;
        int bestS = 0;
        Template[] all = Template.values();
        for (int s = 0; s < templates.sigmaCount(); s++) {
            for (Template t : all) {
                float[] u = templates.unitValues(s, t);
                if (u == null) {
                    continue;
                }
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += values[offset + j] * u[j];
                }
                double c = dot / norm;
                // Strict comparison: on a tie the earlier σ, template and the + sign win.
                if (c > best) {
                    best = c;
                    bestT = t;
                    bestSign = 1;
                    bestS = s;
                }
                if (-c > best) {
                    best = -c;
                    bestT = t;
                    bestSign = -1;
                    bestS = s;
                }
            }
        }
        double sigma = sigmas[bestS];
        return new KernelName(bestT, bestSign, sigma, best, best >= tau);
    }
}
