package org.modelworkbench.visualizers.views.attention;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.modelworkbench.visualizers.attention.AttentionDistance;
import org.modelworkbench.visualizers.attention.AttentionEntropy;
import org.modelworkbench.visualizers.attention.AttentionRollout;
import org.modelworkbench.visualizers.attention.QueryAttention;
import org.modelworkbench.visualizers.attention.Rollout;
import org.modelworkbench.visualizers.io.Csv;
import org.modelworkbench.visualizers.render.Cell;
import org.modelworkbench.visualizers.render.HeatmapFigure;
import org.modelworkbench.visualizers.render.LineChart;
import org.modelworkbench.visualizers.render.ValueRange;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.Picker;
import org.modelworkbench.visualizers.views.attention.AttentionBundle.Family;
import org.modelworkbench.visualizers.views.attention.AttentionBundle.Layer;

/**
 * The panels of global attention (ViT/DeiT, views-exact §1): where a query patch attends, attention
 * rollout, and mean attention distance and entropy per head across depth.
 */
final class VitPanels {
    private VitPanels() {
    }

    static List<Panel> render(Context ctx) {
        List<Panel> panels = new ArrayList<>();
        panels.add(query(ctx));
        panels.add(rollout(ctx));
        Stats stats = stats(ctx);
        panels.add(distance(ctx, stats));
        panels.add(entropy(ctx, stats));
        return panels;
    }

    static Panel query(Context ctx) {
        FloatTensor att = ctx.tensor(AttentionBundle.ATTENTION);
        int prefix = ctx.integer(AttentionBundle.PREFIX_TOKENS);
        int g = ctx.integer(AttentionBundle.GRID_HEIGHT);
        int heads = att.dim(1);
        int head = ctx.head(heads, "heads");
        Cell q = ctx.query(g, g);
        QueryAttention.Maps maps = QueryAttention.ofPatch(att, ctx.image(), q.row(), q.col(), prefix);
        FloatTensor map = head < 0 ? maps.mean() : maps.perHead().select(head);
        double onPrefix = 1;
        for (float v : map.values()) {
            onPrefix -= v;
        }
        String who = head < 0 ? "mean of " + heads + " heads" : "head " + head;
        HeatmapFigure fig = overImage(ctx, map, HeatmapFigure.Interpolation.NEAREST)
                .marker(q.row(), q.col())
                .title(ctx.layer().name() + " · " + who + " · query patch (" + q.row() + ", " + q.col() + ") · "
                        + ctx.imageLabel())
                .colorBar("attention probability").build();
        String caption = "Where the outlined query patch looks in " + ctx.layer().name() + ": each cell is the softmax "
                + "weight it gives that key patch (" + who + "). Prefix keys (CLS" + (prefix > 1 ? ", distillation" : "")
                + ") are left out and not renormalised: they took " + String.format(Locale.ROOT, "%.3f", onPrefix)
                + " of this row. Click a patch to make it the query.";
        return new Panel("query", "Attention of one query patch", fig, Map.of("", fig.csv()), caption, cellPicker(fig));
    }

