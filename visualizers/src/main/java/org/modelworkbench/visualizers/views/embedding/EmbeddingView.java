package org.modelworkbench.visualizers.views.embedding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.embedding.Embedding2d;
import org.modelworkbench.visualizers.io.Csv;
import org.modelworkbench.visualizers.render.ScatterFigure;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.OptionSpec;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.View;
import org.modelworkbench.visualizers.views.ViewOptions;

/**
 * The penultimate features of test images (what the classifier reads) in 2-D, one point per image, coloured
 * by class, misclassified images ringed: PCA (the two directions of largest variance) or exact t-SNE (van der
 * Maaten &amp; Hinton, JMLR 2008; {@link Embedding2d}).
 *
 * <p>Bundle: {@value #FEATURES} (n×d), "labels" (n), {@value #PREDICTED} (n); meta {@value #FEATURE_OP} (the
 * classifier op whose input the features are), "classNames", "imageIndices".
 */
public final class EmbeddingView implements View {
    public static final String KIND = "embedding";
    public static final String FEATURES = "features";
    public static final String PREDICTED = "predicted";
    public static final String FEATURE_OP = "featureOp";
    public static final String METHOD = "method";
    public static final String PERPLEXITY = "perplexity";
    public static final String COLOUR = "colour";
    static final List<String> METHODS = List.of("pca", "tsne");
    static final List<String> COLOURS = List.of("true", "predicted");

    /** Embeddings per bundle and method ("pca", "tsne:30"): t-SNE takes seconds, a colour change must not. */
    private final Map<Bundle, Map<String, FloatTensor>> cache = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String title() {
        return "Feature embedding";
    }

    @Override
    public String description() {
        return "The features the classifier reads (the input of its last linear layer), one point per test image, "
                + "laid out in 2-D: PCA keeps the two directions of largest variance (distances are faithful, "
                + "clusters may overlap); t-SNE (van der Maaten & Hinton 2008, exact, perplexity option) keeps "
                + "neighbours together (cluster sizes and distances between clusters mean little). Colour: the true "
                + "class or the predicted one; ringed points are misclassified. Well separated clusters mean the "
                + "classes are linearly easy for the head.";
    }

    @Override
    public List<OptionSpec> options(Bundle bundle) {
        return List.of(
                OptionSpec.choice(METHOD, "Method", "pca", METHODS, "PCA (fast, linear) or t-SNE (neighbourhoods)"),
                OptionSpec.number(PERPLEXITY, "Perplexity", "30", "t-SNE's effective number of neighbours"),
                OptionSpec.choice(COLOUR, "Colour by", "true", COLOURS, "the true class or the predicted class"));
    }

    @Override
    public List<Panel> render(Bundle bundle, ViewOptions options) {
        String method = choice(options, METHOD, "pca", METHODS);
        String colour = choice(options, COLOUR, "true", COLOURS);
        FloatTensor features = bundle.tensor(FEATURES);
        int n = features.dim(0);
        int[] predicted = bundle.tensor(PREDICTED).roundedInts();
        int[] labels = bundle.has("labels") ? bundle.tensor("labels").roundedInts() : predicted;
        if (predicted.length != n || labels.length != n) {
            throw new IllegalArgumentException(n + " feature rows but " + predicted.length + " predictions and "
                    + labels.length + " labels");
        }
        double perplexity = options.realOption(PERPLEXITY, Math.min(30, (n - 1) / 3.0));
        String key = method.equals("pca") ? "pca" : "tsne:" + perplexity;
        Map<String, FloatTensor> mine = cache.computeIfAbsent(bundle, b -> Collections.synchronizedMap(new HashMap<>()));
        FloatTensor xy = mine.get(key);
        if (xy == null) {
            xy = method.equals("pca") ? Embedding2d.pca(features)
                    : Embedding2d.tsne(features, new Embedding2d.TsneOptions(perplexity, 1000, 0));
            mine.put(key, xy);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xy.values()[2 * i];
            y[i] = xy.values()[2 * i + 1];
        }
        List<String> classes = new ArrayList<>(bundle.strings("classNames"));
        int k = classes.size();
        for (int i = 0; i < n; i++) {
            k = Math.max(k, Math.max(labels[i], predicted[i]) + 1);
        }
        for (int c = classes.size(); c < k; c++) {
            classes.add("class " + c);
        }
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (labels[i] != predicted[i]) {
                wrong.add(i);
            }
        }
        boolean known = bundle.has("labels");
        String name = method.equals("pca") ? "PCA" : String.format(Locale.ROOT, "t-SNE (perplexity %.0f)", perplexity);
        ScatterFigure.Builder b = ScatterFigure.builder(x, y)
                .categories(colour.equals("true") ? labels : predicted, classes)
                .title(String.format(Locale.ROOT, "%s of the features entering %s — %d images%s", name, bundle.string(FEATURE_OP, "the classifier"),
                        n, known ? ", " + wrong.size() + " misclassified (ringed)" : ""))
                .xLabel(method.equals("pca") ? "PC 1" : "t-SNE 1").yLabel(method.equals("pca") ? "PC 2" : "t-SNE 2");
        if (known && !wrong.isEmpty()) {
            b.highlight(wrong.stream().mapToInt(Integer::intValue).toArray());
        }
        ScatterFigure figure = b.build();
        List<String> indices = bundle.strings("imageIndices");
        Csv table = Csv.withHeader("x", "y", "label", "predicted", "image_index");
        for (int i = 0; i < n; i++) {
            table.add(x[i], y[i], known ? classes.get(labels[i]) : "", classes.get(predicted[i]),
                    i < indices.size() ? indices.get(i) : "");
        }
        return List.of(Panel.of("embedding", name + " of the features", figure, table,
                "One point per test image, coloured by " + (colour.equals("true") ? "true" : "predicted")
                        + " class; ringed points are misclassified. " + (method.equals("pca")
                        ? "PCA: axes are the directions of largest variance."
                        : "t-SNE: neighbours stay together; distances between clusters mean little.")));
    }

    private static String choice(ViewOptions options, String key, String fallback, List<String> allowed) {
        String v = options.option(key, fallback).trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("option '" + key + "' must be one of " + String.join(", ", allowed)
                    + ", got '" + options.option(key, fallback) + "'");
        }
        return v;
    }

}
