package org.modelworkbench.app.visualize.embedding;

import org.modelworkbench.app.visualize.BundleMaker;
import org.modelworkbench.app.visualize.Tensors;
import org.modelworkbench.app.visualize.VisualizeRequest;
import org.modelworkbench.app.visualize.confusion.ConfusionMaker;
import org.modelworkbench.trainer.probe.ImageSelection;
import org.modelworkbench.trainer.probe.Predictions;
import org.modelworkbench.trainer.probe.ProbeException;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.views.embedding.EmbeddingView;

/**
 * The probe half of {@link EmbeddingView}: the penultimate features (the classifier's input,
 * {@link ProbeModel#predict}) of n test images per class (default 100, so --images counts per class), with
 * the predictions; the true labels are the common "labels". Only the first few images stay in the bundle.
 */
public final class EmbeddingMaker implements BundleMaker {
    @Override
    public String kind() {
        return EmbeddingView.KIND;
    }

    @Override
    public int defaultImages() {
        return 100;
    }

    @Override
    public ImageSelection selection(int count) {
        return ImageSelection.perClass(count);
    }

    @Override
    public void make(ProbeModel model, ProbeImages images, VisualizeRequest request, Bundle.Builder bundle)
            throws ProbeException {
        Predictions p = model.predict(images, request.batchSize());
        bundle.tensor(EmbeddingView.FEATURES, Tensors.of(p.features()));
        bundle.tensor(EmbeddingView.PREDICTED, Tensors.ofInts(p.predicted()));
        bundle.meta(EmbeddingView.FEATURE_OP, p.featureOp());
        ConfusionMaker.keepFirstImages(images, bundle);
    }
}
