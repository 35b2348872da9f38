package org.modelworkbench.visualizers.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class DuplicatesTest {
    @Test
    void copiesAndNegatedCopiesFormGroupsWhileDistinctKernelsDoNot() {
        float[] w = PlantedKernels.random(8, 5, 1).values();
        // kernel 6 := 3 · kernel 1, kernel 7 := −kernel 1 with a tiny blemish, kernel 4 := kernel 2
        for (int j = 0; j < 25; j++) {
            w[6 * 25 + j] = 3 * w[25 + j];
            w[7 * 25 + j] = -w[25 + j] + (j == 0 ? 0.01f : 0);
            w[4 * 25 + j] = w[2 * 25 + j];
        }
        Duplicates dup = Duplicates.find(Kernels.of(FloatTensor.of(w, 8, 1, 5, 5)).analysedUnits());
        assertThat(dup.pairCount()).isEqualTo(4);
        assertThat(dup.pairs()).extracting(Duplicates.Pair::a, Duplicates.Pair::b).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, 6), org.assertj.core.groups.Tuple.tuple(1, 7),
                org.assertj.core.groups.Tuple.tuple(2, 4), org.assertj.core.groups.Tuple.tuple(6, 7));
        assertThat(dup.pairs().get(0).cos()).isCloseTo(1, within(1e-6));
        assertThat(dup.pairs().get(1).cos()).isLessThan(-0.995);
        assertThat(dup.groups()).containsExactly(List.of(1, 6, 7), List.of(2, 4));
        assertThat(dup.isDuplicate(7)).isTrue();
        assertThat(dup.isDuplicate(0)).isFalse();
    }

    @Test
    void theProjectionPruningFindsExactlyThePairsTheAllPairsScanFinds() {
        // 3×3 kernels; kernels 300…399 are ± copies of 0…99 with noise growing from 0 to 0.15 per pixel,
        // so their |cos| to the original falls through the thresholds.
        float[] w = PlantedKernels.random(600, 3, 7).values();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(8);
        for (int i = 0; i < 100; i++) {
            int sign = i % 2 == 0 ? 1 : -1;
            for (int j = 0; j < 9; j++) {
                w[(300 + i) * 9 + j] = (float) (sign * w[i * 9 + j] + 0.0015 * i * PlantedKernels.gaussian(rnd));
            }
        }
        FloatTensor units = Kernels.of(FloatTensor.of(w, 600, 1, 3, 3)).analysedUnits();
        for (double c : new double[] {0.995, 0.95, 0.8}) {
            Duplicates dup = Duplicates.find(units, c);
            List<String> expected = new ArrayList<>();
            float[] u = units.values();
            for (int a = 0; a < 600; a++) {
                for (int b = a + 1; b < 600; b++) {
                    double dot = 0;
                    for (int j = 0; j < 9; j++) {
                        dot += u[a * 9 + j] * u[b * 9 + j];
                    }
                    if (Math.abs(dot) >= c) {
                        expected.add(a + "-" + b);
                    }
                }
            }
            assertThat(expected).as("the test must plant pairs at |cos| ≥ %s", c).isNotEmpty();
            assertThat(dup.pairs()).extracting(p -> p.a() + "-" + p.b()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aThresholdOutsideTheUnitIntervalIsRefused() {
        assertThatThrownBy(() -> Duplicates.find(FloatTensor.zeros(2, 4), 1.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.2");
    }
}
