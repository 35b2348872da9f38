package org.modelworkbench.blocks.focal;

import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.LayoutRule;
import java.util.ArrayList;
import java.util.Collections;
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
import org.modelworkbench.blocks.pool.PoolBlocks;
import org.modelworkbench.blocks.regularization.RegularizationBlocks;
import org.modelworkbench.blocks.tensor.TensorBlocks;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.ShapeException;

/**
 * FocalNet: focal modulation and the FocalNet block, on channels-first maps N×C×H×W as timm's
 * {@code focalnet_*} models (the original repository uses Linear layers on channels-last tokens in
 * place of the 1×1 convolutions; the counts are the same).
 */
public final class FocalNetBlocks {
    private FocalNetBlocks() {
    }

    private static ParamSpec focalLevel() {
        return ParamSpec.integer("focal_level", 3, 1, 8,
                "Focal levels L: number of stacked depthwise context convolutions (SRF 2, LRF 3)");
    }

    private static ParamSpec focalWindow() {
        return ParamSpec.integer("focal_window", 3, 1, 31,
                "Kernel k0 of the first focal level; level l uses k_l = focal_factor·l + k0 (must stay odd)").withUnit("px");
    }

    private static ParamSpec focalFactor() {
        return ParamSpec.integer("focal_factor", 2, 0, 16, "Kernel growth per focal level (k_l = focal_factor·l + k0)");
    }

    /** The kernel of each focal level, k_l = focal_factor·l + focal_window, each odd. */
    static List<Integer> kernels(ParamValues p) throws ShapeException {
        List<Integer> ks = new ArrayList<>();
        for (int l = 0; l < p.integer("focal_level"); l++) {
            int k = p.integer("focal_factor") * l + p.integer("focal_window");
            if (k % 2 == 0) {
                throw new ShapeException(null, "focal level " + l + " has kernel " + k + " = focal_factor "
                        + p.integer("focal_factor") + " × " + l + " + focal_window " + p.integer("focal_window")
                        + ", which is even: padding k//2 would change the map size; use an odd focal_window "
                        + "and an even focal_factor");
            }
            ks.add(k);
        }
        return ks;
    }

    public static final BlockType MODULATION = new CompositeBlockType(
            BlockSpec.builder("focal.modulation", "Focal modulation", Category.FOCALNET)
                    .description("FocalNet's replacement for self-attention, on N×C×H×W: f = 1×1 conv C→2C+(L+1) "
                            + "(bias), split into query q (C), context (C) and L+1 gates; for each level l = 0…L−1 "
                            + "the context goes through a depthwise k_l×k_l conv (no bias, padding k_l//2, "
                            + "k_l = focal_factor·l + focal_window) and GELU and is added to the aggregate weighted "
                            + "by gate l (an N×1×H×W map, broadcast over channels); the global level adds "
                            + "GELU(spatial mean of the last context) weighted by gate L; the aggregate goes "
                            + "through h = 1×1 conv C→C (bias) to give the modulator; out = proj(q · modulator) with "
                            + "proj a 1×1 conv C→C (bias). Params 4C² + C·(L+1) + C·Σk_l² + 4C + (L+1); MACs "
                            + "T·(4C² + C·(L+1) + C·Σk_l²) per image (T = H·W); the mean, gating and q·modulator "
                            + "products count 0. As timm focalnet_tiny_lrf FocalModulation (no modulator "
                            + "normalisation, no post-norm inside the modulation).")
                    .paper(Papers.FOCALNET)
                    .param(focalLevel())
                    .param(focalWindow())
                    .param(focalFactor())
                    .key("focal_level", "focal_window")
                    .input("x", "N×C×H×W").output("y", "N×C×H×W")
                    .layouts(LayoutRule.preserves(Layout.NCHW))
                    .build(),
            (in, p) -> {
                int c = in.rank(0, 4, "N×C×H×W").dim(1);
                int levels = p.integer("focal_level");
                List<Integer> ks = kernels(p);
                GraphBuilder g = new GraphBuilder("x");
                Ref f = g.add("f", ConvBlocks.POINTWISE, Map.of("out_channels", 2 * c + levels + 1, "bias", true),
                        g.input("x"));
                List<Ref> parts = g.addNode("split", TensorBlocks.SPLIT,
                        Map.of("sizes", List.of(c, c, levels + 1), "dim", 1), f);
                Ref q = parts.get(0);
                Ref ctx = parts.get(1);
                List<Ref> gates = g.addNode("split_gates", TensorBlocks.SPLIT,
                        Map.of("sizes", Collections.nCopies(levels + 1, 1), "dim", 1), parts.get(2));
                Ref all = null;
                for (int l = 0; l < levels; l++) {
                    int k = ks.get(l);
                    ctx = g.add("focal" + l + "_dwconv", ConvBlocks.DEPTHWISE,
                            Map.of("kernel", k, "stride", 1, "padding", k / 2, "bias", false), ctx);
                    ctx = g.add("focal" + l + "_act", ActivationBlocks.GELU, Map.of(), ctx);
                    Ref gated = g.add("gate" + l, MergeBlocks.MULTIPLY, Map.of(), ctx, gates.get(l));
                    all = all == null ? gated : g.add("sum" + l, MergeBlocks.ADD, Map.of(), all, gated);
                }
                Ref global = g.add("global_pool", PoolBlocks.GLOBAL_AVG,
                        Map.of("layout", PoolBlocks.CHANNELS_FIRST, "keep_dims", true), ctx);
                global = g.add("global_act", ActivationBlocks.GELU, Map.of(), global);
                global = g.add("gate" + levels, MergeBlocks.MULTIPLY, Map.of(), global, gates.get(levels));
                all = g.add("sum" + levels, MergeBlocks.ADD, Map.of(), all, global);
                Ref modulator = g.add("h", ConvBlocks.POINTWISE, Map.of("out_channels", c, "bias", true), all);
                Ref y = g.add("modulate", MergeBlocks.MULTIPLY, Map.of(), q, modulator);
                y = g.add("proj", ConvBlocks.POINTWISE, Map.of("out_channels", c, "bias", true), y);
                return g.output("y", y).build();
            });

