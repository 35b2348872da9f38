package org.modelworkbench.trainer.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.modelworkbench.blocks.param.ParamValues;

/** The attention cores: global scaled dot-product attention and Swin's window attention. */
final class AttentionKernels {
    private AttentionKernels() {
    }

    /** softmax(q·kᵀ/√d)·v per head on packed N×T×3D (timm Attention: reshape(B, T, 3, h, D/h)). */
    static Kernel sdpa(Op op, ParamValues p, Kernel.Params ps) {
        int heads = p.integer("heads");
        return (step, in) -> {
            NDArray x = in.get(0);
            long n = x.getShape().get(0);
            long t = x.getShape().get(1);
            long d = x.getShape().get(2) / 3;
            long dh = d / heads;
            NDArray qkv = x.reshape(n, t, 3, heads, dh).transpose(2, 0, 3, 1, 4);
            NDArray q = qkv.get(0).mul(1.0 / Math.sqrt(dh));
            NDArray attn = q.matMul(qkv.get(1).transpose(0, 1, 3, 2)).softmax(-1);
            if (step.capturing()) {
                step.capture("attention", attn);
            }
            return new NDList(attn.matMul(qkv.get(2)).transpose(0, 2, 1, 3).reshape(n, t, d));
        };
    }

    /**
     * Swin's W-MSA / SW-MSA core (timm WindowAttention with the mask of SwinTransformerBlock): windows of
     * the packed N×H×W×3C map, softmax(q·kᵀ/√(C/h) + B + mask)·v, windows put back.
     */
    static Kernel windowAttention(Op op, ParamValues p, Kernel.Params ps) {
        int heads = p.integer("heads");
        int win = p.integer("window");
        WindowGeometry geometry = WindowGeometry.of(op);
        int span = 2 * win - 1;
        Parameter table = ps.trainable("relative_position_bias_table", Parameter.Type.WEIGHT,
                new Shape((long) span * span, heads), Kernels.NORMAL_02);
        long[] index = biasIndex(win, heads);
        float[] mask = geometry.shifted() ? shiftMask(geometry.height(), geometry.width(), win, win / 2,
                geometry.shiftH() > 0, geometry.shiftW() > 0) : null;
        int tokens = win * win;
        return (step, in) -> {
            NDArray x = in.get(0);
            NDManager m = x.getManager();
            long n = x.getShape().get(0);
            long h = x.getShape().get(1);
            long w = x.getShape().get(2);
            long c = x.getShape().get(3) / 3;
            long nh = h / win;
            long nw = w / win;
            long windows = n * nh * nw;
            NDArray qkv = x.reshape(n, nh, win, nw, win, 3 * c).transpose(0, 1, 3, 2, 4, 5)
                    .reshape(windows, tokens, 3, heads, c / heads).transpose(2, 0, 3, 1, 4);
            NDArray q = qkv.get(0).mul(1.0 / Math.sqrt((double) c / heads));
            NDArray attn = q.matMul(qkv.get(1).transpose(0, 1, 3, 2));
            NDArray bias = step.value(table).take(m.create(index, new Shape(heads, tokens, tokens)));
            attn = attn.add(bias.expandDims(0));
            if (mask != null) {
                NDArray maskArray = m.create(mask, new Shape(1, nh * nw, 1, tokens, tokens));
                attn = attn.reshape(n, nh * nw, heads, tokens, tokens).add(maskArray)
                        .reshape(windows, heads, tokens, tokens);
            }
            NDArray probabilities = attn.softmax(-1);
            if (step.capturing()) {
                step.capture("attention", probabilities.reshape(n, nh * nw, heads, tokens, tokens));
            }
            NDArray y = probabilities.matMul(qkv.get(2)).transpose(0, 2, 1, 3).reshape(windows, tokens, c);
            return new NDList(y.reshape(n, nh, nw, win, win, c).transpose(0, 1, 3, 2, 4, 5).reshape(n, h, w, c));
        };
    }

    /**
     * Flat indices into the (2W−1)²×h table for a h×W²×W² bias: token pair (i, j) of head k reads row
     * (Δrow + W − 1)·(2W − 1) + (Δcol + W − 1), as timm's relative_position_index.
     */
    static long[] biasIndex(int win, int heads) {
        int tokens = win * win;
        int span = 2 * win - 1;
        long[] index = new long[heads * tokens * tokens];
        for (int k = 0; k < heads; k++) {
            for (int i = 0; i < tokens; i++) {
                for (int j = 0; j < tokens; j++) {
                    int dr = i / win - j / win + win - 1;
                    int dc = i % win - j % win + win - 1;
                    index[(k * tokens + i) * tokens + j] = (long) (dr * span + dc) * heads + k;
                }
            }
        }
        return index;
    }

    /**
     * timm's attn_mask for a map rolled by (−s, −s): regions [0, H−W), [H−W, H−s), [H−s, H) on each
     * shifted axis; token pairs of different regions inside a window get −100. Shape nW×W²×W².
     */
    static float[] shiftMask(int height, int width, int win, int shift, boolean shiftH, boolean shiftW) {
        int nh = height / win;
        int nw = width / win;
        int tokens = win * win;
        float[] mask = new float[nh * nw * tokens * tokens];
        int[] label = new int[tokens];
        for (int a = 0; a < nh; a++) {
            for (int b = 0; b < nw; b++) {
                for (int t = 0; t < tokens; t++) {
                    int row = a * win + t / win;
                    int col = b * win + t % win;
                    label[t] = 3 * region(row, height, win, shift, shiftH) + region(col, width, win, shift, shiftW);
                }
                int base = (a * nw + b) * tokens * tokens;
                for (int i = 0; i < tokens; i++) {
                    for (int j = 0; j < tokens; j++) {
                        mask[base + i * tokens + j] = label[i] == label[j] ? 0f : -100f;
                    }
                }
            }
        }
        return mask;
    }

    private static int region(int pos, int size, int win, int shift, boolean shifted) {
        if (!shifted) {
            return 0;
        }
        return pos < size - win ? 0 : pos < size - shift ? 1 : 2;
    }
}
