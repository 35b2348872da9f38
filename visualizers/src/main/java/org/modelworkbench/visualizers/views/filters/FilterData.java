package org.modelworkbench.visualizers.views.filters;

/**
 * The names under which a filters bundle carries its data (written by the app's FiltersMaker, read
 * by {@link FiltersView}).
 */
public final class FilterData {
    /** Meta: the op paths of every convolution with a kernel of 3 or more, in the order they run. */
    public static final String LAYERS = "layers";
    /** Meta: each layer's op type ("conv.conv2d", "conv.depthwise"), parallel to {@link #LAYERS}. */
    public static final String LAYER_TYPES = "layerTypes";
    /** Meta: the layer shown first (the node asked for, else the first depthwise conv, else the first k ≥ 3). */
    public static final String NODE = "node";
    /** Tensor name prefix: {@code WEIGHT_PREFIX + layer} is that layer's weight (O, I/groups, k, k). */
    public static final String WEIGHT_PREFIX = "weight:";

    private FilterData() {
    }

    /** The tensor name of a layer's weight. */
    public static String weight(String layer) {
        return WEIGHT_PREFIX + layer;
    }
}
