package org.modelworkbench.blocks.vit;

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
import org.modelworkbench.blocks.regularization.RegularizationBlocks;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.ShapeException;

/**
 * ViT / DeiT (Dosovitskiy et al., ICLR 2021; Touvron et al., ICML 2021): the pre-norm transformer encoder
 * block, as in torchvision {@code vit_b_16} (EncoderBlock) and timm {@code deit_tiny_patch16_224} (Block).
 */
public final class VitBlocks {
    private VitBlocks() {
    }

    public static final BlockType ENCODER_BLOCK = new CompositeBlockType(
            BlockSpec.builder("vit.encoder_block", "ViT encoder block", Category.VIT)
                    .description("Pre-norm transformer encoder block on tokens N×T×D: x + MHSA(LN(x)), then "
                            + "x + MLP(LN(x)). MHSA: Linear D→3D (qkv, bias optional), h heads of width D/h, Linear "
                            + "D→D (bias); MLP: Linear D→r·D (bias), GELU, Linear r·D→D (bias); LayerNorm eps "
                            + "1e-6 (timm, torchvision). Params 4D² + 2r·D² + (3 or 0) D + D + r·D + D + 4D "
                            + "(12D² + 13D for r = 4 with qkv bias); MACs T·(4 + 2r)·D² + 2·T²·D per image "
                            + "(qkv, proj, MLP, and QKᵀ and AV). Matches timm deit_tiny_patch16_224 / "
                            + "vit_base_patch16_224 (Block) and torchvision vit_b_16 (EncoderBlock); DeiT uses the "
                            + "plain ViT block.")
                    .paper(Papers.VIT)
                    .param(AttentionBlocks.heads(12))
                    .param(ParamSpec.real("mlp_ratio", 4.0, 0.01, 64.0, "MLP hidden width as a multiple of D"))
                    .param(ParamSpec.bool("qkv_bias", true, "Bias on the qkv projection (ViT, DeiT: yes)"))
                    .param(ParamSpec.real("eps", 1e-6, 1e-12, 0.1, "LayerNorm epsilon (timm and torchvision: 1e-6)"))
                    .param(ParamSpec.real("drop_path", 0.0, 0.0, 0.99, "Stochastic-depth probability of each branch"))
                    .key("heads", "mlp_ratio")
                    .input("x", "N×T×D").output("y", "N×T×D")
                    .layouts(LayoutRule.fixed(Layout.TOKENS, Layout.TOKENS))
                    .build(),
            (in, p) -> {
                int d = in.rank(0, 3, "N×T×D").dim(2);
                int heads = p.integer("heads");
                if (d % heads != 0) {
                    throw new ShapeException(null, "heads = " + heads + " must divide the width D = " + d);
                }
                double ratio = p.real("mlp_ratio");
                int hidden = (int) Math.floor(d * ratio + 1e-9);
                if (hidden < 1) {
                    throw new ShapeException(null, "mlp_ratio = " + ratio + " gives no hidden width for D = " + d);
                }
                double eps = p.real("eps");
                double drop = p.real("drop_path");
                GraphBuilder g = new GraphBuilder("x");
                Ref y = g.add("norm1", NormBlocks.LAYER_NORM, Map.of("layout", NormBlocks.CHANNELS_LAST, "eps", eps),
                        g.input("x"));
                y = g.add("attn", AttentionBlocks.MHSA, Map.of("heads", heads, "qkv_bias", p.bool("qkv_bias"),
                        "proj_bias", true), y);
                if (drop > 0) {
                    y = g.add("drop_path1", RegularizationBlocks.DROP_PATH, Map.of("p", drop), y);
                }
                Ref x1 = g.add("add1", MergeBlocks.ADD, Map.of(), g.input("x"), y);
                y = g.add("norm2", NormBlocks.LAYER_NORM, Map.of("layout", NormBlocks.CHANNELS_LAST, "eps", eps), x1);
                y = g.add("mlp", AttentionBlocks.MLP, Map.of("mlp_ratio", ratio, "hidden", hidden,
                        "layout", AttentionBlocks.TOKENS, "activation", "gelu", "bias", true), y);
                if (drop > 0) {
                    y = g.add("drop_path2", RegularizationBlocks.DROP_PATH, Map.of("p", drop), y);
                }
                y = g.add("add2", MergeBlocks.ADD, Map.of(), x1, y);
                return g.output("y", y).build();
            });

    public static final List<BlockType> ALL = List.of(ENCODER_BLOCK);
}
