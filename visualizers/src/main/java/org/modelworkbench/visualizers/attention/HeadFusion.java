package org.modelworkbench.visualizers.attention;

/** How the heads of one layer's attention are fused into one N×N matrix (views-exact.md §1). */
public enum HeadFusion {
    /** The mean over heads: the paper's choice (Abnar &amp; Zuidema) and vit-explain's class default. */
    MEAN,
    /** The maximum over heads: vit-explain's command-line default. */
    MAX,
    /** The minimum over heads. */
    MIN
}
