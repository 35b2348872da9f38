package org.modelworkbench.visualizers.gradcam;

import java.util.Arrays;
import org.modelworkbench.visualizers.render.Bilinear;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Resizing of maps as OpenCV's {@code cv2.resize(…, INTER_LINEAR)} does for float images, which is
 * what pytorch-grad-cam upsamples with (views-exact.md §10): half-pixel centres,
 * {@code src = (dst + 0.5)·(in/out) − 0.5}, and at the borders the source index is clamped with a
 * zero fraction (edge replication). Plain bilinear sampling, no area averaging when shrinking.
 */
public final class Resize {
    private Resize() {
    }

    /**
     * Resizes the last two axes of {@code maps} (…, h, w) to (…, height, width); leading axes are
     * kept, e.g. a batch of CAMs (B, h, w) or feature maps (B, C, h, w).
     */
    public static FloatTensor bilinear(FloatTensor maps, int height, int width) {
        if (maps.rank() < 2) {
            throw new IllegalArgumentException("resize needs at least (h, w), got shape " + Arrays.toString(maps.shape()));
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("target size must be positive, got " + height + "×" + width);
        }
        int h = maps.dim(-2);
        int w = maps.dim(-1);
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("cannot resize empty maps of shape " + Arrays.toString(maps.shape()));
        }
        // OpenCV's INTER_LINEAR for floats and PyTorch's align_corners=False are the same sampling rule:
        // the figures' resampler does it.
        return Bilinear.resize(maps, height, width);
    }
}
