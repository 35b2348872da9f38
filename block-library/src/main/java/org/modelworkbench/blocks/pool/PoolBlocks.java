package org.modelworkbench.blocks.pool;

import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.LayoutRule;
import org.modelworkbench.blocks.type.ParamBinder;
import java.util.List;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.shape.Spatial;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Inputs;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.PrimitiveBlockType;
import org.modelworkbench.blocks.type.ShapeException;

/** Pooling: no parameters, 0 MACs by the project's convention. */
public final class PoolBlocks {
    private PoolBlocks() {
    }

    private static BlockSpec.Builder window(String id, String name, String what) {
        return BlockSpec.builder(id, name, Category.POOLING)
                .description(what + " over k×k windows of N×C×H×W, Ho = ⌊(H+2p−k)/s⌋+1 (⌈…⌉ in ceil mode). "
                        + "No parameters; 0 MACs.")
                .paper(Papers.LECUN_1998)
                .param(ParamSpec.integer("kernel", 2, 1, 63, "Window size k").withUnit("px"))
                .param(ParamSpec.integer("stride", 0, 0, 64, "Stride s; 0 means s = k"))
                .param(ParamSpec.integer("padding", 0, 0, 31, "Padding p; at most k/2").withUnit("px"))
                .param(ParamSpec.bool("ceil_mode", false, "Round the output size up instead of down"))
                .key("kernel", "stride")
                .input("x", "N×C×H×W").output("y", "N×C×Ho×Wo")
                .layouts(LayoutRule.preserves(Layout.NCHW));
    }

    private static Evaluation pool(Inputs in, ParamValues p) throws ShapeException {
        Shape x = in.rank(0, 4, "N×C×H×W");
        int k = p.integer("kernel");
        int s = p.integer("stride") == 0 ? k : p.integer("stride");
        int pad = p.integer("padding");
        if (2 * pad > k) {
            throw new ShapeException(null, "padding = " + pad + " must be at most half the kernel (" + k + ")");
        }
        boolean ceil = p.bool("ceil_mode");
        int ho = Spatial.outSize(x.dim(2), k, s, pad, 1, ceil);
        int wo = Spatial.outSize(x.dim(3), k, s, pad, 1, ceil);
        if (ho <= 0 || wo <= 0) {
            throw in.error(0, "a " + k + "×" + k + " window does not fit the " + x.dim(2) + "×" + x.dim(3) + " input");
        }
        return Evaluation.of(Shape.of(x.dim(0), x.dim(1), ho, wo), 0, 0);
    }

    public static final BlockType MAX2D = new PrimitiveBlockType(
            window("pool.max2d", "Max pool", "Maximum").build(), PoolBlocks::pool);

    public static final BlockType AVG2D = new PrimitiveBlockType(
            window("pool.avg2d", "Average pool", "Average")
                    .param(ParamSpec.bool("count_include_pad", true,
                            "Count padded zeros in the average (PoolFormer turns this off)"))
                    .build(),
            PoolBlocks::pool);

    public static final String CHANNELS_FIRST = "channels_first";
    public static final String CHANNELS_LAST = "channels_last";
    public static final String TOKENS = "tokens";
    public static final String AUTO = "auto";

    /**
     * Resolves a {@code layout} choice of auto: follows the input (N×C×H×W, N×H×W×C or tokens);
     * channels_first in a shape-only evaluation. Any other choice is kept. Global pooling and the
     * classifier head, which pools the same way, share it.
     */
    public static final ParamBinder GLOBAL_LAYOUT_BINDER = (in, p) -> {
        if (!p.choice("layout").equals(AUTO)) {
            return p;
        }
        if (!in.checked()) {
            return p.with("layout", CHANNELS_FIRST);
        }
        return p.with("layout", switch (in.require(0, Layout.NCHW, Layout.NHWC, Layout.TOKENS)) {
            case NCHW -> CHANNELS_FIRST;
            case NHWC -> CHANNELS_LAST;
            default -> TOKENS;
        });
    };

    public static final BlockType GLOBAL_AVG = new PrimitiveBlockType(
            BlockSpec.builder("pool.global_avg", "Global average pool", Category.POOLING)
                    .description("Averages over all positions: N×C×H×W (channels_first), N×H×W×C (channels_last) "
                            + "or N×T×C (tokens) → N×C, or with keep_dims N×C×1×1, N×1×1×C, N×1×C. "
                            + "No parameters; 0 MACs.")
                    .paper(Papers.LECUN_1998)
                    .param(ParamSpec.choice("layout", AUTO, List.of(AUTO, CHANNELS_FIRST, CHANNELS_LAST, TOKENS),
                            "Where the channels are: auto (follow the input), N×C×H×W, N×H×W×C or tokens N×T×C"))
                    .param(ParamSpec.bool("keep_dims", false, "Keep the pooled dimensions with size 1"))
                    .key("layout")
                    .input("x", "N×C×H×W, N×H×W×C or N×T×C").output("y", "N×C")
                    .binder(GLOBAL_LAYOUT_BINDER)
                    .layouts((in, p, n) -> {
                        Layout l = in.require(0, switch (p.choice("layout")) {
                            case CHANNELS_FIRST -> Layout.NCHW;
                            case CHANNELS_LAST -> Layout.NHWC;
                            default -> Layout.TOKENS;
                        });
                        return List.of(p.bool("keep_dims") ? l : Layout.VECTOR);
                    })
                    .build(),
            (in, p) -> {
                boolean keep = p.bool("keep_dims");
                Shape out = switch (p.choice("layout")) {
                    case CHANNELS_FIRST -> {
                        Shape x = in.rank(0, 4, "N×C×H×W");
                        yield keep ? Shape.of(x.dim(0), x.dim(1), 1, 1) : Shape.of(x.dim(0), x.dim(1));
                    }
                    case CHANNELS_LAST -> {
                        Shape x = in.rank(0, 4, "N×H×W×C");
                        yield keep ? Shape.of(x.dim(0), 1, 1, x.dim(3)) : Shape.of(x.dim(0), x.dim(3));
                    }
                    default -> {
                        Shape x = in.rank(0, 3, "N×T×C");
                        yield keep ? Shape.of(x.dim(0), 1, x.dim(2)) : Shape.of(x.dim(0), x.dim(2));
                    }
                };
                return Evaluation.of(out, 0, 0);
            });

    public static final List<BlockType> ALL = List.of(MAX2D, AVG2D, GLOBAL_AVG);
}
