package org.modelworkbench.trainer.capture;

import org.modelworkbench.trainer.compile.WindowGeometry;

/**
 * Post-softmax attention probabilities of one attention op in one forward pass.
 *
 * @param op            the attention op's path ("block3.attention.attention")
 * @param probabilities global attention: N×h×T×T (rows are queries, each sums to 1); windowed (Swin):
 *                      N×windows×h×W²×W², windows and tokens numbered as {@link WindowGeometry} says
 * @param windows       where each window lies, with its shift; null for global attention
 */
public record AttentionMap(String op, CapturedTensor probabilities, WindowGeometry windows) {
    public boolean windowed() {
        return windows != null;
    }

    public int heads() {
        return (int) probabilities.dim(windowed() ? 2 : 1);
    }
}
