package org.modelworkbench.blocks.swin;

import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.LayoutRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.attention.AttentionBlocks;
import org.modelworkbench.blocks.graph.BlockGraph.Ref;
import org.modelworkbench.blocks.graph.GraphBuilder;
import org.modelworkbench.blocks.linear.LinearBlocks;
import org.modelworkbench.blocks.merge.MergeBlocks;
import org.modelworkbench.blocks.norm.NormBlocks;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.regularization.RegularizationBlocks;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.tensor.TensorBlocks;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Inputs;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.PrimitiveBlockType;
import org.modelworkbench.blocks.type.ShapeException;

/**
 * Swin Transformer v1: (shifted) window attention and the Swin block, on channels-last maps N×H×W×C
 * (as timm {@code swin_tiny_patch4_window7_224} and torchvision {@code swin_t} keep them). Patch
 * merging between stages is {@code embedding.patch_merging}.
 */
public final class SwinBlocks {
    private SwinBlocks() {
    }

    private static ParamSpec heads(int def) {
        return ParamSpec.integer("heads", def, 1, 1024, "Attention heads h; must divide the width C");
    }

    private static final ParamSpec WINDOW = ParamSpec.integer("window", 7, 1, 64,
            "Window size W: attention runs inside W×W windows; must divide the map's height and width").withUnit("px");

    private static final ParamSpec SHIFTED = ParamSpec.bool("shifted", false,
            "Shifted windows (SW-MSA, odd blocks of a stage): roll the map by ⌊W/2⌋ and mask across regions; "
                    + "switched off on an axis whose size is ≤ W");

    /**
     * Checks that an H×W map splits into window×window windows and that {@code heads} divides C.
     * A map problem is reported on input {@code port} of {@code in}.
     */
    static void checkWindows(Inputs in, int port, int height, int width, int channels, ParamValues p)
            throws ShapeException {
        int window = p.integer("window");
        if (height % window != 0 || width % window != 0) {
            throw in.error(port, "the " + height + "×" + width + " feature map is not divisible by window " + window
                    + " (window must divide both the height and the width)");
        }
        int h = p.integer("heads");
        if (channels % h != 0) {
            throw new ShapeException(null, "heads = " + h + " must divide the width " + channels);
        }
    }

