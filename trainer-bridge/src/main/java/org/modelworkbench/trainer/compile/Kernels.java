package org.modelworkbench.trainer.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.modelworkbench.blocks.param.ParamValues;

/**
 * DJL implementations of the block library's primitives, following PyTorch's semantics (and timm's,
 * torchvision's or VMamba's code where the block names it). Parameter names and shapes are those of
 * the PyTorch modules, and their sizes add up to the block library's parameter counts. Composites
 * have no kernels: the compiler expands them (ADR 2, ADR 11).
 */
public final class Kernels {
    private Kernels() {
    }

    /** Builds a kernel for {@code op}, declaring its parameters in {@code params}. */
    @FunctionalInterface
    interface Factory {
        Kernel create(Op op, ParamValues p, Kernel.Params params);
    }

    private static final Map<String, Factory> FACTORIES = Map.ofEntries(
            Map.entry("conv.conv2d", (op, p, ps) -> conv(op, ps, p.integer("out_channels"), p.integer("kernel"),
                    p.integer("stride"), p.integer("padding"), p.integer("dilation"), p.integer("groups"), p.bool("bias"))),
            Map.entry("conv.depthwise", (op, p, ps) -> {
                int c = op.in(0).dim(1);
                return conv(op, ps, c * p.integer("multiplier"), p.integer("kernel"), p.integer("stride"),
                        p.integer("padding"), p.integer("dilation"), c, p.bool("bias"));
            }),
            Map.entry("conv.pointwise", (op, p, ps) -> conv(op, ps, p.integer("out_channels"), 1, p.integer("stride"),
                    0, 1, 1, p.bool("bias"))),
            Map.entry("linear.linear", Kernels::linear),
            Map.entry("norm.batch_norm", Kernels::batchNorm),
            Map.entry("norm.layer_norm", Kernels::layerNorm),
            Map.entry("norm.group_norm", Kernels::groupNorm),
            Map.entry("norm.layer_scale", Kernels::layerScale),
            Map.entry("activation.relu", unary(Activation::relu)),
            Map.entry("activation.relu6", unary(x -> x.clip(0, 6))),
            Map.entry("activation.gelu", unary(Activation::gelu)), // torch gelu, erf form
            Map.entry("activation.silu", unary(x -> x.mul(Activation.sigmoid(x)))),
            Map.entry("activation.hardswish", unary(x -> x.mul(x.add(3).clip(0, 6)).div(6))),
            Map.entry("activation.sigmoid", unary(Activation::sigmoid)),
            Map.entry("activation.hardsigmoid", unary(x -> x.add(3).clip(0, 6).div(6))),
            Map.entry("merge.add", (op, p, ps) -> (s, in) -> new NDList(in.get(0).add(in.get(1)))),
            Map.entry("merge.subtract", (op, p, ps) -> (s, in) -> new NDList(in.get(0).sub(in.get(1)))),
            Map.entry("merge.multiply", (op, p, ps) -> (s, in) -> new NDList(in.get(0).mul(in.get(1)))),
            Map.entry("pool.max2d", Kernels::pool),
            Map.entry("pool.avg2d", Kernels::pool),
            Map.entry("pool.global_avg", Kernels::globalAvg),
            Map.entry("regularization.dropout", Kernels::dropout),
            Map.entry("regularization.drop_path", Kernels::dropPath),
            Map.entry("tensor.flatten", TensorKernels::flatten),
            Map.entry("tensor.reshape", TensorKernels::reshape),
            Map.entry("tensor.permute", TensorKernels::permute),
            Map.entry("tensor.concat", TensorKernels::concat),
            Map.entry("tensor.split", TensorKernels::split),
            Map.entry("tensor.chunk", TensorKernels::chunk),
            Map.entry("tensor.roll", TensorKernels::roll),
            Map.entry("tensor.select", TensorKernels::select),
            Map.entry("tensor.space_to_depth", TensorKernels::spaceToDepth),
            Map.entry("tensor.pad", TensorKernels::pad),
            Map.entry("embedding.class_token", Kernels::classToken),
            Map.entry("embedding.position_learned", Kernels::positionLearned),
            Map.entry("embedding.position_sincos", Kernels::positionSinCos),
            Map.entry("attention.sdpa", AttentionKernels::sdpa),
            Map.entry("swin.window_attention_core", AttentionKernels::windowAttention),
            Map.entry("mamba.cross_scan", ScanKernels::crossScan),
            Map.entry("mamba.cross_merge", ScanKernels::crossMerge),
            Map.entry("mamba.selective_scan", ScanKernels::selectiveScan),
            Map.entry("mamba.causal_conv1d", ScanKernels::causalConv1d));

