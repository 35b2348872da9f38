package org.modelworkbench.blocks.shape;

/**
 * What the axes of a tensor mean. Every tensor of an analysis carries one next to its shape, so a
 * block that reads "the channels" reads the axis that really holds them.
 */
public enum Layout {
    /** N×C×H×W: convolutions, BatchNorm, pooling, ResNet, ConvNeXt stages, FocalNet, PoolFormer. */
    NCHW("NCHW", "channels-first N×C×H×W", 4),
    /** N×H×W×C: Swin and VMamba stages, ConvNeXt's MLP, Linear layers applied per pixel. */
    NHWC("NHWC", "channels-last N×H×W×C", 4),
    /** N×T×D: ViT/DeiT tokens, Mamba sequences. */
    TOKENS("NTD", "tokens N×T×D", 3),
    /** N×C×L: a channels-first sequence (a flattened map before it becomes tokens, Mamba's conv1d). */
    NCL("NCL", "channels-first sequence N×C×L", 3),
    /** N×D: one vector per sample (pooled features, logits). */
    VECTOR("ND", "vector N×D", 2),
    /** N×K×D×T: K scan directions of VMamba's cross-scan. */
    SCAN("NKDT", "scan sequences N×K×D×T", 4),
    /** Axes of unknown meaning (after a reshape or an unusual permute): only layout-agnostic blocks accept it. */
    ANY("any", "of unknown layout", -1);

    private final String shortName;
    private final String description;
    private final int rank;

    Layout(String shortName, String description, int rank) {
        this.shortName = shortName;
        this.description = description;
        this.rank = rank;
    }

    /** "NCHW", "NHWC", "NTD", "NCL", "ND", "NKDT" or "any": shown after shapes and written in JSON. */
    public String shortName() {
        return shortName;
    }

    /** "channels-first N×C×H×W": used in messages. */
    public String description() {
        return description;
    }

    /** The rank a tensor of this layout has, or −1 for {@link #ANY}. */
    public int rank() {
        return rank;
    }

    /** The layout whose short name is {@code name}, or null. */
    public static Layout byShortName(String name) {
        for (Layout l : values()) {
            if (l.shortName.equals(name)) {
                return l;
            }
        }
        return null;
    }

    /** "1×96×56×56 NCHW": a shape with its layout, as wire labels show it; an unknown layout adds nothing. */
    public static String label(Shape shape, Layout layout) {
        return layout == null || layout == ANY ? String.valueOf(shape) : shape + " " + layout.shortName;
    }
}
