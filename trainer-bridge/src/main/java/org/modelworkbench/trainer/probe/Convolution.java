package org.modelworkbench.trainer.probe;

/**
 * One convolution op of a design, as a view lists them (filter clusters, kernel spectra).
 *
 * @param op          the op's path
 * @param type        "conv.conv2d", "conv.depthwise" or "conv.pointwise"
 * @param kernelSize  k of its k×k kernel
 * @param inChannels  Cin
 * @param outChannels Cout
 * @param groups      the groups of the convolution (Cin for a depthwise one)
 * @param stride      its stride
 */
public record Convolution(String op, String type, int kernelSize, int inChannels, int outChannels, int groups,
                          int stride) {
    /** One filter per input channel (groups = Cin &gt; 1): the kernels the DoG clustering studies. */
    public boolean depthwise() {
        return groups > 1 && groups == inChannels;
    }
}
