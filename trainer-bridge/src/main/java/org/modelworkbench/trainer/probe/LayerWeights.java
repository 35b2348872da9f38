package org.modelworkbench.trainer.probe;

import org.modelworkbench.trainer.capture.CapturedTensor;

/**
 * The weights of one convolution or linear op, in PyTorch's layout.
 *
 * @param op     the op's path
 * @param type   its block type id ("conv.conv2d", "conv.depthwise", "conv.pointwise", "linear.linear")
 * @param weight convolutions Cout×(Cin/groups)×kH×kW (depthwise: C×1×k×k), linear out×in
 * @param bias   Cout (or out), or null when the op has none
 */
public record LayerWeights(String op, String type, CapturedTensor weight, CapturedTensor bias) {
}