    public static final BlockType WINDOW_ATTENTION_CORE = new PrimitiveBlockType(
            BlockSpec.builder("swin.window_attention_core", "Window attention core", Category.SWIN)
                    .description("The attention core of Swin's W-MSA / SW-MSA on a channels-last map: takes packed "
                            + "q, k, v (N×H×W×3C), partitions the map into nW = H·W/W² windows of N = W² tokens, and "
                            + "in each window computes softmax(QKᵀ/√(C/h) + B)·V per head, where B comes from a "
                            + "learned relative-position bias table of (2W−1)²·h entries (the W²×W² index into it "
                            + "is a buffer, not counted). With shifted, the map arrives rolled by (−⌊W/2⌋, −⌊W/2⌋) "
                            + "and logits of token pairs from different regions get −100 (a mask buffer, 0 cost); "
                            + "when the map is ≤ W on an axis the shift is switched off there, as timm and "
                            + "torchvision do; this changes no counts. Output N×H×W×C. Params (2W−1)²·h; MACs "
                            + "2·T·W²·C per image (nW windows × 2·N²·C, T = H·W). H and W must be multiples of W "
                            + "(the libraries would pad; pad the design instead). As timm "
                            + "swin_tiny_patch4_window7_224 WindowAttention / torchvision swin_t "
                            + "shifted_window_attention, without the qkv and proj Linears.")
                    .paper(Papers.SWIN)
                    .param(heads(3))
                    .param(WINDOW)
                    .param(SHIFTED)
                    .key("heads", "window", "shifted")
                    .input("qkv", "N×H×W×3C").output("y", "N×H×W×C")
                    .layouts(LayoutRule.fixed(Layout.NHWC, Layout.NHWC))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 4, "N×H×W×3C");
                if (x.dim(3) % 3 != 0) {
                    throw in.error(0, "the last dimension (" + x.dim(3) + ") must hold q, k and v: a multiple of 3");
                }
                int c = x.dim(3) / 3;
                checkWindows(in, 0, x.dim(1), x.dim(2), c, p);
                long window = p.integer("window");
                long table = (2 * window - 1) * (2 * window - 1) * p.integer("heads");
                long tokens = (long) x.dim(1) * x.dim(2);
                long macs = 2L * x.dim(0) * tokens * window * window * c;
                return Evaluation.of(x.withLast(c), table, macs);
            });

    public static final BlockType WINDOW_ATTENTION = new CompositeBlockType(
            BlockSpec.builder("swin.window_attention", "Window attention (W-MSA / SW-MSA)", Category.SWIN)
                    .description("Swin's multi-head self-attention inside W×W windows of a channels-last map "
                            + "N×H×W×C: with shifted (and an axis larger than W), roll by (−⌊W/2⌋, −⌊W/2⌋); Linear "
                            + "C→3C (qkv, bias); the window attention core (relative-position bias, shift mask); "
                            + "Linear C→C (proj, bias); roll back by (+⌊W/2⌋, +⌊W/2⌋). The reference partitions into "
                            + "windows right after the roll and applies qkv and proj per window; here they act on "
                            + "the whole (rolled) map and the core partitions, which is equivalent because the "
                            + "Linears act on each token alone. Params 4C² + 4C + (2W−1)²·h (qkv bias "
                            + "included); MACs T·4C² + 2·T·W²·C per image. Shift and mask cost nothing. As timm "
                            + "swin_tiny_patch4_window7_224 / torchvision swin_t.")
                    .paper(Papers.SWIN)
                    .param(heads(3))
                    .param(WINDOW)
                    .param(SHIFTED)
                    .param(ParamSpec.bool("qkv_bias", true, "Bias on the qkv projection"))
                    .key("heads", "window", "shifted")
                    .input("x", "N×H×W×C").output("y", "N×H×W×C")
                    .layouts(LayoutRule.fixed(Layout.NHWC, Layout.NHWC))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 4, "N×H×W×C");
                int c = x.dim(3);
                checkWindows(in, 0, x.dim(1), x.dim(2), c, p);
                int window = p.integer("window");
                int s = window / 2;
                List<Integer> shifts = new ArrayList<>();
                List<Integer> back = new ArrayList<>();
                List<Integer> dims = new ArrayList<>();
                if (p.bool("shifted") && s > 0) {
                    for (int axis = 1; axis <= 2; axis++) {
                        if (x.dim(axis) > window) {
                            shifts.add(-s);
                            back.add(s);
                            dims.add(axis);
                        }
                    }
                }
                boolean shift = !dims.isEmpty();
                GraphBuilder g = new GraphBuilder("x");
                Ref y = g.input("x");
                if (shift) {
                    y = g.add("roll", TensorBlocks.ROLL, Map.of("shifts", shifts, "dims", dims), y);
                }
                y = g.add("qkv", LinearBlocks.LINEAR, Map.of("out_features", 3 * c, "bias", p.bool("qkv_bias")), y);
                y = g.add("attention", WINDOW_ATTENTION_CORE, Map.of("heads", p.integer("heads"), "window", window,
                        "shifted", shift), y);
                y = g.add("proj", LinearBlocks.LINEAR, Map.of("out_features", c, "bias", true), y);
                if (shift) {
                    y = g.add("roll_back", TensorBlocks.ROLL, Map.of("shifts", back, "dims", dims), y);
                }
                return g.output("y", y).build();
            });

    public static final BlockType BLOCK = new CompositeBlockType(
            BlockSpec.builder("swin.block", "Swin block", Category.SWIN)
                    .description("One Swin Transformer block on a channels-last map N×H×W×C: x + W-MSA(LN(x)), then "
                            + "x + MLP(LN(x)) with MLP = Linear C→rC (bias), GELU, Linear rC→C (bias). Blocks of a "
                            + "stage alternate unshifted (even index) and shifted (odd index) windows. Params "
                            + "12C² + 13C + (2W−1)²·h at r = 4; MACs T·12C² + 2·T·W²·C per image (T = H·W). "
                            + "E.g. C = 96, h = 3, W = 7 at 56×56: 112,347 params, 376.3 M MACs. As timm "
                            + "swin_tiny_patch4_window7_224 SwinTransformerBlock / torchvision swin_t.")
                    .paper(Papers.SWIN)
                    .param(heads(3))
                    .param(WINDOW)
                    .param(SHIFTED)
                    .param(ParamSpec.real("mlp_ratio", 4.0, 0.01, 64.0, "MLP hidden width as a multiple of C"))
                    .param(ParamSpec.real("drop_path", 0.0, 0.0, 0.99, "Stochastic-depth rate of both residual branches (0: none)"))
                    .key("heads", "window", "shifted")
                    .input("x", "N×H×W×C").output("y", "N×H×W×C")
                    .layouts(LayoutRule.fixed(Layout.NHWC, Layout.NHWC))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 4, "N×H×W×C");
                checkWindows(in, 0, x.dim(1), x.dim(2), x.dim(3), p);
                double dropPath = p.real("drop_path");
                GraphBuilder g = new GraphBuilder("x");
                Ref y = g.add("norm1", NormBlocks.LAYER_NORM, Map.of("layout", NormBlocks.CHANNELS_LAST), g.input("x"));
                y = g.add("attention", WINDOW_ATTENTION, Map.of("heads", p.integer("heads"),
                        "window", p.integer("window"), "shifted", p.bool("shifted")), y);
                if (dropPath > 0) {
                    y = g.add("drop_path1", RegularizationBlocks.DROP_PATH, Map.of("p", dropPath), y);
                }
                Ref x1 = g.add("add1", MergeBlocks.ADD, Map.of(), g.input("x"), y);
                y = g.add("norm2", NormBlocks.LAYER_NORM, Map.of("layout", NormBlocks.CHANNELS_LAST), x1);
                y = g.add("mlp", AttentionBlocks.MLP, Map.of("mlp_ratio", p.real("mlp_ratio"),
                        "layout", AttentionBlocks.TOKENS), y);
                if (dropPath > 0) {
                    y = g.add("drop_path2", RegularizationBlocks.DROP_PATH, Map.of("p", dropPath), y);
                }
                y = g.add("add2", MergeBlocks.ADD, Map.of(), x1, y);
                return g.output("y", y).build();
            });

    public static final List<BlockType> ALL = List.of(BLOCK, WINDOW_ATTENTION, WINDOW_ATTENTION_CORE);
}
