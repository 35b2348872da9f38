package org.modelworkbench.visualizers.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class KernelsTest {
    /** A (2, 3, 2, 2) weight: kernel (o, i) holds the values v, 2v, 3v, 4v with v = 1 + o·3 + i; (1, 2) is zero. */
    static FloatTensor weight() {
        float[] w = new float[2 * 3 * 4];
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 3; i++) {
                float v = o == 1 && i == 2 ? 0 : 1 + o * 3 + i;
                for (int j = 0; j < 4; j++) {
                    w[(o * 3 + i) * 4 + j] = v * (j + 1);
                }
            }
        }
        return FloatTensor.of(w, 2, 3, 2, 2);
    }

    @Test
    void eachOutInPairGivesOneUnitKernelWithItsOrigin() {
        Kernels ks = Kernels.of(weight());
        assertThat(ks.count()).isEqualTo(6);
        assertThat(ks.kernelSize()).isEqualTo(2);
        assertThat(ks.depthwise()).isFalse();
        assertThat(ks.origin(4)).isEqualTo(new Kernels.Origin(1, 1));
        // (0, 1): values 2, 4, 6, 8, norm 2·√30; unit (1, 2, 3, 4)/√30, the mean not subtracted
        assertThat(ks.norm(1)).isCloseTo(2 * Math.sqrt(30), within(1e-5));
        double s = Math.sqrt(30);
        assertThat(ks.unit(1).values()).containsExactly(new float[] {(float) (1 / s), (float) (2 / s), (float) (3 / s),
            (float) (4 / s)}, within(1e-6f));
    }

    @Test
    void aZeroKernelIsSkippedAndDeadAndTheRestAreAnalysedInOrder() {
        Kernels ks = Kernels.of(weight());
        assertThat(ks.skipped(5)).isTrue();
        assertThat(ks.dead(5)).isTrue();
        assertThat(ks.unit(5).values()).containsOnly(0f);
        assertThat(ks.analysedIndices()).containsExactly(0, 1, 2, 3, 4);
        FloatTensor u = ks.analysedUnits();
        assertThat(u.shape()).containsExactly(5, 2, 2);
        assertThat(u.select(4).values()).containsExactly(ks.unit(4).values());
    }

    @Test
    void aKernelFarWeakerThanTheLayersMedianIsDead() {
        float[] w = new float[5 * 9];
        float[] gains = {1, 2, 3, 0.005f, 0.05f}; // median 1: dead below 0.01
        for (int c = 0; c < 5; c++) {
            for (int j = 0; j < 9; j++) {
                w[c * 9 + j] = gains[c] * (j % 2 == 0 ? 1 : -1) / 3f;
            }
        }
        Kernels ks = Kernels.of(FloatTensor.of(w, 5, 1, 3, 3));
        assertThat(ks.depthwise()).isTrue();
        assertThat(ks.medianNorm()).isCloseTo(1, within(1e-6));
        assertThat(ks.deadIndices()).containsExactly(3);
        assertThat(ks.analysedCount()).isEqualTo(5); // weak, not shapeless: still named and clustered
        assertThat(Kernels.of(FloatTensor.of(w, 5, 1, 3, 3), 0.1).deadIndices()).containsExactly(3, 4);
    }

    @Test
    void malformedWeightsAreRefusedWithTheirShape() {
        assertThatThrownBy(() -> Kernels.of(FloatTensor.zeros(2, 3, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3, 3]");
        assertThatThrownBy(() -> Kernels.of(FloatTensor.zeros(2, 1, 3, 5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3×5");
        assertThatThrownBy(() -> Kernels.of(FloatTensor.zeros(2, 1, 3, 3), 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dead ratio");
        float[] nan = new float[9];
        nan[4] = Float.NaN;
        assertThatThrownBy(() -> Kernels.of(FloatTensor.of(nan, 1, 1, 3, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> Kernels.of(weight()).origin(6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6");
    }
}
