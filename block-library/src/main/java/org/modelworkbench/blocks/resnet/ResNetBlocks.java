package org.modelworkbench.blocks.resnet;

import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.LayoutRule;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.activation.ActivationBlocks;
import org.modelworkbench.blocks.conv.ConvBlocks;
import org.modelworkbench.blocks.graph.BlockGraph.Ref;
import org.modelworkbench.blocks.graph.GraphBuilder;
import org.modelworkbench.blocks.merge.MergeBlocks;
import org.modelworkbench.blocks.norm.NormBlocks;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.ShapeException;

/**
 * Residual blocks of ResNet (torchvision {@code resnet.py}, timm {@code resnet.py}): the basic block of
 * ResNet-18/34 and the "v1.5" bottleneck of ResNet-50/101/152, which with groups and base_width also
 * gives ResNeXt and Wide ResNet. All convolutions are without bias, each followed by BatchNorm.
 */
public final class ResNetBlocks {
    private ResNetBlocks() {
    }

    private static final int MAX_CHANNELS = 1 << 16;

    private static ParamSpec stride() {
        return ParamSpec.integer("stride", 1, 1, 8,
                "Stride s of the block (the first block of a stage down-samples with s = 2)");
    }

    public static final BlockType BASIC_BLOCK = new CompositeBlockType(
            BlockSpec.builder("resnet.basic_block", "ResNet basic block", Category.RESNET)
                    .description("The two-layer residual block of ResNet-18/34, on N×Cin×H×W: conv3×3/s Cin→C (no bias), "
                            + "BN, ReLU, conv3×3 C→C (no bias), BN, add the shortcut, ReLU. The shortcut is a "
                            + "projection (conv1×1/s Cin→C without bias + BN) iff s ≠ 1 or Cin ≠ C, otherwise the "
                            + "identity. Params 9·Cin·C + 9·C² + 4C [+ Cin·C + 2C]; MACs To·(9·Cin·C + 9·C² "
                            + "[+ Cin·C]) with To = Ho·Wo output positions per image. As torchvision BasicBlock "
                            + "(resnet18, resnet34) / timm resnet18.")
                    .paper(Papers.RESNET)
                    .param(ParamSpec.integer("out_channels", 64, 1, MAX_CHANNELS, "Output channels C (= planes)"))
                    .param(stride())
                    .key("out_channels", "stride")
                    .input("x", "N×Cin×H×W").output("y", "N×C×Ho×Wo")
                    .layouts(LayoutRule.preserves(Layout.NCHW))
                    .build(),
            (in, p) -> {
                int cin = in.rank(0, 4, "N×C×H×W").dim(1);
                int c = p.integer("out_channels");
                int s = p.integer("stride");
                GraphBuilder g = new GraphBuilder("x");
                Ref x = g.input("x");
                Ref y = g.add("conv1", ConvBlocks.CONV2D, conv(c, 3, s, 1, 1), x);
                y = g.add("bn1", NormBlocks.BATCH_NORM, Map.of(), y);
                y = g.add("relu1", ActivationBlocks.RELU, Map.of(), y);
                y = g.add("conv2", ConvBlocks.CONV2D, conv(c, 3, 1, 1, 1), y);
                y = g.add("bn2", NormBlocks.BATCH_NORM, Map.of(), y);
                Ref shortcut = shortcut(g, x, cin, c, s);
                y = g.add("add", MergeBlocks.ADD, Map.of(), y, shortcut);
                y = g.add("relu", ActivationBlocks.RELU, Map.of(), y);
                return g.output("y", y).build();
            });

