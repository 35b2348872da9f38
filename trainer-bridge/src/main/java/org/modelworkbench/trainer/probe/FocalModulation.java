package org.modelworkbench.trainer.probe;

import java.util.List;
import org.modelworkbench.trainer.capture.CapturedTensor;

/**
 * What one FocalNet focal modulation computed (views-exact.md §3), with its kernels.
 *
 * @param path        the modulation's composite path ("stage4_block2.modulation")
 * @param modulator   M = h(ctx_all), the output of op {@code <path>.h}: B×C×H×W
 * @param gates       the L+1 raw gates (no sigmoid; the outputs of {@code <path>.split_gates}), each B×1×H×W,
 *                    level 0 first and the global level last
 * @param kernels     the depthwise kernel of each focal level l = 0…L−1 ({@code <path>.focal<l>_dwconv.weight}),
 *                    each C×1×k_l×k_l
 * @param kernelSizes k_l of each level
 */
public record FocalModulation(String path, CapturedTensor modulator, List<CapturedTensor> gates,
                              List<CapturedTensor> kernels, int[] kernelSizes) {
    public FocalModulation {
        gates = List.copyOf(gates);
        kernels = List.copyOf(kernels);
        kernelSizes = kernelSizes.clone();
    }

    @Override
    public int[] kernelSizes() {
        return kernelSizes.clone();
    }

    /** L, the focal levels (the global level not counted). */
    public int levels() {
        return kernels.size();
    }
}