    public static final BlockType BLOCK = new CompositeBlockType(
            BlockSpec.builder("focal.block", "FocalNet block", Category.FOCALNET)
                    .description("One FocalNet block on N×C×H×W: x + Mod(LN(x)), then x + MLP(LN(x)), with "
                            + "channels-first LayerNorms and an MLP of 1×1 convs C→rC (bias), GELU, rC→C (bias). "
                            + "post_norm (large and bigger models) moves each LN after its branch; layer_scale_init "
                            + "> 0 multiplies each branch by a learned γ (C params each). Params (r = 4, no layer "
                            + "scale) 12C² + C·(L+1) + C·Σk_l² + 13C + (L+1); MACs T·(12C² + C·(L+1) + C·Σk_l²) "
                            + "per image. E.g. C = 96 at 56×56, L = 3 (kernels 3, 5, 7): 120,196 params, 373.0 M "
                            + "MACs. As timm focalnet_tiny_lrf / focalnet_tiny_srf FocalNetBlock.")
                    .paper(Papers.FOCALNET)
                    .param(focalLevel())
                    .param(focalWindow())
                    .param(focalFactor())
                    .param(ParamSpec.real("mlp_ratio", 4.0, 0.01, 64.0, "MLP hidden width as a multiple of C"))
                    .param(ParamSpec.real("drop_path", 0.0, 0.0, 0.99, "Stochastic-depth rate of both residual branches (0: none)"))
                    .param(ParamSpec.real("layer_scale_init", 0.0, 0.0, 10.0,
                            "Initial layer-scale γ on both branches; 0 means no layer scale (tiny/small/base), "
                                    + "1e-4 in the large models"))
                    .param(ParamSpec.bool("post_norm", false,
                            "Norm after the modulation and after the MLP instead of before (large models)"))
                    .key("focal_level", "focal_window")
                    .input("x", "N×C×H×W").output("y", "N×C×H×W")
                    .layouts(LayoutRule.preserves(Layout.NCHW))
                    .build(),
            (in, p) -> {
                in.rank(0, 4, "N×C×H×W");
                boolean post = p.bool("post_norm");
                double gamma = p.real("layer_scale_init");
                double dropPath = p.real("drop_path");
                Map<String, Object> norm = Map.of("layout", NormBlocks.CHANNELS_FIRST);
                GraphBuilder g = new GraphBuilder("x");
                Ref x = g.input("x");
                Ref y = post ? x : g.add("norm1", NormBlocks.LAYER_NORM, norm, x);
                y = g.add("modulation", MODULATION, Map.of("focal_level", p.integer("focal_level"),
                        "focal_window", p.integer("focal_window"), "focal_factor", p.integer("focal_factor")), y);
                if (post) {
                    y = g.add("norm1", NormBlocks.LAYER_NORM, norm, y);
                }
                if (gamma > 0) {
                    y = g.add("layer_scale1", NormBlocks.LAYER_SCALE,
                            Map.of("init", gamma, "layout", NormBlocks.CHANNELS_FIRST), y);
                }
                if (dropPath > 0) {
                    y = g.add("drop_path1", RegularizationBlocks.DROP_PATH, Map.of("p", dropPath), y);
                }
                x = g.add("add1", MergeBlocks.ADD, Map.of(), x, y);
                y = post ? x : g.add("norm2", NormBlocks.LAYER_NORM, norm, x);
                y = g.add("mlp", AttentionBlocks.MLP, Map.of("mlp_ratio", p.real("mlp_ratio"),
                        "layout", AttentionBlocks.CHANNELS_FIRST), y);
                if (post) {
                    y = g.add("norm2", NormBlocks.LAYER_NORM, norm, y);
                }
                if (gamma > 0) {
                    y = g.add("layer_scale2", NormBlocks.LAYER_SCALE,
                            Map.of("init", gamma, "layout", NormBlocks.CHANNELS_FIRST), y);
                }
                if (dropPath > 0) {
                    y = g.add("drop_path2", RegularizationBlocks.DROP_PATH, Map.of("p", dropPath), y);
                }
                y = g.add("add2", MergeBlocks.ADD, Map.of(), x, y);
                return g.output("y", y).build();
            });

    public static final List<BlockType> ALL = List.of(BLOCK, MODULATION);
}
