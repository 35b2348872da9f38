package org.modelworkbench.visualizers.views.gradcam;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.color.ColorMap;
import org.modelworkbench.visualizers.gradcam.GradCam;
import org.modelworkbench.visualizers.io.Csv;
import org.modelworkbench.visualizers.render.Composite;
import org.modelworkbench.visualizers.render.Figure;
import org.modelworkbench.visualizers.render.HeatmapFigure;
import org.modelworkbench.visualizers.render.Theme;
import org.modelworkbench.visualizers.render.ValueRange;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.View;
import org.modelworkbench.visualizers.views.ViewOptions;

/**
 * Grad-CAM over each probed image (views-exact.md §10; Selvaraju et al., ICCV 2017): which places of the
 * image raised the pre-softmax score of a class, seen through one layer. {@link GradCam#compute} does the
 * maths (channel weights = spatial mean of the gradient, ReLU before the per-image min-max normalisation,
 * OpenCV bilinear resize to the input).
 *
 * <p>Bundle: {@value #ACTIVATION} and {@value #GRADIENT} (B×C×h×w: token and channels-last layers already
 * brought to maps by the maker), {@value #LOGITS} (B×K), {@value #CLASSES} (B, the class scored per image),
 * "images" (B×C×H×W in [0, 1]), "labels" when known; meta {@value #TARGET} (the node), {@value #TARGET_LAYOUT}
 * (NCHW, NHWC or tokens), {@value #PREFIX_TOKENS}, {@value #CLASS_CHOICE} ("predicted" or the class asked for).
 */
public final class GradcamView implements View {
    public static final String KIND = "gradcam";
    public static final String ACTIVATION = "activation";
    public static final String GRADIENT = "gradient";
    public static final String LOGITS = "logits";
    public static final String CLASSES = "classes";
    public static final String TARGET = "target";
    public static final String TARGET_LAYOUT = "targetLayout";
    public static final String PREFIX_TOKENS = "prefixTokens";
    public static final String CLASS_CHOICE = "classChoice";
    static final String IMAGES = "images";
    static final int PER_ROW = 4;

    /** Grad-CAM does not depend on the options (only which image is shown does): computed once per bundle. */
    private final Map<Bundle, FloatTensor> cams = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String title() {
        return "Grad-CAM";
    }

    @Override
    public String description() {
        return "Grad-CAM (Selvaraju et al., ICCV 2017; pytorch-grad-cam's definition): the places of the image that "
                + "raised the score of a class, seen through one layer (by default the last feature map of a CNN, or "
                + "the input of a ViT's last block). Each channel of that layer is weighted by the mean gradient of the "
                + "class's pre-softmax score, the weighted sum is clipped at zero, scaled to 0…1 per image and "
                + "resized to the image: bright = pushed the score up. The class is the predicted one unless "
                + "'--option class=N' asked for another when the data was probed. The first figure shows the chosen "
                + "image (title: predicted and true class, probability of the scored class), the second every probed "
                + "image; opacity sets how much of the image shows through.";
    }

    @Override
    public int images(Bundle bundle) {
        return bundle.tensor(CLASSES).dim(0);
    }

