package org.modelworkbench.visualizers.swin;

import java.util.ArrayList;
import java.util.List;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * The window geometry of one Swin block on an H×W token map (Liu et al. 2021; microsoft/Swin-Transformer
 * {@code swin_transformer.py}; views-exact.md §2): the cyclic shift, the window partition, the region
 * labels and −100 mask of shifted windows, the relative position index, and the way back from
 * (window, token) to the original map.
 *
 * <p>Conventions: the forward pass rolls by −s, x_s[i,j] = x[(i+s) mod H, (j+s) mod W]; windows are
 * numbered row-major over (H/M, W/M) and tokens row-major inside a window. When min(H,W) ≤ M the shift
 * is forced to 0 and M becomes min(H,W), as the reference does (this is what small Fashion-MNIST
 * stages hit). Immutable.
 */
public final class SwinWindows {
    /** The mask value of a pair of tokens from different regions (added to the logits; not −∞). */
    public static final float MASKED = -100f;

    private final int height;
    private final int width;
    private final int window;
    private final int shift;

    /** A position on the token map: row and column in original (unshifted) coordinates. */
    public record Pixel(int row, int col) {
    }

    /** A window's token: window index (row-major over windows) and token index (row-major inside). */
    public record WindowToken(int window, int token) {
    }

    /**
     * One straight piece of a window border on the original map, in cell-edge coordinates: x runs over
     * columns 0..W and y over rows 0..H, so (x0,y0)–(x1,y1) is horizontal or vertical along cell edges.
     */
    public record Segment(int x0, int y0, int x1, int y1) {
    }

