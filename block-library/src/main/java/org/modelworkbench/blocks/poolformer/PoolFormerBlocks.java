package org.modelworkbench.blocks.poolformer;

import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.LayoutRule;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.attention.AttentionBlocks;
import org.modelworkbench.blocks.graph.BlockGraph.Ref;
import org.modelworkbench.blocks.graph.GraphBuilder;
import org.modelworkbench.blocks.merge.MergeBlocks;
import org.modelworkbench.blocks.norm.NormBlocks;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.pool.PoolBlocks;
import org.modelworkbench.blocks.regularization.RegularizationBlocks;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.ShapeException;

/**
 * PoolFormer (Yu et al., CVPR 2022): the MetaFormer block whose token mixer is average pooling, as in
 * timm {@code poolformer_s12} (MetaFormer implementation) and the original sail-sg/poolformer code.
 */
public final class PoolFormerBlocks {
    private PoolFormerBlocks() {
    }

    /** GroupNorm epsilon of PoolFormer (PyTorch's default). */
    public static final double EPS = 1e-5;

    public static final BlockType BLOCK = new CompositeBlockType(
            BlockSpec.builder("poolformer.block", "PoolFormer block", Category.POOLFORMER)
                    .description("PoolFormer (MetaFormer) block on N×C×H×W, two residual branches: "
                            + "x + γ1·(AvgPool k×k stride 1 padding k//2, count_include_pad = false (GN(x)) − GN(x)), "
                            + "then x + γ2·MLP(GN(x)) with 1×1 convs C→r·C (bias), GELU, r·C→C (bias). Each GN is a "
                            + "GroupNorm with 1 group (2C); γ1, γ2 are channel-wise layer scales (C each). "
                            + "Params 2r·C² + r·C + 7C (8C² + 11C for r = 4); MACs H·W·2r·C² per image (pooling, "
                            + "subtraction and scaling are free). Matches timm poolformer_s12 (MetaFormerBlock with "
                            + "Pooling mixer, GroupNorm1, channels-first MLP).")
                    .paper(Papers.POOLFORMER)
                    .param(ParamSpec.integer("pool_size", 3, 1, 31, "Pooling window k (odd, so the size is kept)")
                            .withUnit("px"))
                    .param(ParamSpec.real("mlp_ratio", 4.0, 0.01, 64.0, "MLP hidden width as a multiple of C"))
                    .param(ParamSpec.real("layer_scale_init", 1e-5, 0.0, 10.0,
                            "Initial value of the layer scales γ1, γ2; 0 disables layer scale (no γ parameters)"))
                    .param(ParamSpec.real("drop_path", 0.0, 0.0, 0.99, "Stochastic-depth probability of each branch"))
                    .key("pool_size", "mlp_ratio")
                    .input("x", "N×C×H×W").output("y", "N×C×H×W")
                    .layouts(LayoutRule.preserves(Layout.NCHW))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 4, "N×C×H×W");
                int c = x.dim(1);
                int k = p.integer("pool_size");
                if (k % 2 == 0) {
                    throw new ShapeException(null, "pool_size = " + k + " must be odd so that padding k//2 keeps the "
                            + x.dim(2) + "×" + x.dim(3) + " size for the subtraction and the residual add");
                }
                double ratio = p.real("mlp_ratio");
                int hidden = (int) Math.floor(c * ratio + 1e-9);
                if (hidden < 1) {
                    throw new ShapeException(null, "mlp_ratio = " + ratio + " gives no hidden channels for width " + c);
                }
                double gamma = p.real("layer_scale_init");
                double drop = p.real("drop_path");
                GraphBuilder g = new GraphBuilder("x");
                // Token mixer branch.
                Ref n1 = g.add("norm1", NormBlocks.GROUP_NORM, Map.of("groups", 1, "eps", EPS), g.input("x"));
                Ref pooled = g.add("pool", PoolBlocks.AVG2D, Map.of("kernel", k, "stride", 1, "padding", k / 2,
                        "count_include_pad", false), n1);
                Ref y = g.add("subtract", MergeBlocks.SUBTRACT, Map.of(), pooled, n1);
                if (gamma > 0) {
                    y = g.add("layer_scale1", NormBlocks.LAYER_SCALE, Map.of("init", gamma,
                            "layout", NormBlocks.CHANNELS_FIRST), y);
                }
                if (drop > 0) {
                    y = g.add("drop_path1", RegularizationBlocks.DROP_PATH, Map.of("p", drop), y);
                }
                Ref x1 = g.add("add1", MergeBlocks.ADD, Map.of(), g.input("x"), y);
                // MLP branch.
                Ref n2 = g.add("norm2", NormBlocks.GROUP_NORM, Map.of("groups", 1, "eps", EPS), x1);
                y = g.add("mlp", AttentionBlocks.MLP, Map.of("mlp_ratio", ratio, "hidden", hidden,
                        "layout", AttentionBlocks.CHANNELS_FIRST, "activation", "gelu", "bias", true), n2);
                if (gamma > 0) {
                    y = g.add("layer_scale2", NormBlocks.LAYER_SCALE, Map.of("init", gamma,
                            "layout", NormBlocks.CHANNELS_FIRST), y);
                }
                if (drop > 0) {
                    y = g.add("drop_path2", RegularizationBlocks.DROP_PATH, Map.of("p", drop), y);
                }
                y = g.add("add2", MergeBlocks.ADD, Map.of(), x1, y);
                return g.output("y", y).build();
            });

    public static final List<BlockType> ALL = List.of(BLOCK);
}
