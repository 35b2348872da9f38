package org.modelworkbench.trainer.probe;

import org.modelworkbench.trainer.capture.CapturedTensor;

/**
 * ∂s/∂input of each image, for the effective receptive field (views-exact.md §7): s is taken of the
 * target's 4-D feature map at its centre pixel (H'//2, W'//2) as {@link ErfMode} says, in evaluation mode
 * with the parameters detached. The gradient is raw: the view applies ReLU, sums over channels and images,
 * then log10(g + 1). Images do not interact in evaluation mode, so each image's slice is the gradient of
 * its own score.
 *
 * @param target       the node or op path asked for
 * @param op           the op whose output was scored
 * @param mode         how s was formed
 * @param gradient     B×C×H×W at the model's input (the normalised images)
 * @param outputHeight H' of the scored map; the centre row is H'/2 (integer division)
 * @param outputWidth  W'; the centre column is W'/2
 */
public record InputGradient(String target, String op, ErfMode mode, CapturedTensor gradient, int outputHeight,
                            int outputWidth) {
}