    static Panel rollout(Context ctx) {
        List<Layer> vits = new ArrayList<>();
        for (Layer l : ctx.layers()) {
            if (l.family() == Family.VIT) {
                vits.add(l);
            }
            if (l == ctx.layer()) {
                break;
            }
        }
        List<FloatTensor> attention = new ArrayList<>();
        int prefix = -1;
        for (Layer l : vits) {
            attention.add(ctx.bundle().tensor(AttentionBundle.tensor(l.index(), AttentionBundle.ATTENTION)));
            int p = ctx.bundle().integer(AttentionBundle.meta(l.index(), AttentionBundle.PREFIX_TOKENS));
            if (prefix >= 0 && p != prefix) {
                throw new IllegalArgumentException("rollout needs one token layout, but " + l.name() + " has " + p
                        + " prefix tokens and " + vits.get(0).name() + " has " + prefix);
            }
            prefix = p;
        }
        AttentionOptions o = ctx.options();
        AttentionRollout.Options ro = new AttentionRollout.Options(o.fusion(), o.discard(), o.compat(), prefix);
        Rollout r = AttentionRollout.compute(attention, ctx.image(), ro);
        String through = vits.size() == 1 ? vits.get(0).name()
                : vits.get(0).name() + "…" + vits.get(vits.size() - 1).name();
        String how = o.fusion().name().toLowerCase(Locale.ROOT) + ", discard "
                + String.format(Locale.ROOT, "%.2f", o.discard()) + (o.compat() ? ", vit-explain sums" : "");
        HeatmapFigure fig = overImage(ctx, r.map(), HeatmapFigure.Interpolation.BILINEAR)
                .range(ValueRange.fixed(0, 1))
                .title("Rollout " + through + " · " + how + (r.degenerate() ? " · degenerate (all 0)" : "")
                        + " · " + ctx.imageLabel())
                .colorBar(prefix > 0 ? "rollout of CLS to patch (÷ max)" : "mean rollout to patch (÷ max)").build();
        String caption = "Attention rollout (Abnar & Zuidema 2020): per layer the heads are fused (" + how + "; head fusion, discarded share" + (o.compat() ? ", vit-explain's row sums" : "") + "), the "
                + "residual added as ½(A + I) with rows renormalised, and the layers multiplied first to last; the map is "
                + (prefix > 0 ? "the class token's row" : "the mean row (no class token)") + " over the patches, divided by "
                + "its maximum and drawn bilinearly as vit-explain does. Bright patches are those whose information reaches "
                + (prefix > 0 ? "the class token" : "the tokens") + " up to " + vits.get(vits.size() - 1).name() + "."
                + (r.degenerate() ? " Degenerate: the map's maximum is 0, nothing to normalise." : "");
        return new Panel("rollout", "Attention rollout", fig, Map.of("", fig.csv()), caption, cellPicker(fig));
    }

    /** Mean distance and entropy per (layer, head) over every image, with the layers they belong to. */
    record Stats(List<Layer> layers, double[][] distance, double[][] entropy, double[] bound, String entropyChoice,
                 int images) {
    }

    static Stats stats(Context ctx) {
        boolean cls = ctx.options().cls();
        return ctx.cache().get("vit-stats:" + cls, () -> {
            List<Layer> vits = ctx.layers().stream().filter(l -> l.family() == Family.VIT).toList();
            double[][] mad = new double[vits.size()][];
            double[][] ent = new double[vits.size()][];
            double[] bound = new double[vits.size()];
            String choice = "";
            int images = 0;
            for (int i = 0; i < vits.size(); i++) {
                int at = vits.get(i).index();
                FloatTensor a = ctx.bundle().tensor(AttentionBundle.tensor(at, AttentionBundle.ATTENTION));
                int prefix = ctx.bundle().integer(AttentionBundle.meta(at, AttentionBundle.PREFIX_TOKENS));
                int patch = ctx.bundle().integer(AttentionBundle.meta(at, AttentionBundle.PATCH_SIZE));
                mad[i] = new AttentionDistance(patch, prefix).perHead(a);
                AttentionEntropy.Result e = AttentionEntropy.perHead(a, prefix, cls);
                ent[i] = e.perHead();
                bound[i] = e.upperBound();
                choice = e.describe();
                images = a.dim(0);
            }
            return new Stats(vits, mad, ent, bound, choice, images);
        });
    }

    static Panel distance(Context ctx, Stats s) {
        LineChart chart = perHeadChart(s, s.distance(), null)
                .title("Mean attention distance per head across depth (" + s.images() + " images)")
                .xLabel("layer").yLabel("mean attention distance (input pixels)").build();
        Csv heads = Csv.withHeader("layer", "node", "head", "mean_attention_distance_px", "entropy_nats");
        for (int i = 0; i < s.layers().size(); i++) {
            Layer l = s.layers().get(i);
            for (int h = 0; h < s.distance()[i].length; h++) {
                heads.add(l.name(), l.node(), h, s.distance()[i][h], s.entropy()[i][h]);
            }
        }
        String caption = "Per head, the attention-weighted distance in input pixels between a query patch and the "
                + "patches it attends to, averaged over queries and images (ViT paper Fig. 7; probing-vits): CLS rows and "
                + "columns dropped, rows not renormalised. Low = local heads, high = global heads; ViTs typically spread "
                + "from both at the bottom to mostly global at the top. Click a layer to select it in the graph.";
        return new Panel("distance", "Mean attention distance across depth", chart, Map.of("", chart.csv(), "heads", heads),
                caption, layerPicker(chart, s.layers()));
    }

