package org.modelworkbench.visualizers.focal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class FocalModulationMapsTest {

    @Test
    void f1TheModulatorMagnitudeIsTheL2NormOverChannels() {
        // B=1, C=2, H=1, W=2: pixel 0 holds (3,4), pixel 1 holds (−1,0)
        FloatTensor m = FloatTensor.of(new float[] {3, -1, 4, 0}, 1, 2, 1, 2);
        FloatTensor mag = FocalModulationMaps.modulatorMagnitude(m);
        assertThat(mag.shape()).containsExactly(1, 1, 2);
        assertThat(mag.values()).containsExactly(5f, 1f);
    }

    /**
     * F2: with every gate weight 0 and only the global gate's bias 1, the local levels drop out and the
     * modulator is GELU(mean ctx_L) at every pixel (h = identity), so its magnitude map is flat.
     * The block is run here from its definition (views-exact.md §3), independently of the view code.
     */
    @Test
    void f2OnlyTheGlobalGateOpenGivesAFlatModulatorMapOfTheGlobalContextsNorm() {
        int c = 2;
        int h = 4;
        int w = 5;
        int levels = 2;
        Random rnd = new Random(11);
        double[][][] x = new double[c][h][w];
        for (double[][] plane : x) {
            for (double[] row : plane) {
                for (int j = 0; j < w; j++) {
                    row[j] = rnd.nextGaussian();
                }
            }
        }
        int[] ks = FocalModulationMaps.kernelSizes(3, 2, levels);
        // f(x): ctx = x (identity rows), gates = 0·x + bias (0, 0, 1)
        double[] gateBias = {0, 0, 1};
        double[][][] ctx = x;
        double[][][] ctxAll = new double[c][h][w];
        for (int l = 0; l < levels; l++) {
            double[][][] kernel = new double[c][ks[l]][ks[l]];
            for (double[][] k : kernel) {
                for (double[] row : k) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = rnd.nextGaussian() * 0.3;
                    }
                }
            }
            ctx = gelu(depthwise(ctx, kernel));
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        ctxAll[ch][i][j] += ctx[ch][i][j] * gateBias[l];
                    }
                }
            }
        }
        double[] global = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double mean = 0;
            for (double[] row : ctx[ch]) {
                for (double v : row) {
                    mean += v / (h * w);
                }
            }
            global[ch] = gelu(mean);
        }
        float[] m = new float[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    // h(·) = 1×1 conv with weight I and bias 0
                    m[(ch * h + i) * w + j] = (float) (ctxAll[ch][i][j] + global[ch] * gateBias[levels]);
                }
            }
        }
        FloatTensor mag = FocalModulationMaps.modulatorMagnitude(FloatTensor.of(m, 1, c, h, w));
        double expected = Math.hypot(global[0], global[1]);
        assertThat(expected).isGreaterThan(0.01);
        for (float v : mag.values()) {
            assertThat((double) v).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void f3KernelSizesGrowByTheFactorAndThereIsOneGateMapPerLevelPlusTheGlobalOne() {
        assertThat(FocalModulationMaps.kernelSizes(3, 2, 3)).containsExactly(3, 5, 7);
        assertThat(FocalModulationMaps.gateMapCount(3)).isEqualTo(4);
        assertThat(FocalModulationMaps.kernelSizes(3, 2, 2)).containsExactly(3, 5);
    }

    @Test
    void gateMapsAreReturnedRawNegativesIncluded() {
        float[] g = {-2.5f, 0, 1, 3, /* image 1 */ 7, 8, 9, 10};
        FloatTensor maps = FocalModulationMaps.gateMaps(FloatTensor.of(g, 2, 2, 1, 2), 0);
        assertThat(maps.shape()).containsExactly(2, 1, 2);
        assertThat(maps.values()).containsExactly(-2.5f, 0, 1, 3);
    }

    @Test
    void theKernelViewAveragesTheDepthwiseWeightOverChannels() {
        float[] wgt = new float[2 * 9];
        wgt[4] = 1;      // channel 0: centre
        wgt[9] = -1;     // channel 1: top left
        wgt[9 + 4] = 3;  // channel 1: centre
        FloatTensor k = FocalModulationMaps.meanKernel(FloatTensor.of(wgt, 2, 1, 3, 3));
        assertThat(k.shape()).containsExactly(3, 3);
        assertThat(k.get(1, 1)).isEqualTo(2f);
        assertThat(k.get(0, 0)).isEqualTo(-0.5f);
        assertThat(k.get(2, 2)).isEqualTo(0f);
    }

    @Test
    void wrongShapesAreRefused() {
        assertThatThrownBy(() -> FocalModulationMaps.modulatorMagnitude(FloatTensor.zeros(2, 3, 4)))
                .hasMessageContaining("(B,C,H,W)");
        assertThatThrownBy(() -> FocalModulationMaps.gateMaps(FloatTensor.zeros(1, 3, 2, 2), 1))
                .hasMessageContaining("image 1");
        assertThatThrownBy(() -> FocalModulationMaps.meanKernel(FloatTensor.zeros(4, 2, 3, 3)))
                .hasMessageContaining("(C,1,k,k)");
        assertThatThrownBy(() -> FocalModulationMaps.kernelSizes(3, 2, 0)).hasMessageContaining("levels");
    }

    /** Depthwise convolution, zero padding k//2, no bias (cross-correlation, as torch). */
    static double[][][] depthwise(double[][][] x, double[][][] kernel) {
        int c = x.length;
        int h = x[0].length;
        int w = x[0][0].length;
        double[][][] out = new double[c][h][w];
        for (int ch = 0; ch < c; ch++) {
            int k = kernel[ch].length;
            int p = k / 2;
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double s = 0;
                    for (int a = 0; a < k; a++) {
                        for (int b = 0; b < k; b++) {
                            int ii = i + a - p;
                            int jj = j + b - p;
                            if (ii >= 0 && ii < h && jj >= 0 && jj < w) {
                                s += kernel[ch][a][b] * x[ch][ii][jj];
                            }
                        }
                    }
                    out[ch][i][j] = s;
                }
            }
        }
        return out;
    }

    static double[][][] gelu(double[][][] x) {
        double[][][] out = new double[x.length][][];
        for (int ch = 0; ch < x.length; ch++) {
            out[ch] = new double[x[ch].length][];
            for (int i = 0; i < x[ch].length; i++) {
                out[ch][i] = new double[x[ch][i].length];
                for (int j = 0; j < x[ch][i].length; j++) {
                    out[ch][i][j] = gelu(x[ch][i][j]);
                }
            }
        }
        return out;
    }

    /** Exact (erf) GELU, as torch's nn.GELU default. */
    static double gelu(double v) {
        return 0.5 * v * (1 + erf(v / Math.sqrt(2)));
    }

    /** erf by Abramowitz &amp; Stegun 7.1.26 (absolute error below 1.5e-7). */
    static double erf(double z) {
        double t = 1 / (1 + 0.3275911 * Math.abs(z));
        double y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-z * z);
        return z >= 0 ? y : -y;
    }
}