    /** True when the primitive type has a kernel. */
    public static boolean supports(String typeId) {
        return FACTORIES.containsKey(typeId);
    }

    /** The type ids with kernels, sorted. */
    public static Set<String> supported() {
        return new TreeSet<>(FACTORIES.keySet());
    }

    static Kernel create(Op op, Kernel.Params params) throws UnsupportedBlockException {
        Factory f = FACTORIES.get(op.type().id());
        if (f == null) {
            throw new UnsupportedBlockException(op.type().id(), op.path());
        }
        return f.create(op, op.params(), params);
    }

    // ---------------------------------------------------------------------------------------------
    // Initialisers

    /** PyTorch's default for conv and linear weights and biases: U(−1/√fan_in, 1/√fan_in). */
    static Initializer uniform(double fanIn) {
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        return (m, shape, type) -> m.randomUniform(-bound, bound, shape, type);
    }

    static Initializer constant(float value) {
        return (m, shape, type) -> m.full(shape, value, type);
    }

    /** Normal with std 0.02, as timm initialises tokens, position embeddings and bias tables. */
    static final Initializer NORMAL_02 = new NormalInitializer(0.02f);

    // ---------------------------------------------------------------------------------------------
    // Convolution, linear

    static Kernel conv(Op op, Kernel.Params ps, int cout, int k, int stride, int pad, int dil, int groups,
                       boolean bias) {
        int cin = op.in(0).dim(1);
        double fanIn = (double) cin / groups * k * k;
        Parameter w = ps.trainable("weight", Parameter.Type.WEIGHT, new Shape(cout, cin / groups, k, k), uniform(fanIn));
        Parameter b = bias ? ps.trainable("bias", Parameter.Type.BIAS, new Shape(cout), uniform(fanIn)) : null;
        Shape s = new Shape(stride, stride);
        Shape p = new Shape(pad, pad);
        Shape d = new Shape(dil, dil);
        return (step, in) -> Conv2d.conv2d(in.get(0), step.value(w), b == null ? null : step.value(b), s, p, d, groups);
    }

