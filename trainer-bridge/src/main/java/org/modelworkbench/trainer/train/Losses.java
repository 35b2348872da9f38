package org.modelworkbench.trainer.train;

import ai.djl.ndarray.NDArray;

/** The classification loss, as PyTorch's {@code F.cross_entropy(logits, labels, label_smoothing=ε)}. */
public final class Losses {
    private Losses() {
    }

    /**
     * Mean over the batch of −Σ_c q_c·log softmax(logits)_c with the target q = (1−ε)·onehot(label) + ε/C:
     * the same as PyTorch's (1−ε)·NLL + ε·mean_c(−log p_c). Differentiable; {@code logits} N×C, labels N
     * (int64).
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels, double smoothing) {
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1): " + smoothing);
        }
        long classes = logits.getShape().get(1);
        NDArray logp = logits.logSoftmax(1);
        NDArray target = labels.oneHot((int) classes, logits.getDataType());
        if (smoothing > 0) {
            target = target.mul(1 - smoothing).add(smoothing / classes);
        }
        return logp.mul(target).sum(new int[] {1}).mean().neg();
    }
}
