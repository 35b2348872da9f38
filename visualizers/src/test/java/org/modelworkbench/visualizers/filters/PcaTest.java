package org.modelworkbench.visualizers.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class PcaTest {
    /** 50 points on the line p = (1, 2, 3) + t·(2, −1, 2)/3, t = −2 … 2.9. */
    static FloatTensor line() {
        float[] x = new float[50 * 3];
        for (int i = 0; i < 50; i++) {
            double t = -2 + 0.1 * i;
            x[i * 3] = (float) (1 + t * 2 / 3);
            x[i * 3 + 1] = (float) (2 - t / 3);
            x[i * 3 + 2] = (float) (3 + t * 2 / 3);
        }
        return FloatTensor.of(x, 50, 3);
    }

    @Test
    void pointsOnALineHaveOneComponentThatExplainsAllTheVariance() {
        Pca pca = Pca.fit(line(), 2);
        assertThat(pca.explainedVarianceRatio()[0]).isCloseTo(1, within(1e-6));
        assertThat(pca.explainedVarianceRatio()[1]).isCloseTo(0, within(1e-6));
        // the direction, signed so that its largest loading (the first 2/3, tie with the third) is positive
        assertThat(pca.component(0)).containsExactly(new double[] {2 / 3.0, -1 / 3.0, 2 / 3.0}, within(1e-5));
        // t −2 … 2.9 has mean 0.45: the first score is t − 0.45
        assertThat(pca.scores().get(0, 0)).isCloseTo(-2.45f, within(1e-4f));
        assertThat(pca.scores().get(49, 0)).isCloseTo(2.45f, within(1e-4f));
    }

    @Test
    void varianceRatiosAreThoseOfPlantedAxes() {
        // independent uniform coordinates with deviations 3, 2, 1 (variance ratio 9 : 4 : 1)
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 20000;
        float[] x = new float[n * 3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = (float) ((3 - j) * Math.sqrt(3) * (2 * rnd.nextDouble() - 1));
            }
        }
        Pca pca = Pca.fit(FloatTensor.of(x, n, 3), 3);
        assertThat(pca.explainedVarianceRatio()).containsExactly(new double[] {9 / 14.0, 4 / 14.0, 1 / 14.0},
                within(0.01));
        assertThat(Math.abs(pca.component(0)[0])).isCloseTo(1, within(1e-3));
    }

    @Test
    void theIterativePathForWideDataAgreesWithTheDirectOne() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 120;
        int d = 40;
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            double a = PlantedKernels.gaussian(rnd) * 4;
            double b = PlantedKernels.gaussian(rnd) * 2;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (a * Math.sin(j) + b * Math.cos(0.3 * j) + 0.1 * PlantedKernels.gaussian(rnd));
            }
        }
        FloatTensor pts = FloatTensor.of(x, n, d);
        Pca direct = Pca.fit(pts, 2, 1000);
        Pca iterative = Pca.fit(pts, 2, 10);
        assertThat(iterative.explainedVarianceRatio()).containsExactly(direct.explainedVarianceRatio(), within(1e-6));
        for (int q = 0; q < 2; q++) {
            assertThat(iterative.component(q)).containsExactly(direct.component(q), within(1e-4));
        }
        assertThat(iterative.scores().values()).containsExactly(direct.scores().values(), within(1e-3f));
        assertThat(direct.transform(pts).values()).containsExactly(direct.scores().values(), within(1e-4f));
    }

    @Test
    void tooFewPointsOrComponentsAreRefused() {
        assertThatThrownBy(() -> Pca.fit(FloatTensor.zeros(1, 3), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 points");
        assertThatThrownBy(() -> Pca.fit(line(), 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1…3");
    }
}
