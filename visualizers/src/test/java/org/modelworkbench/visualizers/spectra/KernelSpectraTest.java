package org.modelworkbench.visualizers.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class KernelSpectraTest {
    @Test
    void aDeltaKernelHasAFlatUnitSpectrum() {
        float[] w = new float[2 * 3 * 9];
        for (int k = 0; k < 6; k++) {
            w[k * 9 + 4] = 1;
        }
        FloatTensor s = KernelSpectra.meanAmplitude(FloatTensor.of(w, 2, 3, 3, 3), 8);
        assertThat(s.shape()).containsExactly(8, 8);
        for (float v : s.values()) {
            assertThat(v).isCloseTo(1f, within(1e-6f));
        }
    }

    @Test
    void aBoxKernelIsLowPassWithItsSumAtTheCentre() {
        float[] w = new float[9];
        java.util.Arrays.fill(w, 1f / 9);
        FloatTensor s = KernelSpectra.meanAmplitude(FloatTensor.of(w, 1, 1, 3, 3), 9);
        assertThat(s.get(4, 4)).isCloseTo(1f, within(1e-6f));
        // 3-tap box of length 9: |Σ e^{−2πi·3j/9}| = 0 at frequency 3 along each axis.
        assertThat(s.get(4 + 3, 4)).isCloseTo(0f, within(1e-6f));
        assertThat(s.get(4, 4 - 3)).isCloseTo(0f, within(1e-6f));
    }

    @Test
    void amplitudesAreAveragedOverKernels() {
        float[] w = new float[2 * 4];
        w[0] = 1; // kernel 0: delta, amplitude 1 everywhere
        w[4] = 3; // kernel 1: 3·delta, amplitude 3 everywhere
        FloatTensor s = KernelSpectra.meanAmplitude(FloatTensor.of(w, 2, 1, 2, 2), 4);
        for (float v : s.values()) {
            assertThat(v).isCloseTo(2f, within(1e-6f));
        }
    }

    @Test
    void aPaddingSmallerThanTheKernelIsRefused() {
        assertThatThrownBy(() -> KernelSpectra.meanAmplitude(FloatTensor.zeros(1, 1, 7, 7), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7×7");
    }
}
