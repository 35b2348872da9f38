package org.modelworkbench.app.visualize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.visualizers.bundle.Bundle;

/**
 * What every bundle carries besides its view's data, under fixed names (views may rely on them):
 * meta {@value #DESIGN}, {@value #WEIGHTS}, {@value #NOTES}, {@value #CLASS_NAMES}, {@value #IMAGE_INDICES};
 * tensors {@value #IMAGES} (the images in [0, 1], B×C×H×W, at the model's input size) and
 * {@value #LABELS} (B, as floats) when the images have labels.
 */
public final class CommonData {
    public static final String DESIGN = "design";
    public static final String WEIGHTS = "weights";
    public static final String NOTES = "notes";
    public static final String CLASS_NAMES = "classNames";
    public static final String IMAGE_INDICES = "imageIndices";
    public static final String NODE = "node";
    public static final String IMAGES = "images";
    public static final String LABELS = "labels";

    private CommonData() {
    }

    public static void add(Bundle.Builder b, ProbeModel model, ProbeImages images) {
        b.meta(DESIGN, model.design().name());
        b.meta(WEIGHTS, model.weightsSource());
        b.meta(NOTES, images.notes());
        b.meta(CLASS_NAMES, images.classNames());
        List<String> indices = new ArrayList<>();
        if (images.indices() != null) { // images made from arrays have no test-set index
            Arrays.stream(images.indices()).forEach(i -> indices.add(Integer.toString(i)));
        }
        b.meta(IMAGE_INDICES, indices);
        b.tensor(IMAGES, Tensors.of(images.raw()));
        if (images.hasLabels()) {
            b.tensor(LABELS, Tensors.ofInts(images.labels()));
        }
    }
}
