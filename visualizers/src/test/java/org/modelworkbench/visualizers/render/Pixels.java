package org.modelworkbench.visualizers.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;

/** Pixel reading for the figure tests. */
final class Pixels {
    private Pixels() {
    }

    static int at(BufferedImage img, double x, double y) {
        return img.getRGB((int) Math.floor(x), (int) Math.floor(y));
    }

    static int channel(int argb, int shift) {
        return (argb >> shift) & 0xff;
    }

    /** Asserts two colours agree channel by channel within {@code tolerance} levels of 255. */
    static void assertClose(int actual, int expected, int tolerance) {
        for (int shift : new int[] {24, 16, 8, 0}) {
            assertThat(channel(actual, shift)).as("channel at bit %d of %08x vs %08x", shift, actual, expected)
                    .isCloseTo(channel(expected, shift), org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    /** Whether some pixel in the rectangle differs from {@code background} (something was drawn). */
    static boolean inked(BufferedImage img, int x0, int y0, int w, int h, int background) {
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y0 + h); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x0 + w); x++) {
                if (img.getRGB(x, y) != background) {
                    return true;
                }
            }
        }
        return false;
    }
}
