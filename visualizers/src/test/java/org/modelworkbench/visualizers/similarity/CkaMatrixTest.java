package org.modelworkbench.visualizers.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class CkaMatrixTest {
    @Test
    void withinOneDesignTheMatrixIsSymmetricWithAUnitDiagonal() {
        List<FloatTensor> layers = List.of(CkaTest.random(10, 4, 1), FloatTensor.of(CkaTest.random(10, 18, 3).values(), 10, 2, 3, 3), CkaTest.random(10, 6, 2));
        CkaMatrix m = CkaMatrix.within(List.of("a", "b", "c"), layers, Cka.Estimator.BIASED);
        assertThat(m.rows()).containsExactly("a", "b", "c");
        for (int i = 0; i < 3; i++) {
            assertThat(m.get(i, i)).isCloseTo(1, within(1e-6));
            for (int j = 0; j < 3; j++) {
                assertThat(m.get(i, j)).isEqualTo(m.get(j, i));
                assertThat(m.get(i, j)).isCloseTo(Cka.linear(layers.get(i), layers.get(j)), within(1e-6));
            }
        }
    }

    @Test
    void betweenTwoDesignsRowsAreTheFirstAndColumnsTheSecond() {
        CkaMatrix m = CkaMatrix.between(List.of("x"), List.of(CkaTest.X), List.of("y", "x again"),
                List.of(CkaTest.Y, CkaTest.X), Cka.Estimator.DEBIASED);
        assertThat(m.values().shape()).containsExactly(1, 2);
        assertThat(m.get(0, 0)).isCloseTo(-0.058682, within(1e-5));
        assertThat(m.get(0, 1)).isCloseTo(1, within(1e-6));
    }

    @Test
    void layersOverDifferentExamplesAreRefused() {
        assertThatThrownBy(() -> CkaMatrix.within(List.of("a", "b"), List.of(CkaTest.random(5, 2, 1), CkaTest.random(6, 2, 1)),
                Cka.Estimator.BIASED)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b has 6");
        assertThatThrownBy(() -> CkaMatrix.within(List.of("a"), List.of(), Cka.Estimator.BIASED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
