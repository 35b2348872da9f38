package org.modelworkbench.app.visualize.confusion;

import org.modelworkbench.app.visualize.BundleMaker;
import org.modelworkbench.app.visualize.CommonData;
import org.modelworkbench.app.visualize.Tensors;
import org.modelworkbench.app.visualize.VisualizeRequest;
import org.modelworkbench.trainer.probe.Predictions;
import org.modelworkbench.trainer.probe.ProbeException;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.views.confusion.ConfusionView;

/**
 * The probe half of {@link ConfusionView}: the predicted class of the first N test images (default 2000),
 * run a batch at a time ({@link ProbeModel#predict}), with their logits; the true labels are the common
 * "labels". Only the first {@value #KEPT_IMAGES} images stay in the bundle (meta {@value #IMAGES_KEPT}): the
 * view draws none, and thousands of images would make the bundle large.
 */
public final class ConfusionMaker implements BundleMaker {
    static final int KEPT_IMAGES = 16;
    public static final String IMAGES_KEPT = "imagesKept";

    @Override
    public String kind() {
        return ConfusionView.KIND;
    }

    @Override
    public int defaultImages() {
        return 2000;
    }

    @Override
    public void make(ProbeModel model, ProbeImages images, VisualizeRequest request, Bundle.Builder bundle)
            throws ProbeException {
        if (!images.hasLabels()) {
            throw new ProbeException("the images have no labels: a confusion matrix needs test images with their classes");
        }
        Predictions p = model.predict(images, request.batchSize());
        bundle.tensor(ConfusionView.PREDICTED, Tensors.ofInts(p.predicted()));
        bundle.tensor(ConfusionView.LOGITS, Tensors.of(p.logits()));
        keepFirstImages(images, bundle);
    }

    /** Replaces the common "images" tensor by its first few (the views of thousands of images draw none). */
    public static void keepFirstImages(ProbeImages images, Bundle.Builder bundle) {
        int kept = Math.min(KEPT_IMAGES, images.size());
        bundle.tensor(CommonData.IMAGES, Tensors.of(images.slice(0, kept).raw()));
        bundle.meta(IMAGES_KEPT, kept);
    }
}
