package org.modelworkbench.visualizers.mamba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class HiddenAttentionTest {

    /** M1's scan: D = N = 1, A = −1, Δ = softplus(0 + 0) = ln 2, B = C = 1, L = 3. */
    static HiddenAttention m1() {
        return HiddenAttention.ofRawDelta(FloatTensor.zeros(1, 1, 3), FloatTensor.zeros(1),
                FloatTensor.of(new float[] {-1}, 1, 1), FloatTensor.of(new float[] {1, 1, 1}, 1, 1, 3),
                FloatTensor.of(new float[] {1, 1, 1}, 1, 1, 3));
    }

    @Test
    void m1TheHiddenAttentionOfAOneStateScanIsLnTwoTimesPowersOfAHalf() {
        FloatTensor alpha = m1().channel(0, 0);
        double[] expected = {.693147, 0, 0, .346574, .693147, 0, .173287, .346574, .693147};
        for (int e = 0; e < 9; e++) {
            assertThat((double) alpha.values()[e]).as("entry %d", e).isCloseTo(expected[e], within(1e-5));
        }
        assertThat(m1().channelMean(0)).isEqualTo(alpha);
    }

    @Test
    void m1AlphaTimesXIsTheRecurrencesOutput() {
        double[] y = HiddenAttention.apply(m1().channel(0, 0), new double[] {1, 2, 3});
        assertThat(y[0]).isCloseTo(0.693147, within(1e-5));
        assertThat(y[1]).isCloseTo(1.732868, within(1e-5));
        assertThat(y[2]).isCloseTo(2.945876, within(1e-5));
        // h_t = Ā h_{t−1} + B̄ x_t, y_t = C h_t with Ā = ½, B̄ = ln 2
        double h = 0;
        double[] x = {1, 2, 3};
        for (int t = 0; t < 3; t++) {
            h = 0.5 * h + Math.log(2) * x[t];
            assertThat(y[t]).isCloseTo(h, within(1e-6));
        }
    }

    /** α_d[i,j] straight from the definition: one exponential per term. */
    static double brute(FloatTensor delta, FloatTensor a, FloatTensor b, FloatTensor c, int img, int d, int i, int j,
            HiddenAttention.Mode mode) {
        if (j > i) {
            return 0;
        }
        double s = 0;
        for (int n = 0; n < a.dim(1); n++) {
            double sum = 0;
            for (int k = j + 1; k <= i; k++) {
                sum += delta.get(img, d, k) * (double) a.get(d, n);
            }
            double decay = mode == HiddenAttention.Mode.CB ? 1 : Math.exp(sum);
            double coef = mode == HiddenAttention.Mode.FULL ? delta.get(img, d, j) : 1;
            s += c.get(img, n, i) * decay * coef * b.get(img, n, j);
        }
        return s;
    }

    record Inputs(FloatTensor delta, FloatTensor a, FloatTensor b, FloatTensor c) {
        static Inputs random(long seed, int batch, int d, int n, int len, double deltaScale) {
            Random r = new Random(seed);
            float[] delta = new float[batch * d * len];
            for (int e = 0; e < delta.length; e++) {
                delta[e] = (float) (deltaScale * HiddenAttention.softplus(r.nextGaussian() - 1));
            }
            float[] a = new float[d * n];
            for (int e = 0; e < a.length; e++) {
                a[e] = -(1 + e % n) * (float) (0.5 + r.nextDouble());
            }
            float[] b = new float[batch * n * len];
            float[] c = new float[batch * n * len];
            for (int e = 0; e < b.length; e++) {
                b[e] = (float) r.nextGaussian();
                c[e] = (float) r.nextGaussian();
            }
            return new Inputs(FloatTensor.of(delta, batch, d, len), FloatTensor.of(a, d, n),
                    FloatTensor.of(b, batch, n, len), FloatTensor.of(c, batch, n, len));
        }

        HiddenAttention attention() {
            return HiddenAttention.of(delta, a, b, c);
        }
    }

    @Test
    void theBlockedMatricesEqualTheDefinitionAcrossBlockEdgesForSlowAndFastForgettingStates() {
        // L = 150 spans three 64-blocks; Δ scale 40 makes some diagonal blocks span more than e^600
        for (double scale : new double[] {0.05, 1, 40}) {
            Inputs in = Inputs.random(17, 2, 3, 4, 150, scale);
            for (HiddenAttention.Mode mode : HiddenAttention.Mode.values()) {
                HiddenAttention h = in.attention().withMode(mode);
                FloatTensor one = h.channel(1, 2);
                FloatTensor mean = h.channelMean(1);
                for (int i = 0; i < 150; i += 7) {
                    for (int j = 0; j < 150; j++) {
                        double e2 = brute(in.delta, in.a, in.b, in.c, 1, 2, i, j, mode);
                        double em = 0;
                        for (int d = 0; d < 3; d++) {
                            em += brute(in.delta, in.a, in.b, in.c, 1, d, i, j, mode) / 3;
                        }
                        String at = "scale " + scale + " " + mode + " (" + i + "," + j + ")";
                        assertThat((double) one.get(i, j)).as(at).isCloseTo(e2, within(1e-5 * (1 + Math.abs(e2))));
                        assertThat((double) mean.get(i, j)).as(at).isCloseTo(em, within(1e-5 * (1 + Math.abs(em))));
                    }
                }
            }
        }
    }

    @Test
    void aQueryRowIsThatRowOfTheMatrixAndNothingLiesAboveTheDiagonal() {
        Inputs in = Inputs.random(5, 1, 4, 3, 130, 1);
        HiddenAttention h = in.attention();
        FloatTensor mean = h.channelMean(0);
        FloatTensor one = h.channel(0, 3);
        for (int i : new int[] {0, 63, 64, 100, 129}) {
            FloatTensor row = h.queryRow(0, i);
            FloatTensor row3 = h.queryRow(0, i, 3);
            for (int j = 0; j < 130; j++) {
                assertThat(row.values()[j]).isCloseTo(mean.get(i, j), within(1e-5f * (1 + Math.abs(mean.get(i, j)))));
                assertThat(row3.values()[j]).isCloseTo(one.get(i, j), within(1e-5f * (1 + Math.abs(one.get(i, j)))));
                if (j > i) {
                    assertThat(mean.get(i, j)).isZero();
                    assertThat(row.values()[j]).isZero();
                }
            }
        }
        FloatTensor all = h.allChannels(0);
        assertThat(all.shape()).containsExactly(4, 130, 130);
        assertThat(all.select(3)).isEqualTo(one);
    }

    @Test
    void eachChannelsAlphaTimesXReproducesTheSelectiveScanRecurrence() {
        Inputs in = Inputs.random(9, 1, 2, 5, 200, 0.3);
        HiddenAttention h = in.attention();
        Random r = new Random(1);
        double[] x = new double[200];
        for (int t = 0; t < 200; t++) {
            x[t] = r.nextGaussian();
        }
        for (int d = 0; d < 2; d++) {
            double[] y = HiddenAttention.apply(h.channel(0, d), x);
            double[] state = new double[5];
            for (int t = 0; t < 200; t++) {
                double dt = in.delta.get(0, d, t);
                double out = 0;
                for (int n = 0; n < 5; n++) {
                    state[n] = Math.exp(dt * in.a.get(d, n)) * state[n] + dt * in.b.get(0, n, t) * x[t];
                    out += in.c.get(0, n, t) * state[n];
                }
                assertThat(y[t]).as("channel %d step %d", d, t).isCloseTo(out, within(1e-4 * (1 + Math.abs(out))));
            }
        }
    }

    @Test
    void aVeryLongMemoryDoesNotUnderflowAsHalfPrecisionWould() {
        // Δ·A = −0.02 per step over 3000 steps: the decay between the ends is e^−60 ≈ 8.8e−27, far below fp16
        int len = 3000;
        float[] delta = new float[len];
        java.util.Arrays.fill(delta, 0.02f);
        float[] ones = new float[len];
        java.util.Arrays.fill(ones, 1);
        HiddenAttention h = HiddenAttention.of(FloatTensor.of(delta, 1, 1, len), FloatTensor.of(new float[] {-1}, 1, 1),
                FloatTensor.of(ones, 1, 1, len), FloatTensor.of(ones, 1, 1, len));
        FloatTensor row = h.queryRow(0, len - 1);
        assertThat((double) row.values()[0]).isCloseTo(0.02 * Math.exp(-0.02 * (len - 1)), within(1e-30));
        assertThat(row.values()[0]).isPositive();
    }

    @Test
    void badInputsAreNamed() {
        FloatTensor one = FloatTensor.of(new float[] {1}, 1, 1, 1);
        FloatTensor a = FloatTensor.of(new float[] {-1}, 1, 1);
        assertThatThrownBy(() -> HiddenAttention.of(FloatTensor.of(new float[] {-1}, 1, 1, 1), a, one, one))
                .hasMessageContaining("ofRawDelta");
        assertThatThrownBy(() -> HiddenAttention.of(one, FloatTensor.of(new float[] {0.5f}, 1, 1), one, one))
                .hasMessageContaining("must be ≤ 0");
        assertThatThrownBy(() -> HiddenAttention.of(one, a, FloatTensor.zeros(1, 2, 1), one))
                .hasMessageContaining("(B,N,L) = (1,1,1)");
        assertThatThrownBy(() -> HiddenAttention.of(FloatTensor.zeros(1, 1), a, one, one)).hasMessageContaining("Δ must have shape");
        assertThatThrownBy(() -> HiddenAttention.ofRawDelta(one, FloatTensor.zeros(2), a, one, one))
                .hasMessageContaining("bias must have shape (D) = (1)");
        HiddenAttention h = HiddenAttention.of(one, a, one, one);
        assertThatThrownBy(() -> h.channel(0, 1)).hasMessageContaining("channel 1");
        assertThatThrownBy(() -> h.queryRow(0, 1)).hasMessageContaining("query position 1");
        assertThatThrownBy(() -> h.channelMean(2)).hasMessageContaining("image 2");
        assertThat(HiddenAttention.aFromLog(FloatTensor.zeros(1, 2)).values()).containsExactly(-1f, -1f);
    }
}
