package org.modelworkbench.visualizers.views.attention;

import java.util.List;
import java.util.Locale;
import org.modelworkbench.visualizers.attention.HeadFusion;
import org.modelworkbench.visualizers.mamba.HiddenAttention;
import org.modelworkbench.visualizers.views.OptionSpec;
import org.modelworkbench.visualizers.views.ViewOptions;

/**
 * The attention view's own options, read from {@link ViewOptions#extra()} and checked, each message
 * naming the option, the value and what is allowed.
 *
 * @param fusion    rollout's head fusion (views-exact §1; the paper averages)
 * @param discard   rollout's discard ratio, 0…0.99 (vit-explain)
 * @param compat    vit-explain's row-sum quirk (divide column j by row j's sum)
 * @param cls       whether the prefix (CLS) tokens take part in the entropy (Zhai et al. use whole rows)
 * @param direction the selective scan's direction 0…3, or −1 "all" (min–max of the sum), −2 "nall"
 *                  (mean of the min–max maps)
 * @param mode      VMamba's hidden-attention variant: full α (CwBdtw), without Δ_j (CwBw), or C·B
 */
public record AttentionOptions(HeadFusion fusion, double discard, boolean compat, boolean cls, int direction,
                               HiddenAttention.Mode mode) {
    public static final String FUSION = "fusion";
    public static final String DISCARD = "discard";
    public static final String COMPAT = "compat";
    public static final String CLS = "cls";
    public static final String DIRECTION = "direction";
    public static final String MODE = "mode";
    public static final int ALL = -1;
    public static final int NALL = -2;
    static final double MAX_DISCARD = 0.99;

    static final OptionSpec FUSION_SPEC = OptionSpec.choice(FUSION, "Head fusion", "mean", List.of("mean", "max", "min"),
            "How rollout fuses the heads of a layer (the paper: mean; vit-explain's command line: max)");
    static final OptionSpec DISCARD_SPEC = OptionSpec.number(DISCARD, "Discard ratio", "0",
            "Share of the smallest fused attention entries rollout zeroes, 0…0.99 (vit-explain uses 0.9)");
    static final OptionSpec COMPAT_SPEC = OptionSpec.choice(COMPAT, "vit-explain quirk", "false", List.of("false", "true"),
            "Divide entry (i,j) by the sum of row j as vit-explain does (jacobgil/vit-explain#16); only differs with discard");
    static final OptionSpec CLS_SPEC = OptionSpec.choice(CLS, "CLS in entropy", "include", List.of("include", "exclude"),
            "Whether the attention entropy uses whole rows (CLS included) or patch rows renormalised over patches");
    static final OptionSpec DIRECTION_SPEC = OptionSpec.choice(DIRECTION, "Scan direction", "all",
            List.of("0", "1", "2", "3", "all", "nall"),
            "The selective scan's direction (0 row-major, 1 column-major, 2 and 3 reversed), all: min–max of their sum,"
                    + " nall: mean of each one min–max normalised");
    static final OptionSpec MODE_SPEC = OptionSpec.choice(MODE, "Hidden attention", "full", List.of("full", "cwbw", "cb"),
            "full: α with Δ_j (CwBdtw, Ali et al.); cwbw: without Δ_j; cb: C·B without decay (VMamba's variants)");

    public static AttentionOptions defaults() {
        return new AttentionOptions(HeadFusion.MEAN, 0, false, true, ALL, HiddenAttention.Mode.FULL);
    }

    /** Reads and checks the options; absent ones take their defaults. */
    public static AttentionOptions of(ViewOptions o) {
        String f = o.option(FUSION, "mean").trim().toLowerCase(Locale.ROOT);
        HeadFusion fusion = switch (f) {
            case "mean" -> HeadFusion.MEAN;
            case "max" -> HeadFusion.MAX;
            case "min" -> HeadFusion.MIN;
            default -> throw new IllegalArgumentException("option 'fusion' must be mean, max or min, got '" + f + "'");
        };
        double discard = o.realOption(DISCARD, 0);
        if (!(discard >= 0 && discard <= MAX_DISCARD)) {
            throw new IllegalArgumentException("option 'discard' must be between 0 and " + MAX_DISCARD + ", got " + discard);
        }
        boolean compat = o.boolOption(COMPAT, false);
        String c = o.option(CLS, "include").trim().toLowerCase(Locale.ROOT);
        boolean cls = switch (c) {
            case "include" -> true;
            case "exclude" -> false;
            default -> throw new IllegalArgumentException("option 'cls' must be include or exclude, got '" + c + "'");
        };
        String d = o.option(DIRECTION, "all").trim().toLowerCase(Locale.ROOT);
        int direction = switch (d) {
            case "0", "1", "2", "3" -> Integer.parseInt(d);
            case "all" -> ALL;
            case "nall" -> NALL;
            default -> throw new IllegalArgumentException("option 'direction' must be 0, 1, 2, 3, all or nall, got '" + d + "'");
        };
        String m = o.option(MODE, "full").trim().toLowerCase(Locale.ROOT);
        HiddenAttention.Mode mode = switch (m) {
            case "full", "cwbdtw" -> HiddenAttention.Mode.FULL;
            case "cwbw" -> HiddenAttention.Mode.WITHOUT_DELTA_J;
            case "cb" -> HiddenAttention.Mode.CB;
            default -> throw new IllegalArgumentException("option 'mode' must be full, cwbw or cb, got '" + m + "'");
        };
        return new AttentionOptions(fusion, discard, compat, cls, direction, mode);
    }

    /** The direction as the option writes it. */
    String directionText() {
        return direction == ALL ? "all" : direction == NALL ? "nall" : Integer.toString(direction);
    }

    /** The mode by its name in VMamba's analyze/utils.py. */
    String modeText() {
        return switch (mode) {
            case FULL -> "CwBdtw (full α)";
            case WITHOUT_DELTA_J -> "CwBw (without Δ_j)";
            case CB -> "CB (no decay)";
        };
    }
}
