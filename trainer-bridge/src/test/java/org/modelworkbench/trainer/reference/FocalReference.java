package org.modelworkbench.trainer.reference;

import java.util.function.Function;

/**
 * timm's FocalNetBlock and FocalModulation (focalnet.py) as loops on N×C×H×W. Modulation: f = 1×1 conv
 * C → 2C + L + 1, split into q, ctx and L + 1 gates; for each level ctx ← GELU(depthwise conv k_l, no
 * bias, zero padding k_l/2)(ctx) and ctx_all += ctx·gate_l; ctx_all += GELU(mean_HW ctx)·gate_L;
 * out = proj(q·h(ctx_all)). Block: x + [γ1·] [LN]Mod([LN] x), then the MLP branch the same way.
 */
final class FocalReference {
    final int batch, channels, height, width, levels, focalWindow, focalFactor;
    /** The modulator h(ctx_all) of the last forward, N×C×H×W. */
    double[] modulator;
    /** The gates of the last forward, N×(L+1)×H×W. */
    double[] gates;

    FocalReference(int batch, int channels, int height, int width, int levels, int focalWindow, int focalFactor) {
        this.batch = batch;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.levels = levels;
        this.focalWindow = focalWindow;
        this.focalFactor = focalFactor;
    }

    double[] modulation(double[] x, Function<String, float[]> w) {
        int c = channels, hw = height * width, g = levels + 1;
        int fOut = 2 * c + g;
        double[] f = Plain.conv2d(x, batch, c, height, width, w.apply("f.weight"), w.apply("f.bias"), fOut, 1, 1, 0, 1);
        double[] q = new double[batch * c * hw];
        double[] ctx = new double[batch * c * hw];
        gates = new double[batch * g * hw];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(f, b * fOut * hw, q, b * c * hw, c * hw);
            System.arraycopy(f, (b * fOut + c) * hw, ctx, b * c * hw, c * hw);
            System.arraycopy(f, (b * fOut + 2 * c) * hw, gates, b * g * hw, g * hw);
        }
        double[] all = new double[batch * c * hw];
        for (int l = 0; l < levels; l++) {
            int k = focalFactor * l + focalWindow;
            ctx = Plain.map(Plain.conv2d(ctx, batch, c, height, width, w.apply("focal" + l + "_dwconv.weight"), null,
                    c, k, 1, k / 2, c), Plain::gelu);
            for (int b = 0; b < batch; b++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int p = 0; p < hw; p++) {
                        all[(b * c + ch) * hw + p] += ctx[(b * c + ch) * hw + p] * gates[(b * g + l) * hw + p];
                    }
                }
            }
        }
        for (int b = 0; b < batch; b++) {
            for (int ch = 0; ch < c; ch++) {
                double mean = 0;
                for (int p = 0; p < hw; p++) {
                    mean += ctx[(b * c + ch) * hw + p];
                }
                double global = Plain.gelu(mean / hw);
                for (int p = 0; p < hw; p++) {
                    all[(b * c + ch) * hw + p] += global * gates[(b * g + levels) * hw + p];
                }
            }
        }
        modulator = Plain.conv2d(all, batch, c, height, width, w.apply("h.weight"), w.apply("h.bias"), c, 1, 1, 0, 1);
        double[] qm = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            qm[i] = q[i] * modulator[i];
        }
        return Plain.conv2d(qm, batch, c, height, width, w.apply("proj.weight"), w.apply("proj.bias"), c, 1, 1, 0, 1);
    }

    double[] block(double[] x, Function<String, float[]> w, boolean postNorm, boolean layerScale) {
        int c = channels;
        double[] y = postNorm ? x : norm(x, w, "norm1");
        y = modulation(y, name -> w.apply("modulation." + name));
        if (postNorm) {
            y = norm(y, w, "norm1");
        }
        if (layerScale) {
            y = scale(y, w.apply("layer_scale1.gamma"));
        }
        double[] x1 = Plain.add(x, y);
        y = postNorm ? x1 : norm(x1, w, "norm2");
        y = Plain.map(Plain.conv2d(y, batch, c, height, width, w.apply("mlp.fc1.weight"), w.apply("mlp.fc1.bias"),
                4 * c, 1, 1, 0, 1), Plain::gelu);
        y = Plain.conv2d(y, batch, 4 * c, height, width, w.apply("mlp.fc2.weight"), w.apply("mlp.fc2.bias"),
                c, 1, 1, 0, 1);
        if (postNorm) {
            y = norm(y, w, "norm2");
        }
        if (layerScale) {
            y = scale(y, w.apply("layer_scale2.gamma"));
        }
        return Plain.add(x1, y);
    }

    private double[] norm(double[] x, Function<String, float[]> w, String name) {
        return Plain.layerNormChannels(x, batch, channels, height, width, w.apply(name + ".weight"),
                w.apply(name + ".bias"), 1e-5);
    }

    private double[] scale(double[] x, float[] gamma) {
        double[] y = x.clone();
        int hw = height * width;
        for (int i = 0; i < y.length; i++) {
            y[i] *= gamma[(i / hw) % channels];
        }
        return y;
    }
}
