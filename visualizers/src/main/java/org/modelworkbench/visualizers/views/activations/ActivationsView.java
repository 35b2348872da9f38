package org.modelworkbench.visualizers.views.activations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.color.ColorMap;
import org.modelworkbench.visualizers.io.Csv;
import org.modelworkbench.visualizers.render.Composite;
import org.modelworkbench.visualizers.render.Figure;
import org.modelworkbench.visualizers.render.GridFigure;
import org.modelworkbench.visualizers.render.HeatmapFigure;
import org.modelworkbench.visualizers.render.LineChart;
import org.modelworkbench.visualizers.render.Theme;
import org.modelworkbench.visualizers.render.ValueRange;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.OptionSpec;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.Picker;
import org.modelworkbench.visualizers.views.View;
import org.modelworkbench.visualizers.views.ViewOptions;

/**
 * What each layer of the network passes on for one test image: the chosen layer's channels as a grid of
 * maps beside the input, with per-channel statistics, and a summary of every layer across depth (mean
 * |activation| and the share of values ≤ 0). Workbench definition (no reference implementation): the
 * statistics are plain means over the values named in each column.
 *
 * <p>Bundle: meta {@value #LAYERS} (top-level node ids in run order), {@value #CHANNELS_LAST} (the layers
 * written N×H×W×C), {@value #NODE} (the default layer); one tensor per layer, {@link #tensorName}(node): the
 * node's output for every image, B×C×H×W, B×H×W×C, B×N×D tokens or B×D; and "images" (B×C×H×W in [0, 1]).
 */
public final class ActivationsView implements View {
    public static final String KIND = "activations";
    public static final String LAYERS = "layers";
    public static final String CHANNELS_LAST = "channelsLast";
    public static final String NODE = "node";
    public static final String IMAGES = "images";
    public static final String SORT = "sort";
    public static final String MAX_CHANNELS = "channels";
    public static final String SCALE = "scale";
    static final List<String> SORTS = List.of("index", "strongest");
    static final List<String> SCALES = List.of("shared", "per-tile");

    /** Per-bundle depth summary: it reads every layer of every image, so it is made once. */
    private final Map<Bundle, double[][]> depth = Collections.synchronizedMap(new WeakHashMap<>());

