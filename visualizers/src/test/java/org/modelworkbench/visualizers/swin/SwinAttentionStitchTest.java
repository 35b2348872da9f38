package org.modelworkbench.visualizers.swin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class SwinAttentionStitchTest {
    final SwinWindows geo = new SwinWindows(8, 8, 4, 2);

    /** Softmax rows (B, nW, h, M², M²), as the trainer captures them. */
    static FloatTensor captured(int batch, int windows, int heads, int t, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[batch * windows * heads * t * t];
        for (int r = 0; r < v.length / t; r++) {
            double s = 0;
            double[] e = new double[t];
            for (int j = 0; j < t; j++) {
                e[j] = Math.exp(rnd.nextGaussian());
                s += e[j];
            }
            for (int j = 0; j < t; j++) {
                v[r * t + j] = (float) (e[j] / s);
            }
        }
        return FloatTensor.of(v, batch, windows, heads, t, t);
    }

    @Test
    void aQueryPixelsWindowAttentionLandsOnItsKeysOriginalPositionsAndNaNElsewhere() {
        FloatTensor a = captured(2, 4, 3, 16, 1);
        // original (1,1) is window 3, token 15 after the shift
        SwinAttentionStitch.Maps m = SwinAttentionStitch.queryMaps(a, geo, 1, 1, 1);
        assertThat(m.query()).isEqualTo(new SwinWindows.WindowToken(3, 15));
        assertThat(m.perHead().shape()).containsExactly(3, 8, 8);
        int inside = 0;
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                SwinWindows.WindowToken wt = geo.windowTokenOf(r, c);
                for (int h = 0; h < 3; h++) {
                    float got = m.perHead().get(h, r, c);
                    if (wt.window() == 3) {
                        assertThat(got).isEqualTo(a.get(1, 3, h, 15, wt.token()));
                    } else {
                        assertThat(got).isNaN();
                    }
                }
                if (wt.window() == 3) {
                    inside++;
                    double mean = (a.get(1, 3, 0, 15, wt.token()) + a.get(1, 3, 1, 15, wt.token())
                            + a.get(1, 3, 2, 15, wt.token())) / 3.0;
                    assertThat((double) m.mean().get(r, c)).isCloseTo(mean, within(1e-6));
                } else {
                    assertThat(m.mean().get(r, c)).isNaN();
                }
            }
        }
        assertThat(inside).isEqualTo(16);
        // window 3 holds original rows/cols {6,7,0,1}: the query's window wraps around the corner
        assertThat(m.mean().get(6, 6)).isNotNaN();
        assertThat(m.mean().get(0, 7)).isNotNaN();
        assertThat(m.mean().get(2, 2)).isNaN();
    }

    @Test
    void theStitchedAttentionOfEachHeadSumsToOne() {
        FloatTensor a = captured(1, 4, 2, 16, 2);
        SwinAttentionStitch.Maps m = SwinAttentionStitch.queryMaps(a, geo, 0, 5, 3);
        for (FloatTensor map : new FloatTensor[] {m.perHead().select(0), m.perHead().select(1), m.mean()}) {
            double s = 0;
            for (float x : map.values()) {
                if (!Float.isNaN(x)) {
                    s += x;
                }
            }
            assertThat(s).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void theModulesFlatLayoutGivesTheSameMapsAsTheCapturedOne() {
        FloatTensor a = captured(2, 4, 2, 16, 3);
        FloatTensor flat = a.reshape(8, 2, 16, 16);
        SwinAttentionStitch.Maps m5 = SwinAttentionStitch.queryMaps(a, geo, 1, 6, 2);
        SwinAttentionStitch.Maps m4 = SwinAttentionStitch.queryMaps(flat, geo, 1, 6, 2);
        assertThat(m4.perHead()).isEqualTo(m5.perHead());
        assertThat(m4.mean()).isEqualTo(m5.mean());
    }

    @Test
    void aTensorThatDoesNotMatchTheWindowsIsRefused() {
        assertThatThrownBy(() -> SwinAttentionStitch.queryMaps(FloatTensor.zeros(3, 2, 16, 16), geo, 0, 0, 0))
                .hasMessageContaining("nW = 4 and M² = 16");
        assertThatThrownBy(() -> SwinAttentionStitch.queryMaps(FloatTensor.zeros(1, 4, 2, 16, 16), geo, 1, 0, 0))
                .hasMessageContaining("image 1 outside the batch of 1");
        assertThatThrownBy(() -> SwinAttentionStitch.queryMaps(FloatTensor.zeros(1, 4, 2, 16, 16), geo, 0, 0, 9))
                .hasMessageContaining("(0,9) outside");
    }
}
