package org.modelworkbench.visualizers.views.confusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.color.ColorMap;
import org.modelworkbench.visualizers.confusion.ConfusionMatrix;
import org.modelworkbench.visualizers.io.Csv;
import org.modelworkbench.visualizers.render.MatrixFigure;
import org.modelworkbench.visualizers.render.ValueRange;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.OptionSpec;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.View;
import org.modelworkbench.visualizers.views.ViewOptions;

/**
 * The confusion matrix of the model on the first test images: true class down, predicted class across,
 * counts or shares per true class (recall) or per predicted class (precision), with precision, recall, F1
 * and support per class (the usual definitions, as scikit-learn's classification report).
 *
 * <p>Bundle: {@value #PREDICTED} (N, the arg-max class of each image) and "labels" (N, the true class);
 * {@value #LOGITS} (N×K) may be there; meta "classNames".
 */
public final class ConfusionView implements View {
    public static final String KIND = "confusion";
    public static final String PREDICTED = "predicted";
    public static final String LABELS = "labels";
    public static final String LOGITS = "logits";
    public static final String NORMALISE = "normalise";
    static final List<String> NORMALISATIONS = List.of("none", "true", "predicted");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String title() {
        return "Confusion matrix";
    }

    @Override
    public String description() {
        return "Which classes the model mistakes for which, on the first test images: row = true class, column = "
                + "predicted class, the diagonal holds the right answers. 'normalise=true' divides each row by its "
                + "class's images (the diagonal is then each class's recall), 'predicted' each column by the images "
                + "predicted as it (the diagonal is then precision). The second table gives per class precision "
                + "(right among those predicted as it), recall (right among its images), F1 (their harmonic mean) "
                + "and support (its images).";
    }

    @Override
    public List<OptionSpec> options(Bundle bundle) {
        return List.of(OptionSpec.choice(NORMALISE, "Normalise", "none", NORMALISATIONS,
                "counts, shares per true class (rows), or per predicted class (columns)"));
    }

    /** The matrix of the bundle's labels and predictions. */
    public static ConfusionMatrix matrix(Bundle bundle) {
        int[] truth = bundle.tensor(LABELS).roundedInts();
        int[] predicted = bundle.tensor(PREDICTED).roundedInts();
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " labels but " + predicted.length + " predictions");
        }
        List<String> names = bundle.strings("classNames");
        int k = names.size();
        for (int i = 0; i < truth.length; i++) {
            k = Math.max(k, Math.max(truth[i], predicted[i]) + 1);
            if (truth[i] < 0 || predicted[i] < 0) {
                throw new IllegalArgumentException("image " + i + " has a negative class (true " + truth[i]
                        + ", predicted " + predicted[i] + ")");
            }
        }
        if (bundle.has(LOGITS)) {
            k = Math.max(k, bundle.tensor(LOGITS).dim(1));
        }
        int[][] counts = new int[k][k];
        for (int i = 0; i < truth.length; i++) {
            counts[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts, names.size() == k ? names : null);
    }

    @Override
    public List<Panel> render(Bundle bundle, ViewOptions options) {
        String normalise = options.option(NORMALISE, "none").trim().toLowerCase(Locale.ROOT);
        if (!NORMALISATIONS.contains(normalise)) {
            throw new IllegalArgumentException("option '" + NORMALISE + "' must be one of "
                    + String.join(", ", NORMALISATIONS) + ", got '" + options.option(NORMALISE, "none") + "'");
        }
        ConfusionMatrix m = matrix(bundle);
        int k = m.classCount();
        float[] v = new float[k * k];
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                double x = switch (normalise) {
                    case "true" -> m.actualTotal(a) == 0 ? 0 : (double) m.count(a, p) / m.actualTotal(a);
                    case "predicted" -> m.predictedTotal(p) == 0 ? 0 : (double) m.count(a, p) / m.predictedTotal(p);
                    default -> m.count(a, p);
                };
                v[a * k + p] = (float) x;
            }
        }
        FloatTensor shown = FloatTensor.of(v, k, k);
        String what = switch (normalise) {
            case "true" -> "share of the true class";
            case "predicted" -> "share of the predicted class";
            default -> "images";
        };
        MatrixFigure.Builder b = MatrixFigure.builder(shown).rowLabels(m.classes()).columnLabels(m.classes())
                .colorMap(ColorMap.BLUES).xLabel("predicted class").yLabel("true class").colorBar(what)
                .title(String.format(Locale.ROOT, "Confusion matrix — accuracy %.1f %% (%d of %d test images)",
                        m.accuracy() * 100, m.correct(), m.total()));
        if (normalise.equals("none")) {
            b.numberFormat("%.0f");
        } else {
            b.numberFormat("%.2f").range(ValueRange.fixed(0, 1));
        }
        MatrixFigure figure = b.build();

        Csv perClass = Csv.withHeader("class", "precision", "recall", "f1", "support");
        for (int c = 0; c < k; c++) {
            double precision = m.precision(c);
            double recall = m.classAccuracy(c);
            double f1 = Double.isNaN(precision) || Double.isNaN(recall) ? Double.NaN
                    : precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.add(m.className(c), precision, recall, f1, m.actualTotal(c));
        }
        List<String> worst = new ArrayList<>();
        for (ConfusionMatrix.Confusion c : m.mostConfused(3)) {
            worst.add(m.className(c.actual()) + " → " + m.className(c.predicted()) + " (" + c.count() + ")");
        }
        String caption = "Rows: true class; columns: predicted; " + what + " in the cells."
                + (worst.isEmpty() ? "" : " Most frequent confusions: " + String.join(", ", worst) + ".");
        return List.of(new Panel("confusion", "Confusion matrix", figure,
                Map.of("", Csv.matrix(shown, "true \\ predicted", m.classes(), m.classes()), "per-class", perClass),
                caption, null));
    }

}
