package org.modelworkbench.blocks.mamba;

import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.LayoutRule;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.activation.ActivationBlocks;
import org.modelworkbench.blocks.attention.AttentionBlocks;
import org.modelworkbench.blocks.conv.ConvBlocks;
import org.modelworkbench.blocks.graph.BlockGraph.Ref;
import org.modelworkbench.blocks.graph.GraphBuilder;
import org.modelworkbench.blocks.linear.LinearBlocks;
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
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.PrimitiveBlockType;
import org.modelworkbench.blocks.type.ShapeException;

/**
 * Selective state-space blocks: VMamba's 2-D selective scan (cross-scan, selective scan, cross-merge,
 * SS2D, the VSS block, its stem and downsampling) and the original 1-D Mamba mixer of Gu &amp; Dao.
 *
 * <p>Cost convention of the scan (blocks-exact §8.4): (3N + 1) MACs per token, scanned channel and
 * direction. VMamba's own counter charges (9N + 1); the difference is below 1% of a whole VMamba.
 */
public final class MambaBlocks {
    private MambaBlocks() {
    }

    private static final String SCAN_CONVENTION = "The scan is counted as (3N+1) MACs per token, channel and "
            + "direction: per state the input product B·(Δu), the state update dA·h + …, and the read-out C·h, plus "
            + "the skip D·u; exp, softplus and the Δ bias are free. VMamba's own counter (csms6s.py "
            + "flops_selective_scan_fn, through fvcore) charges 9N+1 instead, about 0.8% more for a whole VMamba-T.";

    // ------------------------------------------------------------------------------------------------
    // Parameters shared by the composites

    private static ParamSpec dState(int def) {
        return ParamSpec.integer("d_state", def, 1, 1024, "State size N per scanned channel (VMamba v2: 1; Mamba: 16)");
    }

    private static ParamSpec dtRankAuto() {
        return ParamSpec.integer("dt_rank", 0, 0, 1 << 16,
                "Rank R of the Δ projection; 0 means auto = ⌈C/16⌉ of the block's input width C");
    }

    private static ParamSpec ssmRatio(double min) {
        return ParamSpec.real("ssm_ratio", 1.0, min, 16.0,
                "Scanned width D = ⌊ssm_ratio·C⌋ (VMamba's d_inner)" + (min == 0 ? "; 0 removes the SSM branch" : ""));
    }

    private static ParamSpec convKernel() {
        return ParamSpec.integer("conv_kernel", 3, 0, 15,
                "Depthwise conv k×k before the scan (odd, padding (k−1)/2); below 2 means no conv, as VMamba's d_conv < 2")
                .withUnit("px");
    }

    private static ParamSpec convBias() {
        return ParamSpec.bool("conv_bias", false, "Bias on the depthwise conv (VMamba v2 models: no)");
    }

    private static ParamSpec zGate() {
        return ParamSpec.bool("z_gate", false,
                "Gate the output with SiLU(z) from a doubled in_proj (VMamba forward types without _noz); v2 models: no");
    }

    /** ⌊ratio·c⌋ as Python's int(ratio * c), tolerant of binary rounding (e.g. 0.29·100). */
    static int inner(double ratio, int c) {
        return (int) Math.floor(ratio * c + 1e-9);
    }

    /** The Δ rank: the given value, or ⌈c/16⌉ when 0 (Mamba's and VMamba's "auto"). */
    static int dtRank(int given, int c) {
        return given > 0 ? given : (c + 15) / 16;
    }

