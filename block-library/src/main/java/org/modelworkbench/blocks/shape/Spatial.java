package org.modelworkbench.blocks.shape;

/** Sliding-window arithmetic shared by convolutions and pools (PyTorch's rules). */
public final class Spatial {
    private Spatial() {
    }

    /** ⌊(in + 2p − d(k−1) − 1)/s⌋ + 1, or ⌈…⌉ + 1 in ceil mode (where the last window must start inside the input). */
    public static int outSize(int in, int kernel, int stride, int padding, int dilation, boolean ceil) {
        int span = in + 2 * padding - dilation * (kernel - 1) - 1;
        if (span < 0) {
            return 0;
        }
        int out = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        if (ceil && (long) (out - 1) * stride >= in + padding) {
            out--;
        }
        return out;
    }
}
