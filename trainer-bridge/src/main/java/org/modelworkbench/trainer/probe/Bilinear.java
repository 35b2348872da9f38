package org.modelworkbench.trainer.probe;

/**
 * Bilinear resizing of one plane as PyTorch's {@code interpolate(mode="bilinear", align_corners=False)}
 * without antialiasing: output pixel i samples the input at (i + 0.5)·in/out − 0.5, clamped below at 0,
 * between its two neighbours (the upper one clamped to the last row or column).
 */
final class Bilinear {
    private Bilinear() {
    }

    static void resize(float[] src, int srcOffset, int inH, int inW, float[] dst, int dstOffset, int outH, int outW) {
        int[] y0 = new int[outH];
        int[] y1 = new int[outH];
        float[] fy = new float[outH];
        weights(inH, outH, y0, y1, fy);
        int[] x0 = new int[outW];
        int[] x1 = new int[outW];
        float[] fx = new float[outW];
        weights(inW, outW, x0, x1, fx);
        for (int i = 0; i < outH; i++) {
            int r0 = srcOffset + y0[i] * inW;
            int r1 = srcOffset + y1[i] * inW;
            float wy = fy[i];
            int out = dstOffset + i * outW;
            for (int j = 0; j < outW; j++) {
                float top = src[r0 + x0[j]] + (src[r0 + x1[j]] - src[r0 + x0[j]]) * fx[j];
                float bottom = src[r1 + x0[j]] + (src[r1 + x1[j]] - src[r1 + x0[j]]) * fx[j];
                dst[out + j] = top + (bottom - top) * wy;
            }
        }
    }

    private static void weights(int in, int out, int[] lo, int[] hi, float[] frac) {
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double s = Math.max(0, (i + 0.5) * scale - 0.5);
            int l = Math.min((int) s, in - 1);
            lo[i] = l;
            hi[i] = Math.min(l + 1, in - 1);
            frac[i] = (float) (s - l);
        }
    }
}
