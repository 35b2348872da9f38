package org.modelworkbench.visualizers.focal;

import java.util.Arrays;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * The FocalNet views of microsoft/FocalNet {@code visualize.ipynb} (Yang et al., NeurIPS 2022;
 * views-exact.md §3): modulator magnitude, gating maps, focal kernel sizes and the mean depthwise kernel.
 * Display scaling (bilinear ×4, min–max colour range) belongs to the view, not here.
 */
public final class FocalModulationMaps {
    private FocalModulationMaps() {
    }

    /**
     * The modulator magnitude ‖M[b,:,y,x]‖₂: the L2 norm over channels (not the mean) of the modulator
     * M = h(ctx_all), taken after h. The notebook reads it from the last block of a stage.
     *
     * @param modulator M, shape (B, C, H, W)
     * @return (B, H, W)
     */
    public static FloatTensor modulatorMagnitude(FloatTensor modulator) {
        int[] s = rank4(modulator, "modulator", "(B,C,H,W)");
        int batch = s[0];
        int channels = s[1];
        int plane = s[2] * s[3];
        float[] v = modulator.values();
        float[] out = new float[batch * plane];
        double[] acc = new double[plane];
        for (int b = 0; b < batch; b++) {
            Arrays.fill(acc, 0);
            for (int c = 0; c < channels; c++) {
                int o = (b * channels + c) * plane;
                for (int p = 0; p < plane; p++) {
                    double x = v[o + p];
                    acc[p] += x * x;
                }
            }
            for (int p = 0; p < plane; p++) {
                out[b * plane + p] = (float) Math.sqrt(acc[p]);
            }
        }
        return FloatTensor.of(out, batch, s[2], s[3]);
    }

    /**
     * The gating maps of one image, raw: the gates are plain linear outputs (no sigmoid, no softmax) and
     * may be negative. Map l &lt; L gates focal level l+1; map L (the last) gates the global context.
     *
     * @param gates (B, L+1, H, W), from the last block of the last stage in the notebook
     * @return (L+1, H, W), a copy
     */
    public static FloatTensor gateMaps(FloatTensor gates, int image) {
        int[] s = rank4(gates, "gates", "(B,L+1,H,W)");
        if (s[1] < 2) {
            throw new IllegalArgumentException("gates need at least 2 maps (one focal level and the global one), got "
                    + s[1]);
        }
        if (image < 0 || image >= s[0]) {
            throw new IllegalArgumentException("image " + image + " outside the batch of " + s[0]);
        }
        return gates.select(image);
    }

    /** How many gate maps a block with {@code levels} focal levels has: L + 1 (the last is global). */
    public static int gateMapCount(int levels) {
        if (levels < 1) {
            throw new IllegalArgumentException("focal levels must be ≥ 1, got " + levels);
        }
        return levels + 1;
    }

    /**
     * The depthwise kernel size of each focal level: k_l = focalFactor·(l−1) + focalWindow for l = 1..L
     * (defaults window 3, factor 2: 3, 5, 7 for L = 3).
     */
    public static int[] kernelSizes(int focalWindow, int focalFactor, int levels) {
        if (focalWindow < 1 || focalFactor < 0) {
            throw new IllegalArgumentException("focal window must be ≥ 1 and factor ≥ 0, got window " + focalWindow
                    + ", factor " + focalFactor);
        }
        int[] k = new int[gateMapCount(levels) - 1];
        for (int l = 0; l < k.length; l++) {
            k[l] = focalFactor * l + focalWindow;
        }
        return k;
    }

    /**
     * The kernel view of a focal level: its depthwise weight {@code focal_layers[l][0].weight},
     * (C, 1, k, k), averaged over the C channels.
     *
     * @return (k, k)
     */
    public static FloatTensor meanKernel(FloatTensor depthwiseWeight) {
        int[] s = rank4(depthwiseWeight, "depthwise weight", "(C,1,k,k)");
        if (s[1] != 1 || s[2] != s[3]) {
            throw new IllegalArgumentException("depthwise weight must be (C,1,k,k), got " + Arrays.toString(s));
        }
        int area = s[2] * s[3];
        double[] acc = new double[area];
        float[] v = depthwiseWeight.values();
        for (int c = 0; c < s[0]; c++) {
            for (int p = 0; p < area; p++) {
                acc[p] += v[c * area + p];
            }
        }
        float[] out = new float[area];
        for (int p = 0; p < area; p++) {
            out[p] = (float) (acc[p] / s[0]);
        }
        return FloatTensor.of(out, s[2], s[3]);
    }

    private static int[] rank4(FloatTensor t, String what, String expected) {
        if (t == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        int[] s = t.shape();
        if (s.length != 4 || s[0] < 1 || s[1] < 1) {
            throw new IllegalArgumentException(what + " must have shape " + expected + ", got " + Arrays.toString(s));
        }
        return s;
    }
}
