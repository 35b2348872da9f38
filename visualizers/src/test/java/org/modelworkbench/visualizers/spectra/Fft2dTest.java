package org.modelworkbench.visualizers.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Fft2dTest {

    /** The textbook O(n²) DFT, the yardstick. */
    static double[][] naiveDft(double[] re, double[] im) {
        int n = re.length;
        double[] outR = new double[n];
        double[] outI = new double[n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                double a = -2 * Math.PI * ((long) j * k % n) / n;
                outR[k] += re[j] * Math.cos(a) - im[j] * Math.sin(a);
                outI[k] += re[j] * Math.sin(a) + im[j] * Math.cos(a);
            }
        }
        return new double[][] {outR, outI};
    }

    static double[] random(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 12, 14, 16, 28, 49, 56, 60, 97, 112, 127, 224, 250, 256})
    void everyLengthMatchesTheNaiveDft(int n) {
        Random rnd = new Random(n);
        double[] re = random(rnd, n);
        double[] im = random(rnd, n);
        double[][] expected = naiveDft(re, im);
        new Fft1d(n).transform(re, im);
        for (int k = 0; k < n; k++) {
            assertThat(re[k]).as("re[%d] of %d", k, n).isCloseTo(expected[0][k], within(1e-9 * n));
            assertThat(im[k]).as("im[%d] of %d", k, n).isCloseTo(expected[1][k], within(1e-9 * n));
        }
    }

    @Test
    void aStridedTransformLeavesTheOtherValuesAlone() {
        Fft1d fft = new Fft1d(7);
        double[] re = new double[21];
        double[] im = new double[21];
        for (int i = 0; i < 21; i++) {
            re[i] = i;
        }
        double[] colR = new double[7];
        for (int k = 0; k < 7; k++) {
            colR[k] = re[1 + 3 * k];
        }
        double[][] expected = naiveDft(colR, new double[7]);
        fft.transform(re, im, 1, 3, fft.newWork());
        for (int k = 0; k < 7; k++) {
            assertThat(re[1 + 3 * k]).isCloseTo(expected[0][k], within(1e-9));
            assertThat(im[1 + 3 * k]).isCloseTo(expected[1][k], within(1e-9));
            assertThat(re[3 * k]).isEqualTo(3 * k);
            assertThat(im[3 * k]).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 14, 28, 13})
    void the2dTransformIsTheDoubleSumOverRowsAndColumns(int h) {
        int w = h == 13 ? 6 : h;
        Random rnd = new Random(h);
        double[] re = random(rnd, h * w);
        double[] im = random(rnd, h * w);
        double[] er = new double[h * w];
        double[] ei = new double[h * w];
        for (int u = 0; u < h; u++) {
            for (int v = 0; v < w; v++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double a = -2 * Math.PI * ((double) u * i / h + (double) v * j / w);
                        double xr = re[i * w + j];
                        double xi = im[i * w + j];
                        er[u * w + v] += xr * Math.cos(a) - xi * Math.sin(a);
                        ei[u * w + v] += xr * Math.sin(a) + xi * Math.cos(a);
                    }
                }
            }
        }
        new Fft2d(h, w).transform(re, im);
        for (int k = 0; k < h * w; k++) {
            assertThat(re[k]).isCloseTo(er[k], within(1e-8));
            assertThat(im[k]).isCloseTo(ei[k], within(1e-8));
        }
    }

    @Test
    void theInverseUndoesTheForwardTransform() {
        Random rnd = new Random(3);
        double[] re = random(rnd, 14 * 28);
        double[] im = random(rnd, 14 * 28);
        double[] r0 = re.clone();
        double[] i0 = im.clone();
        Fft2d fft = new Fft2d(14, 28);
        Fft2d.Work work = fft.newWork();
        fft.transform(re, im, work);
        fft.inverse(re, im, work);
        for (int k = 0; k < re.length; k++) {
            assertThat(re[k]).isCloseTo(r0[k], within(1e-12));
            assertThat(im[k]).isCloseTo(i0[k], within(1e-12));
        }
    }

    @Test
    void badSizesAreRefusedWithTheirNumbers() {
        assertThatThrownBy(() -> new Fft1d(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> new Fft2d(7, 7).transform(new double[48], new double[48]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("48");
    }
}