    static Kernel linear(Op op, ParamValues p, Kernel.Params ps) {
        int in = op.in(0).dim(-1);
        int out = p.integer("out_features");
        Parameter w = ps.trainable("weight", Parameter.Type.WEIGHT, new Shape(out, in), uniform(in));
        Parameter b = p.bool("bias") ? ps.trainable("bias", Parameter.Type.BIAS, new Shape(out), uniform(in)) : null;
        return (step, x) -> {
            NDArray y = x.get(0).matMul(step.value(w).transpose());
            return new NDList(b == null ? y : y.add(step.value(b)));
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Normalisation

    static Kernel batchNorm(Op op, ParamValues p, Kernel.Params ps) {
        int c = op.in(0).dim(1);
        Parameter gamma = ps.trainable("weight", Parameter.Type.GAMMA, new Shape(c), Initializer.ONES);
        Parameter beta = ps.trainable("bias", Parameter.Type.BETA, new Shape(c), Initializer.ZEROS);
        Parameter mean = ps.buffer("running_mean", Parameter.Type.RUNNING_MEAN, new Shape(c), Initializer.ZEROS);
        Parameter var = ps.buffer("running_var", Parameter.Type.RUNNING_VAR, new Shape(c), Initializer.ONES);
        float eps = (float) p.real("eps");
        float momentum = (float) p.real("momentum");
        return (step, in) -> BatchNorm.batchNorm(in.get(0), step.value(mean), step.value(var), step.value(gamma),
                step.value(beta), 1, BatchNormMomentum.djl(momentum), eps, step.training());
    }

    static boolean channelsFirst(ParamValues p) {
        return "channels_first".equals(p.choice("layout"));
    }

    static Kernel layerNorm(Op op, ParamValues p, Kernel.Params ps) {
        boolean first = channelsFirst(p);
        int c = first ? op.in(0).dim(1) : op.in(0).dim(-1);
        Parameter gamma = ps.trainable("weight", Parameter.Type.GAMMA, new Shape(c), Initializer.ONES);
        Parameter beta = ps.trainable("bias", Parameter.Type.BETA, new Shape(c), Initializer.ZEROS);
        float eps = (float) p.real("eps");
        if (!first) {
            return (step, in) -> LayerNorm.layerNorm(in.get(0), new Shape(c), step.value(gamma), step.value(beta), eps);
        }
        // As ConvNeXt's LayerNorm2d: statistics over dimension 1 of each position (biased variance).
        return (step, in) -> {
            NDArray x = in.get(0);
            NDArray mu = x.mean(new int[] {1}, true);
            NDArray centred = x.sub(mu);
            NDArray var = centred.square().mean(new int[] {1}, true);
            NDArray y = centred.div(var.add(eps).sqrt());
            Shape perChannel = channelShape(x.getShape().dimension(), c);
            return new NDList(y.mul(step.value(gamma).reshape(perChannel)).add(step.value(beta).reshape(perChannel)));
        };
    }

    /** 1×C×1×…: a per-channel vector that broadcasts over dimension 1 of a rank-{@code rank} tensor. */
    static Shape channelShape(int rank, int c) {
        long[] dims = new long[rank];
        java.util.Arrays.fill(dims, 1);
        dims[1] = c;
        return new Shape(dims);
    }

    static Kernel groupNorm(Op op, ParamValues p, Kernel.Params ps) {
        int c = op.in(0).dim(1);
        int g = p.integer("groups");
        Parameter gamma = ps.trainable("weight", Parameter.Type.GAMMA, new Shape(c), Initializer.ONES);
        Parameter beta = ps.trainable("bias", Parameter.Type.BETA, new Shape(c), Initializer.ZEROS);
        float eps = (float) p.real("eps");
        return (step, in) -> {
            NDArray x = in.get(0);
            Shape shape = x.getShape();
            NDArray grouped = x.reshape(shape.get(0), g, -1);
            NDArray mu = grouped.mean(new int[] {2}, true);
            NDArray centred = grouped.sub(mu);
            NDArray var = centred.square().mean(new int[] {2}, true);
            NDArray y = centred.div(var.add(eps).sqrt()).reshape(shape);
            Shape perChannel = channelShape(shape.dimension(), c);
            return new NDList(y.mul(step.value(gamma).reshape(perChannel)).add(step.value(beta).reshape(perChannel)));
        };
    }

    static Kernel layerScale(Op op, ParamValues p, Kernel.Params ps) {
        boolean first = channelsFirst(p);
        int c = first ? op.in(0).dim(1) : op.in(0).dim(-1);
        Parameter gamma = ps.trainable("gamma", Parameter.Type.WEIGHT, new Shape(c), constant((float) p.real("init")));
        return (step, in) -> {
            NDArray x = in.get(0);
            NDArray g = step.value(gamma);
            return new NDList(x.mul(first ? g.reshape(channelShape(x.getShape().dimension(), c)) : g));
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Activations, pooling, regularisation

    static Factory unary(java.util.function.UnaryOperator<NDArray> f) {
        return (op, p, ps) -> (step, in) -> new NDList(f.apply(in.get(0)));
    }

    static Kernel pool(Op op, ParamValues p, Kernel.Params ps) {
        int k = p.integer("kernel");
        int s = p.integer("stride") == 0 ? k : p.integer("stride");
        int pad = p.integer("padding");
        boolean ceil = p.bool("ceil_mode");
        Shape kernel = new Shape(k, k);
        Shape stride = new Shape(s, s);
        Shape padding = new Shape(pad, pad);
        if (op.type().id().equals("pool.max2d")) {
            return (step, in) -> new NDList(Pool.maxPool2d(in.get(0), kernel, stride, padding, ceil));
        }
        if (p.bool("count_include_pad") || pad == 0) {
            return (step, in) -> new NDList(Pool.avgPool2d(in.get(0), kernel, stride, padding, ceil, true));
        }
        // DJL 0.36's PyTorch engine counts the padding whatever count_include_pad says (PoolFormer's
        // pooling turns it off). Dividing by the same pooling of a map of ones leaves the sum over the real
        // pixels divided by their number, whatever divisor the engine used.
        return (step, in) -> {
            NDArray x = in.get(0);
            Shape map = new Shape(1, 1, x.getShape().get(2), x.getShape().get(3));
            NDArray share = Pool.avgPool2d(x.getManager().ones(map, x.getDataType()), kernel, stride, padding, ceil, true);
            return new NDList(Pool.avgPool2d(x, kernel, stride, padding, ceil, true).div(share));
        };
    }

    static Kernel globalAvg(Op op, ParamValues p, Kernel.Params ps) {
        int[] axes = switch (p.choice("layout")) {
            case "channels_first" -> new int[] {2, 3};
            case "channels_last" -> new int[] {1, 2};
            default -> new int[] {1};
        };
        boolean keep = p.bool("keep_dims");
        // The PyTorch engine averages over one axis per call: the last first, so the others keep their index.
        return (step, in) -> {
            NDArray x = in.get(0);
            if (axes.length == 2 && axes[0] == 2 && x.getShape().dimension() == 4) {
                // N×C×H×W: libtorch's adaptive average pool (what nn.AdaptiveAvgPool2d runs) is one op in
                // either memory layout; two means cost 5x as much, forward and backward (0.6 ms a step).
                NDArray pooled = ai.djl.nn.pooling.Pool.globalAvgPool2d(x);
                long[] d = x.getShape().getShape();
                return new NDList(keep ? pooled.reshape(d[0], d[1], 1, 1) : pooled.reshape(d[0], d[1]));
            }
            for (int i = axes.length - 1; i >= 0; i--) {
                x = x.mean(new int[] {axes[i]}, keep);
            }
            return new NDList(x);
        };
    }

    static Kernel dropout(Op op, ParamValues p, Kernel.Params ps) {
        float rate = (float) p.real("p");
        return (step, in) -> step.training() && rate > 0 ? Dropout.dropout(in.get(0), rate, true) : new NDList(in.get(0));
    }

    /** timm's drop_path: per sample, keep the branch with probability 1−p and scale it by 1/(1−p). */
    static Kernel dropPath(Op op, ParamValues p, Kernel.Params ps) {
        float rate = (float) p.real("p");
        return (step, in) -> {
            NDArray x = in.get(0);
            if (!step.training() || rate == 0) {
                return new NDList(x);
            }
            float keep = 1 - rate;
            long[] dims = new long[x.getShape().dimension()];
            java.util.Arrays.fill(dims, 1);
            dims[0] = x.getShape().get(0);
            NDArray mask = x.getManager().randomUniform(0, 1, new Shape(dims), x.getDataType()).add(keep).floor();
            return new NDList(x.mul(mask.div(keep)));
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Embeddings

    static Kernel classToken(Op op, ParamValues p, Kernel.Params ps) {
        int d = op.in(0).dim(2);
        Parameter token = ps.trainable("cls_token", Parameter.Type.WEIGHT, new Shape(1, 1, d), NORMAL_02);
        return (step, in) -> {
            NDArray x = in.get(0);
            NDArray cls = step.value(token).broadcast(new Shape(x.getShape().get(0), 1, d));
            return new NDList(NDArrays.concat(new NDList(cls, x), 1));
        };
    }

    static Kernel positionLearned(Op op, ParamValues p, Kernel.Params ps) {
        Parameter pos = ps.trainable("pos_embed", Parameter.Type.WEIGHT, new Shape(1, op.in(0).dim(1), op.in(0).dim(2)),
                NORMAL_02);
        return (step, in) -> new NDList(in.get(0).add(step.value(pos)));
    }

    /** The Transformer's table: PE(t, 2i) = sin(t/10000^(2i/D)), PE(t, 2i+1) = cos(t/10000^(2i/D)). */
    static float[] sinCos(int tokens, int d) {
        float[] table = new float[tokens * d];
        for (int t = 0; t < tokens; t++) {
            for (int i = 0; i < d / 2; i++) {
                double angle = t / Math.pow(10000, 2.0 * i / d);
                table[t * d + 2 * i] = (float) Math.sin(angle);
                table[t * d + 2 * i + 1] = (float) Math.cos(angle);
            }
        }
        return table;
    }

    static Kernel positionSinCos(Op op, ParamValues p, Kernel.Params ps) {
        return (step, in) -> {
            NDArray x = in.get(0);
            int t = (int) x.getShape().get(1);
            int d = (int) x.getShape().get(2);
            NDManager m = x.getManager();
            return new NDList(x.add(m.create(sinCos(t, d), new Shape(1, t, d)).toType(x.getDataType(), false)));
        };
    }
}
