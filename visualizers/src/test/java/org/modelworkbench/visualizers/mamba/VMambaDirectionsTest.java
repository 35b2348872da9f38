package org.modelworkbench.visualizers.mamba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class VMambaDirectionsTest {

    static FloatTensor oneHot(int len, int q, int k) {
        FloatTensor t = FloatTensor.zeros(len, len);
        t.values()[q * len + k] = 1;
        return t;
    }

    static int[] hot(FloatTensor t) {
        int len = t.dim(0);
        for (int e = 0; e < t.size(); e++) {
            if (t.values()[e] == 1) {
                return new int[] {e / len, e % len};
            }
        }
        return null;
    }

    @Test
    void m2ADirectionOneAndTwoEntryLandWhereRowMajorSaysOnATwoByTwoMap() {
        VMambaDirections v = new VMambaDirections(2, 2);
        assertThat(hot(v.toRowMajor(oneHot(4, 1, 0), 1))).containsExactly(2, 0);
        assertThat(hot(v.toRowMajor(oneHot(4, 1, 0), 2))).containsExactly(2, 3);
        assertThat(hot(v.toRowMajor(oneHot(4, 1, 0), 0))).containsExactly(1, 0);
    }

    @Test
    void theScanOrdersAreRowMajorColumnMajorAndTheirReversesOnANonSquareMap() {
        int h = 2;
        int w = 3;
        VMambaDirections v = new VMambaDirections(h, w);
        // cross_scan: k=1 is the transposed map flattened, so l = w·H + h
        int[] transposed = new int[h * w];
        int l = 0;
        for (int c = 0; c < w; c++) {
            for (int r = 0; r < h; r++) {
                transposed[l++] = r * w + c;
            }
        }
        assertThat(v.scanOrder(0)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(v.scanOrder(1)).containsExactly(transposed);
        assertThat(v.scanOrder(2)).containsExactly(5, 4, 3, 2, 1, 0);
        assertThat(v.scanOrder(3)).containsExactly(transposed[5], transposed[4], transposed[3], transposed[2],
                transposed[1], transposed[0]);
        // a causal (lower-triangular) matrix in direction 2 becomes anti-causal in row-major order
        FloatTensor causal = FloatTensor.zeros(6, 6);
        for (int q = 0; q < 6; q++) {
            for (int k = 0; k <= q; k++) {
                causal.values()[q * 6 + k] = 1;
            }
        }
        FloatTensor back = v.toRowMajor(causal, 2);
        assertThat(back.get(0, 5)).isEqualTo(1f);
        assertThat(back.get(5, 0)).isZero();
        // direction 1 on 2×3: sequence position 1 reads pixel (1,0) = row-major 3
        assertThat(hot(v.toRowMajor(oneHot(6, 1, 0), 1))).containsExactly(3, 0);
    }

    @Test
    void theCapturedFourDirectionTensorsAreSlicedPerDirection() {
        // K = 4 copies of different one-state scans: direction k has B = k+1
        int len = 4;
        float[] delta = new float[4 * len];
        float[] b = new float[4 * len];
        float[] c = new float[4 * len];
        for (int k = 0; k < 4; k++) {
            for (int l = 0; l < len; l++) {
                delta[k * len + l] = 0.5f;
                b[k * len + l] = k + 1;
                c[k * len + l] = 1;
            }
        }
        FloatTensor a3 = FloatTensor.of(new float[] {-1, -1, -1, -2}, 4, 1, 1);
        FloatTensor a2 = FloatTensor.of(new float[] {-1, -1, -1, -2}, 4, 1);
        for (FloatTensor a : List.of(a3, a2)) {
            HiddenAttention h3 = VMambaDirections.direction(FloatTensor.of(delta, 1, 4, 1, len), a,
                    FloatTensor.of(b, 1, 4, 1, len), FloatTensor.of(c, 1, 4, 1, len), 3);
            FloatTensor m = h3.channel(0, 0);
            // α[1,0] = C·exp(Δ·A)·Δ·B = exp(−1)·0.5·4
            assertThat((double) m.get(1, 0)).isCloseTo(Math.exp(-1) * 2, within(1e-6));
            assertThat((double) m.get(0, 0)).isCloseTo(2, within(1e-6));
        }
        assertThatThrownBy(() -> VMambaDirections.direction(FloatTensor.zeros(1, 3, 1, len), a3,
                FloatTensor.of(b, 1, 4, 1, len), FloatTensor.of(c, 1, 4, 1, len), 0)).hasMessageContaining("K = 4");
    }

    @Test
    void allIsTheMinMaxOfTheSumAndNallTheMeanOfTheMinMaxedMaps() {
        FloatTensor m0 = FloatTensor.of(new float[] {0, 1, 2, 3}, 2, 2);
        FloatTensor m1 = FloatTensor.of(new float[] {0, 0, 0, 10}, 2, 2);
        FloatTensor m2 = FloatTensor.of(new float[] {5, 5, 5, 5}, 2, 2);
        FloatTensor m3 = FloatTensor.of(new float[] {4, 3, 2, 1}, 2, 2);
        List<FloatTensor> maps = List.of(m0, m1, m2, m3);
        // sum (9, 9, 9, 19) → (0, 0, 0, 1)
        assertThat(VMambaDirections.all(maps).values()).containsExactly(0, 0, 0, 1);
        // min–maxed: (0,1/3,2/3,1), (0,0,0,1), constant → 0, (1,2/3,1/3,0); mean /4
        float[] nall = VMambaDirections.nall(maps).values();
        assertThat(nall[0]).isCloseTo(0.25f, within(1e-6f));
        assertThat(nall[1]).isCloseTo(0.25f, within(1e-6f));
        assertThat(nall[2]).isCloseTo(0.25f, within(1e-6f));
        assertThat(nall[3]).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void aQueryPixelsRowIsShownOnTheMap() {
        VMambaDirections v = new VMambaDirections(2, 3);
        FloatTensor m = FloatTensor.zeros(6, 6);
        for (int k = 0; k < 6; k++) {
            m.values()[4 * 6 + k] = k + 1; // query pixel (1,1)
        }
        FloatTensor q = v.queryMap(m, 1, 1);
        assertThat(q.shape()).containsExactly(2, 3);
        assertThat(q.values()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThatThrownBy(() -> v.queryMap(m, 2, 0)).hasMessageContaining("(2,0) outside the 2×3 map");
        assertThatThrownBy(() -> v.toRowMajor(FloatTensor.zeros(4, 4), 0)).hasMessageContaining("(L,L) = (6,6)");
        assertThatThrownBy(() -> v.scanOrder(4)).hasMessageContaining("direction 4");
    }

    @Test
    void theVimBackwardMatrixFlippedBackLooksForwardInTheSequence() {
        HiddenAttentionTest.Inputs in = HiddenAttentionTest.Inputs.random(3, 1, 1, 2, 9, 0.7);
        HiddenAttention backward = HiddenAttention.of(VimBidirectional.flipSequence(in.delta()), in.a(),
                VimBidirectional.flipSequence(in.b()), VimBidirectional.flipSequence(in.c()));
        FloatTensor m = VimBidirectional.flipBothAxes(backward.channel(0, 0));
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 9; j++) {
                // anti-causal: Σ_n C_i · exp(Σ_{k=i..j−1} Δ_k A) · Δ_j B_j for j ≥ i
                double expected = 0;
                if (j >= i) {
                    for (int n = 0; n < 2; n++) {
                        double s = 0;
                        for (int k = i; k < j; k++) {
                            s += in.delta().get(0, 0, k) * (double) in.a().get(0, n);
                        }
                        expected += in.c().get(0, n, i) * Math.exp(s) * in.delta().get(0, 0, j) * in.b().get(0, n, j);
                    }
                }
                assertThat((double) m.get(i, j)).as("(%d,%d)", i, j).isCloseTo(expected, within(1e-5));
            }
        }
    }
}
