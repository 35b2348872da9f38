package org.modelworkbench.visualizers.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class FourierAnalysisTest {
    static final double FLAT = -19.093625;

    static double[] plane(int n, java.util.function.BiFunction<Integer, Integer, Double> f) {
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v[i * n + j] = f.apply(i, j);
            }
        }
        return v;
    }

    static double[] delta(Spectrum s) {
        float[] f = s.deltaLogAmplitude().values();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void aDiagonalCosineAtFrequencySixShowsOnlyAtTheLastPoint() {
        Spectrum s = FourierAnalysis.ofPlanes(plane(14, (i, j) -> 1 + Math.cos(2 * Math.PI * 6 * (i + j) / 14)), 1, 14, 14);
        assertThat(delta(s)).containsExactly(new double[] {0, FLAT, FLAT, FLAT, FLAT, FLAT, -0.693147}, within(1e-5));
        assertThat(s.highFrequency()).isCloseTo(-0.693147, within(1e-5));
    }

    @Test
    void aDiagonalCosineAtFrequencyThreeShowsAtElementThree() {
        Spectrum s = FourierAnalysis.ofPlanes(plane(14, (i, j) -> 1 + Math.cos(2 * Math.PI * 3 * (i + j) / 14)), 1, 14, 14);
        assertThat(delta(s)).containsExactly(new double[] {0, FLAT, FLAT, -0.693147, FLAT, FLAT, FLAT}, within(1e-5));
    }

    @Test
    void aCheckerboardIsInvisibleBecauseTheEvenDiagonalNeverReachesNyquist() {
        Spectrum s = FourierAnalysis.ofPlanes(plane(14, (i, j) -> 1.0 + ((i + j) % 2 == 0 ? 1 : -1)), 1, 14, 14);
        assertThat(delta(s)).containsExactly(new double[] {0, FLAT, FLAT, FLAT, FLAT, FLAT, FLAT}, within(1e-5));
        // The float path gives the same here: 0 and 2 are exact in float32.
        FloatTensor maps = FloatTensor.of(toFloat(plane(14, (i, j) -> 1.0 + ((i + j) % 2 == 0 ? 1 : -1))), 1, 1, 14, 14);
        assertThat(FourierAnalysis.ofFeatureMaps(maps).highFrequency()).isCloseTo(FLAT, within(1e-5));
    }

    @Test
    void theXAxisRunsFromZeroToPi() {
        Spectrum s = FourierAnalysis.ofPlanes(new double[196], 1, 14, 14);
        float[] x = s.frequencyAxis().values();
        assertThat(x).hasSize(7);
        assertThat(x[0]).isZero();
        assertThat(x[6]).isCloseTo((float) Math.PI, within(1e-6f));
        assertThat(x[3]).isCloseTo((float) (Math.PI / 2), within(1e-6f));
    }

    @Test
    void aSinusoidPeaksAtItsFrequencyInTheCentredImage() {
        // cos(2π(2i/16 + 5j/16)) has energy at ±(2, 5): centred at (8+2, 8+5) and (8−2, 8−5).
        Spectrum s = FourierAnalysis.ofPlanes(plane(16, (i, j) -> Math.cos(2 * Math.PI * (2.0 * i + 5.0 * j) / 16)), 1, 16, 16);
        double best = Double.NEGATIVE_INFINITY;
        int bestR = -1;
        int bestC = -1;
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 16; c++) {
                if (s.meanLogAmplitude(r, c) > best) {
                    best = s.meanLogAmplitude(r, c);
                    bestR = r;
                    bestC = c;
                }
            }
        }
        assertThat(best).isCloseTo(Math.log(128), within(1e-6));
        assertThat(new int[] {bestR, bestC}).satisfiesAnyOf(
                p -> assertThat(p).containsExactly(10, 13), p -> assertThat(p).containsExactly(6, 3));
        assertThat(s.meanLogAmplitude(10, 13)).isCloseTo(Math.log(128), within(1e-6));
        assertThat(s.meanLogAmplitude(6, 3)).isCloseTo(Math.log(128), within(1e-6));
        assertThat(s.meanLogAmplitude(8, 8)).isCloseTo(Math.log(FourierAnalysis.EPSILON), within(1e-3));
    }

    @Test
    void theLogIsTakenBeforeAveragingOverMaps() {
        // Two constant maps, 1 and 100: DC amplitudes 196 and 19600; mean of logs, not log of mean.
        double[] planes = new double[2 * 196];
        java.util.Arrays.fill(planes, 0, 196, 1);
        java.util.Arrays.fill(planes, 196, 392, 100);
        Spectrum s = FourierAnalysis.ofPlanes(planes, 2, 14, 14);
        assertThat(s.meanLogAmplitude(7, 7)).isCloseTo((Math.log(196 + 1e-6) + Math.log(19600 + 1e-6)) / 2, within(1e-12));
        assertThat(s.planes()).isEqualTo(2);
    }

    @Test
    void packingMapsInPairsGivesTheSameAsOneAtATime() {
        Random rnd = new Random(5);
        int count = 5;
        double[] planes = new double[count * 7 * 7];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = rnd.nextGaussian();
        }
        Spectrum together = FourierAnalysis.ofPlanes(planes, count, 7, 7);
        double[] expected = new double[49];
        for (int p = 0; p < count; p++) {
            double[] re = java.util.Arrays.copyOfRange(planes, p * 49, (p + 1) * 49);
            double[] im = new double[49];
            new Fft2d(7, 7).transform(re, im);
            for (int k = 0; k < 49; k++) {
                expected[k] += Math.log(Math.hypot(re[k], im[k]) + 1e-6) / count;
            }
        }
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 7; c++) {
                // Centred: cell (r, c) holds frequency (r − 3, c − 3).
                int u = (r - 3 + 7) % 7;
                int v = (c - 3 + 7) % 7;
                assertThat(together.meanLogAmplitude(r, c)).isCloseTo(expected[u * 7 + v], within(1e-9));
            }
        }
    }

    @Test
    void featureMapsAndTheirTokensGiveTheSameSpectrum() {
        Random rnd = new Random(9);
        int b = 2;
        int c = 3;
        int g = 7;
        float[] maps = new float[b * c * g * g];
        for (int i = 0; i < maps.length; i++) {
            maps[i] = (float) rnd.nextGaussian();
        }
        // Tokens (B, 1 + g², C) with a CLS token that must be ignored.
        float[] tokens = new float[b * (1 + g * g) * c];
        for (int bi = 0; bi < b; bi++) {
            for (int ch = 0; ch < c; ch++) {
                tokens[(bi * (1 + g * g)) * c + ch] = 1000f;
                for (int r = 0; r < g; r++) {
                    for (int col = 0; col < g; col++) {
                        tokens[(bi * (1 + g * g) + 1 + r * g + col) * c + ch] = maps[((bi * c + ch) * g + r) * g + col];
                    }
                }
            }
        }
        Spectrum fromMaps = FourierAnalysis.ofFeatureMaps(FloatTensor.of(maps, b, c, g, g));
        Spectrum fromTokens = FourierAnalysis.ofTokens(FloatTensor.of(tokens, b, 1 + g * g, c), 1);
        assertThat(fromTokens.meanLogAmplitude().values())
                .containsExactly(fromMaps.meanLogAmplitude().values(), within(1e-6f));
        assertThat(fromTokens.planes()).isEqualTo(6);
    }

    @Test
    void anAccumulatorOverBatchesEqualsOneCallOverTheWholeSet() {
        Random rnd = new Random(2);
        float[] all = new float[4 * 2 * 14 * 14];
        for (int i = 0; i < all.length; i++) {
            all[i] = rnd.nextFloat();
        }
        FloatTensor whole = FloatTensor.of(all, 4, 2, 14, 14);
        FourierAnalysis.Accumulator acc = new FourierAnalysis.Accumulator(14, 14);
        acc.addFeatureMaps(FloatTensor.of(java.util.Arrays.copyOfRange(all, 0, 3 * 392), 3, 2, 14, 14));
        acc.addFeatureMaps(FloatTensor.of(java.util.Arrays.copyOfRange(all, 3 * 392, 4 * 392), 1, 2, 14, 14));
        assertThat(acc.result().meanLogAmplitude().values())
                .containsExactly(FourierAnalysis.ofFeatureMaps(whole).meanLogAmplitude().values(), within(1e-5f));
    }

    @Test
    void theRadialProfileIsTheAzimuthalMeanRelativeToDc() {
        // A constant map: DC = ln(49), every other bin ln(1e-6).
        double[] planes = new double[49];
        java.util.Arrays.fill(planes, 1);
        Spectrum s = FourierAnalysis.ofPlanes(planes, 1, 7, 7);
        float[] radial = s.radialProfile().values();
        // 7×7 centred at 3: the farthest corner is √18 ≈ 4.24 → radii 0…4.
        assertThat(radial).hasSize(5);
        assertThat(radial[0]).isZero();
        for (int r = 1; r < 5; r++) {
            assertThat((double) radial[r]).isCloseTo(Math.log(1e-6) - Math.log(49), within(1e-4));
        }
    }

    @Test
    void badShapesAreNamedInTheMessage() {
        assertThatThrownBy(() -> FourierAnalysis.ofFeatureMaps(FloatTensor.zeros(2, 7, 7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 7, 7]");
        assertThatThrownBy(() -> FourierAnalysis.ofTokens(FloatTensor.zeros(1, 50, 4), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("48 tokens");
        assertThatThrownBy(() -> new FourierAnalysis.Accumulator(7, 7).result())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FourierAnalysis.Accumulator(7, 7).addFeatureMaps(FloatTensor.zeros(1, 1, 14, 14)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7×7");
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
