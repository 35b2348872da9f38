package org.modelworkbench.visualizers.gradcam;

import java.util.Arrays;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Resizing of maps as OpenCV's {@code cv2.resize(…, INTER_LINEAR)} does for float images, which is
 * what pytorch-grad-cam upsamples with (views-exact.md §10): half-pixel centres,
 * {@code src = (dst + 0.5)·(in/out) − 0.5}, and at the borders the source index is clamped with a
 * zero fraction (edge replication). Plain bilinear sampling, no area averaging when shrinking.
 */
public final class Resize {
    private Resize() {
    }

    /**
     * Resizes the last two axes of {@code maps} (…, h, w) to (…, height, width); leading axes are
     * kept, e.g. a batch of CAMs (B, h, w) or feature maps (B, C, h, w).
     */
    public static FloatTensor bilinear(FloatTensor maps, int height, int width) {
        if (maps.rank() < 2) {
            throw new IllegalArgumentException("resize needs at least (h, w), got shape " + Arrays.toString(maps.shape()));
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("target size must be positive, got " + height + "×" + width);
        }
        int h = maps.dim(-2);
        int w = maps.dim(-1);
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("cannot resize empty maps of shape " + Arrays.toString(maps.shape()));
        }
        int[] ys = new int[height];
        float[] fy = new float[height];
        taps(h, height, ys, fy);
        int[] xs = new int[width];
        float[] fx = new float[width];
        taps(w, width, xs, fx);
        int planes = maps.size() / (h * w);
        float[] in = maps.values();
        float[] out = new float[planes * height * width];
        for (int p = 0; p < planes; p++) {
            int src = p * h * w;
            int dst = p * height * width;
            for (int y = 0; y < height; y++) {
                int r0 = src + ys[y] * w;
                int r1 = src + Math.min(ys[y] + 1, h - 1) * w;
                float wy = fy[y];
                for (int x = 0; x < width; x++) {
                    int c0 = xs[x];
                    int c1 = Math.min(c0 + 1, w - 1);
                    float wx = fx[x];
                    float top = in[r0 + c0] * (1 - wx) + in[r0 + c1] * wx;
                    float bottom = in[r1 + c0] * (1 - wx) + in[r1 + c1] * wx;
                    out[dst + y * width + x] = top * (1 - wy) + bottom * wy;
                }
            }
        }
        int[] shape = maps.shape();
        shape[shape.length - 2] = height;
        shape[shape.length - 1] = width;
        return FloatTensor.of(out, shape);
    }

    /** Source index and fraction per destination index along one axis, OpenCV's rule. */
    private static void taps(int in, int out, int[] index, float[] fraction) {
        double scale = (double) in / out;
        for (int d = 0; d < out; d++) {
            float f = (float) ((d + 0.5) * scale - 0.5);
            int s = (int) Math.floor(f);
            f -= s;
            if (s < 0) {
                s = 0;
                f = 0;
            }
            if (s >= in - 1) {
                s = in - 1;
                f = 0;
            }
            index[d] = s;
            fraction[d] = f;
        }
    }
}
