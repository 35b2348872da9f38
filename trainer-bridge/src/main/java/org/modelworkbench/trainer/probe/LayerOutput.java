package org.modelworkbench.trainer.probe;

import org.modelworkbench.trainer.capture.CapturedTensor;

/**
 * The output of one top-level node over every probed image, in the layout the node writes it (B×C×H×W
 * for convolutional stages, B×H×W×C for Swin and VMamba stages, B×T×D for tokens, B×D for vectors).
 *
 * @param node   the top-level node id
 * @param op     the path of the op that wrote the tensor
 * @param output which output of that op
 * @param tensor the values; axis 0 runs over the images in the order given
 */
public record LayerOutput(String node, String op, int output, CapturedTensor tensor) {
}