    /** The tensor holding {@code node}'s output. */
    public static String tensorName(String node) {
        return "act." + node;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String title() {
        return "Activations";
    }

    @Override
    public String description() {
        return "What each layer passes on for one test image. Left: the input; right: the chosen layer's channels, "
                + "one small map per channel (viridis, bright = strong; red–blue around a white zero when the layer has negative values), in channel order or strongest mean first, on one "
                + "shared colour scale or each on its own. Token layers (ViT) are shown as maps once their class "
                + "tokens are dropped; channels-last stages (Swin, VMamba) are transposed. The table gives each "
                + "channel's mean, standard deviation, maximum and share of values ≤ 0 for this image (a channel "
                + "that is ≤ 0 everywhere after a ReLU is dead). The second figure follows every layer across depth: "
                + "mean |activation| and the share of values ≤ 0 over all probed images; click a layer's point to "
                + "select its node. Workbench definition.";
    }

    @Override
    public List<OptionSpec> options(Bundle bundle) {
        return List.of(
                OptionSpec.choice(SORT, "Order", "index", SORTS, "channels in index order, or strongest mean first"),
                OptionSpec.number(MAX_CHANNELS, "Channels shown", "64", "at most this many channel maps"),
                OptionSpec.choice(SCALE, "Colour scale", "shared", SCALES,
                        "one colour scale for every map, or each map on its own"));
    }

    @Override
    public List<String> layers(Bundle bundle) {
        return bundle.strings(LAYERS);
    }

    @Override
    public int images(Bundle bundle) {
        return bundle.has(IMAGES) ? bundle.tensor(IMAGES).dim(0) : 1;
    }

    @Override
    public List<Panel> render(Bundle bundle, ViewOptions options) {
        List<String> layers = layers(bundle);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the activations data lists no layers");
        }
        String layer = options.layer() != null ? options.layer() : bundle.string(NODE, layers.get(layers.size() - 1));
        if (!layers.contains(layer)) {
            throw new IllegalArgumentException("no layer '" + layer + "' in the activations data; layers: "
                    + String.join(", ", layers));
        }
        String sort = choice(options, SORT, "index", SORTS);
        String scale = choice(options, SCALE, "shared", SCALES);
        int max = options.intOption(MAX_CHANNELS, 64);
        if (max < 1) {
            throw new IllegalArgumentException("option '" + MAX_CHANNELS + "' must be at least 1, got " + max);
        }
        FloatTensor all = bundle.tensor(tensorName(layer));
        int image = options.image();
        if (image >= all.dim(0)) {
            throw new IllegalArgumentException("image position " + image + " is outside the " + all.dim(0)
                    + " probed images");
        }
        LayerMaps maps = LayerMaps.of(all.select(image), bundle.strings(CHANNELS_LAST).contains(layer));
        ChannelStats stats = ChannelStats.of(maps.channels());
        int[] order = stats.order(sort.equals("strongest"));
        int shown = Math.min(max, order.length);

        String where = imageName(bundle, image);
        Figure channels;
        if (maps.spatial()) {
            List<GridFigure.Tile> tiles = new ArrayList<>();
            for (int k = 0; k < shown; k++) {
                int c = order[k];
                tiles.add(new GridFigure.Tile(maps.channels().select(c), Integer.toString(c), c));
            }
            int side = Math.max(maps.channels().dim(1), maps.channels().dim(2));
            GridFigure.Builder g = GridFigure.builder().group(null, tiles)
                    .scaling(scale.equals("shared") ? GridFigure.Scaling.SHARED : GridFigure.Scaling.PER_TILE)
                    .tileSize(Math.max(40, Math.min(96, side * 4)))
                    .title(layer + " " + maps.describe() + ": " + shown + " of " + order.length + " channels"
                            + (sort.equals("strongest") ? ", strongest mean first" : ""));
            if (signed(maps.channels())) { // signed values (no ReLU before): zero in white, as kernels are drawn
                g.colorMap(ColorMap.RDBU).range(ValueRange.symmetric());
            }
            if (scale.equals("shared")) {
                g.colorBar("activation");
            } else {
                g.noColorBar();
            }
            channels = g.build();
        } else {
            channels = HeatmapFigure.builder(maps.asMatrix())
                    .colorMap(signed(maps.channels()) ? ColorMap.RDBU : ColorMap.VIRIDIS)
                    .range(signed(maps.channels()) ? ValueRange.symmetric() : ValueRange.auto())
                    .size(Math.max(120, Math.min(480, maps.asMatrix().dim(1) * 4)),
                            Math.max(40, Math.min(360, maps.asMatrix().dim(0) * 4)))
                    .colorBar("activation")
                    .title(layer + " " + maps.describe() + " (rows: " + (maps.asMatrix().dim(0) == 1 ? "one vector"
                            : "tokens") + ", columns: channels)")
                    .build();
        }
        List<Figure> figures = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        if (bundle.has(IMAGES) && image < bundle.tensor(IMAGES).dim(0)) {
            figures.add(inputFigure(bundle.tensor(IMAGES).select(image)));
            captions.add("input");
        }
        figures.add(channels);
        captions.add(null);
        Figure main = Composite.row(figures, captions, "Activations of " + layer + " — " + where, Theme.LIGHT);

        Csv table = Csv.withHeader("channel", "mean", "std", "max", "fraction_le_0");
        for (int c = 0; c < order.length; c++) {
            table.add(c, stats.mean()[c], stats.std()[c], stats.max()[c], stats.dead()[c]);
        }
        int deadCount = 0;
        for (double d : stats.dead()) {
            deadCount += d >= 1 ? 1 : 0;
        }
        Panel first = Panel.of("activations", "Channels of " + layer, main, table,
                String.format(Locale.ROOT, "%s, %s: %d channels, %d of them ≤ 0 everywhere on this image (dead after a "
                        + "ReLU). Table: per-channel mean, std, max and share of values ≤ 0 on this image.",
                        layer, maps.describe(), order.length, deadCount));

        double[][] summary = depth.computeIfAbsent(bundle, b -> summarise(b, layers));
        LineChart magnitude = LineChart.categorical(layers).series("mean |activation|", summary[0])
                .title("Across depth: mean |activation| (all " + images(bundle) + " images)")
                .yLabel("mean |a|").build();
        LineChart dead = LineChart.categorical(layers).series("fraction ≤ 0", summary[1])
                .title("Across depth: share of values ≤ 0").yLabel("fraction").xLabel("layer (run order)")
                .yRange(0, 1).build();
        Composite both = Composite.column(List.of(magnitude, dead), null, "Every layer across depth", Theme.LIGHT);
        Csv depthTable = Csv.withHeader("layer", "mean_abs", "fraction_le_0");
        for (int i = 0; i < layers.size(); i++) {
            depthTable.add(layers.get(i), summary[0][i], summary[1][i]);
        }
        Panel second = Panel.of("activations-depth", "Every layer across depth", both, depthTable,
                "Mean |activation| and share of values ≤ 0 of each layer's output over every probed image, in run "
                        + "order; click a point to select that layer's node.")
                .withPicker(new DepthPicker(both, List.of(magnitude, dead), layers));
        return List.of(first, second);
    }