    static Panel entropy(Context ctx, Stats s) {
        LineChart chart = perHeadChart(s, s.entropy(), s.bound())
                .title("Attention entropy per head across depth (" + s.entropyChoice() + ")")
                .xLabel("layer").yLabel("entropy (nats)").build();
        String caption = "Per head, the Shannon entropy −Σ A ln A of each attention row, averaged over queries and "
                + s.images() + " images (Zhai et al. 2023; " + s.entropyChoice() + "). The 'uniform' line is ln of "
                + "the keys, a row spread evenly; near 0 a head looks at one token (entropy collapse). Click a layer to "
                + "select it in the graph.";
        return new Panel("entropy", "Attention entropy across depth", chart, Map.of("", chart.csv()), caption,
                layerPicker(chart, s.layers()));
    }

    private static LineChart.Builder perHeadChart(Stats s, double[][] values, double[] bound) {
        List<String> names = s.layers().stream().map(Layer::name).toList();
        int heads = 0;
        for (double[] v : values) {
            heads = Math.max(heads, v.length);
        }
        LineChart.Builder b = LineChart.categorical(names);
        double[] mean = new double[names.size()];
        for (int h = 0; h < heads; h++) {
            double[] y = new double[names.size()];
            for (int i = 0; i < names.size(); i++) {
                y[i] = h < values[i].length ? values[i][h] : Double.NaN;
            }
            b.series("head " + h, y);
        }
        for (int i = 0; i < names.size(); i++) {
            double sum = 0;
            for (double v : values[i]) {
                sum += v;
            }
            mean[i] = sum / values[i].length;
        }
        b.series("mean", mean);
        if (bound != null) {
            b.series("uniform (ln keys)", bound);
        }
        return b;
    }

    static HeatmapFigure.Builder overImage(Context ctx, FloatTensor map, HeatmapFigure.Interpolation interpolation) {
        HeatmapFigure.Builder b = HeatmapFigure.builder(map).size(Context.MAP_SIZE, Context.MAP_SIZE)
                .interpolation(interpolation);
        if (ctx.underlay() != null) {
            b.underlay(ctx.underlay()).opacity(ctx.view().opacity());
        }
        return b;
    }

    /** Clicks on a map's cell pick it as the query. */
    static Picker cellPicker(HeatmapFigure fig) {
        return new Picker() {
            @Override
            public Optional<Cell> queryAt(double x, double y) {
                return fig.cellAt(x, y);
            }
        };
    }

    /**
     * Clicks on a chart across depth pick the layer whose category is nearest, within the plot (widened by
     * half a category either side) and its tick labels beneath.
     */
    static Picker layerPicker(LineChart chart, List<Layer> layers) {
        return new Picker() {
            @Override
            public Optional<String> nodeAt(double x, double y) {
                Rectangle p = chart.plotBounds();
                int n = layers.size();
                double step = n > 1 ? chart.pixelOf(0, 1).getX() - chart.pixelOf(0, 0).getX() : p.width;
                double half = Math.abs(step) / 2;
                if (y < p.y || y > p.y + p.height + 40 || x < p.x - half || x > p.x + p.width + half) {
                    return Optional.empty();
                }
                int best = -1;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    double d = Math.abs(chart.pixelOf(0, i).getX() - x);
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = i;
                    }
                }
                return best >= 0 && bestDistance <= half + 1 ? Optional.of(layers.get(best).node()) : Optional.empty();
            }
        };
    }
}
