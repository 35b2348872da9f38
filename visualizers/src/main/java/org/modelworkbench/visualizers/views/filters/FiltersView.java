package org.modelworkbench.visualizers.views.filters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.color.ColorMap;
import org.modelworkbench.visualizers.filters.ClusterMosaic;
import org.modelworkbench.visualizers.filters.Duplicates;
import org.modelworkbench.visualizers.filters.FilterReport;
import org.modelworkbench.visualizers.filters.KernelName;
import org.modelworkbench.visualizers.filters.KernelNaming;
import org.modelworkbench.visualizers.filters.Kernels;
import org.modelworkbench.visualizers.filters.ShapeShares;
import org.modelworkbench.visualizers.io.Csv;
import org.modelworkbench.visualizers.render.Cell;
import org.modelworkbench.visualizers.render.GridFigure;
import org.modelworkbench.visualizers.render.HeatmapFigure;
import org.modelworkbench.visualizers.render.MatrixFigure;
import org.modelworkbench.visualizers.render.ScatterFigure;
import org.modelworkbench.visualizers.render.ValueRange;
import org.modelworkbench.visualizers.spectra.KernelSpectra;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.OptionSpec;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.Picker;
import org.modelworkbench.visualizers.views.View;
import org.modelworkbench.visualizers.views.ViewOptions;

/**
 * Filter clusters of one convolution layer (views-exact.md §5, a workbench definition after Babaiee
 * et al., ICLR 2024): the layer's unit kernels clustered with k-means and shown on their first two
 * principal axes, a mosaic of each cluster (mean first), the share of each DoG-family shape, the
 * shares of every layer side by side, and the layer's mean kernel amplitude spectrum. Reads a
 * bundle with {@link FilterData}'s names.
 */
public final class FiltersView implements View {
    /** Option: the number of clusters; 0 chooses k in 2…10 by silhouette. */
    public static final String K = "k";
    /** Option: the naming threshold τ on the cosine score, in (0, 1]. */
    public static final String TAU = "tau";
    /** Members shown per cluster in the mosaic (nearest to the mean first), so large layers stay readable. */
    static final int MOSAIC_MEMBERS = 23;
    /** The padded size of the kernel amplitude spectrum. */
    static final int SPECTRUM_SIZE = 32;

    private final Map<Bundle, Map<String, Object>> cache = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public String kind() {
        return "filters";
    }

    @Override
    public String title() {
        return "Filter clusters";
    }

    @Override
    public String description() {
        return "The k×k kernels (k ≥ 3) of one convolution, each divided by its L2 norm, grouped by k-means "
                + "(k chosen by silhouette unless given) and drawn on their first two principal axes; a mosaic of "
                + "each cluster with its mean first; and each kernel named after the DoG-family shape it matches best "
                + "(DoG, its first and second derivatives, ± sign, cosine score ≥ τ, else \"unassigned\"). This naming "
                + "is a workbench definition after Babaiee et al. (ICLR 2024), who found ~10 such clusters in trained "
                + "depthwise kernels. The shapes-by-layer table compares layers, designs and training stages; the "
                + "kernel spectrum is the mean |FFT| of the layer's kernels (smooth banks: a blob at the centre; edge "
                + "detectors: energy away from it). Dead kernels (norm < 1% of the layer's median) and duplicates "
                + "(|cos| ≥ 0.995) are counted in the captions and flagged in the per-kernel table.";
    }

    @Override
    public List<OptionSpec> options(Bundle bundle) {
        return List.of(
                OptionSpec.number(K, "Clusters", "0", "How many k-means clusters; 0 chooses k in 2…10 by silhouette"),
                OptionSpec.number(TAU, "Naming threshold τ", Double.toString(KernelNaming.DEFAULT_TAU),
                        "A kernel is named after a shape when its cosine score reaches τ (0…1), else unassigned"));
    }

    @Override
    public List<String> layers(Bundle bundle) {
        return bundle.strings(FilterData.LAYERS);
    }

    @Override
    public List<Panel> render(Bundle bundle, ViewOptions options) {
        List<String> layers = layers(bundle);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the filters data lists no convolution layers ('" + FilterData.LAYERS + "')");
        }
        String layer = chosenLayer(bundle, options, layers);
        int k = options.intOption(K, 0);
        if (k < 0 || k == 1) {
            throw new IllegalArgumentException("option 'k' must be 0 (choose by silhouette) or at least 2, got " + k);
        }
        double tau = options.realOption(TAU, KernelNaming.DEFAULT_TAU);
        if (!(tau > 0 && tau <= 1)) {
            throw new IllegalArgumentException("option 'tau' must be in (0, 1], got " + tau);
        }
        FloatTensor weight = bundle.tensor(FilterData.weight(layer));
        FilterReport.Options o = FilterReport.Options.defaults();
        FilterReport.Options settings = new FilterReport.Options(k, o.kMin(), o.kMax(), o.seed(), tau, o.deadRatio(),
                o.duplicateCos());
        FilterReport report = cached(bundle, "report|" + layer + "|" + k + "|" + tau, () -> FilterReport.of(weight, settings));
        ShapeTable table = cached(bundle, "shapes|" + tau, () -> ShapeTable.of(bundle, layers, tau));