    /** Whether a clearly negative value is there (more than a rounding error below zero). */
    private static boolean signed(FloatTensor t) {
        float max = 0;
        float min = 0;
        for (float v : t.values()) {
            max = Math.max(max, Math.abs(v));
            min = Math.min(min, v);
        }
        return min < -1e-6 * Math.max(1, max);
    }

    /** mean |a| and fraction ≤ 0 of every layer over every image. */
    private static double[][] summarise(Bundle bundle, List<String> layers) {
        double[][] out = new double[2][layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            float[] v = bundle.tensor(tensorName(layers.get(i))).values();
            double abs = 0;
            long le = 0;
            for (float x : v) {
                abs += Math.abs(x);
                le += x <= 0 ? 1 : 0;
            }
            out[0][i] = v.length == 0 ? Double.NaN : abs / v.length;
            out[1][i] = v.length == 0 ? Double.NaN : (double) le / v.length;
        }
        return out;
    }

    /** The input image as a figure of its own (grey or RGB), without a colour bar. */
    static Figure inputFigure(FloatTensor chw) {
        int h = chw.dim(1);
        int w = chw.dim(2);
        int zoom = Math.max(1, 160 / Math.max(h, w));
        FloatTensor image = chw.dim(0) == 1 || chw.dim(0) == 3 ? chw : chw.select(0);
        return HeatmapFigure.builder(FloatTensor.zeros(h, w)).underlay(image).opacity(0).size(w * zoom, h * zoom)
                .noColorBar().build();
    }

    private static String imageName(Bundle bundle, int image) {
        List<String> indices = bundle.strings("imageIndices");
        String name = image < indices.size() ? "test image " + indices.get(image) : "image " + image;
        List<String> classes = bundle.strings("classNames");
        if (bundle.has("labels") && image < bundle.tensor("labels").dim(0)) {
            int label = Math.round(bundle.tensor("labels").values()[image]);
            if (label >= 0 && label < classes.size()) {
                name += " (" + classes.get(label) + ")";
            }
        }
        return name;
    }

    static String choice(ViewOptions options, String key, String fallback, List<String> allowed) {
        String v = options.option(key, fallback).trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("option '" + key + "' must be one of " + String.join(", ", allowed)
                    + ", got '" + options.option(key, fallback) + "'");
        }
        return v;
    }

    /** A click on either chart selects the layer whose column is nearest. */
    private record DepthPicker(Composite composite, List<LineChart> charts, List<String> layers) implements Picker {
        @Override
        public Optional<String> nodeAt(double x, double y) {
            return composite.locate(x, y).flatMap(at -> {
                LineChart chart = charts.get(at.panel());
                if (!chart.plotBounds().contains(at.x(), at.y())) {
                    return Optional.empty();
                }
                int best = -1;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (int i = 0; i < layers.size(); i++) {
                    double d = Math.abs(chart.pixelOf(0, i).getX() - at.x());
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = i;
                    }
                }
                return best < 0 ? Optional.empty() : Optional.of(layers.get(best));
            });
        }
    }
}
