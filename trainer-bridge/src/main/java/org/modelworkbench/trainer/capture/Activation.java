package org.modelworkbench.trainer.capture;

/**
 * An output captured for a requested target.
 *
 * @param target the node id or op path that was asked for
 * @param op     the path of the primitive op that produced the tensor
 * @param output which output of that op (0 for most)
 * @param tensor the values, in the op's output layout (e.g. N×C×H×W, or N×H×W×C for channels-last blocks)
 */
public record Activation(String target, String op, int output, CapturedTensor tensor) {
}
