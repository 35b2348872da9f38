package org.modelworkbench.app.visualize;

import org.modelworkbench.trainer.probe.ImageSelection;
import org.modelworkbench.trainer.probe.ProbeException;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.visualizers.bundle.Bundle;

/**
 * The probe half of a view: runs the queries its {@link org.modelworkbench.visualizers.views.View}
 * needs and packs the raw tensors into a bundle (the common part, {@link CommonData}, is added by the
 * caller). Runs where the engine is (the CLI, the GUI's child process).
 */
public interface BundleMaker {
    /** The view kind it serves. */
    String kind();

    /** How many test images it runs when the user does not say (a few to show, dozens to average). */
    int defaultImages();

    /** Which images: the first n (default) or n per class (for embeddings and per-class views). */
    default ImageSelection selection(int count) {
        return ImageSelection.first(count);
    }

    /**
     * Adds this kind's tensors and metadata to {@code bundle}.
     *
     * @throws ProbeException           when the model cannot answer (e.g. no attention in a CNN): the message says why
     * @throws IllegalArgumentException naming a node or option that is wrong
     */
    void make(ProbeModel model, ProbeImages images, VisualizeRequest request, Bundle.Builder bundle) throws ProbeException;
}
