package org.modelworkbench.blocks.norm;

import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.LayoutRule;
import org.modelworkbench.blocks.type.ChannelLayouts;
import java.util.List;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Inputs;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.PrimitiveBlockType;
import org.modelworkbench.blocks.type.ShapeException;

/**
 * Normalisations and layer scale. Norms have 2C parameters (weight and bias); running statistics
 * are buffers and are not counted. Norms and scales cost 0 MACs by the project's convention.
 */
public final class NormBlocks {
    private NormBlocks() {
    }

    public static final String CHANNELS_LAST = "channels_last";
    public static final String CHANNELS_FIRST = "channels_first";

    /** Layout choice: which dimension holds the channels. */
    public static ParamSpec layout(String def) {
        return ParamSpec.choice("layout", def, List.of(ChannelLayouts.AUTO, CHANNELS_LAST, CHANNELS_FIRST),
                "auto: follow the input (channels-first for N×C×H×W, channels-last for N×H×W×C, tokens and "
                        + "vectors); channels_last: channels are the last dimension (tokens N×T×C, maps N×H×W×C); "
                        + "channels_first: channels are dimension 1 (N×C×H×W)");
    }

    private static ParamSpec eps(double def) {
        return ParamSpec.real("eps", def, 1e-12, 1e-1, "Added to the variance for numerical stability");
    }

    /** The channel count of input 0 under the block's layout parameter. */
    public static int channels(Inputs in, ParamValues p) throws ShapeException {
        if (CHANNELS_FIRST.equals(p.choice("layout"))) {
            return in.minRank(0, 2, "N×C×…").dim(1);
        }
        return in.minRank(0, 2, "…×C").dim(-1);
    }

    public static final BlockType BATCH_NORM = new PrimitiveBlockType(
            BlockSpec.builder("norm.batch_norm", "BatchNorm", Category.NORMALIZATION)
                    .description("Batch normalisation over dimension 1 (N×C×H×W or N×C). Params 2C (γ, β); the "
                            + "running mean and variance are buffers, not parameters. 0 MACs.")
                    .paper(Papers.BATCH_NORM)
                    .param(eps(1e-5))
                    .param(ParamSpec.real("momentum", 0.1, 0.0, 1.0, "Weight of the newest batch in the running statistics"))
                    .input("x", "N×C×…").output("y", "N×C×…")
                    .layouts(LayoutRule.preserves(Layout.NCHW, Layout.VECTOR, Layout.NCL))
                    .build(),
            (in, p) -> {
                Shape x = in.minRank(0, 2, "N×C×…");
                return Evaluation.of(x, 2L * x.dim(1), 0);
            });

    public static final BlockType LAYER_NORM = new PrimitiveBlockType(
            BlockSpec.builder("norm.layer_norm", "LayerNorm", Category.NORMALIZATION)
                    .description("Layer normalisation over the channels of each position: the last dimension "
                            + "(channels_last: tokens, Swin and ConvNeXt blocks) or dimension 1 (channels_first: "
                            + "ConvNeXt stem and downsampling, FocalNet). Params 2C; 0 MACs.")
                    .paper(Papers.LAYER_NORM)
                    .param(layout(ChannelLayouts.AUTO))
                    .param(eps(1e-5))
                    .key("layout")
                    .input("x", "…×C or N×C×…").output("y", "same as x")
                    .binder(ChannelLayouts.binder("layout", CHANNELS_LAST)).layouts(ChannelLayouts.rule("layout"))
                    .build(),
            (in, p) -> Evaluation.of(in.get(0), 2L * channels(in, p), 0));

    public static final BlockType GROUP_NORM = new PrimitiveBlockType(
            BlockSpec.builder("norm.group_norm", "GroupNorm", Category.NORMALIZATION)
                    .description("Group normalisation over dimension 1, split into G groups (G = 1 normalises over "
                            + "C×H×W, as PoolFormer does). Params 2C; 0 MACs.")
                    .paper(Papers.GROUP_NORM)
                    .param(ParamSpec.integer("groups", 32, 1, 1 << 20, "Number of channel groups G; must divide C"))
                    .param(eps(1e-5))
                    .key("groups")
                    .input("x", "N×C×…").output("y", "N×C×…")
                    .layouts(LayoutRule.preserves(Layout.NCHW, Layout.NCL))
                    .build(),
            (in, p) -> {
                Shape x = in.minRank(0, 2, "N×C×…");
                int g = p.integer("groups");
                if (x.dim(1) % g != 0) {
                    throw new ShapeException(null, "groups = " + g + " must divide the " + x.dim(1) + " channels");
                }
                return Evaluation.of(x, 2L * x.dim(1), 0);
            });

    public static final BlockType LAYER_SCALE = new PrimitiveBlockType(
            BlockSpec.builder("norm.layer_scale", "Layer scale", Category.NORMALIZATION)
                    .description("Multiplies each channel by a learned γ, initialised small so that a residual "
                            + "branch starts close to identity (CaiT, ConvNeXt, PoolFormer). Params C; 0 MACs.")
                    .paper(Papers.LAYER_SCALE)
                    .param(ParamSpec.real("init", 1e-6, 0.0, 10.0, "Initial value of γ"))
                    .param(layout(ChannelLayouts.AUTO))
                    .key("init")
                    .input("x", "…×C or N×C×…").output("y", "same as x")
                    .binder(ChannelLayouts.binder("layout", CHANNELS_LAST)).layouts(ChannelLayouts.rule("layout"))
                    .build(),
            (in, p) -> Evaluation.of(in.get(0), channels(in, p), 0));

    public static final List<BlockType> ALL = List.of(BATCH_NORM, LAYER_NORM, GROUP_NORM, LAYER_SCALE);
}
