package org.modelworkbench.projects.analysis;

/**
 * Whole-design costs. MACs count conv, linear and matmul (attention and the selective scan
 * included); FLOPs = 2 × MACs; activation bytes are fp32 bytes of every tensor produced in
 * training, inference activation bytes the same without the tensors of training-only blocks
 * (dropout and drop-path, the identity at inference).
 */
public record Totals(long params, long macs, long activationBytes, long inferenceActivationBytes) {
    /** Totals of a design without training-only blocks. */
    public Totals(long params, long macs, long activationBytes) {
        this(params, macs, activationBytes, activationBytes);
    }

    public long flops() {
        return 2 * macs;
    }
}
