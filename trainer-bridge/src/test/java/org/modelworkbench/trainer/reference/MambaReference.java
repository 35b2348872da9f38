package org.modelworkbench.trainer.reference;

import java.util.function.Function;

/**
 * Loop versions of Mamba's selective scan (selective_scan_ref: one time step after the other), of
 * VMamba's SS2D (forward type v05_noz: in_proj, depthwise conv, SiLU, cross-scan in four directions,
 * the scan per direction, cross-merge, out_norm, out_proj) and of Mamba's 1-D mixer (mamba_simple.py).
 */
final class MambaReference {
    private MambaReference() {
    }

    /**
     * One direction's scan of D channels over L steps: Δ = softplus(W_dt·dt_raw + bias),
     * h ← exp(Δ·A)·h + Δ·B·u, y = C·h + D·u, with (dt_raw, B, C) = x_proj·u.
     *
     * @param u      D×L
     * @param xProj  (R+2N)×D
     * @param dtW    D×R
     * @param dtBias D
     * @param aLogs  D×N, A = −exp(A_logs)
     * @param ds     D
     * @return y, D×L
     */
    static double[] scan(double[] u, int d, int len, int r, int n, float[] xProj, int xOff, float[] dtW, int dtOff,
                         float[] dtBias, int biasOff, float[] aLogs, int aOff, float[] ds, int dsOff) {
        double[] proj = new double[(r + 2 * n) * len];
        for (int row = 0; row < r + 2 * n; row++) {
            for (int t = 0; t < len; t++) {
                double s = 0;
                for (int ch = 0; ch < d; ch++) {
                    s += xProj[xOff + row * d + ch] * u[ch * len + t];
                }
                proj[row * len + t] = s;
            }
        }
        double[] y = new double[d * len];
        double[] h = new double[n];
        for (int ch = 0; ch < d; ch++) {
            java.util.Arrays.fill(h, 0);
            for (int t = 0; t < len; t++) {
                double z = dtBias[biasOff + ch];
                for (int q = 0; q < r; q++) {
                    z += dtW[dtOff + ch * r + q] * proj[q * len + t];
                }
                double delta = Plain.softplus(z);
                double ut = u[ch * len + t];
                double out = ds[dsOff + ch] * ut;
                for (int s = 0; s < n; s++) {
                    double a = -Math.exp(aLogs[aOff + ch * n + s]);
                    h[s] = Math.exp(delta * a) * h[s] + delta * proj[(r + s) * len + t] * ut;
                    out += proj[(r + n + s) * len + t] * h[s];
                }
                y[ch * len + t] = out;
            }
        }
        return y;
    }

    /**
     * The position in direction k's sequence of pixel (i, j) of an H×W map: k = 0 row-major, 1
     * column-major (VMamba's transposed scan, l = j·H + i), 2 and 3 those reversed.
     */
    static int position(int k, int i, int j, int height, int width) {
        int len = height * width;
        int rowMajor = i * width + j;
        int colMajor = j * height + i;
        return switch (k) {
            case 0 -> rowMajor;
            case 1 -> colMajor;
            case 2 -> len - 1 - rowMajor;
            default -> len - 1 - colMajor;
        };
    }

    /** SS2D on N×H×W×C (conv without bias), D = inner channels, K = 4 directions. */
    static double[] ss2d(double[] x, int batch, int height, int width, int c, int d, int r, int n, int convK,
                         Function<String, float[]> w) {
        return ss2d(x, batch, height, width, c, d, r, n, convK, false, w);
    }

