package org.modelworkbench.visualizers.views.attention;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.OptionSpec;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.View;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.attention.AttentionBundle.Family;
import org.modelworkbench.visualizers.views.attention.AttentionBundle.Layer;

/**
 * "attention": how each token-mixing layer of a design spreads information over the image, for the four
 * families the workbench builds (views-exact.md §1–4), drawn for the chosen layer:
 * <ul>
 *   <li>global attention (ViT/DeiT): panels "query" (a query patch's attention, per head or mean; click
 *       picks the query), "rollout" (Abnar &amp; Zuidema, through the layers up to the chosen one),
 *       "distance" and "entropy" (per head across depth; click picks the layer's node). CSV
 *       {@code distance-heads.csv}: layer, node, head, mean distance (px), entropy (nats).</li>
 *   <li>Swin: panel "query" (the query's window attention stitched back on the image, window borders
 *       drawn with the block's shift, NaN outside the window).</li>
 *   <li>FocalNet: panels "modulator" (‖M‖₂), "gates" (raw, symmetric scale), "kernels" (mean depthwise
 *       kernel per focal level).</li>
 *   <li>Mamba/VMamba: panels "hidden" (row of the hidden attention for a query position, per direction
 *       or aggregated) and "matrix" (the L×L matrix, when L ≤ 400).</li>
 * </ul>
 * Options: {@link AttentionOptions}; the common layer, head (a Mamba "head" is a channel), query, image
 * and opacity. Option-independent numbers are cached per bundle.
 */
public final class AttentionView implements View {
    @Override
    public String kind() {
        return AttentionBundle.KIND;
    }

    @Override
    public String title() {
        return "Attention maps";
    }

    @Override
    public String description() {
        return "Where each token-mixing layer looks, over the input image, for the chosen layer. Global attention (ViT, "
                + "DeiT): the attention of a query patch (click a patch to pick it), attention rollout through the layers "
                + "so far (Abnar & Zuidema 2020: heads fused, ½(A + I), multiplied first to last; vit-explain's discard "
                + "and its row-sum quirk selectable), and per head across depth the mean attention distance in pixels "
                + "(ViT paper Fig. 7) and the attention entropy (Zhai et al. 2023). Swin: a query's attention inside its "
                + "window, put back on the image with the window borders of the block's shift (Liu et al. 2021). "
                + "FocalNet: the modulator magnitude ‖M‖, the raw gates of each focal level (they can be negative) and "
                + "the mean kernel per level (Yang et al. 2022, as the authors' notebook). Mamba/VMamba: the hidden "
                + "attention α of a query position (Ali, Zimerman & Wolf 2024), per scan direction or aggregated as "
                + "VMamba's analysis does, and the whole matrix for short sequences. Weights are drawn in viridis "
                + "(brighter = more), signed values (gates, kernels, one scan direction's α) in red–blue with white at "
                + "0; maps sit over the image at the chosen opacity.";
    }

    @Override
    public List<OptionSpec> options(Bundle bundle) {
        Set<Family> families = families(bundle);
        List<OptionSpec> specs = new ArrayList<>();
        if (families.contains(Family.VIT)) {
            specs.add(AttentionOptions.FUSION_SPEC);
            specs.add(AttentionOptions.DISCARD_SPEC);
            specs.add(AttentionOptions.COMPAT_SPEC);
            specs.add(AttentionOptions.CLS_SPEC);
        }
        if (families.contains(Family.MAMBA)) {
            specs.add(AttentionOptions.DIRECTION_SPEC);
            specs.add(AttentionOptions.MODE_SPEC);
        }
        return specs;
    }

    @Override
    public List<String> layers(Bundle bundle) {
        return AttentionBundle.layers(bundle).stream().map(Layer::name).toList();
    }

    @Override
    public int images(Bundle bundle) {
        if (bundle.has(AttentionBundle.IMAGES)) {
            return bundle.tensor(AttentionBundle.IMAGES).dim(0);
        }
        Layer first = AttentionBundle.layers(bundle).get(0);
        String name = switch (first.family()) {
            case VIT, SWIN -> AttentionBundle.ATTENTION;
            case FOCAL -> AttentionBundle.MODULATOR;
            case MAMBA -> AttentionBundle.DELTA;
        };
        return bundle.tensor(AttentionBundle.tensor(first.index(), name)).dim(0);
    }

