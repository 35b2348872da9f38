package org.modelworkbench.visualizers.views.attention;

import java.util.List;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.render.Cell;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.attention.AttentionBundle.Layer;

/**
 * One render of the attention view: the bundle, its layers, the chosen layer and image, the options
 * (checked), the image under the maps (null when the bundle has none) and the bundle's cache.
 */
record Context(Bundle bundle, List<Layer> layers, Layer layer, ViewOptions view, AttentionOptions options, int image,
               FloatTensor underlay, AttentionCache cache) {
    /** Side of every map area over the image, logical pixels. */
    static final int MAP_SIZE = 280;

    FloatTensor tensor(String name) {
        return bundle.tensor(AttentionBundle.tensor(layer.index(), name));
    }

    int integer(String key) {
        return bundle.integer(AttentionBundle.meta(layer.index(), key));
    }

    /** The chosen query cell on an h×w grid: the centre by default; the message names the grid when outside. */
    Cell query(int h, int w) {
        if (!view.hasQuery()) {
            return new Cell(h / 2, w / 2);
        }
        if (view.queryRow() >= h || view.queryCol() >= w) {
            throw new IllegalArgumentException("query (" + view.queryRow() + "," + view.queryCol() + ") is outside the "
                    + h + "×" + w + " grid of " + layer.name() + " (rows 0…" + (h - 1) + ", columns 0…" + (w - 1) + ")");
        }
        return new Cell(view.queryRow(), view.queryCol());
    }

    /** The chosen head, −1 for the mean; the message names the layer's heads when out of range. */
    int head(int heads, String what) {
        int h = view.head();
        if (h >= heads) {
            throw new IllegalArgumentException("head " + h + " is outside the " + heads + " " + what + " of " + layer.name()
                    + " (0…" + (heads - 1) + ", or −1 for the mean)");
        }
        return h < 0 ? -1 : h;
    }

    String imageLabel() {
        List<String> indices = bundle.strings(AttentionBundle.IMAGE_INDICES);
        return "image " + (image < indices.size() ? "#" + indices.get(image) : Integer.toString(image));
    }
}