    /** With zGate: in_proj gives 2D channels, x the first D and z the last, and y is multiplied by SiLU(z) after out_norm. */
    static double[] ss2d(double[] x, int batch, int height, int width, int c, int d, int r, int n, int convK,
                         boolean zGate, Function<String, float[]> w) {
        int hw = height * width;
        double[] xz = Plain.linear(x, batch * hw, c, w.apply("in_proj.weight"), null, zGate ? 2 * d : d);
        double[] in = new double[batch * hw * d]; // N×H×W×D
        for (int p = 0; p < batch * hw; p++) {
            System.arraycopy(xz, p * (zGate ? 2 * d : d), in, p * d, d);
        }
        double[] map = Plain.map(Plain.conv2d(Plain.toChannelsFirst(in, batch, d, height, width), batch, d, height,
                width, w.apply("conv2d.weight"), null, d, convK, 1, (convK - 1) / 2, d), Plain::silu); // N×D×H×W
        float[] xProj = w.apply("selective_scan.x_proj_weight");
        float[] dtW = w.apply("selective_scan.dt_projs_weight");
        float[] dtB = w.apply("selective_scan.dt_projs_bias");
        float[] aLogs = w.apply("selective_scan.A_logs");
        float[] ds = w.apply("selective_scan.Ds");
        double[] merged = new double[batch * hw * d]; // N×H×W×D
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < 4; k++) {
                double[] seq = new double[d * hw];
                for (int ch = 0; ch < d; ch++) {
                    for (int i = 0; i < height; i++) {
                        for (int j = 0; j < width; j++) {
                            seq[ch * hw + position(k, i, j, height, width)] = map[((b * d + ch) * height + i) * width + j];
                        }
                    }
                }
                double[] y = scan(seq, d, hw, r, n, xProj, k * (r + 2 * n) * d, dtW, k * d * r, dtB, k * d,
                        aLogs, k * d * n, ds, k * d);
                for (int ch = 0; ch < d; ch++) {
                    for (int i = 0; i < height; i++) {
                        for (int j = 0; j < width; j++) {
                            merged[((b * height + i) * width + j) * d + ch] += y[ch * hw + position(k, i, j, height, width)];
                        }
                    }
                }
            }
        }
        double[] normed = Plain.layerNormLast(merged, batch * hw, d, w.apply("out_norm.weight"),
                w.apply("out_norm.bias"), 1e-5);
        if (zGate) {
            for (int p = 0; p < batch * hw; p++) {
                for (int ch = 0; ch < d; ch++) {
                    normed[p * d + ch] *= Plain.silu(xz[p * 2 * d + d + ch]);
                }
            }
        }
        return Plain.linear(normed, batch * hw, d, w.apply("out_proj.weight"), null, c);
    }

    /** VMamba's VSSBlock on N×H×W×C: x + SS2D(LN(x)), then x + MLP(LN(x)) with a GELU MLP of 4C. */
    static double[] vssBlock(double[] x, int batch, int height, int width, int c, int d, int r, int n,
                             Function<String, float[]> w) {
        int rows = batch * height * width;
        double[] t = Plain.layerNormLast(x, rows, c, w.apply("norm.weight"), w.apply("norm.bias"), 1e-5);
        double[] x1 = Plain.add(x, ss2d(t, batch, height, width, c, d, r, n, 3, name -> w.apply("op." + name)));
        double[] u = Plain.layerNormLast(x1, rows, c, w.apply("norm2.weight"), w.apply("norm2.bias"), 1e-5);
        double[] m = Plain.map(Plain.linear(u, rows, c, w.apply("mlp.fc1.weight"), w.apply("mlp.fc1.bias"), 4 * c),
                Plain::gelu);
        return Plain.add(x1, Plain.linear(m, rows, 4 * c, w.apply("mlp.fc2.weight"), w.apply("mlp.fc2.bias"), c));
    }

    /** Mamba's mixer on tokens N×T×C: in_proj to x, z; causal conv1d; SiLU; scan; ·SiLU(z); out_proj. */
    static double[] mixer(double[] tokens, int batch, int len, int c, int d, int r, int n, int convK,
                          Function<String, float[]> w) {
        double[] xz = Plain.linear(tokens, batch * len, c, w.apply("in_proj.weight"), null, 2 * d); // N×T×2D
        float[] cw = w.apply("conv1d.weight"); // D×1×k
        float[] cb = w.apply("conv1d.bias");
        double[] out = new double[batch * len * d];
        for (int b = 0; b < batch; b++) {
            double[] u = new double[d * len];
            for (int ch = 0; ch < d; ch++) {
                for (int t = 0; t < len; t++) {
                    double s = cb[ch];
                    for (int i = 0; i < convK; i++) {
                        int src = t - (convK - 1) + i; // only the past: the first k−1 steps see zeros
                        if (src >= 0) {
                            s += cw[ch * convK + i] * xz[(b * len + src) * 2 * d + ch];
                        }
                    }
                    u[ch * len + t] = Plain.silu(s);
                }
            }
            double[] y = scan(u, d, len, r, n, w.apply("selective_scan.x_proj_weight"), 0,
                    w.apply("selective_scan.dt_projs_weight"), 0, w.apply("selective_scan.dt_projs_bias"), 0,
                    w.apply("selective_scan.A_logs"), 0, w.apply("selective_scan.Ds"), 0);
            for (int ch = 0; ch < d; ch++) {
                for (int t = 0; t < len; t++) {
                    out[(b * len + t) * d + ch] = y[ch * len + t] * Plain.silu(xz[(b * len + t) * 2 * d + d + ch]);
                }
            }
        }
        return Plain.linear(out, batch * len, d, w.apply("out_proj.weight"), null, c);
    }
}
