package org.modelworkbench.trainer.probe;

/** Which scalar the effective-receptive-field gradient is taken of (views-exact.md §7). */
public enum ErfMode {
    /** RepLKNet's recipe: s = Σ_{b,c} ReLU(out[b, c, H'/2, W'/2]). */
    REPLKNET,
    /** Luo et al. 2016: a unit gradient at the centre of every channel, no ReLU: s = Σ_{b,c} out[b, c, H'/2, W'/2]. */
    LUO2016
}
