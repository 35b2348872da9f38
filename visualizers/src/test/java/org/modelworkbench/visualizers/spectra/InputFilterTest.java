package org.modelworkbench.visualizers.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class InputFilterTest {
    static FloatTensor randomImages(int b, int c, int h, int w, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[b * c * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return FloatTensor.of(v, b, c, h, w);
    }

    @Test
    void lowPassAtCutOffOneIsTheIdentity() {
        FloatTensor images = randomImages(2, 3, 14, 12, 1);
        assertThat(InputFilter.lowPass(images, 1).values()).containsExactly(images.values(), within(1e-5f));
        assertThat(InputFilter.lowPass(images, 1).shape()).containsExactly(2, 3, 14, 12);
    }

    @Test
    void highPassRemovesAConstantImageEntirely() {
        float[] v = new float[3 * 28 * 28];
        java.util.Arrays.fill(v, 0.7f);
        FloatTensor constant = FloatTensor.of(v, 1, 3, 28, 28);
        for (double cutoff : new double[] {0, 0.1, 0.5, 0.99}) {
            for (float x : InputFilter.highPass(constant, cutoff).values()) {
                assertThat(x).isCloseTo(0f, within(1e-6f));
            }
        }
    }

    @Test
    void lowAndHighPassAtTheSameCutOffSumToTheImage() {
        FloatTensor images = randomImages(1, 3, 7, 7, 4);
        float[] low = InputFilter.lowPass(images, 0.4).values();
        float[] high = InputFilter.highPass(images, 0.4).values();
        for (int i = 0; i < low.length; i++) {
            assertThat(low[i] + high[i]).isCloseTo(images.values()[i], within(1e-5f));
        }
    }

    @Test
    void lowPassKeepsASlowWaveAndRemovesAFastOne() {
        int n = 16;
        float[] v = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // Frequency 1 along rows (ρ = (1/8)/√2 ≈ 0.09) plus Nyquist checkerboard along columns (ρ = 1/√2).
                v[i * n + j] = (float) (Math.cos(2 * Math.PI * i / n) + ((j % 2 == 0) ? 1 : -1));
            }
        }
        float[] low = InputFilter.lowPass(FloatTensor.of(v, 1, 1, n, n), 0.5).values();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(low[i * n + j]).isCloseTo((float) Math.cos(2 * Math.PI * i / n), within(1e-5f));
            }
        }
    }

    @Test
    void theCutOffIsAFractionOfTheCornerFrequency() {
        // 8×8: bin (4, 0) is Nyquist along rows, ρ = 1/√2; bin (4, 4) is the corner, ρ = 1.
        boolean[] keep = InputFilter.mask(8, 8, 0.70, InputFilter.Pass.LOW);
        assertThat(keep[4 * 8]).isFalse();
        assertThat(InputFilter.mask(8, 8, 0.71, InputFilter.Pass.LOW)[4 * 8]).isTrue();
        assertThat(InputFilter.mask(8, 8, 0.71, InputFilter.Pass.LOW)[4 * 8 + 4]).isFalse();
        assertThat(InputFilter.mask(8, 8, 1, InputFilter.Pass.LOW)[4 * 8 + 4]).isTrue();
    }

    @Test
    void badCutOffsAndShapesAreRefused() {
        assertThatThrownBy(() -> InputFilter.lowPass(FloatTensor.zeros(1, 1, 4, 4), 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> InputFilter.lowPass(FloatTensor.zeros(4, 4), 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4, 4]");
    }
}
