package org.modelworkbench.visualizers.gradcam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.gradcam.GradCam.LayerCapture;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class GradCamTest {
    /** G1: A₀ = [[1,0],[0,0]], A₁ = [[0,0],[0,1]], G₀ ≡ 1, G₁ ≡ −1. */
    static final FloatTensor A = FloatTensor.of(new float[] {1, 0, 0, 0, 0, 0, 0, 1}, 1, 2, 2, 2);
    static final FloatTensor G = FloatTensor.of(new float[] {1, 1, 1, 1, -1, -1, -1, -1}, 1, 2, 2, 2);

    @Test
    void weightsAreMeanGradientsAndTheNegativePartIsCutBeforeNormalising() {
        assertThat(GradCam.weights(G).values()).containsExactly(1f, -1f);
        // raw [[1,0],[0,−1]] → ReLU [[1,0],[0,0]] → min-max [[1,0],[0,0]].
        assertThat(GradCam.layerCam(new LayerCapture(A, G)).values()).containsExactly(new float[] {1, 0, 0, 0}, within(1e-5f));
        assertThat(GradCam.compute(A, G, 2, 2).values()).containsExactly(new float[] {1, 0, 0, 0}, within(1e-5f));
    }

    @Test
    void upsamplingTheG1MapToFourByFourGivesTheOpenCvRows() {
        FloatTensor cam = GradCam.compute(A, G, 4, 4);
        assertThat(cam.shape()).containsExactly(1, 4, 4);
        assertThat(cam.values()).containsExactly(new float[] {
            1, .75f, .25f, 0,
            .75f, .5625f, .1875f, 0,
            .25f, .1875f, .0625f, 0,
            0, 0, 0, 0}, within(1e-5f));
    }

    @Test
    void vitTokenOneFourteenRPlusCMapsToCellRcAndTheClsGradientIsIgnored() {
        int c = 3;
        int n = 197;
        float[] act = new float[n * c];
        float[] grad = new float[n * c];
        int r = 4;
        int col = 9;
        int token = 1 + 14 * r + col;
        act[token * c + 1] = 2f; // channel 1 fires only at the token of cell (4, 9)
        act[0 * c + 0] = 50f; // a huge CLS activation …
        for (int t = 1; t < n; t++) {
            grad[t * c + 1] = 0.5f;
        }
        grad[0 * c + 0] = 1000f; // … and CLS gradient, both dropped with the CLS token
        FloatTensor a = GradCam.tokensToMaps(FloatTensor.of(act, 1, n, c), 1);
        FloatTensor g = GradCam.tokensToMaps(FloatTensor.of(grad, 1, n, c), 1);
        assertThat(a.shape()).containsExactly(1, c, 14, 14);
        assertThat(a.get(0, 1, r, col)).isEqualTo(2f);
        assertThat(GradCam.weights(g).values()).containsExactly(0f, 0.5f, 0f);
        float[] cam = GradCam.compute(a, g, 14, 14).values();
        for (int i = 0; i < 14; i++) {
            for (int j = 0; j < 14; j++) {
                assertThat(cam[i * 14 + j]).isCloseTo(i == r && j == col ? 1f : 0f, within(1e-5f));
            }
        }
    }

    @Test
    void distilledDeitDropsBothPrefixTokens() {
        float[] act = new float[(2 + 4) * 1];
        for (int t = 0; t < 6; t++) {
            act[t] = t;
        }
        FloatTensor maps = GradCam.tokensToMaps(FloatTensor.of(act, 1, 6, 1), 2);
        assertThat(maps.shape()).containsExactly(1, 1, 2, 2);
        assertThat(maps.values()).containsExactly(2f, 3f, 4f, 5f);
        assertThatThrownBy(() -> GradCam.tokensToMaps(FloatTensor.of(act, 1, 6, 1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square");
    }

    @Test
    void swinChannelsLastBecomesChannelsFirst() {
        float[] v = new float[2 * 2 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        FloatTensor maps = GradCam.channelsLastToMaps(FloatTensor.of(v, 1, 2, 2, 3));
        assertThat(maps.shape()).containsExactly(1, 3, 2, 2);
        for (int h = 0; h < 2; h++) {
            for (int w = 0; w < 2; w++) {
                for (int ch = 0; ch < 3; ch++) {
                    assertThat(maps.get(0, ch, h, w)).isEqualTo(v[(h * 2 + w) * 3 + ch]);
                }
            }
        }
    }

    @Test
    void aModelThatOnlyLooksAtOneCornerLightsThatCorner() {
        // 7×7 maps, 2 channels: channel 0 detects an object in the top-left corner, channel 1
        // something in the bottom-right. The logit sums channel 0 over the top-left 3×3 only.
        Random rnd = new Random(4);
        int s = 7;
        float[] act = new float[2 * s * s];
        float[] grad = new float[2 * s * s];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                act[i * s + j] = (float) (Math.exp(-(i * i + j * j) / 2.0) + 0.01 * rnd.nextDouble());
                act[s * s + i * s + j] = (float) Math.exp(-((6 - i) * (6 - i) + (6 - j) * (6 - j)) / 2.0);
                grad[i * s + j] = i < 3 && j < 3 ? 1f : 0f;
            }
        }
        float[] cam = GradCam.compute(FloatTensor.of(act, 1, 2, s, s), FloatTensor.of(grad, 1, 2, s, s), 28, 28).values();
        double topLeft = 0;
        double bottomRight = 0;
        int argmax = 0;
        for (int i = 0; i < 28; i++) {
            for (int j = 0; j < 28; j++) {
                if (i < 14 && j < 14) {
                    topLeft += cam[i * 28 + j];
                } else if (i >= 14 && j >= 14) {
                    bottomRight += cam[i * 28 + j];
                }
                if (cam[i * 28 + j] > cam[argmax]) {
                    argmax = i * 28 + j;
                }
            }
        }
        assertThat(cam[argmax]).isCloseTo(1f, within(1e-5f));
        assertThat(argmax / 28).isLessThan(4);
        assertThat(argmax % 28).isLessThan(4);
        assertThat(bottomRight).isLessThan(0.05 * topLeft);
    }

    @Test
    void layersAreAveragedAfterResizingAndRenormalised() {
        // Layer 1 = G1 at 2×2; layer 2 lights the opposite corner at 4×4.
        float[] a2 = new float[16];
        a2[15] = 1;
        float[] g2 = new float[16];
        java.util.Arrays.fill(g2, 1);
        FloatTensor two = GradCam.compute(List.of(new LayerCapture(A, G),
                new LayerCapture(FloatTensor.of(a2, 1, 1, 4, 4), FloatTensor.of(g2, 1, 1, 4, 4))), 4, 4);
        // Mean of the G2 rows and the unit at (3,3): (1+0)/2 at (0,0), (0+1)/2 at (3,3), renormalised to 1.
        assertThat(two.get(0, 0, 0)).isCloseTo(1f, within(1e-5f));
        assertThat(two.get(0, 3, 3)).isCloseTo(1f, within(1e-5f));
        assertThat(two.get(0, 1, 1)).isCloseTo(0.5625f, within(1e-5f));
    }

    @Test
    void aConstantCamNormalisesToZero() {
        float[] ones = new float[8];
        java.util.Arrays.fill(ones, 1);
        assertThat(GradCam.compute(FloatTensor.of(ones, 2, 1, 2, 2), FloatTensor.of(ones, 2, 1, 2, 2), 3, 3).values())
                .containsOnly(0f);
    }

    @Test
    void mismatchedCapturesAreRefused() {
        assertThatThrownBy(() -> new LayerCapture(FloatTensor.zeros(1, 2, 2, 2), FloatTensor.zeros(1, 2, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 2, 2, 3]");
        assertThatThrownBy(() -> GradCam.compute(List.of(), 4, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