    private static void checkDirections(int k, String what) throws ShapeException {
        if (k != 1 && k != 2 && k != 4) {
            throw new ShapeException(null, what + " = " + k + " is not a VMamba scan: use 1 (row-major), "
                    + "2 (row-major and reversed) or 4 (rows, columns and both reversed)");
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Primitives

    public static final BlockType CROSS_SCAN = new PrimitiveBlockType(
            BlockSpec.builder("mamba.cross_scan", "Cross-scan", Category.MAMBA)
                    .description("VMamba's 2-D to 1-D unfolding (CrossScan): flattens the N×D×H×W map into K "
                            + "sequences of length T = H·W, N×D×H×W → N×K×D×T. With K = 4 (default, \"cross2d\"): "
                            + "row-major, column-major, and each of them reversed; K = 2: row-major and reversed "
                            + "(\"bidi\"); K = 1: row-major only (\"unidi\"). Pure data movement: no parameters, 0 MACs. "
                            + "As MzeroMiko/VMamba csm_triton.py cross_scan_fn.")
                    .paper(Papers.VMAMBA)
                    .param(ParamSpec.integer("directions", 4, 1, 4, "Scan directions K: 4, 2 or 1"))
                    .input("x", "N×D×H×W").output("y", "N×K×D×T")
                    .layouts(LayoutRule.fixed(Layout.NCHW, Layout.SCAN))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 4, "N×D×H×W");
                int k = p.integer("directions");
                checkDirections(k, "directions");
                long t = (long) x.dim(2) * x.dim(3);
                if (t > Integer.MAX_VALUE) {
                    throw in.error(0, "the " + x.dim(2) + "×" + x.dim(3) + " map is too large to scan");
                }
                return Evaluation.of(Shape.of(x.dim(0), k, x.dim(1), (int) t), 0, 0);
            });

