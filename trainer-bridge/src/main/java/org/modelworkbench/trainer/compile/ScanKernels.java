package org.modelworkbench.trainer.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import org.modelworkbench.blocks.param.ParamValues;

/** VMamba's cross-scan, selective scan and cross-merge, and Mamba's causal conv1d. */
final class ScanKernels {
    private ScanKernels() {
    }

    /** N×D×H×W → N×K×D×T: row-major, column-major, and both reversed (K = 4); row-major and reversed (K = 2). */
    static Kernel crossScan(Op op, ParamValues p, Kernel.Params ps) {
        int k = p.integer("directions");
        return (step, in) -> {
            NDArray x = in.get(0);
            long[] d = x.getShape().getShape();
            NDArray rows = x.reshape(d[0], d[1], d[2] * d[3]);
            NDList seqs = new NDList(rows);
            if (k == 4) {
                NDArray cols = x.transpose(0, 1, 3, 2).reshape(d[0], d[1], d[2] * d[3]);
                seqs.add(cols);
                seqs.add(rows.flip(2));
                seqs.add(cols.flip(2));
            } else if (k == 2) {
                seqs.add(rows.flip(2));
            }
            return new NDList(NDArrays.stack(seqs, 1));
        };
    }

    /** N×K×D×T → N×H×W×D: each direction back to its pixels, summed (VMamba cross_merge_fn). */
    static Kernel crossMerge(Op op, ParamValues p, Kernel.Params ps) {
        return (step, in) -> {
            NDArray ys = in.get(0);
            long[] like = in.get(1).getShape().getShape();
            long n = like[0], d = like[1], h = like[2], w = like[3];
            int k = (int) ys.getShape().get(1);
            NDArray y = ys.get(new NDIndex().addAllDim().addIndices(0));
            if (k == 2) {
                y = y.add(ys.get(new NDIndex().addAllDim().addIndices(1)).flip(2));
            } else if (k == 4) {
                y = y.add(ys.get(new NDIndex().addAllDim().addIndices(2)).flip(2));
                NDArray cols = ys.get(new NDIndex().addAllDim().addIndices(1))
                        .add(ys.get(new NDIndex().addAllDim().addIndices(3)).flip(2));
                y = y.add(cols.reshape(n, d, w, h).transpose(0, 1, 3, 2).reshape(n, d, h * w));
            }
            return new NDList(y.reshape(n, d, h, w).transpose(0, 2, 3, 1));
        };
    }

    /** PyTorch's softplus (threshold 20 aside, which changes nothing in fp32): log(1 + eˣ), computed stably. */
    static NDArray softplus(NDArray x) {
        return Activation.relu(x).add(x.abs().neg().exp().add(1).log());
    }

    /**
     * The selective scan with its projections (VMamba forward_corev2, selective_scan_ref): per direction
     * k, x_dbl = x_proj_weight[k]·u → (Δ_raw, B, C); Δ = softplus(dt_projs_weight[k]·Δ_raw + dt_projs_bias[k]);
     * h_t = exp(Δ_t·A)·h_{t−1} + Δ_t·B_t·u_t; y_t = C_t·h_t + D·u_t, with A = −exp(A_logs).
     * The recurrence runs as {@link SelectiveScan}: passes over chunks side by side instead of L steps.
     * When captured it hands out "delta" (N×K×D×L, after softplus), "B" and "C" (N×K×S×L), "A" (K×D×S,
     * negative) and "u" (N×K×D×L, the scanned input); Mamba's 1-D mixer is the case K = 1.
     */
    static Kernel selectiveScan(Op op, ParamValues p, Kernel.Params ps) {
        int k = op.in(0).dim(1);
        int d = op.in(0).dim(2);
        int n = p.integer("d_state");
        int r = p.integer("dt_rank");
        Parameter xProj = ps.trainable("x_proj_weight", Parameter.Type.WEIGHT, new Shape(k, r + 2L * n, d),
                Kernels.uniform(d));
        Parameter dtW = ps.trainable("dt_projs_weight", Parameter.Type.WEIGHT, new Shape(k, d, r), Kernels.uniform(r));
        Parameter dtB = ps.trainable("dt_projs_bias", Parameter.Type.BIAS, new Shape(k, d), (m, shape, type) -> {
            // Mamba's dt init: Δ log-uniform in [0.001, 0.1], bias = softplus⁻¹(Δ) = Δ + log(1 − e^−Δ).
            NDArray dt = m.randomUniform((float) Math.log(0.001), (float) Math.log(0.1), shape, type).exp();
            return dt.add(dt.neg().exp().neg().add(1).log());
        });
        Parameter aLogs = ps.trainable("A_logs", Parameter.Type.WEIGHT, new Shape((long) k * d, n), (m, shape, type) ->
                m.arange(1, n + 1).toType(type, false).log().reshape(1, n).repeat(0, (long) k * d));
        Parameter ds = ps.trainable("Ds", Parameter.Type.WEIGHT, new Shape((long) k * d), ai.djl.training.initializer.Initializer.ONES);
        return (step, in) -> {
            NDArray u = in.get(0); // B, K, D, L
            NDArray xDbl = step.value(xProj).expandDims(0).matMul(u); // B, K, R+2N, L
            NDList parts = xDbl.split(new long[] {r, r + n}, 2);
            NDArray dts = step.value(dtW).expandDims(0).matMul(parts.get(0)); // B, K, D, L
            NDArray delta = softplus(dts.add(step.value(dtB).reshape(1, k, d, 1)));
            NDArray a = step.value(aLogs).exp().neg().reshape(k, d, n);
            if (step.capturing()) {
                step.capture("delta", delta);
                step.capture("B", parts.get(1));
                step.capture("C", parts.get(2));
                // The hidden-attention views (views-exact §4) also need A and the scanned input itself.
                step.capture("A", a);
                step.capture("u", u);
            }
            return new NDList(SelectiveScan.scan(u, delta, a, parts.get(1), parts.get(2),
                    step.value(ds).reshape(k, d)));
        };
    }

    /** Depthwise conv along the sequence, padded on the left: Conv1d(padding k−1), first T outputs kept. */
    static Kernel causalConv1d(Op op, ParamValues p, Kernel.Params ps) {
        int d = op.in(0).dim(1);
        int kernel = p.integer("kernel");
        Parameter w = ps.trainable("weight", Parameter.Type.WEIGHT, new Shape(d, 1, kernel), Kernels.uniform(kernel));
        Parameter bias = p.bool("bias") ? ps.trainable("bias", Parameter.Type.BIAS, new Shape(d), Kernels.uniform(kernel)) : null;
        return (step, in) -> {
            NDArray x = in.get(0);
            long t = x.getShape().get(2);
            NDArray y = Conv1d.conv1d(x, step.value(w), bias == null ? null : step.value(bias), new Shape(1),
                    new Shape(kernel - 1), new Shape(1), d).singletonOrThrow();
            return new NDList(TensorKernels.slice(y, 2, 0, t));
        };
    }
}