        int[] rank = clusterRanks(report);
        List<String> clusterNames = clusterNames(report);
        List<Panel> panels = new ArrayList<>();
        panels.add(clusters(report, rank, clusterNames, layer));
        panels.add(mosaic(report, layer));
        panels.add(shapes(report, layer, tau));
        panels.add(shapesByLayer(table, layers, tau));
        panels.add(kernelSpectrum(weight, layer));
        return panels;
    }

    static String chosenLayer(Bundle bundle, ViewOptions options, List<String> layers) {
        String layer = options.layer();
        if (layer == null || layer.isBlank()) {
            String node = bundle.string(FilterData.NODE, null);
            return node != null && layers.contains(node) ? node : layers.get(0);
        }
        if (layers.contains(layer)) {
            return layer;
        }
        // A node id selects the first convolution inside it.
        for (String l : layers) {
            if (l.startsWith(layer + ".")) {
                return l;
            }
        }
        throw new IllegalArgumentException("no convolution '" + layer + "' with a kernel of 3 or more; layers: "
                + String.join(", ", layers));
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(Bundle bundle, String key, java.util.function.Supplier<T> compute) {
        Map<String, Object> perBundle = cache.computeIfAbsent(bundle, b -> Collections.synchronizedMap(new LinkedHashMap<>()));
        Object v = perBundle.get(key);
        if (v == null) {
            v = compute.get();
            perBundle.put(key, v);
        }
        return (T) v;
    }

    /** Cluster label → position in the mosaic (largest cluster 0), so colours and groups agree. */
    private static int[] clusterRanks(FilterReport r) {
        int[] rank = new int[r.clustering().k()];
        Arrays.fill(rank, -1);
        List<ClusterMosaic.Group> groups = r.mosaic().groups();
        for (int i = 0; i < groups.size(); i++) {
            rank[groups.get(i).cluster()] = i;
        }
        return rank;
    }

    /** "c1 +DoG (12)": one per mosaic group, largest first. */
    private static List<String> clusterNames(FilterReport r) {
        List<String> names = new ArrayList<>();
        List<ClusterMosaic.Group> groups = r.mosaic().groups();
        for (int i = 0; i < groups.size(); i++) {
            ClusterMosaic.Group g = groups.get(i);
            names.add(String.format(Locale.ROOT, "c%d %s (%d)", i + 1, meanName(g), g.members().length));
        }
        return names;
    }

    private static String meanName(ClusterMosaic.Group g) {
        KernelName n = g.meanName();
        if (n == null) {
            return "no shape";
        }
        return n.assigned() ? n.label() : "≈" + n.bestShape();
    }

    private Panel clusters(FilterReport r, int[] rank, List<String> names, String layer) {
        FloatTensor pca = r.pca2d();
        int m = pca.dim(0);
        double[] x = new double[m];
        double[] y = new double[m];
        int[] category = new int[m];
        int[] labels = r.clustering().labels();
        for (int j = 0; j < m; j++) {
            x[j] = pca.get(j, 0);
            y[j] = pca.dim(1) > 1 ? pca.get(j, 1) : 0;
            category[j] = rank[labels[j]];
        }
        double[] ev = r.explained();
        ScatterFigure fig = ScatterFigure.builder(x, y).categories(category, names)
                .title("Kernel clusters — " + layer)
                .xLabel(String.format(Locale.ROOT, "PC1 (%.0f%% of variance)", 100 * ev[0]))
                .yLabel(ev.length > 1 ? String.format(Locale.ROOT, "PC2 (%.0f%% of variance)", 100 * ev[1]) : "PC2")
                .build();
        Map<String, Csv> tables = new LinkedHashMap<>();
        tables.put("", fig.csv());
        tables.put("kernels", kernelTable(r, rank));
        String chosen = r.silhouettes().length > 0
                ? String.format(Locale.ROOT, "k = %d chosen by silhouette (%.2f)", r.clustering().k(), r.silhouette())
                : String.format(Locale.ROOT, "k = %d given%s", r.clustering().k(),
                        Double.isNaN(r.silhouette()) ? "" : String.format(Locale.ROOT, " (silhouette %.2f)", r.silhouette()));
        String caption = String.format(Locale.ROOT, "%d kernels of %d×%d, %d analysed; %s. Each point is a unit kernel "
                        + "on the first two principal axes, coloured by k-means cluster; the legend names each cluster "
                        + "after the DoG-family shape of its mean (≈ when below τ) and its size. %s",
                r.kernels().count(), r.kernels().kernelSize(), r.kernels().kernelSize(), r.kernels().analysedCount(), chosen,
                deadAndDuplicates(r));
        return new Panel("clusters", "Kernel clusters (PCA)", fig, tables, caption, Picker.NONE);
    }

    static String deadAndDuplicates(FilterReport r) {
        Duplicates d = r.duplicates();
        return String.format(Locale.ROOT, "Dead kernels (norm < 1%% of the median %.3g): %d. Duplicates (|cos| ≥ %.3f): "
                        + "%d pairs in %d groups.", r.kernels().medianNorm(), r.kernels().deadIndices().length,
                Duplicates.DEFAULT_MIN_ABS_COS, d.pairCount(), d.groups().size());
    }

    /** index, out, in, norm, dead, duplicate, cluster, name, score — one row per kernel of the layer. */
    static Csv kernelTable(FilterReport r, int[] rank) {
        Kernels kernels = r.kernels();
        int[] analysed = kernels.analysedIndices();
        int[] position = new int[kernels.count()];
        Arrays.fill(position, -1);
        for (int j = 0; j < analysed.length; j++) {
            position[analysed[j]] = j;
        }
        Csv csv = Csv.withHeader("index", "out", "in", "norm", "dead", "duplicate", "cluster", "name", "score");
        int[] labels = r.clustering().labels();
        for (int i = 0; i < kernels.count(); i++) {
            Kernels.Origin o = kernels.origin(i);
            int j = position[i];
            if (j < 0) {
                csv.add(i, o.out(), o.in(), kernels.norm(i), kernels.dead(i), false, "", "", "");
            } else {
                KernelName n = r.names().get(j);
                csv.add(i, o.out(), o.in(), kernels.norm(i), kernels.dead(i), r.duplicates().isDuplicate(j),
                        "c" + (rank[labels[j]] + 1), n.label(), n.score());
            }
        }
        return csv;
    }

    private Panel mosaic(FilterReport r, String layer) {
        int[] analysed = r.kernels().analysedIndices();
        FloatTensor units = r.kernels().analysedUnits();
        GridFigure.Builder b = GridFigure.builder();
        List<ClusterMosaic.Group> groups = r.mosaic().groups();
        int shown = 0;
        for (int i = 0; i < groups.size(); i++) {
            ClusterMosaic.Group g = groups.get(i);
            List<GridFigure.Tile> tiles = new ArrayList<>();
            tiles.add(new GridFigure.Tile(g.mean(), "mean", GridFigure.MEAN));
            int count = Math.min(MOSAIC_MEMBERS, g.members().length);
            for (int t = 0; t < count; t++) {
                int j = g.members()[t];
                tiles.add(new GridFigure.Tile(units.select(j), Integer.toString(analysed[j]), analysed[j]));
            }
            shown += count;
            String more = g.members().length > count ? ", " + count + " nearest shown" : "";
            b.group(String.format(Locale.ROOT, "c%d %s (%d%s)", i + 1, meanName(g), g.members().length, more), tiles);
        }
        GridFigure fig = b.colorMap(ColorMap.RDBU).range(ValueRange.symmetric()).tileSize(40).columns(12)
                .title("Cluster mosaic — " + layer).colorBar("unit kernel value").build();
        String caption = String.format(Locale.ROOT, "One row group per cluster, largest first: its mean kernel (in the "
                + "normalised space; a faint mean means a loose cluster), then its members from nearest to farthest "
                + "(%d of %d kernels shown, labelled by kernel index). Red positive, blue negative, one shared scale.",
                shown, r.kernels().analysedCount());
        return Panel.of("mosaic", "Cluster mosaic", fig, fig.csv(), caption);
    }

    private Panel shapes(FilterReport r, String layer, double tau) {
        List<ShapeShares.Row> rows = r.shares().rows();
        float[] v = new float[rows.size() * 2];
        List<String> names = new ArrayList<>();
        Csv csv = Csv.withHeader("shape", "count", "share", "meanScore");
        for (int i = 0; i < rows.size(); i++) {
            ShapeShares.Row row = rows.get(i);
            names.add(row.name());
            v[2 * i] = (float) row.share();
            v[2 * i + 1] = (float) row.meanScore();
            csv.add(row.name(), row.count(), row.share(), row.meanScore());
        }
        MatrixFigure fig = MatrixFigure.builder(FloatTensor.of(v, rows.size(), 2)).rowLabels(names)
                .columnLabels(List.of("share", "mean score")).range(ValueRange.fixed(0, 1)).colorMap(ColorMap.BLUES)
                .numbers(true).cellSize(40).title("Kernel shapes — " + layer).yLabel("shape").colorBar("share / cosine")
                .build();
        String caption = String.format(Locale.ROOT, "Workbench definition (views-exact.md §5): each unit kernel is named "
                        + "after the DoG-family template (DoG, dx, dy, diagonals, dxx, dyy, dxy; + as is, − negated) with "
                        + "the best cosine, if that cosine reaches τ = %.2f. Share = kernels with that name / kernels named; "
                        + "%.0f%% of this layer's %d kernels are unassigned. Mean score: the mean cosine of the kernels "
                        + "with that name (blank when none).", tau, 100 * r.shares().unassignedShare(),
                r.shares().total());
        return Panel.of("shapes", "Kernel shapes (workbench definition)", fig, csv, caption);
    }

    private Panel shapesByLayer(ShapeTable t, List<String> layers, double tau) {
        List<String> labels = shortLabels(layers);
        MatrixFigure fig = MatrixFigure.builder(t.shares()).rowLabels(t.shapes()).columnLabels(labels)
                .range(ValueRange.fixed(0, 1)).colorMap(ColorMap.BLUES).title("Kernel shapes by layer")
                .xLabel("layer (convolutions with k ≥ 3, in order)").yLabel("shape").colorBar("share of the layer")
                .build();
        Csv csv = Csv.matrix(t.shares(), "shape", t.shapes(), layers);
        String caption = String.format(Locale.ROOT, "Share of each DoG-family shape per layer (workbench definition, "
                + "τ = %.2f; columns sum to 1 with the unassigned row). Compare designs or training stages column by "
                + "column (--compare draws two side by side). Click a column to select its layer.", tau);
        Picker picker = new Picker() {
            @Override
            public Optional<String> nodeAt(double x, double y) {
                return fig.cellAt(x, y).map(Cell::col).map(layers::get);
            }
        };
        return Panel.of("shapes-by-layer", "Kernel shapes by layer", fig, csv, caption).withPicker(picker);
    }

    /** Layer labels without their common "node." repetition when that keeps them distinct: the last two path parts. */
    static List<String> shortLabels(List<String> layers) {
        List<String> out = new ArrayList<>();
        for (String l : layers) {
            String[] parts = l.split("\\.");
            out.add(parts.length <= 2 ? l : parts[0] + "…" + parts[parts.length - 1]);
        }
        return new java.util.HashSet<>(out).size() == out.size() ? out : layers;
    }

    private Panel kernelSpectrum(FloatTensor weight, String layer) {
        int k = weight.dim(-1);
        int size = Math.max(SPECTRUM_SIZE, Math.max(k, weight.dim(-2)));
        FloatTensor amplitude = KernelSpectra.meanAmplitude(weight, size);
        HeatmapFigure fig = HeatmapFigure.builder(amplitude).colorMap(ColorMap.MAGMA).size(256, 256)
                .title("Kernel spectrum — " + layer).colorBar("mean |FFT|").build();
        String caption = String.format(Locale.ROOT, "Mean |FFT| of the layer's %d×%d kernels zero-padded to %d×%d, DC "
                + "at the centre (row and column %d), frequencies growing outwards to ±π at the edges. A blob at the "
                + "centre: smoothing (low-pass) kernels; energy away from it: edge and texture detectors. A workbench "
                + "view (no reference code).", weight.dim(-2), k, size, size, size / 2);
        return Panel.of("kernel-spectrum", "Kernel amplitude spectrum", fig, fig.csv(), caption);
    }

    /** The shape shares of every layer at one τ: rows = shapes (+ unassigned), columns = layers. */
    record ShapeTable(List<String> shapes, FloatTensor shares) {
        static ShapeTable of(Bundle bundle, List<String> layers, double tau) {
            List<String> shapes = null;
            float[][] columns = new float[layers.size()][];
            for (int c = 0; c < layers.size(); c++) {
                Kernels kernels = Kernels.of(bundle.tensor(FilterData.weight(layers.get(c))));
                List<ShapeShares.Row> rows;
                if (kernels.analysedCount() == 0) {
                    rows = ShapeShares.of(List.of()).rows();
                } else {
                    rows = new KernelNaming(kernels.kernelSize(), tau).shares(kernels.analysedUnits()).rows();
                }
                if (shapes == null) {
                    shapes = rows.stream().map(ShapeShares.Row::name).toList();
                }
                columns[c] = new float[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    columns[c][r] = (float) rows.get(r).share();
                }
            }
            int r = shapes.size();
            float[] v = new float[r * layers.size()];
            for (int i = 0; i < r; i++) {
                for (int c = 0; c < layers.size(); c++) {
                    v[i * layers.size() + c] = columns[c][i];
                }
            }
            return new ShapeTable(shapes, FloatTensor.of(v, r, layers.size()));
        }
    }
}
