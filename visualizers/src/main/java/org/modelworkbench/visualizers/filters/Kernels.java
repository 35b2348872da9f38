package org.modelworkbench.visualizers.filters;

import java.util.Arrays;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * The 2-D kernels of one convolution layer, L2-normalised (views-exact.md §5: divide by the norm,
 * do not subtract the mean), with where each came from and which are dead.
 *
 * <p>From a weight of shape (O, I/groups, k, k) (PyTorch/DJL layout) there is one kernel per
 * (out, in) pair, at index {@code i = out·(I/groups) + in}; a depthwise weight (C, 1, k, k) gives one
 * per channel. {@code in} is the index along the weight's second axis, i.e. within the group.
 *
 * <p>Kernels with norm &lt; {@value KernelNaming#MIN_NORM} have no direction: they are
 * <em>skipped</em> (not analysed; their unit values are zeros) and always dead. The others are
 * <em>analysed</em>, in index order. A kernel is <em>dead</em> when its norm is below
 * {@code deadRatio × median norm of the layer} (default {@value #DEFAULT_DEAD_RATIO}: two orders of
 * magnitude under a typical kernel of the same layer, a workbench convention) or skipped.
 */
public final class Kernels {
    /** Default dead threshold, relative to the median kernel norm of the layer. */
    public static final double DEFAULT_DEAD_RATIO = 0.01;

    /** Where a kernel came from: output channel and index along the weight's second axis. */
    public record Origin(int out, int in) {}

    private final int outChannels;
    private final int inPerGroup;
    private final int k;
    private final float[] unit;
    private final float[] norms;
    private final int[] analysed;
    private final double medianNorm;
    private final double deadThreshold;

    private Kernels(int outChannels, int inPerGroup, int k, float[] unit, float[] norms, double deadRatio) {
        this.outChannels = outChannels;
        this.inPerGroup = inPerGroup;
        this.k = k;
        this.unit = unit;
        this.norms = norms;
        int m = 0;
        for (float n : norms) {
            if (n >= KernelNaming.MIN_NORM) {
                m++;
            }
        }
        this.analysed = new int[m];
        for (int i = 0, j = 0; i < norms.length; i++) {
            if (norms[i] >= KernelNaming.MIN_NORM) {
                analysed[j++] = i;
            }
        }
        float[] sorted = norms.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        this.medianNorm = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
        this.deadThreshold = deadRatio * medianNorm;
    }

    /** The kernels of a conv weight (O, I/groups, k, k) with the default dead ratio. */
    public static Kernels of(FloatTensor weight) {
        return of(weight, DEFAULT_DEAD_RATIO);
    }

    /**
     * The kernels of a conv weight (O, I/groups, k, k).
     *
     * @param deadRatio a kernel is dead below this fraction of the layer's median norm, in [0, 1)
     * @throws IllegalArgumentException if the weight is not rank 4 with square non-empty kernels, has
     *                                  a non-finite value, or the ratio is outside [0, 1)
     */
    public static Kernels of(FloatTensor weight, double deadRatio) {
        int[] s = weight.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException("a conv weight has shape (out, in/groups, k, k), got "
                    + Arrays.toString(s));
        }
        if (s[2] != s[3] || s[2] < 1) {
            throw new IllegalArgumentException("kernels must be square and non-empty, got " + s[2] + "×" + s[3]
                    + " in weight " + Arrays.toString(s));
        }
        if (s[0] < 1 || s[1] < 1) {
            throw new IllegalArgumentException("the weight holds no kernels: " + Arrays.toString(s));
        }
        if (!(deadRatio >= 0 && deadRatio < 1)) {
            throw new IllegalArgumentException("dead ratio must lie in [0, 1), got " + deadRatio);
        }
        int k = s[2];
        int d = k * k;
        int n = s[0] * s[1];
        float[] w = weight.values();
        float[] unit = new float[n * d];
        float[] norms = new float[n];
        for (int i = 0; i < n; i++) {
            int o = i * d;
            double ss = 0;
            for (int j = 0; j < d; j++) {
                double x = w[o + j];
                ss += x * x;
            }
            double norm = Math.sqrt(ss);
            if (!Double.isFinite(norm)) {
                throw new IllegalArgumentException("kernel (out " + i / s[1] + ", in " + i % s[1]
                        + ") has a non-finite value");
            }
            norms[i] = (float) norm;
            if (norm >= KernelNaming.MIN_NORM) {
                for (int j = 0; j < d; j++) {
                    unit[o + j] = (float) (w[o + j] / norm);
                }
            }
        }
        return new Kernels(s[0], s[1], k, unit, norms, deadRatio);
    }

    /** All kernels, analysed or skipped: O·(I/groups). */
    public int count() {
        return norms.length;
    }

    /** Kernel side k. */
    public int kernelSize() {
        return k;
    }

    /** Whether the weight was depthwise-shaped (one kernel per output channel). */
    public boolean depthwise() {
        return inPerGroup == 1;
    }

    public Origin origin(int index) {
        check(index);
        return new Origin(index / inPerGroup, index % inPerGroup);
    }

    /** The L2 norm of a kernel before normalisation, in the weight's units. */
    public double norm(int index) {
        check(index);
        return norms[index];
    }

    public boolean skipped(int index) {
        check(index);
        return norms[index] < KernelNaming.MIN_NORM;
    }

    public boolean dead(int index) {
        check(index);
        return norms[index] < KernelNaming.MIN_NORM || norms[index] < deadThreshold;
    }

    /** Indices of the dead kernels (skipped ones included), ascending. */
    public int[] deadIndices() {
        return java.util.stream.IntStream.range(0, count()).filter(this::dead).toArray();
    }

    /** The layer's median kernel norm (over all kernels). */
    public double medianNorm() {
        return medianNorm;
    }

    /** Norms below this are dead: dead ratio × median norm. */
    public double deadThreshold() {
        return deadThreshold;
    }

    /** Indices of the analysed kernels (norm ≥ 1e-8), ascending; position j is "analysed kernel j". */
    public int[] analysedIndices() {
        return analysed.clone();
    }

    /** Number of analysed kernels. */
    public int analysedCount() {
        return analysed.length;
    }

    /** The unit kernel at {@code index} as (k, k) (zeros if skipped). */
    public FloatTensor unit(int index) {
        check(index);
        return new FloatTensor(new int[] {k, k}, Arrays.copyOfRange(unit, index * k * k, (index + 1) * k * k));
    }

    /** The analysed unit kernels as one (m, k, k) tensor, in the order of {@link #analysedIndices()}. */
    public FloatTensor analysedUnits() {
        int d = k * k;
        float[] v = new float[analysed.length * d];
        for (int j = 0; j < analysed.length; j++) {
            System.arraycopy(unit, analysed[j] * d, v, j * d, d);
        }
        return new FloatTensor(new int[] {analysed.length, k, k}, v);
    }

    private void check(int index) {
        if (index < 0 || index >= norms.length) {
            throw new IllegalArgumentException("kernel index " + index + " outside 0…" + (norms.length - 1));
        }
    }

    @Override
    public String toString() {
        return "Kernels[" + outChannels + "×" + inPerGroup + " of " + k + "×" + k + ", analysed " + analysed.length + "]";
    }
}
