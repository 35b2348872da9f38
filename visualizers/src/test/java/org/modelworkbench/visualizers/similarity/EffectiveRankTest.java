package org.modelworkbench.visualizers.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class EffectiveRankTest {
    static FloatTensor diag(int rows, int cols, float... d) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < d.length; i++) {
            v[i * cols + i] = d[i];
        }
        return FloatTensor.of(v, rows, cols);
    }

    @Test
    void theIdentityOfSizeFourHasEffectiveRankFour() {
        assertThat(EffectiveRank.of(diag(4, 4, 1, 1, 1, 1))).isCloseTo(4, within(1e-5));
    }

    @Test
    void diagThreeOneGivesThePlantedValue() {
        assertThat(EffectiveRank.of(diag(2, 2, 3, 1))).isCloseTo(1.754765, within(1e-5));
    }

    @Test
    void diagFourTwoOneOneGivesThePlantedValue() {
        assertThat(EffectiveRank.of(diag(4, 4, 4, 2, 1, 1))).isCloseTo(3.363586, within(1e-5));
        // Not squared singular values: that would be exp(H(16,4,1,1)/22) ≈ 2.21.
        assertThat(EffectiveRank.ofSingularValues(new double[] {4, 2, 1, 1})).isCloseTo(3.363586, within(1e-5));
    }

    @Test
    void aRankOneMatrixHasEffectiveRankOne() {
        float[] v = new float[5 * 7];
        float[] t = new float[7 * 5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 7; j++) {
                v[i * 7 + j] = (i + 1) * (0.5f * j - 1);
                t[j * 5 + i] = v[i * 7 + j];
            }
        }
        assertThat(EffectiveRank.of(FloatTensor.of(v, 5, 7))).isCloseTo(1, within(1e-5));
        assertThat(EffectiveRank.of(FloatTensor.of(t, 7, 5))).isCloseTo(1, within(1e-5));
    }

    @Test
    void anAllZeroMatrixIsUndefined() {
        assertThatThrownBy(() -> EffectiveRank.of(FloatTensor.zeros(3, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all-zero");
        assertThatThrownBy(() -> EffectiveRank.of(FloatTensor.zeros(3, 4, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3, 4, 2]");
    }

    @Test
    void singularValuesOfARotatedDiagonalAreRecoveredWhicheverSideIsSmaller() {
        // A = U·diag(s)·Vᵀ with random orthogonal U (9×9) and V (6×6).
        double[] s = {10, 5, 2.5, 1, 0.5, 0.1};
        double[][] u = CkaTest.orthogonal(9, 11);
        double[][] w = CkaTest.orthogonal(6, 12);
        float[] a = new float[9 * 6];
        float[] at = new float[6 * 9];
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 6; j++) {
                double x = 0;
                for (int k = 0; k < 6; k++) {
                    x += u[i][k] * s[k] * w[j][k];
                }
                a[i * 6 + j] = (float) x;
                at[j * 9 + i] = (float) x;
            }
        }
        assertThat(EffectiveRank.singularValues(FloatTensor.of(a, 9, 6), false)).containsExactly(s, within(1e-5));
        assertThat(EffectiveRank.singularValues(FloatTensor.of(at, 6, 9), false)).containsExactly(s, within(1e-5));
        assertThat(EffectiveRank.of(FloatTensor.of(a, 9, 6)))
                .isCloseTo(EffectiveRank.ofSingularValues(s), within(1e-5));
    }

    @Test
    void centringRemovesASharedOffset() {
        // Rows (1,1)+(t,−t): not centred it has rank 2; centred the offset goes and rank is 1.
        float[] v = {2, 0, 3, -1, 0, 2, -1, 3};
        FloatTensor m = FloatTensor.of(v, 4, 2);
        assertThat(EffectiveRank.of(m)).isGreaterThan(1.5);
        assertThat(EffectiveRank.of(m, true)).isCloseTo(1, within(1e-5));
    }

    @Test
    void aLargerRandomSpectrumMatchesTheFormula() {
        // 40×40 diagonal in a random rotation: exercises the QL iteration beyond tiny sizes.
        int n = 40;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.exp(-0.1 * i);
        }
        double[][] u = CkaTest.orthogonal(n, 21);
        float[] a = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = 0;
                for (int k = 0; k < n; k++) {
                    x += u[i][k] * s[k] * u[j][k];
                }
                a[i * n + j] = (float) x;
            }
        }
        assertThat(EffectiveRank.of(FloatTensor.of(a, n, n))).isCloseTo(EffectiveRank.ofSingularValues(s), within(1e-4));
    }
}
