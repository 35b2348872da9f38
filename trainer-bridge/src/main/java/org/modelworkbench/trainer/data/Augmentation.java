package org.modelworkbench.trainer.data;

import java.util.Random;

/**
 * A random change to one training image (C×H×W floats in [0, 1]), drawn from a {@link Random} the
 * caller seeds, so the same seed and order give the same images. Returns the changed image (a new
 * array or the same one).
 */
@FunctionalInterface
public interface Augmentation {
    float[] apply(float[] chw, int channels, int height, int width, Random rng);

    /**
     * Random crop with zero padding, as torchvision's {@code RandomCrop(size, padding)} with the crop
     * the size of the image: pads {@code padding} zeros on every side and cuts an H×W window at a
     * uniformly drawn offset, i.e. shifts the image by dy, dx in [−padding, padding] filling with 0.
     */
    static Augmentation randomCrop(int padding) {
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be ≥ 0: " + padding);
        }
        return (chw, c, h, w, rng) -> {
            int dy = rng.nextInt(2 * padding + 1) - padding;
            int dx = rng.nextInt(2 * padding + 1) - padding;
            if (dy == 0 && dx == 0) {
                return chw;
            }
            float[] out = new float[chw.length];
            for (int ch = 0; ch < c; ch++) {
                int base = ch * h * w;
                for (int y = 0; y < h; y++) {
                    int sy = y + dy;
                    if (sy < 0 || sy >= h) {
                        continue;
                    }
                    int x0 = Math.max(0, -dx);
                    int x1 = Math.min(w, w - dx);
                    if (x1 > x0) {
                        System.arraycopy(chw, base + sy * w + x0 + dx, out, base + y * w + x0, x1 - x0);
                    }
                }
            }
            return out;
        };
    }

    /** Mirrors the image left to right with probability {@code p} (0.5 as usual). */
    static Augmentation horizontalFlip(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1]: " + p);
        }
        return (chw, c, h, w, rng) -> {
            if (rng.nextDouble() >= p) {
                return chw;
            }
            for (int row = 0; row < c * h; row++) {
                int base = row * w;
                for (int i = 0, j = w - 1; i < j; i++, j--) {
                    float t = chw[base + i];
                    chw[base + i] = chw[base + j];
                    chw[base + j] = t;
                }
            }
            return chw;
        };
    }
}
