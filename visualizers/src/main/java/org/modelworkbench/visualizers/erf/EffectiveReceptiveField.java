package org.modelworkbench.visualizers.erf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * The effective receptive field, views-exact.md §7 (Luo et al., NeurIPS 2016; Ding et al.,
 * RepLKNet, CVPR 2022; ref. DingXiaoH/RepLKNet-pytorch {@code erf/visualize_erf.py},
 * {@code erf/analyze_erf.py}): per image the input gradient of the centre of the last-stage
 * feature map, made non-negative and summed over input channels to an H×W map, averaged over
 * images. The gradient itself is computed by the trainer (backward of {@link #outputSeed}); this
 * class seeds it and accumulates what comes back.
 *
 * <p>Methods: {@link Method#REPLKNET} (default) seeds {@code s = Σ_{b,c} ReLU(out[b,c,H'/2,W'/2])}
 * and keeps {@code ReLU(∂s/∂x)}; {@link Method#LUO2016} seeds a unit gradient at the centre of every
 * output channel (no ReLU on the output, as Luo et al.) and keeps {@code |∂s/∂x|} (a workbench
 * choice: Luo et al. show gradient magnitudes). Images whose gradient sums to NaN are skipped and
 * counted, as in the reference. Not thread-safe.
 */
public final class EffectiveReceptiveField {
    /** How the output is seeded and the input gradient made non-negative. */
    public enum Method {
        /** RepLKNet: seed Σ ReLU(centre), keep ReLU(gradient). The default. */
        REPLKNET,
        /** Luo et al. 2016: unit seed at the centre of every channel, keep |gradient|. */
        LUO2016
    }

    /**
     * The smallest centred square holding more than {@code threshold} of the total.
     *
     * @param threshold the fraction asked for, e.g. 0.2
     * @param side      the square's side in pixels (odd, ≥ 3)
     * @param ratio     side²/(H·W), the share of the image it covers
     */
    public record AreaRatio(double threshold, int side, double ratio) {
    }

    /** The reference's thresholds. */
    public static final double[] THRESHOLDS = {0.2, 0.3, 0.5, 0.99};

    private final int height;
    private final int width;
    private final Method method;
    private final double[] sum;
    private int images;
    private int skipped;

    /** An empty accumulator for H×W inputs, {@link Method#REPLKNET}. */
    public EffectiveReceptiveField(int height, int width) {
        this(height, width, Method.REPLKNET);
    }

    public EffectiveReceptiveField(int height, int width, Method method) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("ERF input size must be positive, got " + height + "×" + width);
        }
        this.height = height;
        this.width = width;
        this.method = method;
        this.sum = new double[height * width];
    }

    /**
     * ∂s/∂out for the last-stage output (B, C, H', W'): the gradient to start backward from. Under
     * REPLKNET it is 1 at (H'/2, W'/2) of every (b, c) whose value there is positive (ReLU's
     * derivative, 0 at 0 as in PyTorch); under LUO2016 it is 1 there for every (b, c).
     */
    public static FloatTensor outputSeed(FloatTensor output, Method method) {
        if (output.rank() != 4) {
            throw new IllegalArgumentException("output must be (B, C, H', W'), got shape " + Arrays.toString(output.shape()));
        }
        int h = output.dim(2);
        int w = output.dim(3);
        if (h == 0 || w == 0) {
            throw new IllegalArgumentException("output has no spatial cells: " + Arrays.toString(output.shape()));
        }
        float[] out = output.values();
        float[] seed = new float[out.length];
        int maps = output.dim(0) * output.dim(1);
        int centre = (h / 2) * w + w / 2;
        for (int m = 0; m < maps; m++) {
            int at = m * h * w + centre;
            if (method == Method.LUO2016 || out[at] > 0) {
                seed[at] = 1;
            }
        }
        return FloatTensor.of(seed, output.shape());
    }

    /**
     * Adds the input gradients of a batch, (B, C, H, W) or one image (C, H, W): each image is made
     * non-negative (per the method), summed over channels and added, unless its sum is NaN, in
     * which case it is skipped and counted.
     *
     * @return how many of the images were added
     */
    public int add(FloatTensor inputGradient) {
        FloatTensor g = inputGradient.rank() == 3 ? inputGradient.reshape(prepend(inputGradient.shape())) : inputGradient;
        if (g.rank() != 4 || g.dim(2) != height || g.dim(3) != width) {
            throw new IllegalArgumentException("input gradient must be (B, C, " + height + ", " + width
                    + ") or (C, " + height + ", " + width + "), got shape " + Arrays.toString(inputGradient.shape()));
        }
        int area = height * width;
        int channels = g.dim(1);
        float[] v = g.values();
        double[] image = new double[area];
        int added = 0;
        for (int b = 0; b < g.dim(0); b++) {
            Arrays.fill(image, 0);
            double raw = 0;
            for (int c = 0; c < channels; c++) {
                int base = (b * channels + c) * area;
                for (int k = 0; k < area; k++) {
                    float x = v[base + k];
                    raw += x;
                    image[k] += method == Method.REPLKNET ? Math.max(x, 0f) : Math.abs(x);
                }
            }
            if (Double.isNaN(raw)) {
                skipped++;
                continue;
            }
            for (int k = 0; k < area; k++) {
                sum[k] += image[k];
            }
            images++;
            added++;
        }
        return added;
    }

    /** Images added. */
    public int images() {
        return images;
    }

    /** Images skipped for a NaN gradient. */
    public int skipped() {
        return skipped;
    }

    public Method method() {
        return method;
    }

    /** The mean non-negative gradient map, shape [H, W]. */
    public FloatTensor mean() {
        if (images == 0) {
            throw new IllegalStateException("no image gradients were added (" + skipped + " skipped for NaN)");
        }
        float[] v = new float[sum.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) (sum[k] / images);
        }
        return FloatTensor.of(v, height, width);
    }

    /** The displayed ERF: {@code d = log10(mean + 1)}, then {@code d /= max(d)}, shape [H, W], in 0…1. */
    public FloatTensor display() {
        if (images == 0) {
            throw new IllegalStateException("no image gradients were added (" + skipped + " skipped for NaN)");
        }
        double[] d = new double[sum.length];
        double max = 0;
        for (int k = 0; k < d.length; k++) {
            d[k] = Math.log10(sum[k] / images + 1);
            max = Math.max(max, d[k]);
        }
        if (!(max > 0)) {
            throw new IllegalStateException("every accumulated gradient is zero: the ERF is undefined");
        }
        float[] v = new float[d.length];
        for (int k = 0; k < d.length; k++) {
            v[k] = (float) (d[k] / max);
        }
        return FloatTensor.of(v, height, width);
    }

    /** {@link #areaRatios(FloatTensor, double...)} of {@link #display()}. */
    public List<Optional<AreaRatio>> areaRatios(double... thresholds) {
        return areaRatios(display(), thresholds);
    }

    /**
     * High-contribution area ratios of a displayed ERF (log-scaled, as the reference computes them):
     * for each threshold t, the first centred square d[H/2−i … H/2+i, W/2−i … W/2+i], i = 1 …
     * H/2 − 1, whose sum / total sum is strictly greater than t; empty if none is.
     */
    public static List<Optional<AreaRatio>> areaRatios(FloatTensor display, double... thresholds) {
        if (display.rank() != 2) {
            throw new IllegalArgumentException("a displayed ERF is [H, W], got shape " + Arrays.toString(display.shape()));
        }
        int h = display.dim(0);
        int w = display.dim(1);
        float[] d = display.values();
        // Summed-area table: each square's sum in O(1).
        double[] table = new double[(h + 1) * (w + 1)];
        for (int r = 0; r < h; r++) {
            double row = 0;
            for (int c = 0; c < w; c++) {
                row += d[r * w + c];
                table[(r + 1) * (w + 1) + c + 1] = table[r * (w + 1) + c + 1] + row;
            }
        }
        double total = table[h * (w + 1) + w];
        List<Optional<AreaRatio>> result = new ArrayList<>();
        for (double t : thresholds) {
            if (Double.isNaN(t)) {
                throw new IllegalArgumentException("threshold is NaN");
            }
            Optional<AreaRatio> found = Optional.empty();
            for (int i = 1; i < h / 2; i++) {
                int r0 = h / 2 - i;
                int r1 = Math.min(h, h / 2 + i + 1);
                int c0 = Math.max(0, w / 2 - i);
                int c1 = Math.min(w, w / 2 + i + 1);
                double square = table[r1 * (w + 1) + c1] - table[r0 * (w + 1) + c1] - table[r1 * (w + 1) + c0]
                        + table[r0 * (w + 1) + c0];
                if (square / total > t) {
                    int side = 2 * i + 1;
                    found = Optional.of(new AreaRatio(t, side, (double) side / h * side / w));
                    break;
                }
            }
            result.add(found);
        }
        return result;
    }

    private static int[] prepend(int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = 1;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