    /** Heads of the chosen ViT or Swin layer; channels of a scan (its "heads"); 0 for FocalNet. */
    @Override
    public int heads(Bundle bundle, ViewOptions options) {
        Layer l = layer(bundle, AttentionBundle.layers(bundle), options.layer());
        return switch (l.family()) {
            case VIT -> bundle.tensor(AttentionBundle.tensor(l.index(), AttentionBundle.ATTENTION)).dim(1);
            case SWIN -> bundle.tensor(AttentionBundle.tensor(l.index(), AttentionBundle.ATTENTION)).dim(2);
            case FOCAL -> 0;
            case MAMBA -> bundle.tensor(AttentionBundle.tensor(l.index(), AttentionBundle.DELTA)).dim(2);
        };
    }

    @Override
    public List<Panel> render(Bundle bundle, ViewOptions options) {
        if (!AttentionBundle.KIND.equals(bundle.kind())) {
            throw new IllegalArgumentException("the attention view draws attention data, not '" + bundle.kind() + "' data");
        }
        List<Layer> layers = AttentionBundle.layers(bundle);
        Layer layer = layer(bundle, layers, options.layer());
        AttentionOptions extra = AttentionOptions.of(options);
        int count = images(bundle);
        if (options.image() >= count) {
            throw new IllegalArgumentException("image position " + options.image() + " is outside the " + count
                    + " images probed (0…" + (count - 1) + ")");
        }
        FloatTensor underlay = bundle.optionalTensor(AttentionBundle.IMAGES).map(t -> t.select(options.image())).orElse(null);
        Context ctx = new Context(bundle, layers, layer, options, extra, options.image(), underlay, AttentionCache.of(bundle));
        return switch (layer.family()) {
            case VIT -> VitPanels.render(ctx);
            case SWIN -> SwinPanels.render(ctx);
            case FOCAL -> FocalPanels.render(ctx);
            case MAMBA -> MambaPanels.render(ctx);
        };
    }

    /**
     * The layer named {@code name} (its name, node or op path); null: the maker's choice ({@value
     * AttentionBundle#NODE}), else {@link AttentionBundle#defaultLayer}.
     */
    static Layer layer(Bundle bundle, List<Layer> layers, String name) {
        if (name == null || name.isBlank()) {
            String chosen = bundle.string(AttentionBundle.NODE, null);
            if (chosen != null) {
                for (Layer l : layers) {
                    if (l.name().equals(chosen)) {
                        return l;
                    }
                }
            }
            List<Family> families = layers.stream().map(Layer::family).toList();
            List<Integer> windows = new ArrayList<>();
            for (Layer l : layers) {
                windows.add(l.family() == Family.SWIN ? windowCount(bundle, l) : 0);
            }
            return layers.get(AttentionBundle.defaultLayer(families, windows));
        }
        for (Layer l : layers) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        for (Layer l : layers) {
            if (l.op().equals(name) || l.node().equals(name) && layers.stream().filter(o -> o.node().equals(name)).count() == 1) {
                return l;
            }
        }
        throw new IllegalArgumentException("no attention layer '" + name + "'; layers: "
                + String.join(", ", layers.stream().map(Layer::name).toList()));
    }

    private static int windowCount(Bundle b, Layer l) {
        int m = b.integer(AttentionBundle.meta(l.index(), AttentionBundle.WINDOW));
        return (b.integer(AttentionBundle.meta(l.index(), AttentionBundle.HEIGHT)) / m)
                * (b.integer(AttentionBundle.meta(l.index(), AttentionBundle.WIDTH)) / m);
    }

    private static Set<Family> families(Bundle bundle) {
        Set<Family> out = EnumSet.noneOf(Family.class);
        for (Layer l : AttentionBundle.layers(bundle)) {
            out.add(l.family());
        }
        return out;
    }
}
