package org.modelworkbench.visualizers.render;

import java.util.Arrays;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Bilinear resampling of maps for display (a 14×14 attention map over a 224×224 image).
 *
 * <p>Convention: half-pixel centres with clamped edges, the same as PyTorch's
 * {@code F.interpolate(mode="bilinear", align_corners=False)} and as the FocalNet notebook's ×4
 * upsampling (views-exact.md §3): output pixel {@code i} of {@code out} samples the input at
 * {@code (i + 0.5) · in / out − 0.5}, clamped to {@code [0, in − 1]}, and mixes the two neighbouring
 * input values linearly along each axis. So [[0, 1], [2, 3]] to 4×4 gives first row
 * 0, 0.25, 0.75, 1. A NaN input value makes every output pixel that gives it weight NaN.
 */
public final class Bilinear {
    private Bilinear() {
    }

    /**
     * Resamples the last two axes of {@code t} — (H, W), or (…, H, W) plane by plane (channels, a batch of
     * maps) — to {@code outH × outW}; leading axes are kept.
     */
    public static FloatTensor resize(FloatTensor t, int outH, int outW) {
        int r = t.rank();
        if (r < 2) {
            throw new IllegalArgumentException("bilinear resize takes (H, W) or (…, H, W), got shape " + Arrays.toString(t.shape()));
        }
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + outH + " × " + outW);
        }
        int h = t.dim(-2);
        int w = t.dim(-1);
        if (h == 0 || w == 0) {
            throw new IllegalArgumentException("cannot resize an empty map of shape " + Arrays.toString(t.shape()));
        }
        int c = t.size() / (h * w);
        Axis ys = new Axis(h, outH);
        Axis xs = new Axis(w, outW);
        float[] in = t.values();
        float[] out = new float[c * outH * outW];
        for (int ch = 0; ch < c; ch++) {
            int inBase = ch * h * w;
            int outBase = ch * outH * outW;
            for (int i = 0; i < outH; i++) {
                int r0 = inBase + ys.i0[i] * w;
                int r1 = inBase + ys.i1[i] * w;
                float fy = ys.f[i];
                int o = outBase + i * outW;
                for (int j = 0; j < outW; j++) {
                    int a = xs.i0[j];
                    int b = xs.i1[j];
                    float fx = xs.f[j];
                    float top = fx == 0 ? in[r0 + a] : in[r0 + a] + fx * (in[r0 + b] - in[r0 + a]);
                    float bottom = fx == 0 ? in[r1 + a] : in[r1 + a] + fx * (in[r1 + b] - in[r1 + a]);
                    out[o + j] = fy == 0 ? top : top + fy * (bottom - top);
                }
            }
        }
        int[] shape = t.shape();
        shape[r - 2] = outH;
        shape[r - 1] = outW;
        return FloatTensor.of(out, shape);
    }

    /** Per output index along one axis: the two input neighbours and the weight of the second. */
    private static final class Axis {
        final int[] i0;
        final int[] i1;
        final float[] f;

        Axis(int in, int out) {
            i0 = new int[out];
            i1 = new int[out];
            f = new float[out];
            double ratio = (double) in / out;
            for (int i = 0; i < out; i++) {
                double src = (i + 0.5) * ratio - 0.5;
                if (src < 0) {
                    src = 0;
                }
                if (src > in - 1) {
                    src = in - 1;
                }
                int lo = (int) Math.floor(src);
                i0[i] = lo;
                i1[i] = Math.min(lo + 1, in - 1);
                f[i] = (float) (src - lo);
            }
        }
    }
}
