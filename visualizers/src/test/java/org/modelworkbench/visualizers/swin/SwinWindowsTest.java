package org.modelworkbench.visualizers.swin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class SwinWindowsTest {
    final SwinWindows shifted = new SwinWindows(8, 8, 4, 2);

    @Test
    void theRegionLabelMapOfAnEightByEightMapWithWindowFourAndShiftTwo() {
        float[] row0to3 = {0, 0, 0, 0, 1, 1, 2, 2};
        float[] row4to5 = {3, 3, 3, 3, 4, 4, 5, 5};
        float[] row6to7 = {6, 6, 6, 6, 7, 7, 8, 8};
        FloatTensor labels = shifted.regionLabels();
        assertThat(labels.shape()).containsExactly(8, 8);
        for (int r = 0; r < 8; r++) {
            float[] expected = r < 4 ? row0to3 : r < 6 ? row4to5 : row6to7;
            assertThat(labels.select(r).values()).as("row %d", r).containsExactly(expected);
        }
    }

    @Test
    void maskedPairsPerWindowAreZeroThenOneTwentyEightTwiceThenOneNinetyTwo() {
        assertThat(shifted.maskedCount(0)).isZero();
        assertThat(shifted.maskedCount(1)).isEqualTo(128);
        assertThat(shifted.maskedCount(2)).isEqualTo(128);
        assertThat(shifted.maskedCount(3)).isEqualTo(192);
        FloatTensor mask = shifted.mask();
        assertThat(mask.shape()).containsExactly(4, 16, 16);
        assertThat(mask.values()).containsOnly(0f, -100f);
        Set<Integer> window3 = new HashSet<>();
        for (int t = 0; t < 16; t++) {
            window3.add(shifted.regionLabel(4 + t / 4, 4 + t % 4));
        }
        assertThat(window3).containsExactlyInAnyOrder(4, 5, 7, 8);
    }

    @Test
    void windowTokensMapBackToTheirOriginalPositionsWithTheShiftUndone() {
        assertThat(shifted.originalPosition(0, 0)).isEqualTo(new SwinWindows.Pixel(2, 2));
        assertThat(shifted.originalPosition(3, 15)).isEqualTo(new SwinWindows.Pixel(1, 1));
        assertThat(shifted.windowTokenOf(1, 1)).isEqualTo(new SwinWindows.WindowToken(3, 15));
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                SwinWindows.WindowToken wt = shifted.windowTokenOf(r, c);
                assertThat(shifted.originalPosition(wt.window(), wt.token())).isEqualTo(new SwinWindows.Pixel(r, c));
            }
        }
    }

    /**
     * The test: run the forward pass the way the reference does it (roll by −s, then cut
     * windows row-major), mark one window, and check that every marked token is put back exactly
     * where its value came from — unshifted and shifted, on a non-square map.
     */
    @Test
    void aMarkedWindowIsPutBackWhereItCameFromShiftedAndUnshifted() {
        for (int s : new int[] {0, 3}) {
            int h = 12;
            int w = 18;
            int m = 6;
            SwinWindows geo = new SwinWindows(h, w, m, s);
            int[][] image = new int[h][w];
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    image[r][c] = r * w + c; // each pixel names its own position
                }
            }
            int[][] rolled = new int[h][w];
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    rolled[i][j] = image[(i + s) % h][(j + s) % w];
                }
            }
            int across = w / m;
            for (int win = 0; win < geo.windowCount(); win++) {
                boolean[][] marked = new boolean[h][w];
                for (int t = 0; t < m * m; t++) {
                    int value = rolled[(win / across) * m + t / m][(win % across) * m + t % m];
                    SwinWindows.Pixel p = geo.originalPosition(win, t);
                    assertThat(p.row() * w + p.col()).as("shift %d window %d token %d", s, win, t).isEqualTo(value);
                    marked[p.row()][p.col()] = true;
                }
                int count = 0;
                for (boolean[] row : marked) {
                    for (boolean b : row) {
                        count += b ? 1 : 0;
                    }
                }
                assertThat(count).isEqualTo(m * m); // no two tokens land on the same pixel
            }
        }
    }

    @Test
    void theRelativePositionIndexOfATwoByTwoWindowAndFactsOfTheSevenByTwo() {
        FloatTensor idx = SwinWindows.relativePositionIndex(2);
        assertThat(idx.select(0).values()).containsExactly(4, 3, 1, 0);
        assertThat(idx.select(1).values()).containsExactly(5, 4, 2, 1);
        assertThat(idx.select(2).values()).containsExactly(7, 6, 4, 3);
        assertThat(idx.select(3).values()).containsExactly(8, 7, 5, 4);
        FloatTensor seven = SwinWindows.relativePositionIndex(7);
        for (int i = 0; i < 49; i++) {
            assertThat(seven.get(i, i)).isEqualTo(84f);
        }
        assertThat(SwinWindows.biasTableRows(7)).isEqualTo(169);
        float max = 0;
        for (float v : seven.values()) {
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(168f);
    }

    @Test
    void aMapNoLargerThanTheWindowIsOneUnshiftedWindow() {
        SwinWindows small = new SwinWindows(7, 7, 7, 3);
        assertThat(small.shift()).isZero();
        assertThat(small.windowSize()).isEqualTo(7);
        assertThat(small.windowCount()).isEqualTo(1);
        SwinWindows smaller = SwinWindows.forBlock(4, 4, 7, 1);
        assertThat(smaller.windowSize()).isEqualTo(4);
        assertThat(smaller.shift()).isZero();
        assertThat(smaller.mask().values()).containsOnly(0f);
        SwinWindows odd = SwinWindows.forBlock(56, 56, 7, 1);
        assertThat(odd.shift()).isEqualTo(3);
        assertThat(odd.windowCount()).isEqualTo(64);
        assertThat(SwinWindows.forBlock(56, 56, 7, 2).shift()).isZero();
    }

    @Test
    void windowBordersRunAlongTheShiftedWindowEdges() {
        assertThat(new SwinWindows(8, 8, 4, 0).windowBorders()).containsExactlyInAnyOrder(
                new SwinWindows.Segment(0, 4, 8, 4), new SwinWindows.Segment(4, 0, 4, 8));
        assertThat(shifted.windowBorders()).containsExactlyInAnyOrder(
                new SwinWindows.Segment(0, 2, 8, 2), new SwinWindows.Segment(0, 6, 8, 6),
                new SwinWindows.Segment(2, 0, 2, 8), new SwinWindows.Segment(6, 0, 6, 8));
        boolean[] cells = SwinAttentionStitch.borderCells(shifted);
        assertThat(cells[0]).isFalse();          // (0,0): its neighbours (0,1),(1,0) share window 3
        assertThat(cells[1 * 8 + 1]).isTrue();   // (1,1) touches (2,1), which is window 1
        assertThat(cells[2 * 8 + 2]).isTrue();
        assertThat(cells[4 * 8 + 4]).isFalse();
    }

    @Test
    void impossibleGeometryIsRefused() {
        assertThatThrownBy(() -> new SwinWindows(10, 8, 4, 0)).hasMessageContaining("10×8 map does not split into 4×4");
        assertThatThrownBy(() -> new SwinWindows(8, 8, 4, 4)).hasMessageContaining("shift must be in 0..3");
        assertThatThrownBy(() -> shifted.originalPosition(4, 0)).hasMessageContaining("window 4 outside 0..3");
        assertThatThrownBy(() -> shifted.originalPosition(0, 16)).hasMessageContaining("token 16");
        assertThatThrownBy(() -> shifted.windowTokenOf(8, 0)).hasMessageContaining("(8,0) outside the 8×8 map");
    }
}
