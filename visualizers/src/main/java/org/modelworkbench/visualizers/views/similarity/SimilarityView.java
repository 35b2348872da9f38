package org.modelworkbench.visualizers.views.similarity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.color.ColorMap;
import org.modelworkbench.visualizers.io.Csv;
import org.modelworkbench.visualizers.render.Cell;
import org.modelworkbench.visualizers.render.LineChart;
import org.modelworkbench.visualizers.render.MatrixFigure;
import org.modelworkbench.visualizers.render.ValueRange;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.OptionSpec;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.Picker;
import org.modelworkbench.visualizers.views.View;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.spectra.DepthPicker;

/**
 * Representation similarity across depth: linear CKA between every two layers (views-exact.md §8;
 * Kornblith et al., ICML 2019; Raghu et al., NeurIPS 2021), optionally against a second design, and the
 * effective rank of each layer's features (views-exact.md §9; Roy &amp; Vetterli, EUSIPCO 2007). Reads
 * a bundle with {@link SimilarityData}'s names.
 */
public final class SimilarityView implements View {
    /** Maker option: "biased" (default) or "debiased" HSIC. */
    public static final String ESTIMATOR = "estimator";
    /** Maker option: another run, file or template to compare layer by layer on the same images. */
    public static final String AGAINST = "against";

    @Override
    public String kind() {
        return "similarity";
    }

    @Override
    public String title() {
        return "Layer similarity (CKA) and effective rank";
    }

    @Override
    public String description() {
        return "How alike the representations of two layers are, as linear centred kernel alignment (CKA) of their "
                + "outputs on the same test images, each flattened to one vector per image (Kornblith et al., ICML 2019; "
                + "the layer × layer heat-maps of Raghu et al., NeurIPS 2021). 1 = the same up to rotation and scale, "
                + "0 = unrelated; bright blocks are groups of layers that compute alike, a chequered pattern in ViTs or "
                + "a block structure in deep ResNets is typical. With against=SOURCE a second design is compared on the "
                + "same images. The effective rank (Roy & Vetterli, EUSIPCO 2007: exp of the entropy of the L1-normalised "
                + "singular values) of each layer's centred images × features matrix tells how many directions the "
                + "layer really uses; for attention layers also each head's attention matrix.";
    }

    @Override
    public List<OptionSpec> options(Bundle bundle) {
        return List.of(
                OptionSpec.choice(ESTIMATOR, "HSIC estimator", "biased", List.of("biased", "debiased"),
                        "biased: Kornblith et al.'s CKA in 0…1; debiased: the unbiased HSIC (can be slightly negative); "
                                + "used when the data is made"),
                new OptionSpec(AGAINST, "Compare against", "", List.of(),
                        "Another run folder, project file or template whose layers are compared on the same images "
                                + "(when the data is made)"));
    }

    @Override
    public List<String> layers(Bundle bundle) {
        return bundle.strings(SimilarityData.LAYERS);
    }

