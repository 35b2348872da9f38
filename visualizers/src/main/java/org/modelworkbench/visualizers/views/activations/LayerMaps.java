package org.modelworkbench.visualizers.views.activations;

import java.util.Arrays;
import java.util.Locale;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * One image's output of one layer brought to channel-first form: maps (C, H, W) when it is spatial — a
 * feature map, a channels-last stage transposed, or tokens whose count less 0, 1 or 2 prefix tokens is a
 * square — else (C, N) rows of a token or vector layer, with {@link #asMatrix()} the (N, C) view to draw.
 *
 * @param channels (C, H, W) or (C, N)
 * @param spatial  whether {@code channels} holds maps
 * @param prefix   prefix tokens dropped (class, distillation), 0 for maps
 * @param source   the layer's own per-image shape, for captions
 * @param transposed whether it was written channels-last
 */
record LayerMaps(FloatTensor channels, boolean spatial, int prefix, int[] source, boolean transposed) {
    static LayerMaps of(FloatTensor output, boolean channelsLast) {
        int[] s = output.shape();
        float[] v = output.values();
        switch (s.length) {
            case 3 -> {
                if (!channelsLast) {
                    return new LayerMaps(output, true, 0, s, false);
                }
                int h = s[0];
                int w = s[1];
                int c = s[2];
                return new LayerMaps(FloatTensor.of(transpose(v, h * w, c), c, h, w), true, 0, s, true);
            }
            case 2 -> {
                int n = s[0];
                int d = s[1];
                for (int p = 0; p <= 2 && p < n; p++) {
                    int g = (int) Math.round(Math.sqrt(n - p));
                    if (g * g == n - p && g >= 2) {
                        float[] maps = transpose(Arrays.copyOfRange(v, p * d, n * d), n - p, d);
                        return new LayerMaps(FloatTensor.of(maps, d, g, g), true, p, s, false);
                    }
                }
                return new LayerMaps(FloatTensor.of(transpose(v, n, d), d, n), false, 0, s, false);
            }
            case 1 -> {
                return new LayerMaps(FloatTensor.of(v.clone(), s[0], 1), false, 0, s, false);
            }
            default -> throw new IllegalArgumentException("a layer output per image must be (C, H, W), (H, W, C), "
                    + "(tokens, channels) or (channels), got shape " + Arrays.toString(s));
        }
    }

    /** (rows, cols) → (cols, rows). */
    private static float[] transpose(float[] v, int rows, int cols) {
        float[] out = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = v[r * cols + c];
            }
        }
        return out;
    }

    /** The values to draw for a non-spatial layer: (N, C), one row per token (one row for a vector). */
    FloatTensor asMatrix() {
        int c = channels.dim(0);
        int n = channels.size() / Math.max(1, c);
        return FloatTensor.of(transpose(channels.values(), c, n), n, c);
    }

    /** "64×7×7", "196 tokens × 192 as 14×14 maps (1 prefix token dropped)", … */
    String describe() {
        String shape = String.join("×", Arrays.stream(source).mapToObj(Integer::toString).toList());
        if (source.length == 2 && spatial) {
            return String.format(Locale.ROOT, "%d tokens × %d as %d×%d maps%s", source[0], source[1], channels.dim(1),
                    channels.dim(2), prefix == 0 ? "" : " (" + prefix + " prefix token" + (prefix > 1 ? "s" : "") + " dropped)");
        }
        return shape + (transposed ? " (channels-last, transposed)" : "");
    }
}
