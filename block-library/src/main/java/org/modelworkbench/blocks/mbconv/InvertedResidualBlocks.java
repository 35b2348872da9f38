package org.modelworkbench.blocks.mbconv;

import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.LayoutRule;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.activation.ActivationBlocks;
import org.modelworkbench.blocks.attention.AttentionBlocks;
import org.modelworkbench.blocks.conv.ConvBlocks;
import org.modelworkbench.blocks.graph.BlockGraph.Ref;
import org.modelworkbench.blocks.graph.GraphBuilder;
import org.modelworkbench.blocks.merge.MergeBlocks;
import org.modelworkbench.blocks.norm.NormBlocks;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.regularization.RegularizationBlocks;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.ShapeException;

/**
 * Inverted residual blocks: MobileNetV2's linear-bottleneck block (torchvision {@code mobilenet_v2}) and
 * EfficientNet's MBConv with squeeze-excitation (timm {@code efficientnet_b0}). Every convolution is
 * without bias and followed by BatchNorm; the projection back to Cout has no activation.
 */
public final class InvertedResidualBlocks {
    private InvertedResidualBlocks() {
    }

    private static final int MAX_CHANNELS = 1 << 16;

    private static ParamSpec outChannels(int def) {
        return ParamSpec.integer("out_channels", def, 1, MAX_CHANNELS, "Output channels Cout");
    }

    private static ParamSpec expandRatio(String what) {
        return ParamSpec.integer("expand_ratio", 6, 1, 16,
                "Expansion t: the hidden width is M = t·Cin; 1 skips the expansion conv" + what);
    }

    private static ParamSpec kernel() {
        return ParamSpec.integer("kernel", 3, 1, 15, "Depthwise kernel size k (odd; padding k//2)").withUnit("px");
    }

    private static ParamSpec stride() {
        return ParamSpec.integer("stride", 1, 1, 4, "Stride s of the depthwise conv (2 in the first block of a stage)");
    }

    public static final BlockType INVERTED_RESIDUAL = new CompositeBlockType(
            BlockSpec.builder("mbconv.inverted_residual", "Inverted residual (MobileNetV2)", Category.INVERTED_RESIDUAL)
                    .description("MobileNetV2's inverted residual with a linear bottleneck, on N×Cin×H×W, M = t·Cin: "
                            + "[if t ≠ 1: conv1×1 Cin→M, BN, act] → depthwise conv k×k/s padding k//2, BN, act → "
                            + "conv1×1 M→Cout, BN (linear: no activation); all convs without bias; the input is added "
                            + "back iff s = 1 and Cin = Cout. Params [Cin·M + 2M] + k²·M + 2M + M·Cout + 2Cout; "
                            + "MACs [Ti·Cin·M] + To·(k²·M + M·Cout), Ti and To the input and output positions per "
                            + "image. As torchvision InvertedResidual (mobilenet_v2) / timm mobilenetv2_100.")
                    .paper(Papers.MOBILENET_V2)
                    .param(outChannels(24))
                    .param(expandRatio(" (the first block of MobileNetV2)"))
                    .param(stride())
                    .param(kernel())
                    .param(ParamSpec.choice("activation", "relu6", List.of("relu6", "relu", "silu", "hardswish"),
                            "Activation after the expansion and the depthwise conv"))
                    .key("out_channels", "expand_ratio", "stride")
                    .input("x", "N×Cin×H×W").output("y", "N×Cout×Ho×Wo")
                    .layouts(LayoutRule.preserves(Layout.NCHW))
                    .build(),
            (in, p) -> {
                int cin = in.rank(0, 4, "N×C×H×W").dim(1);
                int cout = p.integer("out_channels");
                int t = p.integer("expand_ratio");
                int s = p.integer("stride");
                int k = oddKernel(p);
                BlockType act = ActivationBlocks.byName(p.choice("activation"));
                GraphBuilder g = new GraphBuilder("x");
                Ref x = g.input("x");
                Ref y = x;
                if (t != 1) {
                    y = g.add("expand_conv", ConvBlocks.POINTWISE, Map.of("out_channels", t * cin, "bias", false), y);
                    y = g.add("expand_bn", NormBlocks.BATCH_NORM, Map.of(), y);
                    y = g.add("expand_act", act, Map.of(), y);
                }
                y = g.add("dw_conv", ConvBlocks.DEPTHWISE, depthwise(k, s), y);
                y = g.add("dw_bn", NormBlocks.BATCH_NORM, Map.of(), y);
                y = g.add("dw_act", act, Map.of(), y);
                y = g.add("project_conv", ConvBlocks.POINTWISE, Map.of("out_channels", cout, "bias", false), y);
                y = g.add("project_bn", NormBlocks.BATCH_NORM, Map.of(), y);
                if (s == 1 && cin == cout) {
                    y = g.add("add", MergeBlocks.ADD, Map.of(), y, x);
                }
                return g.output("y", y).build();
            });

