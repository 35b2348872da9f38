package org.modelworkbench.trainer.compile;

/**
 * Where Swin's window attention takes its windows from: an H×W map rolled by (−shiftH, −shiftW), cut into
 * W×W windows numbered row-major, tokens row-major inside each. An axis no longer than the window is
 * not shifted (timm's and torchvision's rule). The kernel builds its mask from this; a captured
 * attention map carries it so that a view can put each window's weights back on the image.
 */
public record WindowGeometry(int height, int width, int window, int shiftH, int shiftW) {
    public WindowGeometry {
        if (window < 1 || height % window != 0 || width % window != 0) {
            throw new IllegalArgumentException("window " + window + " must divide the " + height + "×" + width + " map");
        }
    }

    /** The geometry of a swin.window_attention_core op: its window, its shift flag and its N×H×W×3C input. */
    public static WindowGeometry of(Op op) {
        int window = op.params().integer("window");
        int height = op.in(0).dim(1);
        int width = op.in(0).dim(2);
        boolean shifted = op.params().bool("shifted");
        int shift = window / 2;
        return new WindowGeometry(height, width, window, shifted && height > window ? shift : 0,
                shifted && width > window ? shift : 0);
    }

    public boolean shifted() {
        return shiftH > 0 || shiftW > 0;
    }

    public int windowsDown() {
        return height / window;
    }

    public int windowsAcross() {
        return width / window;
    }

    public int windows() {
        return windowsDown() * windowsAcross();
    }

    public int tokens() {
        return window * window;
    }

    /** (row, column) in the unrolled map of token {@code token} of window {@code index}. */
    public int[] pixel(int index, int token) {
        int row = index / windowsAcross() * window + token / window;
        int col = index % windowsAcross() * window + token % window;
        return new int[] {Math.floorMod(row + shiftH, height), Math.floorMod(col + shiftW, width)};
    }
}
