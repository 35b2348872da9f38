package org.modelworkbench.trainer.probe;

import org.modelworkbench.trainer.capture.CapturedTensor;

/**
 * The model's answers for a batch of images, with the features its classifier reads.
 *
 * @param logits     B×K, the design's first output, before the softmax
 * @param predicted  the arg-max class of each image
 * @param labels     the true labels, or null for images without them
 * @param features   B×F: the input of the classifier op ({@code featureOp}), flattened per image
 * @param featureOp  the op whose input the features are (see {@link ProbeModel#predict})
 */
public record Predictions(CapturedTensor logits, int[] predicted, int[] labels, CapturedTensor features,
                          String featureOp) {
    public Predictions {
        predicted = predicted.clone();
        labels = labels == null ? null : labels.clone();
    }

    @Override
    public int[] predicted() {
        return predicted.clone();
    }

    @Override
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** The share of images predicted right; NaN without labels. */
    public double accuracy() {
        if (labels == null) {
            return Double.NaN;
        }
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / predicted.length;
    }
}