    public static final BlockType MBCONV = new CompositeBlockType(
            BlockSpec.builder("mbconv.mbconv", "MBConv with SE (EfficientNet)", Category.INVERTED_RESIDUAL)
                    .description("EfficientNet's mobile inverted bottleneck with squeeze-excitation, on N×Cin×H×W, "
                            + "M = e·Cin: [if e ≠ 1: conv1×1 Cin→M, BN, act] → depthwise conv k×k/s padding k//2, BN, "
                            + "act → SE on M channels with r = ⌊Cin·se_ratio⌋ (from the block INPUT width; 1×1 convs "
                            + "with bias, same activation, sigmoid gate) → conv1×1 M→Cout, BN (no activation); "
                            + "other convs without bias. With e = 1 it is EfficientNet's depthwise-separable (DS) "
                            + "block. The input is added back (after drop-path when drop_path > 0) iff s = 1 and "
                            + "Cin = Cout. Params [Cin·M + 2M] + k²·M + 2M + (2·M·r + M + r) + M·Cout + 2Cout; MACs "
                            + "[Ti·Cin·M] + To·(k²·M + M·Cout) + 2·M·r per image. As timm InvertedResidual / "
                            + "DepthwiseSeparableConv (efficientnet_b0) / torchvision MBConv.")
                    .paper(Papers.EFFICIENTNET)
                    .param(outChannels(40))
                    .param(expandRatio(" (EfficientNet's DS block)"))
                    .param(kernel())
                    .param(stride())
                    .param(ParamSpec.real("se_ratio", 0.25, 0.0, 1.0,
                            "Squeeze width r = ⌊Cin·se_ratio⌋ of the SE, from the block input channels; 0 disables SE"))
                    .param(ParamSpec.choice("activation", "silu", List.of("silu", "relu", "gelu"),
                            "Activation of the block and of its SE"))
                    .param(ParamSpec.real("drop_path", 0.0, 0.0, 0.99,
                            "Stochastic-depth rate on the residual branch (only where there is a residual)"))
                    .key("out_channels", "expand_ratio", "kernel", "stride")
                    .input("x", "N×Cin×H×W").output("y", "N×Cout×Ho×Wo")
                    .layouts(LayoutRule.preserves(Layout.NCHW))
                    .build(),
            (in, p) -> {
                int cin = in.rank(0, 4, "N×C×H×W").dim(1);
                int cout = p.integer("out_channels");
                int e = p.integer("expand_ratio");
                int s = p.integer("stride");
                int k = oddKernel(p);
                double seRatio = p.real("se_ratio");
                int r = (int) Math.floor(cin * seRatio);
                if (seRatio > 0 && r == 0) {
                    throw new ShapeException(null, "se_ratio = " + seRatio + " of the " + cin
                            + " input channels gives 0 squeeze channels; raise se_ratio or set it to 0 to drop the SE");
                }
                String activation = p.choice("activation");
                BlockType act = ActivationBlocks.byName(activation);
                GraphBuilder g = new GraphBuilder("x");
                Ref x = g.input("x");
                Ref y = x;
                if (e != 1) {
                    y = g.add("conv_pw", ConvBlocks.POINTWISE, Map.of("out_channels", e * cin, "bias", false), y);
                    y = g.add("bn1", NormBlocks.BATCH_NORM, Map.of(), y);
                    y = g.add("act1", act, Map.of(), y);
                }
                y = g.add("conv_dw", ConvBlocks.DEPTHWISE, depthwise(k, s), y);
                y = g.add("bn2", NormBlocks.BATCH_NORM, Map.of(), y);
                y = g.add("act2", act, Map.of(), y);
                if (r > 0) {
                    y = g.add("se", AttentionBlocks.SQUEEZE_EXCITATION,
                            Map.of("rd_channels", r, "activation", activation, "gate", "sigmoid"), y);
                }
                y = g.add("conv_pwl", ConvBlocks.POINTWISE, Map.of("out_channels", cout, "bias", false), y);
                y = g.add("bn3", NormBlocks.BATCH_NORM, Map.of(), y);
                if (s == 1 && cin == cout) {
                    if (p.real("drop_path") > 0) {
                        y = g.add("drop_path", RegularizationBlocks.DROP_PATH, Map.of("p", p.real("drop_path")), y);
                    }
                    y = g.add("add", MergeBlocks.ADD, Map.of(), y, x);
                }
                return g.output("y", y).build();
            });

    public static final List<BlockType> ALL = List.of(INVERTED_RESIDUAL, MBCONV);

    private static int oddKernel(ParamValues p) throws ShapeException {
        int k = p.integer("kernel");
        if (k % 2 == 0) {
            throw new ShapeException(null, "kernel = " + k + " must be odd so that padding k//2 = " + k / 2
                    + " keeps the map size at stride 1");
        }
        return k;
    }

    private static Map<String, Object> depthwise(int k, int s) {
        return Map.of("kernel", k, "stride", s, "padding", k / 2, "bias", false);
    }
}
