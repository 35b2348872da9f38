package org.modelworkbench.blocks.type;

import java.util.Collections;
import java.util.List;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.shape.Layout;

/**
 * The "layout" parameter of blocks that read the channels of any tensor (LayerNorm, layer scale):
 * {@code auto} (the default) follows the input, {@code channels_first} reads dimension 1 and
 * {@code channels_last} the last dimension; explicit values are honoured and checked.
 */
public final class ChannelLayouts {
    private ChannelLayouts() {
    }

    public static final String AUTO = ParamSpec.AUTO;
    public static final String CHANNELS_FIRST = "channels_first";
    public static final String CHANNELS_LAST = "channels_last";

    private static final Layout[] FIRST = {Layout.NCHW, Layout.NCL, Layout.ANY};
    private static final Layout[] LAST = {Layout.NHWC, Layout.TOKENS, Layout.VECTOR, Layout.ANY};

    /** channels_first for N×C×H×W and N×C×L, channels_last for N×H×W×C, tokens and vectors, else null. */
    public static String channelsOf(Layout l) {
        return switch (l) {
            case NCHW, NCL -> CHANNELS_FIRST;
            case NHWC, TOKENS, VECTOR -> CHANNELS_LAST;
            default -> null;
        };
    }

    /**
     * Resolves {@code param} = auto from the layout of input 0; in a shape-only evaluation it becomes
     * {@code legacy}, the value the parameter had before it could follow its input.
     */
    public static ParamBinder binder(String param, String legacy) {
        return (in, p) -> {
            if (!AUTO.equals(p.get(param))) {
                return p;
            }
            if (!in.checked()) {
                return p.with(param, legacy);
            }
            String resolved = channelsOf(in.layout(0));
            if (resolved == null) {
                throw new LayoutException(in.portName(0), param + " auto follows the input, but the input is "
                        + in.layout(0).description() + ": set " + param + " to channels_first or channels_last",
                        "a tensor whose channels are known", in.layout(0), List.of());
            }
            return p.with(param, resolved);
        };
    }

    /** Checks input 0 against the bound {@code param}; outputs keep the input's layout. */
    public static LayoutRule rule(String param) {
        return (in, p, n) -> {
            Layout[] accepted = CHANNELS_FIRST.equals(p.get(param)) ? FIRST : LAST;
            Layout l = in.require(0, accepted);
            return LayoutRule.repeat(n, l);
        };
    }

    /** What a {@code param} set to {@code value} reads, for messages: "channels-first N×C×H×W or …". */
    public static String expected(String value) {
        return Inputs.describe(CHANNELS_FIRST.equals(value) ? FIRST : LAST);
    }
}