    public static final BlockType SELECTIVE_SCAN = new PrimitiveBlockType(
            BlockSpec.builder("mamba.selective_scan", "Selective scan (S6)", Category.MAMBA)
                    .description("The selective state-space scan of K independent directions, N×K×D×T → N×K×D×T, "
                            + "with everything that is learned per direction: x_proj_k Linear D→R+2N without bias "
                            + "(giving Δ_raw, B, C), dt_proj_k Linear R→D without bias in the matmul, the Δ bias "
                            + "(K·D, added in the scan before softplus), A_logs (K·D×N, A = −exp(A_logs)) and the skip "
                            + "Ds (K·D). Params K·D·(2R+3N+2). MACs per image T·K·D·(R+2N) (x_proj) + T·K·D·R "
                            + "(dt_proj) + T·K·D·(3N+1) (scan). " + SCAN_CONVENTION + " Give dt_rank explicitly: "
                            + "VMamba derives R = ⌈C/16⌉ from the block width C, not from D; the composites do this. "
                            + "As VMamba SS2D.forward_corev2 (x_proj_weight, dt_projs_*, A_logs, Ds) and, with K = 1, "
                            + "the x_proj/dt_proj/selective_scan_fn part of state-spaces/mamba Mamba.")
                    .paper(Papers.MAMBA)
                    .param(dState(1))
                    .param(ParamSpec.integer("dt_rank", 6, 1, 1 << 16,
                            "Rank R of the Δ projection (VMamba: ⌈C/16⌉ of the block width C)"))
                    .key("d_state", "dt_rank")
                    .input("x", "N×K×D×T").output("y", "N×K×D×T")
                    .layouts(LayoutRule.preserves(Layout.SCAN, Layout.ANY))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 4, "N×K×D×T");
                long n = p.integer("d_state");
                long r = p.integer("dt_rank");
                long k = x.dim(1);
                long d = x.dim(2);
                long t = x.dim(3);
                long params = k * d * (2 * r + 3 * n + 2);
                long perToken = k * d * ((r + 2 * n) + r + (3 * n + 1));
                return Evaluation.of(x, params, x.dim(0) * t * perToken);
            });

    public static final BlockType CROSS_MERGE = new PrimitiveBlockType(
            BlockSpec.builder("mamba.cross_merge", "Cross-merge", Category.MAMBA)
                    .description("VMamba's 1-D to 2-D folding (CrossMerge), the inverse of cross-scan: puts each of "
                            + "the K scanned sequences back at its pixel positions and sums the directions, "
                            + "N×K×D×T → N×H×W×D (channels-last, ready for the out-norm LayerNorm). The second "
                            + "input 'like' is the N×D×H×W map that was cross-scanned; only its shape is read (its H "
                            + "and W), so the merge always matches its scan and follows a change of resolution "
                            + "without parameters to keep in step (VMamba reads H, W from the same tensor). "
                            + "No parameters; 0 MACs (the sum is an add). As MzeroMiko/VMamba cross_merge_fn.")
                    .paper(Papers.VMAMBA)
                    .input("y", "N×K×D×T").input("like", "N×D×H×W (shape only)")
                    .output("y", "N×H×W×D")
                    .layouts((in, p, n) -> {
                        in.require(0, Layout.SCAN, Layout.ANY);
                        in.require(1, Layout.NCHW);
                        return List.of(Layout.NHWC);
                    })
                    .build(),
            (in, p) -> {
                Shape y = in.rank(0, 4, "N×K×D×T");
                Shape like = in.rank(1, 4, "N×D×H×W");
                int k = y.dim(1);
                if (k != 1 && k != 2 && k != 4) {
                    throw in.error(0, "K = " + k + " directions is not a VMamba scan (1, 2 or 4)");
                }
                if (y.dim(0) != like.dim(0) || y.dim(2) != like.dim(1)) {
                    throw in.error(1, "the scanned sequences " + y + " (N×K×D×T) do not come from the map " + like
                            + " (N×D×H×W): batch and channels must match");
                }
                long hw = (long) like.dim(2) * like.dim(3);
                if (hw != y.dim(3)) {
                    throw in.error(1, "the " + like.dim(2) + "×" + like.dim(3) + " map has " + hw
                            + " positions but the scanned sequences have T = " + y.dim(3));
                }
                return Evaluation.of(Shape.of(y.dim(0), like.dim(2), like.dim(3), y.dim(2)), 0, 0);
            });

    public static final BlockType CAUSAL_CONV1D = new PrimitiveBlockType(
            BlockSpec.builder("mamba.causal_conv1d", "Causal depthwise conv1d", Category.MAMBA)
                    .description("Mamba's short convolution along the sequence: one k-tap filter per channel, padded "
                            + "on the left only so that position t sees t−k+1 … t, N×D×T → N×D×T. Params D·k (+D with "
                            + "bias); MACs T·D·k per image (the T kept outputs, as causal_conv1d_fn computes; "
                            + "PyTorch's fallback Conv1d(padding k−1) computes k−1 extra outputs and drops them). "
                            + "As state-spaces/mamba Mamba.conv1d.")
                    .paper(Papers.MAMBA)
                    .param(ParamSpec.integer("kernel", 4, 1, 64, "Kernel size k (taps)"))
                    .param(ParamSpec.bool("bias", true, "Learn a bias per channel (Mamba: yes)"))
                    .key("kernel")
                    .input("x", "N×D×T").output("y", "N×D×T")
                    .layouts(LayoutRule.preserves(Layout.NCL))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 3, "N×D×T");
                long d = x.dim(1);
                long k = p.integer("kernel");
                long params = d * k + (p.bool("bias") ? d : 0);
                return Evaluation.of(x, params, (long) x.dim(0) * x.dim(2) * d * k);
            });

    // ------------------------------------------------------------------------------------------------
    // Composites

    public static final BlockType SS2D = new CompositeBlockType(
            BlockSpec.builder("mamba.ss2d", "SS2D (2-D selective scan)", Category.MAMBA)
                    .description("VMamba's token mixer on a channels-last map N×H×W×C: in_proj Linear C→D (no bias; "
                            + "C→2D with z_gate), permute to N×D×H×W, depthwise conv k×k (padding (k−1)/2, no bias), "
                            + "SiLU, cross-scan into K = 4 sequences, selective scan, cross-merge back to N×H×W×D, "
                            + "out_norm LayerNorm(D), (·SiLU(z) with z_gate), out_proj Linear D→C (no bias). "
                            + "D = ⌊ssm_ratio·C⌋, R = ⌈C/16⌉ (from C, not D), N = d_state. Params (k = 3, no gate) "
                            + "2·C·D + 9D + K·D·(2R+3N+2) + 2D; MACs T·(2·C·D + 9D + 2·K·D·(R+N)) + T·K·D·(3N+1). "
                            + SCAN_CONVENTION + " As MzeroMiko/VMamba vmamba.py SS2D with forward type v05_noz "
                            + "(VMamba v2 models, e.g. vmamba_tiny_s1l8); VMamba runs it channels-first with 1×1 "
                            + "convs (Linear2d), same counts.")
                    .paper(Papers.VMAMBA)
                    .param(ssmRatio(0.01))
                    .param(dState(1))
                    .param(dtRankAuto())
                    .param(convKernel())
                    .param(convBias())
                    .param(zGate())
                    .key("ssm_ratio", "d_state")
                    .input("x", "N×H×W×C").output("y", "N×H×W×C")
                    .layouts(LayoutRule.fixed(Layout.NHWC, Layout.NHWC))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 4, "N×H×W×C");
                int c = x.dim(3);
                int d = inner(p.real("ssm_ratio"), c);
                if (d < 1) {
                    throw new ShapeException(null, "ssm_ratio = " + p.real("ssm_ratio") + " gives no scanned channels "
                            + "for the width " + c + " (D = ⌊ssm_ratio·C⌋ = 0)");
                }
                int k = p.integer("conv_kernel");
                if (k >= 2 && k % 2 == 0) {
                    throw new ShapeException(null, "conv_kernel = " + k + " must be odd so that the depthwise conv "
                            + "(padding (k−1)/2) keeps the " + x.dim(1) + "×" + x.dim(2) + " map");
                }
                boolean gate = p.bool("z_gate");
                GraphBuilder g = new GraphBuilder("x");
                Ref y = g.add("in_proj", LinearBlocks.LINEAR, Map.of("out_features", gate ? 2 * d : d, "bias", false),
                        g.input("x"));
                Ref z = null;
                if (gate) {
                    List<Ref> xz = g.addNode("split_xz", TensorBlocks.CHUNK, Map.of("chunks", 2, "dim", -1), y);
                    y = xz.get(0);
                    z = g.add("z_act", ActivationBlocks.SILU, Map.of(), xz.get(1));
                }
                y = g.add("to_channels_first", TensorBlocks.PERMUTE, Map.of("dims", List.of(0, 3, 1, 2)), y);
                if (k >= 2) {
                    y = g.add("conv2d", ConvBlocks.DEPTHWISE, Map.of("kernel", k, "stride", 1, "padding", (k - 1) / 2,
                            "bias", p.bool("conv_bias")), y);
                }
                Ref map = g.add("act", ActivationBlocks.SILU, Map.of(), y);
                y = g.add("cross_scan", CROSS_SCAN, Map.of(), map);
                y = g.add("selective_scan", SELECTIVE_SCAN, Map.of("d_state", p.integer("d_state"),
                        "dt_rank", dtRank(p.integer("dt_rank"), c)), y);
                y = g.add("cross_merge", CROSS_MERGE, Map.of(), y, map);
                y = g.add("out_norm", NormBlocks.LAYER_NORM, Map.of("layout", NormBlocks.CHANNELS_LAST), y);
                if (gate) {
                    y = g.add("gate", MergeBlocks.MULTIPLY, Map.of(), y, z);
                }
                y = g.add("out_proj", LinearBlocks.LINEAR, Map.of("out_features", c, "bias", false), y);
                return g.output("y", y).build();
            });

    public static final BlockType VSS_BLOCK = new CompositeBlockType(
            BlockSpec.builder("mamba.vss_block", "VSS block", Category.MAMBA)
                    .description("VMamba's visual state-space block on a channels-last map N×H×W×C: "
                            + "x + SS2D(LayerNorm(x)), then x + MLP(LayerNorm(x)) with the MLP C→⌊mlp_ratio·C⌋→C "
                            + "(bias, GELU); drop-path on both branches when drop_path > 0. ssm_ratio 0 drops the "
                            + "SS2D branch and mlp_ratio 0 the MLP branch, as in VMamba. Params SS2D + 4C + 2·C·M + "
                            + "M + C with M = ⌊mlp_ratio·C⌋ (8C²+5C at ratio 4); MACs SS2D + T·2·C·M. "
                            + "VMamba-T stage 1 (C = 96, D = 96, R = 6, N = 1) has 100,608 params. "
                            + SCAN_CONVENTION + " As MzeroMiko/VMamba vmamba.py VSSBlock (forward type v05_noz, "
                            + "the VMamba v2 models such as vmamba_tiny_s1l8); VMamba runs it channels-first with "
                            + "LayerNorm2d, same counts.")
                    .paper(Papers.VMAMBA)
                    .param(ssmRatio(0.0))
                    .param(dState(1))
                    .param(dtRankAuto())
                    .param(convKernel())
                    .param(convBias())
                    .param(zGate())
                    .param(ParamSpec.real("mlp_ratio", 4.0, 0.0, 64.0, "MLP hidden width as a multiple of C; 0 removes the MLP branch"))
                    .param(ParamSpec.real("drop_path", 0.0, 0.0, 0.99, "Stochastic-depth probability of both branches"))
                    .key("ssm_ratio", "d_state", "mlp_ratio")
                    .input("x", "N×H×W×C").output("y", "N×H×W×C")
                    .layouts(LayoutRule.fixed(Layout.NHWC, Layout.NHWC))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 4, "N×H×W×C");
                int c = x.dim(3);
                boolean ssm = p.real("ssm_ratio") > 0;
                int hidden = inner(p.real("mlp_ratio"), c);
                boolean mlp = p.real("mlp_ratio") > 0;
                if (!ssm && !mlp) {
                    throw new ShapeException(null, "ssm_ratio and mlp_ratio are both 0: the block would be empty");
                }
                if (mlp && hidden < 1) {
                    throw new ShapeException(null, "mlp_ratio = " + p.real("mlp_ratio") + " gives no hidden units for "
                            + "the width " + c);
                }
                double dropPath = p.real("drop_path");
                GraphBuilder g = new GraphBuilder("x");
                Ref y = g.input("x");
                if (ssm) {
                    Ref b = g.add("norm", NormBlocks.LAYER_NORM, Map.of("layout", NormBlocks.CHANNELS_LAST), y);
                    b = g.add("op", SS2D, Map.of("ssm_ratio", p.real("ssm_ratio"), "d_state", p.integer("d_state"),
                            "dt_rank", p.integer("dt_rank"), "conv_kernel", p.integer("conv_kernel"),
                            "conv_bias", p.bool("conv_bias"), "z_gate", p.bool("z_gate")), b);
                    if (dropPath > 0) {
                        b = g.add("drop_path1", RegularizationBlocks.DROP_PATH, Map.of("p", dropPath), b);
                    }
                    y = g.add("add1", MergeBlocks.ADD, Map.of(), y, b);
                }
                if (mlp) {
                    Ref b = g.add("norm2", NormBlocks.LAYER_NORM, Map.of("layout", NormBlocks.CHANNELS_LAST), y);
                    b = g.add("mlp", AttentionBlocks.MLP, Map.of("hidden", hidden, "activation", "gelu", "bias", true), b);
                    if (dropPath > 0) {
                        b = g.add("drop_path2", RegularizationBlocks.DROP_PATH, Map.of("p", dropPath), b);
                    }
                    y = g.add("add2", MergeBlocks.ADD, Map.of(), y, b);
                }
                return g.output("y", y).build();
            });

    public static final BlockType STEM = new CompositeBlockType(
            BlockSpec.builder("mamba.stem", "VMamba stem (patch embed v2)", Category.MAMBA)
                    .description("VMamba v2's overlapping patch embedding: conv k×k/s (padding 1, bias) Cin→E/2, "
                            + "LayerNorm(E/2), GELU, conv k×k/s (padding 1, bias) E/2→E, LayerNorm(E), with s = patch/2 "
                            + "and k = s+1 (3×3/2 twice for patch 4), N×Cin×H×W → N×H/4×W/4×E channels-last (or "
                            + "channels-first). Params (k = 3) (E/2)·(9·Cin+1) + E + E·(9·E/2+1) + 2E; MACs those of the "
                            + "two convs. As MzeroMiko/VMamba VSSM._make_patch_embed_v2 (patch_norm on).")
                    .paper(Papers.VMAMBA)
                    .param(ParamSpec.integer("embed_dim", 96, 2, 1 << 16, "Output width E; must be even"))
                    .param(ParamSpec.integer("patch", 4, 2, 32, "Total down-sampling (two convs of stride patch/2); must be even")
                            .withUnit("px"))
                    .param(ParamSpec.choice("output", NormBlocks.CHANNELS_LAST,
                            List.of(NormBlocks.CHANNELS_LAST, NormBlocks.CHANNELS_FIRST),
                            "Output layout: N×H'×W'×E (for VSS blocks) or N×E×H'×W'"))
                    .key("embed_dim", "patch")
                    .input("x", "N×C×H×W").output("y", "N×H'×W'×E or N×E×H'×W'")
                    .layouts(LayoutRule.preserves(Layout.NCHW))
                    .build(),
            (in, p) -> {
                in.rank(0, 4, "N×C×H×W");
                int e = p.integer("embed_dim");
                int patch = p.integer("patch");
                if (e % 2 != 0) {
                    throw new ShapeException(null, "embed_dim = " + e + " must be even (the first conv has E/2 channels)");
                }
                if (patch % 2 != 0) {
                    throw new ShapeException(null, "patch = " + patch + " must be even (two convs of stride patch/2)");
                }
                int s = patch / 2;
                GraphBuilder g = new GraphBuilder("x");
                Ref y = g.add("conv1", ConvBlocks.CONV2D, Map.of("out_channels", e / 2, "kernel", s + 1, "stride", s,
                        "padding", 1, "bias", true), g.input("x"));
                y = g.add("norm1", NormBlocks.LAYER_NORM, Map.of("layout", NormBlocks.CHANNELS_FIRST), y);
                y = g.add("act", ActivationBlocks.GELU, Map.of(), y);
                y = g.add("conv2", ConvBlocks.CONV2D, Map.of("out_channels", e, "kernel", s + 1, "stride", s,
                        "padding", 1, "bias", true), y);
                boolean last = p.choice("output").equals(NormBlocks.CHANNELS_LAST);
                if (last) {
                    y = g.add("to_channels_last", TensorBlocks.PERMUTE, Map.of("dims", List.of(0, 2, 3, 1)), y);
                }
                y = g.add("norm2", NormBlocks.LAYER_NORM, Map.of("layout", p.choice("output")), y);
                return g.output("y", y).build();
            });

    public static final BlockType DOWNSAMPLE = new CompositeBlockType(
            BlockSpec.builder("mamba.downsample", "VMamba downsample", Category.MAMBA)
                    .description("VMamba's down-sampling between stages on a channels-last map: permute to "
                            + "N×C×H×W, conv with bias C→Cout (v3: 3×3/2 padding 1; v2: 2×2/2), permute back, "
                            + "LayerNorm(Cout); N×H×W×C → N×H'×W'×Cout. Params Cout·C·k² + Cout + 2·Cout; MACs "
                            + "H'·W'·Cout·C·k². As MzeroMiko/VMamba VSSM._make_downsample_v3 / _make_downsample "
                            + "(v2 models such as vmamba_tiny_s1l8 use v3).")
                    .paper(Papers.VMAMBA)
                    .param(ParamSpec.integer("out_channels", 0, 0, 1 << 16, "Output channels; 0 means 2C"))
                    .param(ParamSpec.choice("version", "v3", List.of("v3", "v2"), "v3: conv 3×3/2 p1; v2: conv 2×2/2"))
                    .key("out_channels", "version")
                    .input("x", "N×H×W×C").output("y", "N×H/2×W/2×Cout")
                    .layouts(LayoutRule.fixed(Layout.NHWC, Layout.NHWC))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 4, "N×H×W×C");
                int out = p.integer("out_channels") == 0 ? 2 * x.dim(3) : p.integer("out_channels");
                boolean v3 = p.choice("version").equals("v3");
                GraphBuilder g = new GraphBuilder("x");
                Ref y = g.add("to_channels_first", TensorBlocks.PERMUTE, Map.of("dims", List.of(0, 3, 1, 2)), g.input("x"));
                y = g.add("conv", ConvBlocks.CONV2D, Map.of("out_channels", out, "kernel", v3 ? 3 : 2, "stride", 2,
                        "padding", v3 ? 1 : 0, "bias", true), y);
                y = g.add("to_channels_last", TensorBlocks.PERMUTE, Map.of("dims", List.of(0, 2, 3, 1)), y);
                y = g.add("norm", NormBlocks.LAYER_NORM, Map.of("layout", NormBlocks.CHANNELS_LAST), y);
                return g.output("y", y).build();
            });

    public static final BlockType MAMBA_BLOCK = new CompositeBlockType(
            BlockSpec.builder("mamba.mamba_block", "Mamba block (1-D mixer)", Category.MAMBA)
                    .description("The original Mamba mixer on tokens N×T×C: in_proj Linear C→2D (no bias) split into "
                            + "x and z, causal depthwise conv1d (k taps, bias) on x, SiLU, selective scan with one "
                            + "direction (x_proj D→R+2N no bias, dt_proj R→D with bias, A_log D×N, D skip), "
                            + "y·SiLU(z), out_proj Linear D→C (no bias). D = ⌊expand·C⌋, R = ⌈C/16⌉. Params "
                            + "3·C·D + D·k + D + D·(2R+3N+2); MACs T·(3·C·D + D·k + 2·D·(R+N)) + T·D·(3N+1). "
                            + SCAN_CONVENTION + " No norm or residual inside: a Mamba LM wraps it as "
                            + "x + Mixer(Norm(x)). As state-spaces/mamba mamba_simple.py Mamba (d_state 16, d_conv 4, "
                            + "expand 2); mamba-130m's layer (C = 768) has 3,770,880 params.")
                    .paper(Papers.MAMBA)
                    .param(ParamSpec.real("expand", 2.0, 0.01, 16.0, "Inner width D = ⌊expand·C⌋"))
                    .param(dState(16))
                    .param(dtRankAuto())
                    .param(ParamSpec.integer("d_conv", 4, 1, 64, "Taps of the causal conv1d"))
                    .param(ParamSpec.bool("conv_bias", true, "Bias on the conv1d"))
                    .param(ParamSpec.bool("bias", false, "Biases on in_proj and out_proj"))
                    .key("expand", "d_state")
                    .input("x", "N×T×C").output("y", "N×T×C")
                    .layouts(LayoutRule.fixed(Layout.TOKENS, Layout.TOKENS))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 3, "N×T×C");
                int c = x.dim(2);
                int d = inner(p.real("expand"), c);
                if (d < 1) {
                    throw new ShapeException(null, "expand = " + p.real("expand") + " gives no inner channels for the "
                            + "width " + c + " (D = ⌊expand·C⌋ = 0)");
                }
                boolean bias = p.bool("bias");
                GraphBuilder g = new GraphBuilder("x");
                Ref y = g.add("in_proj", LinearBlocks.LINEAR, Map.of("out_features", 2 * d, "bias", bias), g.input("x"));
                y = g.add("to_channels_first", TensorBlocks.PERMUTE, Map.of("dims", List.of(0, 2, 1)), y);
                List<Ref> xz = g.addNode("split_xz", TensorBlocks.CHUNK, Map.of("chunks", 2, "dim", 1), y);
                y = g.add("conv1d", CAUSAL_CONV1D, Map.of("kernel", p.integer("d_conv"), "bias", p.bool("conv_bias")),
                        xz.get(0));
                y = g.add("act", ActivationBlocks.SILU, Map.of(), y);
                y = g.add("one_direction", TensorBlocks.RESHAPE, Map.of("shape", List.of(0, 1, d, x.dim(1))), y);
                y = g.add("selective_scan", SELECTIVE_SCAN, Map.of("d_state", p.integer("d_state"),
                        "dt_rank", dtRank(p.integer("dt_rank"), c)), y);
                y = g.add("sequence", TensorBlocks.RESHAPE, Map.of("shape", List.of(0, d, x.dim(1))), y);
                Ref z = g.add("z_act", ActivationBlocks.SILU, Map.of(), xz.get(1));
                y = g.add("gate", MergeBlocks.MULTIPLY, Map.of(), y, z);
                y = g.add("to_tokens", TensorBlocks.PERMUTE, Map.of("dims", List.of(0, 2, 1)), y);
                y = g.add("out_proj", LinearBlocks.LINEAR, Map.of("out_features", c, "bias", bias), y);
                return g.output("y", y).build();
            });

    public static final List<BlockType> ALL = List.of(CROSS_SCAN, SELECTIVE_SCAN, CROSS_MERGE, CAUSAL_CONV1D, SS2D,
            VSS_BLOCK, STEM, DOWNSAMPLE, MAMBA_BLOCK);
}
