package org.modelworkbench.visualizers.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class Embedding2dTest {
    static final int PER_BLOB = 60;
    static final int D = 16;

    /** Two Gaussian blobs (unit deviation) in 16-D whose centres are 20 apart; first 60 rows are blob 0. */
    static FloatTensor blobs() {
        SplittableRandom rnd = new SplittableRandom(21);
        float[] x = new float[2 * PER_BLOB * D];
        for (int i = 0; i < 2 * PER_BLOB; i++) {
            for (int j = 0; j < D; j++) {
                double u = 1 - rnd.nextDouble();
                double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
                x[i * D + j] = (float) (g + (i >= PER_BLOB ? 20 / Math.sqrt(D) : 0));
            }
        }
        return FloatTensor.of(x, 2 * PER_BLOB, D);
    }

    /** Each blob fits in a disc around its centroid, and the two discs do not overlap. */
    static void assertSeparated(FloatTensor y) {
        double[][] c = new double[2][2];
        for (int i = 0; i < 2 * PER_BLOB; i++) {
            c[i / PER_BLOB][0] += y.get(i, 0) / PER_BLOB;
            c[i / PER_BLOB][1] += y.get(i, 1) / PER_BLOB;
        }
        double[] radius = new double[2];
        for (int i = 0; i < 2 * PER_BLOB; i++) {
            int b = i / PER_BLOB;
            radius[b] = Math.max(radius[b], Math.hypot(y.get(i, 0) - c[b][0], y.get(i, 1) - c[b][1]));
        }
        double between = Math.hypot(c[0][0] - c[1][0], c[0][1] - c[1][1]);
        assertThat(radius[0]).isGreaterThan(0);
        assertThat(between).as("blob discs must not overlap").isGreaterThan(radius[0] + radius[1]);
    }

    @Test
    void twoWellSeparatedBlobsStaySeparatedUnderTsne() {
        FloatTensor y = Embedding2d.tsne(blobs(), new Embedding2d.TsneOptions(15, 500, 4));
        assertThat(y.shape()).containsExactly(2 * PER_BLOB, 2);
        assertSeparated(y);
    }

    @Test
    void tsneIsReproducibleForASeed() {
        Embedding2d.TsneOptions o = new Embedding2d.TsneOptions(10, 300, 1);
        assertThat(Embedding2d.tsne(blobs(), o)).isEqualTo(Embedding2d.tsne(blobs(), o));
    }

    @Test
    void twoWellSeparatedBlobsLieApartAlongTheFirstPrincipalAxis() {
        FloatTensor y = Embedding2d.pca(blobs());
        assertThat(y.shape()).containsExactly(2 * PER_BLOB, 2);
        float maxFirst = Float.NEGATIVE_INFINITY;
        float minSecond = Float.POSITIVE_INFINITY;
        float minFirst = Float.POSITIVE_INFINITY;
        float maxSecond = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < 2 * PER_BLOB; i++) {
            float v = y.get(i, 0);
            if (i < PER_BLOB) {
                maxFirst = Math.max(maxFirst, v);
                minFirst = Math.min(minFirst, v);
            } else {
                minSecond = Math.min(minSecond, v);
                maxSecond = Math.max(maxSecond, v);
            }
        }
        assertThat(maxFirst < minSecond || maxSecond < minFirst).isTrue();
    }

    @Test
    void badInputsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Embedding2d.tsne(blobs(), new Embedding2d.TsneOptions(50, 10, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perplexity");
        assertThatThrownBy(() -> Embedding2d.tsne(FloatTensor.zeros(3001, 2), Embedding2d.TsneOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3001");
        float[] nan = new float[8];
        nan[5] = Float.NaN;
        assertThatThrownBy(() -> Embedding2d.pca(FloatTensor.of(nan, 4, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 2");
    }
}
