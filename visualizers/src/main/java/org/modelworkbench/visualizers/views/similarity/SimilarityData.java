package org.modelworkbench.visualizers.views.similarity;

/**
 * The names under which a similarity bundle carries its data (written by the app's SimilarityMaker,
 * read by {@link SimilarityView}). CKA and effective ranks are computed in the maker (they need every
 * layer's features, which the bundle does not keep).
 */
public final class SimilarityData {
    /** Meta: the layers' node ids, in run order. */
    public static final String LAYERS = "layers";
    /** Meta: the layer selected first. */
    public static final String NODE = "node";
    /** Tensor (L, L): linear CKA between every two layers of the design. */
    public static final String CKA = "cka";
    /** Meta: "biased" or "debiased" (minibatch CKA is always debiased). */
    public static final String ESTIMATOR = "estimator";
    /** Meta: how CKA was computed, e.g. "all 256 images at once" or "minibatches of 256 (3 batches)". */
    public static final String METHOD = "ckaMethod";
    /** Tensor (L): effective rank of each layer's centred n×p feature matrix. */
    public static final String EFFECTIVE_RANK = "effectiveRank";
    /** Meta: the second design (against=SOURCE) when there is one. */
    public static final String AGAINST = "against";
    /** Meta: the second design's layers. */
    public static final String AGAINST_LAYERS = "againstLayers";
    /** Tensor (L, L'): CKA of this design's layers (rows) against the second design's (columns). */
    public static final String CKA_BETWEEN = "ckaBetween";
    /** Meta: the attention ops whose heads' effective ranks are given. */
    public static final String ATTENTION_LAYERS = "attentionLayers";
    /** Tensor (A, heads): effective rank of each head's attention matrix averaged over images (and windows). */
    public static final String ATTENTION_RANK = "attentionRank";

    private SimilarityData() {
    }
}
