package org.modelworkbench.projects.analysis;

/**
 * Whole-design costs. MACs count conv, linear and matmul (attention and the selective scan
 * included); FLOPs = 2 × MACs; activation bytes are fp32 bytes of every tensor produced.
 */
public record Totals(long params, long macs, long activationBytes) {
    public long flops() {
        return 2 * macs;
    }
}
