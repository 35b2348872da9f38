package org.modelworkbench.visualizers.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class CkaTest {
    static final FloatTensor X = FloatTensor.of(new float[] {1, 0, 0, 1, 1, 1, 2, 0, 0, 3, 1, 2}, 6, 2);
    static final FloatTensor Y = FloatTensor.of(new float[] {1, 1, 0, 0, 1, 1, 2, 0, 1, 1, 0, 0, 3, 1, 1, 0, 2, 2}, 6, 3);

    static FloatTensor random(int n, int p, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[n * p];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return FloatTensor.of(v, n, p);
    }

    /** A random p×p orthogonal matrix by Gram–Schmidt on Gaussian columns. */
    static double[][] orthogonal(int p, long seed) {
        Random rnd = new Random(seed);
        double[][] q = new double[p][p];
        for (int c = 0; c < p; c++) {
            double[] v = new double[p];
            for (int r = 0; r < p; r++) {
                v[r] = rnd.nextGaussian();
            }
            for (int prev = 0; prev < c; prev++) {
                double d = 0;
                for (int r = 0; r < p; r++) {
                    d += v[r] * q[r][prev];
                }
                for (int r = 0; r < p; r++) {
                    v[r] -= d * q[r][prev];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < p; r++) {
                q[r][c] = v[r] / norm;
            }
        }
        return q;
    }

    @Test
    void oneDimensionalFeaturesGiveTheSquaredPearsonCorrelation() {
        FloatTensor x = FloatTensor.of(new float[] {1, 2, 3, 4}, 4, 1);
        FloatTensor y = FloatTensor.of(new float[] {1, 2, 3, 5}, 4, 1);
        assertThat(Cka.linear(x, y)).isCloseTo(0.965714, within(1e-5));
        // A rank-1 tensor is n examples of one feature.
        assertThat(Cka.linear(FloatTensor.of(new float[] {1, 2, 3, 4}, 4), FloatTensor.of(new float[] {1, 2, 3, 5}, 4)))
                .isCloseTo(0.965714, within(1e-5));
    }

    @Test
    void thePlantedSixExamplesGiveTheReferenceBiasedAndDebiasedValues() {
        assertThat(Cka.linear(X, Y)).isCloseTo(0.353115, within(1e-5));
        assertThat(Cka.debiased(X, Y)).isCloseTo(-0.058682, within(1e-5));
        assertThat(Cka.of(X, Y, Cka.Estimator.DEBIASED)).isCloseTo(-0.058682, within(1e-5));
    }

    @Test
    void aSingleMinibatchGivesTheDebiasedValue() {
        Cka.Minibatch mb = new Cka.Minibatch();
        assertThat(mb.add(X, Y)).isTrue();
        assertThat(mb.value(0, 0)).isCloseTo(-0.058682, within(1e-5));
        assertThat(mb.result().get(0, 0)).isCloseTo(-0.058682f, within(1e-5f));
    }

    @Test
    void identicalInputsGiveOne() {
        FloatTensor x = random(20, 7, 1);
        assertThat(Cka.linear(x, x)).isCloseTo(1, within(1e-9));
        assertThat(Cka.debiased(x, x)).isCloseTo(1, within(1e-9));
    }

    @Test
    void anOrthogonalTransformScalingAndShiftLeaveCkaAtOne() {
        int n = 30;
        int p = 5;
        FloatTensor x = random(n, p, 2);
        double[][] q = orthogonal(p, 3);
        float[] y = new float[n * p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s += x.get(i, k) * q[k][j];
                }
                y[i * p + j] = (float) (3 * s + 5);
            }
        }
        FloatTensor yt = FloatTensor.of(y, n, p);
        assertThat(Cka.linear(x, yt)).isCloseTo(1, within(1e-5));
        assertThat(Cka.debiased(x, yt)).isCloseTo(1, within(1e-5));
    }

    @Test
    void equalBatchesAccumulateAndARaggedLastBatchIsDroppedOrWeighted() {
        FloatTensor a = random(12, 4, 5);
        FloatTensor b = random(12, 6, 6);
        FloatTensor c = random(5, 4, 7);
        FloatTensor d = random(5, 6, 8);
        Cka.Minibatch drop = new Cka.Minibatch(1, 1, Cka.Minibatch.RaggedBatches.DROP);
        drop.add(slice(a, 0, 6), slice(b, 0, 6));
        drop.add(slice(a, 6, 12), slice(b, 6, 12));
        assertThat(drop.add(c, d)).isFalse();
        assertThat(drop.batches()).isEqualTo(2);
        assertThat(drop.dropped()).isEqualTo(1);
        // Two equal batches: S_XY / √(S_XX S_YY) from the per-batch U-centred inner products.
        CentredGram k1 = CentredGram.of(slice(a, 0, 6), Cka.Estimator.DEBIASED);
        CentredGram k2 = CentredGram.of(slice(a, 6, 12), Cka.Estimator.DEBIASED);
        CentredGram l1 = CentredGram.of(slice(b, 0, 6), Cka.Estimator.DEBIASED);
        CentredGram l2 = CentredGram.of(slice(b, 6, 12), Cka.Estimator.DEBIASED);
        double expected = (k1.dot(l1) + k2.dot(l2)) / Math.sqrt((k1.dot(k1) + k2.dot(k2)) * (l1.dot(l1) + l2.dot(l2)));
        assertThat(drop.value(0, 0)).isCloseTo(expected, within(1e-12));

        Cka.Minibatch weight = new Cka.Minibatch(1, 1, Cka.Minibatch.RaggedBatches.WEIGHT);
        weight.add(slice(a, 0, 6), slice(b, 0, 6));
        weight.add(c, d);
        CentredGram k3 = CentredGram.of(c, Cka.Estimator.DEBIASED);
        CentredGram l3 = CentredGram.of(d, Cka.Estimator.DEBIASED);
        double w1 = 1.0 / (6 * 3);
        double w3 = 1.0 / (5 * 2);
        double weighted = (w1 * k1.dot(l1) + w3 * k3.dot(l3))
                / Math.sqrt((w1 * k1.dot(k1) + w3 * k3.dot(k3)) * (w1 * l1.dot(l1) + w3 * l3.dot(l3)));
        assertThat(weight.value(0, 0)).isCloseTo(weighted, within(1e-12));
        assertThat(weight.batches()).isEqualTo(2);
    }

    @Test
    void aMinibatchOverSeveralLayersFillsTheWholeMatrix() {
        List<FloatTensor> layers = List.of(random(8, 3, 1), random(8, 5, 2), random(8, 2, 3));
        Cka.Minibatch mb = new Cka.Minibatch(3, 3, Cka.Minibatch.RaggedBatches.DROP);
        mb.add(layers, layers);
        FloatTensor m = mb.result();
        assertThat(m.shape()).containsExactly(3, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(m.get(i, i)).isCloseTo(1f, within(1e-6f));
            for (int j = 0; j < 3; j++) {
                assertThat((double) m.get(i, j)).isCloseTo(Cka.debiased(layers.get(i), layers.get(j)), within(1e-6));
            }
        }
    }

    @Test
    void misuseIsRefusedWithTheNumbers() {
        assertThatThrownBy(() -> Cka.linear(random(5, 2, 1), random(6, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5").hasMessageContaining("6");
        assertThatThrownBy(() -> Cka.debiased(random(3, 2, 1), random(3, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 4");
        assertThatThrownBy(() -> new Cka.Minibatch().add(random(3, 2, 1), random(3, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 4");
        assertThatThrownBy(() -> new Cka.Minibatch().result()).isInstanceOf(IllegalStateException.class);
    }

    static FloatTensor slice(FloatTensor t, int from, int to) {
        int p = t.size() / t.dim(0);
        return FloatTensor.of(java.util.Arrays.copyOfRange(t.values(), from * p, to * p), to - from, p);
    }
}
