package org.modelworkbench.visualizers.swin;

import java.util.Arrays;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Puts the window attention of one Swin block back on the image: the attention of a query position
 * (in original coordinates) scattered over the H×W map at the original positions of its window's keys,
 * NaN everywhere outside that window (views-exact.md §2, "Mapping back").
 */
public final class SwinAttentionStitch {
    private SwinAttentionStitch() {
    }

    /**
     * @param perHead (h, H, W) attention of the query per head, NaN outside its window
     * @param mean    (H, W) the same averaged over heads
     * @param query   where the query sits after the shift (window and token)
     */
    public record Maps(FloatTensor perHead, FloatTensor mean, SwinWindows.WindowToken query) {
    }

    /**
     * @param attention post-softmax window attention of one block, as the module returns it
     *                  (B·nW, h, M², M²) or as the trainer captures it (B, nW, h, M², M²)
     * @param windows   the block's geometry (its effective M and shift)
     * @param image     batch index b
     * @param row       query row in original coordinates
     * @param col       query column in original coordinates
     */
    public static Maps queryMaps(FloatTensor attention, SwinWindows windows, int image, int row, int col) {
        if (attention == null || windows == null) {
            throw new IllegalArgumentException("attention and window geometry are both needed");
        }
        int[] s = attention.shape();
        int nw = windows.windowCount();
        int t = windows.tokensPerWindow();
        int batch;
        int heads;
        if (s.length == 4 && s[2] == t && s[3] == t && s[0] % nw == 0) {
            batch = s[0] / nw;
            heads = s[1];
        } else if (s.length == 5 && s[1] == nw && s[3] == t && s[4] == t) {
            batch = s[0];
            heads = s[2];
        } else {
            throw new IllegalArgumentException("Swin attention must be (B·nW, h, M², M²) or (B, nW, h, M², M²) with nW = "
                    + nw + " and M² = " + t + ", got " + Arrays.toString(s));
        }
        if (image < 0 || image >= batch) {
            throw new IllegalArgumentException("image " + image + " outside the batch of " + batch);
        }
        windows.checkPixel(row, col);
        SwinWindows.WindowToken q = windows.windowTokenOf(row, col);
        int h = windows.height();
        int w = windows.width();
        float[] per = new float[heads * h * w];
        Arrays.fill(per, Float.NaN);
        float[] mean = new float[h * w];
        Arrays.fill(mean, Float.NaN);
        // both layouts put (image, window, head) in the same row-major order
        int[] keyCell = new int[t];
        for (int k = 0; k < t; k++) {
            SwinWindows.Pixel p = windows.originalPosition(q.window(), k);
            keyCell[k] = p.row() * w + p.col();
        }
        float[] v = attention.values();
        double[] acc = new double[t];
        for (int hd = 0; hd < heads; hd++) {
            int base = (((image * nw + q.window()) * heads + hd) * t + q.token()) * t;
            for (int k = 0; k < t; k++) {
                per[hd * h * w + keyCell[k]] = v[base + k];
                acc[k] += v[base + k];
            }
        }
        for (int k = 0; k < t; k++) {
            mean[keyCell[k]] = (float) (acc[k] / heads);
        }
        return new Maps(FloatTensor.of(per, heads, h, w), FloatTensor.of(mean, h, w), q);
    }

    /**
     * Cells on a window border, (H, W) as a boolean mask row-major: true where a 4-neighbour falls in
     * another window after the shift — for painting borders as pixels rather than lines.
     */
    public static boolean[] borderCells(SwinWindows windows) {
        int h = windows.height();
        int w = windows.width();
        int[] id = new int[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                id[r * w + c] = windows.windowTokenOf(r, c).window();
            }
        }
        boolean[] out = new boolean[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int me = id[r * w + c];
                out[r * w + c] = (r > 0 && id[(r - 1) * w + c] != me) || (r + 1 < h && id[(r + 1) * w + c] != me)
                        || (c > 0 && id[r * w + c - 1] != me) || (c + 1 < w && id[r * w + c + 1] != me);
            }
        }
        return out;
    }
}
