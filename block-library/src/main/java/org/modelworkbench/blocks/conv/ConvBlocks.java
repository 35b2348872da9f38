package org.modelworkbench.blocks.conv;

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

/**
 * 2-D convolutions on N×C×H×W. Params {@code Cout·(Cin/g)·k² (+Cout)}, MACs
 * {@code Ho·Wo·Cout·(Cin/g)·k²} per image; input channels are taken from the input.
 */
public final class ConvBlocks {
    private ConvBlocks() {
    }

    static final int MAX_CHANNELS = 1 << 20;

    private static ParamSpec kernel(int def) {
        return ParamSpec.integer("kernel", def, 1, 63, "Kernel size k (k×k)").withUnit("px");
    }

    private static final ParamSpec STRIDE = ParamSpec.integer("stride", 1, 1, 64, "Stride s");
    private static final ParamSpec DILATION = ParamSpec.integer("dilation", 1, 1, 64, "Dilation d (spacing of kernel taps)");

    /** auto (the default): "same" for odd kernels, d·(k−1)/2; 0 for even kernels (patchify, 2×2/2 downsampling). */
    private static final ParamSpec PADDING = ParamSpec.integerOrAuto("padding", 0, 64,
            "Zero padding p on every side; auto: d·(k−1)/2 for an odd kernel (keeps the size at stride 1), "
                    + "0 for an even kernel (patchify)").withUnit("px");

    /** The padding "auto" resolves to: d·(k−1)/2 for an odd kernel, 0 for an even one. */
    public static int autoPadding(int kernel, int dilation) {
        return kernel % 2 == 1 ? dilation * (kernel - 1) / 2 : 0;
    }

    private static final ParamBinder PADDING_BINDER = (in, p) -> p.isAuto("padding")
            ? p.with("padding", autoPadding(p.integer("kernel"), p.integer("dilation"))) : p;

    private static ParamSpec bias(boolean def) {
        return ParamSpec.bool("bias", def, "Learn an additive bias per output channel");
    }

    public static final BlockType CONV2D = new PrimitiveBlockType(
            BlockSpec.builder("conv.conv2d", "Conv2d", Category.CONVOLUTION)
                    .description("2-D convolution, N×Cin×H×W → N×Cout×Ho×Wo with Ho = ⌊(H+2p−d(k−1)−1)/s⌋+1; padding auto is d·(k−1)/2 for an odd kernel and 0 for an even one. "
                            + "Params Cout·(Cin/g)·k² (+Cout with bias); MACs Ho·Wo·Cout·(Cin/g)·k² per image. "
                            + "Groups g split channels into g independent convolutions (ResNeXt).")
                    .paper(Papers.LECUN_1998)
                    .param(ParamSpec.integer("out_channels", 64, 1, MAX_CHANNELS, "Output channels Cout"))
                    .param(kernel(3)).param(STRIDE).param(PADDING).param(DILATION)
                    .param(ParamSpec.integer("groups", 1, 1, MAX_CHANNELS, "Groups g; must divide Cin and Cout"))
                    .param(bias(true))
                    .key("out_channels", "kernel", "stride", "groups")
                    .input("x", "N×C×H×W").output("y", "N×Cout×Ho×Wo")
                    .layouts(LayoutRule.preserves(Layout.NCHW)).binder(PADDING_BINDER)
                    .build(),
            (in, p) -> conv(in, p, p.integer("out_channels"), p.integer("kernel"), p.integer("stride"),
                    p.integer("padding"), p.integer("dilation"), p.integer("groups"), "groups"));

    public static final BlockType DEPTHWISE = new PrimitiveBlockType(
            BlockSpec.builder("conv.depthwise", "Depthwise conv", Category.CONVOLUTION)
                    .description("Depthwise convolution: one k×k filter per channel (groups = C), C·m output channels "
                            + "for depth multiplier m. Params C·m·k² (+C·m); MACs Ho·Wo·C·m·k².")
                    .paper(Papers.XCEPTION_2017)
                    .param(kernel(3)).param(STRIDE).param(PADDING).param(DILATION)
                    .param(ParamSpec.integer("multiplier", 1, 1, 64, "Depth multiplier m: outputs per input channel"))
                    .param(bias(true))
                    .key("kernel", "stride")
                    .input("x", "N×C×H×W").output("y", "N×C·m×Ho×Wo")
                    .layouts(LayoutRule.preserves(Layout.NCHW)).binder(PADDING_BINDER)
                    .build(),
            (in, p) -> {
                int c = in.rank(0, 4, "N×C×H×W").dim(1);
                return conv(in, p, c * p.integer("multiplier"), p.integer("kernel"), p.integer("stride"),
                        p.integer("padding"), p.integer("dilation"), c, "multiplier");
            });

    public static final BlockType POINTWISE = new PrimitiveBlockType(
            BlockSpec.builder("conv.pointwise", "Pointwise conv (1×1)", Category.CONVOLUTION)
                    .description("1×1 convolution mixing channels at every pixel (the same as a Linear layer "
                            + "applied per pixel). Params Cin·Cout (+Cout); MACs H·W·Cin·Cout.")
                    .paper(Papers.XCEPTION_2017)
                    .param(ParamSpec.integer("out_channels", 64, 1, MAX_CHANNELS, "Output channels Cout"))
                    .param(STRIDE)
                    .param(bias(true))
                    .key("out_channels")
                    .input("x", "N×C×H×W").output("y", "N×Cout×H×W")
                    .layouts(LayoutRule.preserves(Layout.NCHW))
                    .build(),
            (in, p) -> conv(in, p, p.integer("out_channels"), 1, p.integer("stride"), 0, 1, 1, "out_channels"));

    public static final List<BlockType> ALL = List.of(CONV2D, DEPTHWISE, POINTWISE);

    static Evaluation conv(Inputs in, ParamValues p, int cout, int k, int s, int pad, int dil, int groups,
                           String groupParam) throws ShapeException {
        Shape x = in.rank(0, 4, "N×C×H×W");
        int cin = x.dim(1);
        if (cin % groups != 0) {
            throw in.error(0, groupParam + " = " + groups + " must divide the " + cin + " input channels");
        }
        if (cout % groups != 0) {
            throw new ShapeException(null, groupParam + " = " + groups + " must divide the " + cout + " output channels");
        }
        int ho = Spatial.outSize(x.dim(2), k, s, pad, dil, false);
        int wo = Spatial.outSize(x.dim(3), k, s, pad, dil, false);
        if (ho <= 0 || wo <= 0) {
            throw in.error(0, "a " + k + "×" + k + " kernel (dilation " + dil + ", padding " + pad + ") does not fit the "
                    + x.dim(2) + "×" + x.dim(3) + " input");
        }
        long weights = (long) cout * (cin / groups) * k * k;
        long params = weights + (p.bool("bias") ? cout : 0);
        long macs = (long) x.dim(0) * ho * wo * weights;
        return Evaluation.of(Shape.of(x.dim(0), cout, ho, wo), params, macs);
    }
}
