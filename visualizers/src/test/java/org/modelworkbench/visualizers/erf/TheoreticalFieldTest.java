package org.modelworkbench.visualizers.erf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.erf.TheoreticalField.Field;
import org.modelworkbench.visualizers.erf.TheoreticalField.Layer;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class TheoreticalFieldTest {
    @Test
    void aStackOfLThreeByThreeConvolutionsSeesTwoLPlusOnePixels() {
        for (int l = 1; l <= 10; l++) {
            Field f = TheoreticalField.of(Collections.nCopies(l, Layer.conv(3, 1, 1)));
            assertThat(f.size()).isEqualTo(2 * l + 1);
            assertThat(f.jump()).isEqualTo(1);
            assertThat(f.start()).isZero();
        }
    }

    @Test
    void stridesMultiplyTheJumpAndDilationsWidenTheKernel() {
        // ResNet stem: 7×7/2 pad 3, then 3×3/2 max-pool pad 1 → size 11, jump 4, start 0.
        Field stem = TheoreticalField.of(List.of(Layer.conv(7, 2, 3), Layer.conv(3, 2, 1)));
        assertThat(stem).isEqualTo(new Field(11, 4, 0));
        // A 3×3 dilation-2 conv spans 5 pixels.
        assertThat(TheoreticalField.of(List.of(new Layer(3, 1, 2, 2))).size()).isEqualTo(5);
        // Without padding the first unit's centre moves inwards.
        Field valid = TheoreticalField.of(List.of(Layer.conv(3, 1, 0), Layer.conv(3, 1, 0)));
        assertThat(valid.start()).isEqualTo(2.0);
        assertThat(valid.first(0)).isZero();
        assertThat(valid.last(0)).isEqualTo(4);
        assertThat(TheoreticalField.perLayer(List.of(Layer.conv(3, 1, 0), Layer.conv(3, 1, 0)))).hasSize(2);
    }

    @Test
    void theErfOfAveragingConvolutionsStaysInsideTheTheoreticalField() {
        int n = 28;
        int layers = 4;
        // Backward of L zero-padded 3×3 box filters from a unit at the centre: the adjoint of a
        // symmetric box filter is the same box filter, applied L times to the delta.
        double[] g = new double[n * n];
        g[14 * n + 14] = 1;
        for (int l = 0; l < layers; l++) {
            double[] next = new double[n * n];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    double s = 0;
                    for (int dr = -1; dr <= 1; dr++) {
                        for (int dc = -1; dc <= 1; dc++) {
                            int rr = r + dr;
                            int cc = c + dc;
                            if (rr >= 0 && rr < n && cc >= 0 && cc < n) {
                                s += g[rr * n + cc] / 9;
                            }
                        }
                    }
                    next[r * n + c] = s;
                }
            }
            g = next;
        }
        float[] grad = new float[n * n];
        for (int i = 0; i < grad.length; i++) {
            grad[i] = (float) g[i];
        }
        EffectiveReceptiveField erf = new EffectiveReceptiveField(n, n);
        erf.add(FloatTensor.of(grad, 1, 1, n, n));
        Field field = TheoreticalField.of(Collections.nCopies(layers, Layer.conv(3, 1, 1)));
        float[] mean = erf.mean().values();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                boolean inside = r >= field.first(14) && r <= field.last(14) && c >= field.first(14) && c <= field.last(14);
                if (inside) {
                    assertThat(mean[r * n + c]).as("(%d, %d) inside", r, c).isPositive();
                } else {
                    assertThat(mean[r * n + c]).as("(%d, %d) outside", r, c).isZero();
                }
            }
        }
        // The mass concentrates: 99 % already lies within the 2L+1 = 9 square.
        assertThat(erf.areaRatios(0.99).get(0).get().side()).isLessThanOrEqualTo(field.size());
    }

    @Test
    void impossibleLayersAreRefused() {
        assertThatThrownBy(() -> new Layer(0, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kernel 0");
    }
}
