package org.modelworkbench.visualizers.views.attention;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.modelworkbench.visualizers.color.ColorMap;
import org.modelworkbench.visualizers.focal.FocalModulationMaps;
import org.modelworkbench.visualizers.render.GridFigure;
import org.modelworkbench.visualizers.render.HeatmapFigure;
import org.modelworkbench.visualizers.render.ValueRange;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.Panel;

/**
 * The panels of FocalNet's focal modulation (views-exact §3, as microsoft/FocalNet visualize.ipynb):
 * modulator magnitude, the raw gates, and each level's mean depthwise kernel.
 */
final class FocalPanels {
    private FocalPanels() {
    }

    static List<Panel> render(Context ctx) {
        int levels = ctx.integer(AttentionBundle.LEVELS);
        return List.of(modulator(ctx), gates(ctx, levels), kernels(ctx, levels));
    }

    static Panel modulator(Context ctx) {
        FloatTensor all = ctx.tensor(AttentionBundle.MODULATOR);
        checkImage(ctx, all);
        FloatTensor map = all.select(ctx.image());
        HeatmapFigure fig = VitPanels.overImage(ctx, map, HeatmapFigure.Interpolation.BILINEAR)
                .title(ctx.layer().name() + " · modulator magnitude ‖M‖ · " + map.dim(0) + "×" + map.dim(1) + " map · "
                        + ctx.imageLabel())
                .colorBar("‖M‖₂ over channels").build();
        String caption = "FocalNet (Yang et al. 2022) multiplies each query by a modulator M = h(Σ_l gate_l · ctx_l) "
                + "aggregated from its surroundings at growing scales; the map is the L2 norm of M over channels at each "
                + "position, upsampled bilinearly (as the authors' notebook, which reads it from the last block of a "
                + "stage). Bright = strongly modulated positions, usually the object.";
        return Panel.of("modulator", "Focal modulator magnitude", fig, fig.csv(), caption);
    }

    static Panel gates(Context ctx, int levels) {
        FloatTensor all = ctx.tensor(AttentionBundle.GATES);
        checkImage(ctx, all);
        FloatTensor maps = FocalModulationMaps.gateMaps(all, ctx.image());
        List<GridFigure.Tile> tiles = new ArrayList<>();
        for (int l = 0; l < maps.dim(0); l++) {
            tiles.add(new GridFigure.Tile(maps.select(l), l < levels ? "level " + (l + 1) + " (" + size(ctx, l) + ")"
                    : "global", l));
        }
        GridFigure fig = GridFigure.builder().group("", tiles).columns(tiles.size()).tileSize(120)
                .colorMap(ColorMap.RDBU).range(ValueRange.symmetric())
                .title(ctx.layer().name() + " · gates of the " + levels + " focal levels and the global level · "
                        + ctx.imageLabel())
                .colorBar("gate (raw, no sigmoid)").build();
        String caption = "The gates weigh how much each focal level contributes to the modulator at every position: level "
                + "1 is the finest context, 'global' the image-wide mean. They are raw linear outputs, no sigmoid, so they "
                + "can be negative (blue); the colour scale is symmetric about 0 (white). The notebook shows them for the "
                + "last block of the last stage.";
        return Panel.of("gates", "Focal gates", fig, fig.csv(), caption);
    }

    static Panel kernels(Context ctx, int levels) {
        List<GridFigure.Tile> tiles = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            FloatTensor k = ctx.bundle().tensor(AttentionBundle.kernel(ctx.layer().index(), l));
            tiles.add(new GridFigure.Tile(k, "level " + (l + 1) + " (" + k.dim(0) + "×" + k.dim(1) + ")", l));
        }
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException(ctx.layer().name() + " has no focal levels to show kernels of");
        }
        GridFigure fig = GridFigure.builder().group("", tiles).columns(tiles.size()).tileSize(120)
                .colorMap(ColorMap.RDBU).range(ValueRange.symmetric())
                .title(ctx.layer().name() + " · depthwise kernel of each focal level, mean over channels")
                .colorBar("weight").build();
        String caption = "Each focal level gathers context with a depthwise convolution (kernel k_l = factor·(l−1) + "
                + "window) followed by GELU; the tiles are those kernels averaged over channels, on one symmetric scale. "
                + "A centre-heavy kernel looks locally, a flat or ring-shaped one further out.";
        return Panel.of("kernels", "Focal kernels", fig, fig.csv(), caption);
    }

    private static String size(Context ctx, int level) {
        String name = AttentionBundle.kernel(ctx.layer().index(), level);
        return ctx.bundle().optionalTensor(name).map(k -> k.dim(0) + "×" + k.dim(1)).orElse("?");
    }

    private static void checkImage(Context ctx, FloatTensor t) {
        if (ctx.image() >= t.dim(0)) {
            throw new IllegalArgumentException("image " + ctx.image() + " is outside the " + t.dim(0) + " images of "
                    + ctx.layer().name());
        }
    }
}
