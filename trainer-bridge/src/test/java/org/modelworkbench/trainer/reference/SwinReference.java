package org.modelworkbench.trainer.reference;

import java.util.function.Function;

/**
 * timm's SwinTransformerBlock (v1.0) written as loops: x + W-MSA(LN(x)), then x + MLP(LN(x)), on an
 * N×H×W×C map. W-MSA: roll by (−s, −s) on each axis longer than the window, window partition
 * (row-major windows, row-major tokens), qkv Linear, per head softmax(q·kᵀ/√d + table[idx] + mask)·v,
 * proj Linear, windows back, roll by (+s, +s). The mask is built as timm builds it: an image of region
 * labels from Python slices (0, −W), (−W, −s), (−s, None) on each axis, −100 between different labels.
 */
final class SwinReference {
    final int batch, height, width, channels, heads, window;
    final int shiftH, shiftW;
    /** Post-softmax attention of the last forward, B × windows × heads × N × N (windows row-major). */
    double[] attention;

    SwinReference(int batch, int height, int width, int channels, int heads, int window, boolean shifted) {
        this.batch = batch;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.heads = heads;
        this.window = window;
        // timm _calc_window_shift: an axis no longer than the window is not shifted
        this.shiftH = shifted && height > window ? window / 2 : 0;
        this.shiftW = shifted && width > window ? window / 2 : 0;
    }

    /** The block on N×H×W×C; {@code w} gives a parameter by its name inside the block ("norm1.weight"). */
    double[] block(double[] x, Function<String, float[]> w) {
        int rows = batch * height * width;
        int c = channels;
        double[] t = Plain.layerNormLast(x, rows, c, w.apply("norm1.weight"), w.apply("norm1.bias"), 1e-5);
        double[] x1 = Plain.add(x, windowAttention(t, w));
        double[] u = Plain.layerNormLast(x1, rows, c, w.apply("norm2.weight"), w.apply("norm2.bias"), 1e-5);
        int hidden = 4 * c;
        double[] m = Plain.map(Plain.linear(u, rows, c, w.apply("mlp.fc1.weight"), w.apply("mlp.fc1.bias"), hidden),
                Plain::gelu);
        return Plain.add(x1, Plain.linear(m, rows, hidden, w.apply("mlp.fc2.weight"), w.apply("mlp.fc2.bias"), c));
    }

    /** W-MSA / SW-MSA with its qkv and proj Linears, N×H×W×C → N×H×W×C. */
    double[] windowAttention(double[] x, Function<String, float[]> w) {
        int c = channels;
        int dh = c / heads;
        int tokens = window * window;
        int nh = height / window;
        int nw = width / window;
        int span = 2 * window - 1;
        float[] table = w.apply("attention.attention.relative_position_bias_table");
        int[] label = regionLabels();
        attention = new double[batch * nh * nw * heads * tokens * tokens];
        double[] out = new double[x.length];
        for (int b = 0; b < batch; b++) {
            for (int wr = 0; wr < nh; wr++) {
                for (int wc = 0; wc < nw; wc++) {
                    // gather the window from the map rolled by (−shiftH, −shiftW): rolled[i][j] = x[i + s][j + s]
                    double[] win = new double[tokens * c];
                    int[] source = new int[tokens]; // pixel of the original map each token came from
                    int[] rolledAt = new int[tokens]; // its position in the rolled map, for the mask
                    for (int t = 0; t < tokens; t++) {
                        int i = wr * window + t / window;
                        int j = wc * window + t % window;
                        rolledAt[t] = i * width + j;
                        source[t] = Math.floorMod(i + shiftH, height) * width + Math.floorMod(j + shiftW, width);
                        System.arraycopy(x, (b * height * width + source[t]) * c, win, t * c, c);
                    }
                    double[] qkv = Plain.linear(win, tokens, c, w.apply("attention.qkv.weight"),
                            w.apply("attention.qkv.bias"), 3 * c);
                    double[] mixed = new double[tokens * c];
                    int windowIndex = wr * nw + wc;
                    for (int hd = 0; hd < heads; hd++) {
                        for (int i = 0; i < tokens; i++) {
                            double[] logits = new double[tokens];
                            double max = Double.NEGATIVE_INFINITY;
                            for (int j = 0; j < tokens; j++) {
                                double s = 0;
                                for (int e = 0; e < dh; e++) {
                                    s += qkv[i * 3 * c + hd * dh + e] * qkv[j * 3 * c + c + hd * dh + e];
                                }
                                int dy = i / window - j / window + window - 1;
                                int dx = i % window - j % window + window - 1;
                                s = s / Math.sqrt(dh) + table[(dy * span + dx) * heads + hd];
                                if (label[rolledAt[i]] != label[rolledAt[j]]) {
                                    s += -100;
                                }
                                logits[j] = s;
                                max = Math.max(max, s);
                            }
                            double sum = 0;
                            for (int j = 0; j < tokens; j++) {
                                logits[j] = Math.exp(logits[j] - max);
                                sum += logits[j];
                            }
                            int base = ((((b * nh * nw) + windowIndex) * heads + hd) * tokens + i) * tokens;
                            for (int j = 0; j < tokens; j++) {
                                double p = logits[j] / sum;
                                attention[base + j] = p;
                                for (int e = 0; e < dh; e++) {
                                    mixed[i * c + hd * dh + e] += p * qkv[j * 3 * c + 2 * c + hd * dh + e];
                                }
                            }
                        }
                    }
                    double[] proj = Plain.linear(mixed, tokens, c, w.apply("attention.proj.weight"),
                            w.apply("attention.proj.bias"), c);
                    // rolling back by (+s, +s) puts the token where it came from
                    for (int t = 0; t < tokens; t++) {
                        System.arraycopy(proj, t * c, out, (b * height * width + source[t]) * c, c);
                    }
                }
            }
        }
        return out;
    }

    /** timm's img_mask over the rolled map: labels 0 … 8 from the slices of each shifted axis (all 0 unshifted). */
    int[] regionLabels() {
        int[] label = new int[height * width];
        if (shiftH == 0 && shiftW == 0) {
            return label;
        }
        int[][] rows = slices(height, shiftH);
        int[][] cols = slices(width, shiftW);
        int count = 0;
        for (int[] r : rows) {
            for (int[] q : cols) {
                for (int i = r[0]; i < r[1]; i++) {
                    for (int j = q[0]; j < q[1]; j++) {
                        label[i * width + j] = count;
                    }
                }
                count++;
            }
        }
        return label;
    }

    /** Python's slice(0, −W), slice(−W, −s), slice(−s, None) on an axis of {@code size}, as [from, to). */
    private int[][] slices(int size, int shift) {
        return new int[][] {py(size, 0, -window), py(size, -window, -shift), py(size, -shift, null)};
    }

    private static int[] py(int size, int start, Integer stop) {
        int from = start < 0 ? size + start : start;
        // −0 is 0 in Python: slice(−0, None) is the whole axis, slice(−W, −0) is empty
        int to = stop == null ? size : stop < 0 ? size + stop : stop;
        return new int[] {Math.max(0, Math.min(size, from)), Math.max(0, Math.min(size, to))};
    }
}