    /**
     * @param height     H, token rows of the stage
     * @param width      W, token columns
     * @param windowSize the configured M (7 by default)
     * @param shift      the configured shift s (0, or M/2 for odd blocks), 0 ≤ s &lt; M
     * @throws IllegalArgumentException if H or W is not a multiple of the effective window, or s is out of range
     */
    public SwinWindows(int height, int width, int windowSize, int shift) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("token map must be at least 1×1, got " + height + "×" + width);
        }
        if (windowSize < 1) {
            throw new IllegalArgumentException("window size must be ≥ 1, got " + windowSize);
        }
        if (shift < 0 || shift >= windowSize) {
            throw new IllegalArgumentException("shift must be in 0.." + (windowSize - 1) + " for window " + windowSize
                    + ", got " + shift);
        }
        int m = windowSize;
        int s = shift;
        if (Math.min(height, width) <= windowSize) {
            m = Math.min(height, width);
            s = 0;
        }
        if (height % m != 0 || width % m != 0) {
            throw new IllegalArgumentException("a " + height + "×" + width + " map does not split into " + m + "×" + m
                    + " windows");
        }
        this.height = height;
        this.width = width;
        this.window = m;
        this.shift = s;
    }

    /** The geometry of Swin block number {@code blockIndex} in a stage: even blocks unshifted, odd shifted by M/2. */
    public static SwinWindows forBlock(int height, int width, int windowSize, int blockIndex) {
        if (blockIndex < 0) {
            throw new IllegalArgumentException("block index must be ≥ 0, got " + blockIndex);
        }
        return new SwinWindows(height, width, windowSize, blockIndex % 2 == 0 ? 0 : windowSize / 2);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The effective window side M (after the min(H,W) ≤ M rule). */
    public int windowSize() {
        return window;
    }

    /** The effective shift s (0 when the min(H,W) ≤ M rule applied). */
    public int shift() {
        return shift;
    }

    /** nW = (H/M)·(W/M). */
    public int windowCount() {
        return (height / window) * (width / window);
    }

    public int windowsAcross() {
        return width / window;
    }

    /** M², tokens per window. */
    public int tokensPerWindow() {
        return window * window;
    }

    /** Where token {@code token} of window {@code window} came from, in original coordinates (shift undone). */
    public Pixel originalPosition(int windowIndex, int token) {
        checkWindow(windowIndex);
        checkToken(token);
        int wr = windowIndex / windowsAcross();
        int wc = windowIndex % windowsAcross();
        return new Pixel((wr * window + token / window + shift) % height, (wc * window + token % window + shift) % width);
    }

    /** The window and token that hold original position (row, col) after the shift. */
    public WindowToken windowTokenOf(int row, int col) {
        checkPixel(row, col);
        int rs = Math.floorMod(row - shift, height);
        int cs = Math.floorMod(col - shift, width);
        return new WindowToken((rs / window) * windowsAcross() + cs / window, (rs % window) * window + cs % window);
    }

    /**
     * The region label of a position on the <b>shifted</b> map: label = 3·hi + wi over the slices
     * [0,H−M), [H−M,H−s), [H−s,H) (the same for W). Labels are only meaningful with a shift.
     */
    public int regionLabel(int shiftedRow, int shiftedCol) {
        checkPixel(shiftedRow, shiftedCol);
        return 3 * slice(shiftedRow, height) + slice(shiftedCol, width);
    }

    private int slice(int i, int n) {
        if (i < n - window) {
            return 0;
        }
        return i < n - shift ? 1 : 2;
    }

    /** The region label map (H, W) of the shifted map, as the reference builds {@code img_mask}. */
    public FloatTensor regionLabels() {
        float[] v = new float[height * width];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                v[r * width + c] = regionLabel(r, c);
            }
        }
        return FloatTensor.of(v, height, width);
    }

    /**
     * The attention mask (nW, M², M²): 0 where query and key tokens share a region label, −100 where
     * not. All zeros without a shift (the reference passes no mask then).
     */
    public FloatTensor mask() {
        int nw = windowCount();
        int t = tokensPerWindow();
        float[] v = new float[nw * t * t];
        if (shift > 0) {
            int[] labels = new int[t];
            for (int w = 0; w < nw; w++) {
                int wr = w / windowsAcross();
                int wc = w % windowsAcross();
                for (int k = 0; k < t; k++) {
                    labels[k] = regionLabel(wr * window + k / window, wc * window + k % window);
                }
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j < t; j++) {
                        if (labels[i] != labels[j]) {
                            v[(w * t + i) * t + j] = MASKED;
                        }
                    }
                }
            }
        }
        return FloatTensor.of(v, nw, t, t);
    }

    /** How many of window w's M⁴ query–key pairs are masked (−100). */
    public int maskedCount(int windowIndex) {
        checkWindow(windowIndex);
        float[] v = mask().values();
        int t = tokensPerWindow();
        int n = 0;
        for (int e = windowIndex * t * t; e < (windowIndex + 1) * t * t; e++) {
            if (v[e] == MASKED) {
                n++;
            }
        }
        return n;
    }

    /**
     * The relative position index (M², M²) into the ((2M−1)², heads) bias table:
     * (dh + M−1)·(2M−1) + (dw + M−1) with (dh, dw) = (h_i − h_j, w_i − w_j).
     */
    public static FloatTensor relativePositionIndex(int windowSize) {
        if (windowSize < 1) {
            throw new IllegalArgumentException("window size must be ≥ 1, got " + windowSize);
        }
        int m = windowSize;
        int t = m * m;
        float[] v = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                int dh = i / m - j / m;
                int dw = i % m - j % m;
                v[i * t + j] = (dh + m - 1) * (2 * m - 1) + (dw + m - 1);
            }
        }
        return FloatTensor.of(v, t, t);
    }

    /** Rows of the relative position bias table: (2M−1)². */
    public static int biasTableRows(int windowSize) {
        return (2 * windowSize - 1) * (2 * windowSize - 1);
    }

    /** The window each original position falls in after the shift, (H, W): what the borders are drawn from. */
    public FloatTensor windowMap() {
        float[] v = new float[height * width];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                v[r * width + c] = windowTokenOf(r, c).window();
            }
        }
        return FloatTensor.of(v, height, width);
    }

    /**
     * The window borders on the original map, as maximal straight segments along cell edges between
     * neighbouring cells that fall in different windows (the image frame is not included). With a shift
     * the borders sit at s + k·M; windows wrapping around the edge show as pieces at opposite sides.
     */
    public List<Segment> windowBorders() {
        List<Segment> out = new ArrayList<>();
        // horizontal edges at y = r (between rows r−1 and r)
        for (int r = 1; r < height; r++) {
            int start = -1;
            for (int c = 0; c <= width; c++) {
                boolean border = c < width && windowTokenOf(r - 1, c).window() != windowTokenOf(r, c).window();
                if (border && start < 0) {
                    start = c;
                } else if (!border && start >= 0) {
                    out.add(new Segment(start, r, c, r));
                    start = -1;
                }
            }
        }
        // vertical edges at x = c (between columns c−1 and c)
        for (int c = 1; c < width; c++) {
            int start = -1;
            for (int r = 0; r <= height; r++) {
                boolean border = r < height && windowTokenOf(r, c - 1).window() != windowTokenOf(r, c).window();
                if (border && start < 0) {
                    start = r;
                } else if (!border && start >= 0) {
                    out.add(new Segment(c, start, c, r));
                    start = -1;
                }
            }
        }
        return out;
    }

    private void checkWindow(int w) {
        if (w < 0 || w >= windowCount()) {
            throw new IllegalArgumentException("window " + w + " outside 0.." + (windowCount() - 1));
        }
    }

    private void checkToken(int t) {
        if (t < 0 || t >= tokensPerWindow()) {
            throw new IllegalArgumentException("token " + t + " outside 0.." + (tokensPerWindow() - 1) + " of a window");
        }
    }

    void checkPixel(int row, int col) {
        if (row < 0 || row >= height || col < 0 || col >= width) {
            throw new IllegalArgumentException("position (" + row + "," + col + ") outside the " + height + "×" + width
                    + " map");
        }
    }
}
