package org.modelworkbench.visualizers.views.attention;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.modelworkbench.visualizers.bundle.Bundle;

/**
 * The vocabulary of an "attention" bundle, shared by its maker (which writes it) and {@link AttentionView}
 * (which reads it), so the names exist once.
 *
 * <p>Meta lists, one entry per layer in run order: {@value #LAYERS} (the names a user picks: the design
 * node, or the op path when a node holds several), {@value #LAYER_NODES} (the design node, for the graph),
 * {@value #LAYER_OPS} (the op or composite path probed) and {@value #LAYER_FAMILIES} ({@code vit | swin |
 * focal | mamba}). Each layer's tensors and scalars are named {@code layer<i>.<name>} ({@link #tensor},
 * {@link #meta}):
 * <ul>
 *   <li>vit: tensor {@value #ATTENTION} (B,h,N,N) post-softmax; meta {@value #PREFIX_TOKENS},
 *       {@value #GRID_HEIGHT}, {@value #GRID_WIDTH}, {@value #PATCH_SIZE} (input pixels per patch side).</li>
 *   <li>swin: tensor {@value #ATTENTION} (B,nW,h,M²,M²); meta {@value #HEIGHT}, {@value #WIDTH} (the stage's
 *       token map), {@value #WINDOW} (effective M), {@value #SHIFT_ROWS}, {@value #SHIFT_COLS}.</li>
 *   <li>focal: tensors {@value #MODULATOR} (B,H,W) = ‖M‖₂ over channels, {@value #GATES} (B,L+1,H,W) raw,
 *       {@code kernel<l>} (k_l,k_l) the channel-mean depthwise kernel of level l; meta {@value #LEVELS}.</li>
 *   <li>mamba: tensors {@value #DELTA} (B,K,D,L) after softplus, {@value #A_MATRIX} (K,D,S) negative,
 *       {@value #B_MATRIX} and {@value #C_MATRIX} (B,K,S,L); meta {@value #DIRECTIONS}, {@value #HEIGHT},
 *       {@value #WIDTH} (L = H·W).</li>
 * </ul>
 * Common tensors: {@value #IMAGES} (B,C,H,W in [0,1], the app's CommonData) under every map.
 */
public final class AttentionBundle {
    public static final String KIND = "attention";
    /** The input images, as every bundle carries them (CommonData.IMAGES). */
    public static final String IMAGES = "images";
    /** The test-set indices of the images (CommonData.IMAGE_INDICES), for titles. */
    public static final String IMAGE_INDICES = "imageIndices";
    /** The default layer chosen by the maker (CommonData.NODE). */
    public static final String NODE = "node";

    public static final String LAYERS = "layers";
    public static final String LAYER_NODES = "layerNodes";
    public static final String LAYER_OPS = "layerOps";
    public static final String LAYER_FAMILIES = "layerFamilies";

    public static final String ATTENTION = "attention";
    public static final String PREFIX_TOKENS = "prefixTokens";
    public static final String GRID_HEIGHT = "gridHeight";
    public static final String GRID_WIDTH = "gridWidth";
    public static final String PATCH_SIZE = "patchSize";
    public static final String HEIGHT = "height";
    public static final String WIDTH = "width";
    public static final String WINDOW = "window";
    public static final String SHIFT_ROWS = "shiftRows";
    public static final String SHIFT_COLS = "shiftCols";
    public static final String MODULATOR = "modulator";
    public static final String GATES = "gates";
    public static final String KERNEL = "kernel";
    public static final String LEVELS = "levels";
    public static final String DELTA = "delta";
    public static final String A_MATRIX = "A";
    public static final String B_MATRIX = "B";
    public static final String C_MATRIX = "C";
    public static final String DIRECTIONS = "directions";

    /** The four families of token mixing the view draws. */
    public enum Family {
        /** Global softmax attention (ViT, DeiT). */
        VIT,
        /** Swin's (shifted) window attention. */
        SWIN,
        /** FocalNet's focal modulation. */
        FOCAL,
        /** Mamba's / VMamba's selective scan. */
        MAMBA;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Family of(String id) {
            for (Family f : values()) {
                if (f.id().equals(id)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown attention family '" + id + "'; families: vit, swin, focal, mamba");
        }
    }

    /**
     * One probed layer.
     *
     * @param index  its position in the bundle's lists (the {@code layer<i>} prefix)
     * @param name   what a user picks ({@link org.modelworkbench.visualizers.views.ViewOptions#layer()})
     * @param node   the design node it belongs to
     * @param op     the probed op or composite path
     * @param family how it mixes tokens
     */
    public record Layer(int index, String name, String node, String op, Family family) {
    }

    private AttentionBundle() {
    }

    /** The name of layer {@code layer}'s tensor {@code name}: {@code layer<i>.<name>}. */
    public static String tensor(int layer, String name) {
        return "layer" + layer + "." + name;
    }

    /** The name of layer {@code layer}'s metadata {@code key}: {@code layer<i>.<key>}. */
    public static String meta(int layer, String key) {
        return "layer" + layer + "." + key;
    }

    /** The tensor of focal level {@code level}'s mean kernel. */
    public static String kernel(int layer, int level) {
        return tensor(layer, KERNEL + level);
    }

    /** The layers of {@code bundle}, in run order; the message names the list that is wrong. */
    public static List<Layer> layers(Bundle bundle) {
        List<String> names = bundle.strings(LAYERS);
        List<String> nodes = bundle.strings(LAYER_NODES);
        List<String> ops = bundle.strings(LAYER_OPS);
        List<String> families = bundle.strings(LAYER_FAMILIES);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the attention data lists no layers ('" + LAYERS + "' is missing or empty)");
        }
        if (nodes.size() != names.size() || ops.size() != names.size() || families.size() != names.size()) {
            throw new IllegalArgumentException("the attention data lists " + names.size() + " layers but " + nodes.size()
                    + " nodes, " + ops.size() + " ops and " + families.size() + " families");
        }
        List<Layer> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            out.add(new Layer(i, names.get(i), nodes.get(i), ops.get(i), Family.of(families.get(i))));
        }
        return List.copyOf(out);
    }

    /**
     * The layer shown when the user picks none: the last one, except that for Swin the last block whose
     * map has more than one window is preferred (a one-window stage shows no window structure at all).
     * The FocalNet notebook reads its maps from the last block of a stage, which the last layer is.
     *
     * @param families the family of each layer, in run order
     * @param windows  windows per Swin layer (ignored for others)
     */
    public static int defaultLayer(List<Family> families, List<Integer> windows) {
        if (families.isEmpty()) {
            throw new IllegalArgumentException("no layers to choose from");
        }
        int last = families.size() - 1;
        if (families.get(last) == Family.SWIN) {
            for (int i = last; i >= 0; i--) {
                if (families.get(i) == Family.SWIN && windows.get(i) > 1) {
                    return i;
                }
            }
        }
        return last;
    }
}
