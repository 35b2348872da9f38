package org.modelworkbench.visualizers.gradcam;

import java.util.Arrays;
import java.util.List;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Grad-CAM maps, views-exact.md §10 (Selvaraju et al., ICCV 2017; ref. jacobgil/pytorch-grad-cam
 * {@code base_cam.py}, {@code grad_cam.py}, {@code utils/image.py} @084273b). The trainer captures,
 * for the pre-softmax logit of the target class summed over the batch, the activations A and
 * gradients G of each target layer's output (a tensor hook on the forward output), both
 * (B, C, h, w); this class does the rest:
 * <ol>
 *   <li>{@code w_c = mean_{h,w} G_c}; {@code cam = ReLU(Σ_c w_c A_c)};</li>
 *   <li>per image {@code cam −= min}, {@code cam /= max + 1e-7} (ReLU first, so a constant CAM → 0),
 *       then {@link Resize#bilinear OpenCV bilinear} to the input size;</li>
 *   <li>layers stacked, ReLU, mean over layers, and min-max normalised again (also for one layer).</li>
 * </ol>
 * Token layers are brought to (B, C, h, w) first: ViT/DeiT tokens with {@link #tokensToMaps}
 * (prefix tokens dropped — 1 for CLS, 2 for distilled DeiT's CLS and distillation tokens — and
 * N' = g² tokens laid out row-major), Swin's (B, H, W, C) with {@link #channelsLastToMaps}.
 */
public final class GradCam {
    /** The epsilon of the min-max normalisation, as in the reference. */
    public static final double EPSILON = 1e-7;

    private GradCam() {
    }

    /**
     * One target layer's captured output and its gradient, both (B, C, h, w).
     *
     * @param activations the layer output A
     * @param gradients   ∂(target logit, summed over the batch)/∂A
     */
    public record LayerCapture(FloatTensor activations, FloatTensor gradients) {
        public LayerCapture {
            if (activations.rank() != 4 || !Arrays.equals(activations.shape(), gradients.shape())) {
                throw new IllegalArgumentException("activations and gradients must both be (B, C, h, w) of the same shape, got "
                        + Arrays.toString(activations.shape()) + " and " + Arrays.toString(gradients.shape()));
            }
        }
    }

    /** The channel weights w_c = mean over (h, w) of the gradients, shape (B, C). */
    public static FloatTensor weights(FloatTensor gradients) {
        if (gradients.rank() != 4) {
            throw new IllegalArgumentException("gradients must be (B, C, h, w), got shape "
                    + Arrays.toString(gradients.shape()));
        }
        int maps = gradients.dim(0) * gradients.dim(1);
        int area = gradients.dim(2) * gradients.dim(3);
        float[] g = gradients.values();
        float[] w = new float[maps];
        for (int m = 0; m < maps; m++) {
            double s = 0;
            for (int k = 0; k < area; k++) {
                s += g[m * area + k];
            }
            w[m] = (float) (s / area);
        }
        return FloatTensor.of(w, gradients.dim(0), gradients.dim(1));
    }

    /**
     * One layer's CAM before resizing: ReLU(Σ_c w_c A_c), min-max normalised per image, (B, h, w).
     */
    public static FloatTensor layerCam(LayerCapture layer) {
        FloatTensor a = layer.activations();
        int b = a.dim(0);
        int c = a.dim(1);
        int area = a.dim(2) * a.dim(3);
        float[] w = weights(layer.gradients()).values();
        float[] act = a.values();
        float[] out = new float[b * area];
        double[] cam = new double[area];
        for (int i = 0; i < b; i++) {
            Arrays.fill(cam, 0);
            for (int ch = 0; ch < c; ch++) {
                double wc = w[i * c + ch];
                int base = (i * c + ch) * area;
                for (int k = 0; k < area; k++) {
                    cam[k] += wc * act[base + k];
                }
            }
            for (int k = 0; k < area; k++) {
                cam[k] = Math.max(cam[k], 0);
            }
            normalise(cam, 0, area);
            for (int k = 0; k < area; k++) {
                out[i * area + k] = (float) cam[k];
            }
        }
        return FloatTensor.of(out, b, a.dim(2), a.dim(3));
    }

    /** Grad-CAM of one layer at the input size: (B, height, width), values in 0…1. */
    public static FloatTensor compute(FloatTensor activations, FloatTensor gradients, int height, int width) {
        return compute(List.of(new LayerCapture(activations, gradients)), height, width);
    }

    /**
     * Grad-CAM over several target layers at the input size: each layer's normalised CAM resized to
     * (height, width), then ReLU, mean over layers and min-max normalisation; (B, height, width).
     */
    public static FloatTensor compute(List<LayerCapture> layers, int height, int width) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Grad-CAM needs at least one target layer");
        }
        int batch = layers.get(0).activations().dim(0);
        int area = height * width;
        double[] sum = new double[batch * area];
        for (LayerCapture layer : layers) {
            if (layer.activations().dim(0) != batch) {
                throw new IllegalArgumentException("target layers disagree on the batch: " + batch + " and "
                        + layer.activations().dim(0));
            }
            float[] resized = Resize.bilinear(layerCam(layer), height, width).values();
            for (int k = 0; k < sum.length; k++) {
                sum[k] += Math.max(resized[k], 0f);
            }
        }
        float[] out = new float[sum.length];
        for (int i = 0; i < batch; i++) {
            for (int k = 0; k < area; k++) {
                sum[i * area + k] /= layers.size();
            }
            normalise(sum, i * area, area);
            for (int k = 0; k < area; k++) {
                out[i * area + k] = (float) sum[i * area + k];
            }
        }
        return FloatTensor.of(out, batch, height, width);
    }

    /**
     * ViT tokens (B, N, C) → maps (B, C, g, g): the first {@code prefixTokens} dropped, token
     * prefix + g·r + c to cell (r, c), as pytorch-grad-cam's {@code reshape_transform}.
     */
    public static FloatTensor tokensToMaps(FloatTensor tokens, int prefixTokens) {
        if (tokens.rank() != 3) {
            throw new IllegalArgumentException("tokens must be (B, N, C), got shape " + Arrays.toString(tokens.shape()));
        }
        int b = tokens.dim(0);
        int n = tokens.dim(1);
        int c = tokens.dim(2);
        int spatial = n - prefixTokens;
        int g = (int) Math.round(Math.sqrt(Math.max(spatial, 0)));
        if (prefixTokens < 0 || spatial < 1 || g * g != spatial) {
            throw new IllegalArgumentException(n + " tokens less " + prefixTokens + " prefix tokens do not make a square grid"
                    + " (shape " + Arrays.toString(tokens.shape()) + ")");
        }
        float[] in = tokens.values();
        float[] out = new float[b * c * spatial];
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < spatial; t++) {
                int src = (i * n + prefixTokens + t) * c;
                for (int ch = 0; ch < c; ch++) {
                    out[(i * c + ch) * spatial + t] = in[src + ch];
                }
            }
        }
        return FloatTensor.of(out, b, c, g, g);
    }

    /** Channels-last maps (B, H, W, C), e.g. a Swin stage output, → (B, C, H, W). */
    public static FloatTensor channelsLastToMaps(FloatTensor bhwc) {
        if (bhwc.rank() != 4) {
            throw new IllegalArgumentException("channels-last maps must be (B, H, W, C), got shape "
                    + Arrays.toString(bhwc.shape()));
        }
        int b = bhwc.dim(0);
        int area = bhwc.dim(1) * bhwc.dim(2);
        int c = bhwc.dim(3);
        float[] in = bhwc.values();
        float[] out = new float[in.length];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < area; k++) {
                int src = (i * area + k) * c;
                for (int ch = 0; ch < c; ch++) {
                    out[(i * c + ch) * area + k] = in[src + ch];
                }
            }
        }
        return FloatTensor.of(out, b, c, bhwc.dim(1), bhwc.dim(2));
    }

    /** x −= min, x /= max + 1e-7 over values[from, from + length). */
    private static void normalise(double[] values, int from, int length) {
        double min = Double.POSITIVE_INFINITY;
        for (int k = from; k < from + length; k++) {
            min = Math.min(min, values[k]);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = from; k < from + length; k++) {
            values[k] -= min;
            max = Math.max(max, values[k]);
        }
        for (int k = from; k < from + length; k++) {
            values[k] /= max + EPSILON;
        }
    }
}
