package org.modelworkbench.blocks.convnext;

import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.LayoutRule;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.attention.AttentionBlocks;
import org.modelworkbench.blocks.conv.ConvBlocks;
import org.modelworkbench.blocks.graph.BlockGraph.Ref;
import org.modelworkbench.blocks.graph.GraphBuilder;
import org.modelworkbench.blocks.merge.MergeBlocks;
import org.modelworkbench.blocks.norm.NormBlocks;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.regularization.RegularizationBlocks;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.tensor.TensorBlocks;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.ShapeException;

/**
 * ConvNeXt (Liu et al., CVPR 2022): the block and the stage-to-stage downsampling layer, as in
 * torchvision {@code convnext_*} and timm {@code convnext_*} (identical counts).
 */
public final class ConvNeXtBlocks {
    private ConvNeXtBlocks() {
    }

    /** ConvNeXt's LayerNorm epsilon everywhere (stem, blocks, downsampling, head). */
    public static final double EPS = 1e-6;

    public static final BlockType BLOCK = new CompositeBlockType(
            BlockSpec.builder("convnext.block", "ConvNeXt block", Category.CONVNEXT)
                    .description("ConvNeXt block on N×C×H×W: depthwise conv k×k (padding k//2, groups C, with bias) → "
                            + "permute to channels-last N×H×W×C → LayerNorm(C, eps 1e-6) → MLP Linear C→r·C (bias), "
                            + "GELU, Linear r·C→C (bias) → layer scale γ (C) → permute back → drop-path → add the "
                            + "input. Params k²C + C + 2C + 2r·C² + r·C + C + C (8C² + 58C for k = 7, r = 4); "
                            + "MACs H·W·(k²C + 2r·C²) per image. Matches torchvision convnext_tiny "
                            + "(CNBlock) / timm convnext_tiny (ConvNeXtBlock, channels-last MLP).")
                    .paper(Papers.CONVNEXT)
                    .param(ParamSpec.integer("kernel", 7, 1, 31, "Depthwise kernel size k (odd, so the size is kept)")
                            .withUnit("px"))
                    .param(ParamSpec.real("mlp_ratio", 4.0, 0.01, 64.0, "MLP hidden width as a multiple of C"))
                    .param(ParamSpec.real("layer_scale_init", 1e-6, 0.0, 10.0,
                            "Initial value of the layer scale γ; 0 disables layer scale (no γ parameters)"))
                    .param(ParamSpec.real("drop_path", 0.0, 0.0, 0.99, "Stochastic-depth probability of the branch"))
                    .key("kernel", "mlp_ratio")
                    .input("x", "N×C×H×W").output("y", "N×C×H×W")
                    .layouts(LayoutRule.preserves(Layout.NCHW))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 4, "N×C×H×W");
                int c = x.dim(1);
                int k = p.integer("kernel");
                if (k % 2 == 0) {
                    throw new ShapeException(null, "kernel = " + k + " must be odd so that padding k//2 keeps the "
                            + x.dim(2) + "×" + x.dim(3) + " size for the residual add");
                }
                int hidden = hidden(c, p.real("mlp_ratio"));
                GraphBuilder g = new GraphBuilder("x");
                Ref y = g.add("dwconv", ConvBlocks.DEPTHWISE, Map.of("kernel", k, "stride", 1, "padding", k / 2,
                        "bias", true), g.input("x"));
                y = g.add("to_channels_last", TensorBlocks.PERMUTE, Map.of("dims", List.of(0, 2, 3, 1)), y);
                y = g.add("norm", NormBlocks.LAYER_NORM, Map.of("layout", NormBlocks.CHANNELS_LAST, "eps", EPS), y);
                y = g.add("mlp", AttentionBlocks.MLP, Map.of("mlp_ratio", p.real("mlp_ratio"), "hidden", hidden,
                        "layout", AttentionBlocks.TOKENS, "activation", "gelu", "bias", true), y);
                if (p.real("layer_scale_init") > 0) {
                    y = g.add("layer_scale", NormBlocks.LAYER_SCALE, Map.of("init", p.real("layer_scale_init"),
                            "layout", NormBlocks.CHANNELS_LAST), y);
                }
                y = g.add("to_channels_first", TensorBlocks.PERMUTE, Map.of("dims", List.of(0, 3, 1, 2)), y);
                if (p.real("drop_path") > 0) {
                    y = g.add("drop_path", RegularizationBlocks.DROP_PATH, Map.of("p", p.real("drop_path")), y);
                }
                y = g.add("add", MergeBlocks.ADD, Map.of(), g.input("x"), y);
                return g.output("y", y).build();
            });

    public static final BlockType DOWNSAMPLE = new CompositeBlockType(
            BlockSpec.builder("convnext.downsample", "ConvNeXt downsample", Category.CONVNEXT)
                    .description("ConvNeXt's downsampling between stages on N×C×H×W: LayerNorm over the channels "
                            + "(channels-first, eps 1e-6), then conv 2×2 stride 2 C→C' with bias, giving "
                            + "N×C'×⌊H/2⌋×⌊W/2⌋. Params 2C + 4·C·C' + C'; MACs (H/2)·(W/2)·4·C·C' per image. Matches "
                            + "torchvision convnext_tiny / timm convnext_tiny (ConvNeXtStage downsample).")
                    .paper(Papers.CONVNEXT)
                    .param(ParamSpec.integer("out_channels", 0, 0, 1 << 16, "Output channels C'; 0 means 2C"))
                    .key("out_channels")
                    .input("x", "N×C×H×W").output("y", "N×C'×H/2×W/2")
                    .layouts(LayoutRule.preserves(Layout.NCHW))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 4, "N×C×H×W");
                int out = p.integer("out_channels") == 0 ? 2 * x.dim(1) : p.integer("out_channels");
                if (x.dim(2) < 2 || x.dim(3) < 2) {
                    throw in.error(0, "the " + x.dim(2) + "×" + x.dim(3) + " map is too small for a 2×2 stride-2 "
                            + "downsample");
                }
                GraphBuilder g = new GraphBuilder("x");
                Ref y = g.add("norm", NormBlocks.LAYER_NORM, Map.of("layout", NormBlocks.CHANNELS_FIRST, "eps", EPS),
                        g.input("x"));
                y = g.add("conv", ConvBlocks.CONV2D, Map.of("out_channels", out, "kernel", 2, "stride", 2,
                        "padding", 0, "bias", true), y);
                return g.output("y", y).build();
            });

    public static final List<BlockType> ALL = List.of(BLOCK, DOWNSAMPLE);

    /** The MLP hidden width int(C·ratio), as timm computes it; at least 1. */
    static int hidden(int c, double ratio) throws ShapeException {
        int hidden = (int) Math.floor(c * ratio + 1e-9);
        if (hidden < 1) {
            throw new ShapeException(null, "mlp_ratio = " + ratio + " gives no hidden channels for width " + c);
        }
        return hidden;
    }
}
