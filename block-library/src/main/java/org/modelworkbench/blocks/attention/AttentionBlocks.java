package org.modelworkbench.blocks.attention;

import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.LayoutRule;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.activation.ActivationBlocks;
import org.modelworkbench.blocks.conv.ConvBlocks;
import org.modelworkbench.blocks.graph.BlockGraph.Ref;
import org.modelworkbench.blocks.graph.GraphBuilder;
import org.modelworkbench.blocks.linear.LinearBlocks;
import org.modelworkbench.blocks.merge.MergeBlocks;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.pool.PoolBlocks;
import org.modelworkbench.blocks.regularization.RegularizationBlocks;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.PrimitiveBlockType;
import org.modelworkbench.blocks.type.ShapeException;

/** Global self-attention, the transformer MLP and squeeze-excitation. */
public final class AttentionBlocks {
    private AttentionBlocks() {
    }

    public static ParamSpec heads(int def) {
        return ParamSpec.integer("heads", def, 1, 1024, "Attention heads h; must divide the width");
    }

    public static final BlockType SDPA = new PrimitiveBlockType(
            BlockSpec.builder("attention.sdpa", "Scaled dot-product attention", Category.ATTENTION)
                    .description("The attention core: splits packed q, k, v (N×T×3D) into h heads of width D/h, "
                            + "computes softmax(QKᵀ/√(D/h))·V and joins the heads, giving N×T×D. No parameters; "
                            + "MACs 2·T²·D per image (QKᵀ and AV, T²·D/h each per head).")
                    .paper(Papers.TRANSFORMER)
                    .param(heads(8))
                    .key("heads")
                    .input("qkv", "N×T×3D").output("y", "N×T×D")
                    .layouts(LayoutRule.fixed(Layout.TOKENS, Layout.TOKENS))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 3, "N×T×3D");
                if (x.dim(2) % 3 != 0) {
                    throw in.error(0, "the last dimension (" + x.dim(2) + ") must hold q, k and v: a multiple of 3");
                }
                int d = x.dim(2) / 3;
                int h = p.integer("heads");
                if (d % h != 0) {
                    throw new ShapeException(null, "heads = " + h + " must divide the width " + d);
                }
                long t = x.dim(1);
                return Evaluation.of(x.withLast(d), 0, 2L * x.dim(0) * t * t * d);
            });

    public static final BlockType MHSA = new CompositeBlockType(
            BlockSpec.builder("attention.mhsa", "Multi-head self-attention", Category.ATTENTION)
                    .description("Global multi-head self-attention on tokens: Linear D→3D (qkv), attention core, "
                            + "Linear D→D (proj). Params 4D² (+4D with biases); MACs 4·T·D² + 2·T²·D per image.")
                    .paper(Papers.TRANSFORMER)
                    .param(heads(8))
                    .param(ParamSpec.bool("qkv_bias", true, "Bias on the qkv projection"))
                    .param(ParamSpec.bool("proj_bias", true, "Bias on the output projection"))
                    .key("heads")
                    .input("x", "N×T×D").output("y", "N×T×D")
                    .layouts(LayoutRule.fixed(Layout.TOKENS, Layout.TOKENS))
                    .build(),
            (in, p) -> {
                int d = in.rank(0, 3, "N×T×D").dim(2);
                GraphBuilder g = new GraphBuilder("x");
                Ref y = g.add("qkv", LinearBlocks.LINEAR, Map.of("out_features", 3 * d, "bias", p.bool("qkv_bias")), g.input("x"));
                y = g.add("attention", SDPA, Map.of("heads", p.integer("heads")), y);
                y = g.add("proj", LinearBlocks.LINEAR, Map.of("out_features", d, "bias", p.bool("proj_bias")), y);
                return g.output("y", y).build();
            });

    public static final String TOKENS = "tokens";
    public static final String CHANNELS_FIRST = "channels_first";

    public static final BlockType MLP = new CompositeBlockType(
            BlockSpec.builder("attention.mlp", "MLP", Category.ATTENTION)
                    .description("The transformer feed-forward network: Linear C→hidden, activation, (dropout), "
                            + "Linear hidden→out, on the last dimension (tokens, channels-last maps) or as 1×1 "
                            + "convolutions on N×C×H×W (channels_first). Params 2·C·hidden (+hidden+out); "
                            + "MACs 2·T·C·hidden when out = C.")
                    .paper(Papers.TRANSFORMER)
                    .param(ParamSpec.real("mlp_ratio", 4.0, 0.01, 64.0, "Hidden width as a multiple of the input width"))
                    .param(ParamSpec.integer("hidden", 0, 0, 1 << 20, "Hidden width; 0 means mlp_ratio × input width"))
                    .param(ParamSpec.integer("out_features", 0, 0, 1 << 20, "Output width; 0 means the input width"))
                    .param(ParamSpec.choice("activation", "gelu", List.of("gelu", "relu", "silu"), "Hidden activation"))
                    .param(ParamSpec.choice("layout", TOKENS, List.of(TOKENS, CHANNELS_FIRST),
                            "tokens: Linear on the last dimension; channels_first: 1×1 convs on N×C×H×W"))
                    .param(ParamSpec.bool("bias", true, "Biases on both layers"))
                    .param(ParamSpec.real("dropout", 0.0, 0.0, 0.99, "Dropout after each layer (0: none)"))
                    .key("mlp_ratio")
                    .input("x", "…×C or N×C×H×W").output("y", "same layout")
                    .layouts((in, p, n) -> List.of(p.choice("layout").equals(CHANNELS_FIRST)
                            ? in.require(0, Layout.NCHW)
                            : in.require(0, Layout.NHWC, Layout.TOKENS, Layout.VECTOR, Layout.ANY)))
                    .build(),
            (in, p) -> {
                boolean conv = p.choice("layout").equals(CHANNELS_FIRST);
                int c = conv ? in.rank(0, 4, "N×C×H×W").dim(1) : in.minRank(0, 2, "…×C").dim(-1);
                int hidden = p.integer("hidden") > 0 ? p.integer("hidden") : (int) (c * p.real("mlp_ratio")); // int() as timm
                int out = p.integer("out_features") > 0 ? p.integer("out_features") : c;
                GraphBuilder g = new GraphBuilder("x");
                BlockType layer = conv ? ConvBlocks.POINTWISE : LinearBlocks.LINEAR;
                String width = conv ? "out_channels" : "out_features";
                Ref y = g.add("fc1", layer, Map.of(width, hidden, "bias", p.bool("bias")), g.input("x"));
                y = g.add("act", ActivationBlocks.byName(p.choice("activation")), Map.of(), y);
                if (p.real("dropout") > 0) {
                    y = g.add("drop1", RegularizationBlocks.DROPOUT, Map.of("p", p.real("dropout")), y);
                }
                y = g.add("fc2", layer, Map.of(width, out, "bias", p.bool("bias")), y);
                if (p.real("dropout") > 0) {
                    y = g.add("drop2", RegularizationBlocks.DROPOUT, Map.of("p", p.real("dropout")), y);
                }
                return g.output("y", y).build();
            });

    public static final BlockType SQUEEZE_EXCITATION = new CompositeBlockType(
            BlockSpec.builder("attention.squeeze_excitation", "Squeeze-excitation", Category.ATTENTION)
                    .description("Channel attention: global average pool, 1×1 conv C→r (bias), activation, 1×1 conv "
                            + "r→C (bias), gate, and a channel-wise multiply with the input. Params 2·C·r + C + r; "
                            + "MACs 2·C·r per image. EfficientNet takes r from the block's input width, not from C.")
                    .paper(Papers.SQUEEZE_EXCITATION)
                    .param(ParamSpec.integer("rd_channels", 0, 0, 1 << 20, "Squeezed width r; 0 means ⌊C·rd_ratio⌋"))
                    .param(ParamSpec.real("rd_ratio", 0.25, 0.001, 1.0, "r as a fraction of C when rd_channels is 0"))
                    .param(ParamSpec.choice("activation", "relu", List.of("relu", "silu", "gelu"), "Activation after the squeeze"))
                    .param(ParamSpec.choice("gate", "sigmoid", List.of("sigmoid", "hardsigmoid"), "Gate function"))
                    .key("rd_channels", "rd_ratio")
                    .input("x", "N×C×H×W").output("y", "N×C×H×W")
                    .layouts(LayoutRule.preserves(Layout.NCHW))
                    .build(),
            (in, p) -> {
                int c = in.rank(0, 4, "N×C×H×W").dim(1);
                int r = p.integer("rd_channels") > 0 ? p.integer("rd_channels") : (int) Math.floor(c * p.real("rd_ratio"));
                GraphBuilder g = new GraphBuilder("x");
                Ref s = g.add("squeeze", PoolBlocks.GLOBAL_AVG, Map.of("layout", PoolBlocks.CHANNELS_FIRST, "keep_dims", true), g.input("x"));
                s = g.add("reduce", ConvBlocks.POINTWISE, Map.of("out_channels", r, "bias", true), s);
                s = g.add("act", ActivationBlocks.byName(p.choice("activation")), Map.of(), s);
                s = g.add("expand", ConvBlocks.POINTWISE, Map.of("out_channels", c, "bias", true), s);
                s = g.add("gate", ActivationBlocks.byName(p.choice("gate")), Map.of(), s);
                Ref y = g.add("scale", MergeBlocks.MULTIPLY, Map.of(), g.input("x"), s);
                return g.output("y", y).build();
            });

    public static final List<BlockType> ALL = List.of(SDPA, MHSA, MLP, SQUEEZE_EXCITATION);
}