    public static final BlockType BOTTLENECK = new CompositeBlockType(
            BlockSpec.builder("resnet.bottleneck", "ResNet bottleneck", Category.RESNET)
                    .description("The three-layer bottleneck of ResNet-50/101/152 in its \"v1.5\" form (the stride "
                            + "sits on the 3×3), on N×Cin×H×W. Inner width w = ⌊planes·base_width/64⌋·groups, output "
                            + "Co = expansion·planes: conv1×1 Cin→w, BN, ReLU, conv3×3/s w→w with g groups, BN, ReLU, "
                            + "conv1×1 w→Co, BN, add the shortcut, ReLU; all convs without bias. The shortcut is a "
                            + "projection (conv1×1/s Cin→Co + BN) iff s ≠ 1 or Cin ≠ Co. Params Cin·w + 9·w²/g + w·Co "
                            + "+ 4w + 2Co [+ Cin·Co + 2Co]; MACs Ti·Cin·w + To·(9·w²/g + w·Co) [+ To·Cin·Co], Ti and "
                            + "To the input and output positions per image. groups = 32, base_width = 4 gives ResNeXt "
                            + "(" + Papers.RESNEXT.citation() + "; torchvision resnext50_32x4d); base_width = 128 gives "
                            + "Wide ResNet (" + Papers.WIDE_RESNET.citation() + "; torchvision wide_resnet50_2). "
                            + "As torchvision Bottleneck (resnet50) / timm resnet50.")
                    .paper(Papers.RESNET)
                    .param(ParamSpec.integer("planes", 64, 1, MAX_CHANNELS,
                            "Planes: the inner width before widening; output channels are expansion × planes"))
                    .param(stride())
                    .param(ParamSpec.integer("groups", 1, 1, 1024, "Groups g of the 3×3 convolution (ResNeXt cardinality, 32)"))
                    .param(ParamSpec.integer("base_width", 64, 1, 4096,
                            "Width per group at planes = 64: w = ⌊planes·base_width/64⌋·groups (ResNeXt 4, Wide ResNet 128)"))
                    .param(ParamSpec.integer("expansion", 4, 1, 16, "Output channels as a multiple of planes"))
                    .key("planes", "stride", "groups")
                    .input("x", "N×Cin×H×W").output("y", "N×expansion·planes×Ho×Wo")
                    .layouts(LayoutRule.preserves(Layout.NCHW))
                    .build(),
            (in, p) -> {
                int cin = in.rank(0, 4, "N×C×H×W").dim(1);
                int planes = p.integer("planes");
                int s = p.integer("stride");
                int groups = p.integer("groups");
                int baseWidth = p.integer("base_width");
                int w = innerWidth(planes, baseWidth, groups);
                if (w == 0) {
                    throw new ShapeException(null, "planes = " + planes + " and base_width = " + baseWidth
                            + " give an inner width ⌊planes·base_width/64⌋·groups of 0; planes·base_width must be at least 64");
                }
                int co = p.integer("expansion") * planes;
                GraphBuilder g = new GraphBuilder("x");
                Ref x = g.input("x");
                Ref y = g.add("conv1", ConvBlocks.POINTWISE, Map.of("out_channels", w, "bias", false), x);
                y = g.add("bn1", NormBlocks.BATCH_NORM, Map.of(), y);
                y = g.add("relu1", ActivationBlocks.RELU, Map.of(), y);
                y = g.add("conv2", ConvBlocks.CONV2D, conv(w, 3, s, 1, groups), y);
                y = g.add("bn2", NormBlocks.BATCH_NORM, Map.of(), y);
                y = g.add("relu2", ActivationBlocks.RELU, Map.of(), y);
                y = g.add("conv3", ConvBlocks.POINTWISE, Map.of("out_channels", co, "bias", false), y);
                y = g.add("bn3", NormBlocks.BATCH_NORM, Map.of(), y);
                Ref shortcut = shortcut(g, x, cin, co, s);
                y = g.add("add", MergeBlocks.ADD, Map.of(), y, shortcut);
                y = g.add("relu", ActivationBlocks.RELU, Map.of(), y);
                return g.output("y", y).build();
            });

    public static final List<BlockType> ALL = List.of(BASIC_BLOCK, BOTTLENECK);

    /** The bottleneck's inner width ⌊planes·base_width/64⌋·groups (torchvision's formula). */
    public static int innerWidth(int planes, int baseWidth, int groups) {
        return (int) ((long) planes * baseWidth / 64) * groups;
    }

    private static Map<String, Object> conv(int out, int kernel, int stride, int padding, int groups) {
        return Map.of("out_channels", out, "kernel", kernel, "stride", stride, "padding", padding,
                "groups", groups, "bias", false);
    }

    /** Identity, or conv1×1/s (no bias) + BN when the stride or the width changes. */
    private static Ref shortcut(GraphBuilder g, Ref x, int cin, int cout, int stride) throws ShapeException {
        if (stride == 1 && cin == cout) {
            return x;
        }
        Ref d = g.add("downsample_conv", ConvBlocks.POINTWISE,
                Map.of("out_channels", cout, "stride", stride, "bias", false), x);
        return g.add("downsample_bn", NormBlocks.BATCH_NORM, Map.of(), d);
    }
}