    @Override
    public List<Panel> render(Bundle bundle, ViewOptions options) {
        FloatTensor images = bundle.tensor(IMAGES);
        FloatTensor cam = cams.computeIfAbsent(bundle, b -> GradCam.compute(b.tensor(ACTIVATION), b.tensor(GRADIENT),
                images.dim(2), images.dim(3)));
        int n = cam.dim(0);
        int image = options.image();
        if (image >= n) {
            throw new IllegalArgumentException("image position " + image + " is outside the " + n + " probed images");
        }
        FloatTensor logits = bundle.tensor(LOGITS);
        int[] scored = bundle.tensor(CLASSES).roundedInts();
        int[] labels = bundle.has("labels") ? bundle.tensor("labels").roundedInts() : null;
        List<String> classes = bundle.strings("classNames");
        List<String> indices = bundle.strings("imageIndices");
        String target = bundle.string(TARGET, "?");

        Row chosen = row(logits, scored, labels, image);
        int zoom = Math.max(1, 256 / Math.max(images.dim(2), images.dim(3)));
        HeatmapFigure big = HeatmapFigure.builder(cam.select(image)).underlay(images.select(image))
                .opacity(options.opacity()).upsample(images.dim(3) * zoom, images.dim(2) * zoom)
                .colorMap(ColorMap.MAGMA).range(ValueRange.fixed(0, 1)).colorBar("Grad-CAM (0…1)")
                .title(String.format(Locale.ROOT, "predicted %s, true %s — %s scored: p %.3f (logit %.2f)",
                        name(classes, chosen.predicted), labels == null ? "unknown" : name(classes, labels[image]),
                        name(classes, scored[image]), chosen.probability, chosen.logit))
                .build();
        Figure first = Composite.row(List.of(big), List.of(target + " · " + imageName(indices, image)),
                "Grad-CAM at " + target, Theme.LIGHT);
        Panel one = Panel.of("gradcam", "Grad-CAM of the chosen image", first, big.csv(),
                "Where the image raised the " + name(classes, scored[image]) + " score through " + target + " (bright "
                        + "= raised it; scaled 0…1 per image). Table: the map at the input's resolution.");

        List<Figure> rows = new ArrayList<>();
        Csv table = Csv.withHeader("position", "image_index", "true", "predicted", "scored", "probability", "logit");
        List<Figure> row = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        int small = Math.max(1, 112 / Math.max(images.dim(2), images.dim(3)));
        for (int i = 0; i < n; i++) {
            Row r = row(logits, scored, labels, i);
            String truth = labels == null ? "?" : name(classes, labels[i]);
            row.add(HeatmapFigure.builder(cam.select(i)).underlay(images.select(i)).opacity(options.opacity())
                    .upsample(images.dim(3) * small, images.dim(2) * small).colorMap(ColorMap.MAGMA)
                    .range(ValueRange.fixed(0, 1)).noColorBar().build());
            captions.add((labels != null && labels[i] != r.predicted ? "✗ " : "") + name(classes, r.predicted) + " / "
                    + truth);
            table.add(i, i < indices.size() ? indices.get(i) : "", truth, name(classes, r.predicted),
                    name(classes, scored[i]), r.probability, r.logit);
            if (row.size() == PER_ROW || i == n - 1) {
                rows.add(Composite.row(row, captions, null, Theme.LIGHT));
                row = new ArrayList<>();
                captions = new ArrayList<>();
            }
        }
        Figure grid = rows.size() == 1 ? Composite.row(List.of(rows.get(0)), null, "Grad-CAM of every probed image ("
                + target + "), predicted / true", Theme.LIGHT)
                : Composite.column(rows, null, "Grad-CAM of every probed image (" + target + "), predicted / true",
                Theme.LIGHT);
        Panel all = Panel.of("gradcam-all", "Grad-CAM of every probed image", grid, table,
                "Each image with its Grad-CAM (magma, 0…1) and 'predicted / true' under it (✗ marks a wrong "
                        + "prediction). Table: per image the classes, the scored class's probability and logit.");
        return List.of(one, all);
    }

    /** The predicted class, and the probability and logit of the scored class, of image {@code i}. */
    private record Row(int predicted, double probability, double logit) {
    }

    private static Row row(FloatTensor logits, int[] scored, int[] labels, int i) {
        int k = logits.dim(1);
        float[] v = logits.values();
        int best = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (v[i * k + c] > max) {
                max = v[i * k + c];
                best = c;
            }
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            sum += Math.exp(v[i * k + c] - max);
        }
        int s = scored[i];
        if (s < 0 || s >= k) {
            throw new IllegalArgumentException("image " + i + " scored class " + s + ", outside the " + k + " logits");
        }
        return new Row(best, Math.exp(v[i * k + s] - max) / sum, v[i * k + s]);
    }


    private static String name(List<String> classes, int c) {
        return c >= 0 && c < classes.size() ? classes.get(c) : "class " + c;
    }

    private static String imageName(List<String> indices, int i) {
        return i < indices.size() ? "test image " + indices.get(i) : "image " + i;
    }
}