    @Override
    public List<Panel> render(Bundle bundle, ViewOptions options) {
        List<String> layers = layers(bundle);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the similarity data lists no layers ('" + SimilarityData.LAYERS + "')");
        }
        if (options.layer() != null && !options.layer().isBlank() && !layers.contains(options.layer())) {
            throw new IllegalArgumentException("no layer '" + options.layer() + "' in the similarity data; layers: "
                    + String.join(", ", layers));
        }
        List<Panel> panels = new ArrayList<>();
        String estimator = bundle.string(SimilarityData.ESTIMATOR, "biased");
        String method = bundle.string(SimilarityData.METHOD, "");
        FloatTensor cka = bundle.tensor(SimilarityData.CKA);
        check(cka, layers.size(), layers.size(), SimilarityData.CKA);
        String design = bundle.string("design", "this design");
        panels.add(matrix("cka", "CKA between layers", cka, layers, layers, "CKA — " + design,
                "layer of " + design, "layer of " + design,
                String.format(Locale.ROOT, "Linear CKA (%s HSIC, %s) of every two layers' outputs, flattened per image "
                        + "(Kornblith et al. 2019; Raghu et al. 2021). Diagonal 1; bright blocks are layers that "
                        + "represent the images alike. Colours span 0…1 (debiased values below 0 show as 0). Click a "
                        + "row to select its layer.", estimator, method)));
        if (bundle.has(SimilarityData.CKA_BETWEEN)) {
            List<String> other = bundle.strings(SimilarityData.AGAINST_LAYERS);
            FloatTensor between = bundle.tensor(SimilarityData.CKA_BETWEEN);
            check(between, layers.size(), other.size(), SimilarityData.CKA_BETWEEN);
            String against = bundle.string(SimilarityData.AGAINST, "the other design");
            panels.add(matrix("cka-between", "CKA against " + against, between, layers, other,
                    "CKA — " + design + " vs " + against, "layer of " + against, "layer of " + design,
                    String.format(Locale.ROOT, "Linear CKA (%s HSIC) of each layer of %s (rows) with each layer of %s "
                            + "(columns) on the same images (Kornblith et al. 2019; Raghu et al. 2021, Fig. 2). A bright "
                            + "diagonal: the two compute alike layer by layer. Click a row to select its layer.",
                            estimator, design, against)));
        }
        FloatTensor rank = bundle.tensor(SimilarityData.EFFECTIVE_RANK);
        check(rank, layers.size(), -1, SimilarityData.EFFECTIVE_RANK);
        LineChart chart = LineChart.categorical(layers).series("effective rank (centred features)", toDoubles(rank.values()))
                .title("Effective rank across depth — " + design).xLabel("layer (run order)").yLabel("effective rank")
                .size(Math.max(420, 28 * layers.size()), 260).build();
        panels.add(Panel.of("effective-rank", "Effective rank across depth", chart, chart.csv(),
                "Effective rank (Roy & Vetterli 2007: exp of the entropy of the L1-normalised singular values) of each "
                        + "layer's images × features matrix with its feature columns centred; at most the number of "
                        + "images. Low: the layer's outputs vary along few directions. Click a point to select its node.")
                .withPicker(new DepthPicker(chart, layers)));
        if (bundle.has(SimilarityData.ATTENTION_RANK)) {
            panels.add(attentionRank(bundle));
        }
        return panels;
    }

    private static Panel matrix(String name, String title, FloatTensor m, List<String> rows, List<String> columns,
                                String figureTitle, String xLabel, String yLabel, String caption) {
        MatrixFigure fig = MatrixFigure.builder(m).rowLabels(rows).columnLabels(columns).colorMap(ColorMap.VIRIDIS)
                .range(ValueRange.fixed(0, 1)).title(figureTitle).xLabel(xLabel).yLabel(yLabel).colorBar("linear CKA")
                .build();
        Picker picker = new Picker() {
            @Override
            public Optional<String> nodeAt(double x, double y) {
                return fig.cellAt(x, y).map(Cell::row).map(rows::get);
            }
        };
        return Panel.of(name, title, fig, Csv.matrix(m, "layer", rows, columns), caption).withPicker(picker);
    }

    private Panel attentionRank(Bundle bundle) {
        List<String> ops = bundle.strings(SimilarityData.ATTENTION_LAYERS);
        FloatTensor r = bundle.tensor(SimilarityData.ATTENTION_RANK);
        check(r, ops.size(), -1, SimilarityData.ATTENTION_RANK);
        int heads = r.rank() == 2 ? r.dim(1) : 1;
        LineChart.Builder b = LineChart.categorical(ops).title("Effective rank of attention heads")
                .xLabel("attention op (run order)").yLabel("effective rank");
        for (int h = 0; h < heads; h++) {
            double[] y = new double[ops.size()];
            for (int a = 0; a < ops.size(); a++) {
                y[a] = r.values()[a * heads + h];
            }
            b.series("head " + h, y);
        }
        LineChart chart = b.build();
        return Panel.of("attention-rank", "Effective rank of attention heads", chart, chart.csv(),
                "Effective rank (Roy & Vetterli 2007) of each head's attention matrix (queries × keys, post-softmax), "
                        + "averaged over the images (and windows) first, not centred. Near 1: every query attends alike "
                        + "(a global, low-rank head); near the token count: each query attends its own way (local).");
    }

    private static void check(FloatTensor t, int rows, int columns, String name) {
        if (t.dim(0) != rows || (columns >= 0 && (t.rank() != 2 || t.dim(1) != columns))) {
            throw new IllegalArgumentException("'" + name + "' has shape " + java.util.Arrays.toString(t.shape())
                    + ", expected " + rows + (columns >= 0 ? "×" + columns : "") + " for its layers");
        }
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
