package org.modelworkbench.visualizers.erf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.erf.EffectiveReceptiveField.AreaRatio;
import org.modelworkbench.visualizers.erf.EffectiveReceptiveField.Method;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class EffectiveReceptiveFieldTest {
    static final double[] T = EffectiveReceptiveField.THRESHOLDS;

    static FloatTensor centredSquare(int n, int side, float value) {
        float[] v = new float[n * n];
        for (int r = n / 2 - side / 2; r <= n / 2 + side / 2; r++) {
            for (int c = n / 2 - side / 2; c <= n / 2 + side / 2; c++) {
                v[r * n + c] = value;
            }
        }
        return FloatTensor.of(v, 1, 1, n, n);
    }

    @Test
    void aGradientSpreadOverTheCentredFiveByFiveGivesTheReferenceSidesAndRatios() {
        EffectiveReceptiveField erf = new EffectiveReceptiveField(28, 28);
        erf.add(centredSquare(28, 5, 1f / 25));
        List<Optional<AreaRatio>> ratios = erf.areaRatios(T);
        assertThat(ratios).allSatisfy(r -> assertThat(r).isPresent());
        assertThat(ratios.stream().map(r -> r.get().side()).toList()).containsExactly(3, 3, 5, 5);
        double[] expected = {0.011480, 0.011480, 0.031888, 0.031888};
        for (int i = 0; i < 4; i++) {
            assertThat(ratios.get(i).get().ratio()).isCloseTo(expected[i], within(1e-5));
            assertThat(ratios.get(i).get().threshold()).isEqualTo(T[i]);
        }
    }

    @Test
    void aDeltaAtTheCentreGivesSideThreeForEveryThreshold() {
        EffectiveReceptiveField erf = new EffectiveReceptiveField(28, 28);
        erf.add(centredSquare(28, 1, 3f));
        assertThat(erf.areaRatios(T).stream().map(r -> r.get().side()).toList()).containsExactly(3, 3, 3, 3);
    }

    @Test
    void theComparisonIsStrictAndNoSquareGivesEmpty() {
        // Uniform display on 8×8: the 3×3 square holds 9/64; t = 9/64 exactly is not enough.
        float[] ones = new float[64];
        java.util.Arrays.fill(ones, 1);
        FloatTensor d = FloatTensor.of(ones, 8, 8);
        List<Optional<AreaRatio>> r = EffectiveReceptiveField.areaRatios(d, 9.0 / 64, 0.1, 0.99);
        assertThat(r.get(0).get().side()).isEqualTo(5);
        assertThat(r.get(1).get().side()).isEqualTo(3);
        // The largest square tested is i = H/2 − 1 = 3: side 7, 49/64 < 0.99.
        assertThat(r.get(2)).isEmpty();
    }

    @Test
    void anIdentityModelHasADeltaAtTheCentreForItsErf() {
        // Identity "model": output = input, so the input gradient equals the output seed.
        Random rnd = new Random(1);
        float[] image = new float[28 * 28];
        for (int i = 0; i < image.length; i++) {
            image[i] = 0.1f + rnd.nextFloat();
        }
        FloatTensor output = FloatTensor.of(image, 1, 1, 28, 28);
        EffectiveReceptiveField erf = new EffectiveReceptiveField(28, 28);
        erf.add(EffectiveReceptiveField.outputSeed(output, Method.REPLKNET));
        float[] mean = erf.mean().values();
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                assertThat(mean[r * 28 + c]).as("(%d, %d)", r, c).isEqualTo(r == 14 && c == 14 ? 1f : 0f);
            }
        }
        assertThat(erf.display().get(14, 14)).isEqualTo(1f);
    }

    @Test
    void theRepLkNetSeedFollowsTheReluOfTheCentreAndLuoSeedsEveryChannel() {
        float[] out = new float[2 * 3 * 3];
        out[4] = 2f; // channel 0 centre positive
        out[9 + 4] = -1f; // channel 1 centre negative
        FloatTensor output = FloatTensor.of(out, 1, 2, 3, 3);
        float[] relu = EffectiveReceptiveField.outputSeed(output, Method.REPLKNET).values();
        float[] luo = EffectiveReceptiveField.outputSeed(output, Method.LUO2016).values();
        assertThat(relu[4]).isEqualTo(1f);
        assertThat(relu[13]).isZero();
        assertThat(luo[4]).isEqualTo(1f);
        assertThat(luo[13]).isEqualTo(1f);
        assertThat(relu[0] + relu[5] + luo[0] + luo[12]).isZero();
    }

    @Test
    void gradientsAreMadeNonNegativeSummedOverChannelsAndAveragedOverImages() {
        // Two images of 2 channels on 1×2 pixels.
        float[] g = {1, -2, 3, 4, /* image 2 */ -1, 5, 0, 1};
        EffectiveReceptiveField relu = new EffectiveReceptiveField(1, 2);
        relu.add(FloatTensor.of(g, 2, 2, 1, 2));
        assertThat(relu.mean().values()).containsExactly(2f, 5f); // ((1+3)+(0+0), (0+4)+(5+1)) / 2
        EffectiveReceptiveField luo = new EffectiveReceptiveField(1, 2, Method.LUO2016);
        luo.add(FloatTensor.of(g, 2, 2, 1, 2));
        assertThat(luo.mean().values()).containsExactly(2.5f, 6f);
    }

    @Test
    void imagesWithANanGradientAreSkippedAndCounted() {
        EffectiveReceptiveField erf = new EffectiveReceptiveField(2, 2);
        float[] g = {1, 1, 1, 1, /* image 2 */ Float.NaN, 0, 0, 0, /* image 3 */ 3, 3, 3, 3};
        assertThat(erf.add(FloatTensor.of(g, 3, 1, 2, 2))).isEqualTo(2);
        assertThat(erf.images()).isEqualTo(2);
        assertThat(erf.skipped()).isEqualTo(1);
        assertThat(erf.mean().values()).containsExactly(2f, 2f, 2f, 2f);
        // One image as (C, H, W).
        erf.add(FloatTensor.of(new float[] {2, 2, 2, 2}, 1, 2, 2));
        assertThat(erf.images()).isEqualTo(3);
    }

    @Test
    void theDisplayIsLogTenOfOnePlusTheMeanOverItsMax() {
        EffectiveReceptiveField erf = new EffectiveReceptiveField(1, 3);
        erf.add(FloatTensor.of(new float[] {0, 9, 99}, 1, 1, 3));
        assertThat(erf.display().values()).containsExactly(new float[] {0f, 0.5f, 1f}, within(1e-6f));
    }

    @Test
    void misuseIsReportedWithTheShapeOrState() {
        EffectiveReceptiveField erf = new EffectiveReceptiveField(4, 4);
        assertThatThrownBy(erf::display).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> erf.add(FloatTensor.zeros(1, 1, 5, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 1, 5, 4]");
        erf.add(FloatTensor.zeros(1, 1, 4, 4));
        assertThatThrownBy(erf::display).isInstanceOf(IllegalStateException.class).hasMessageContaining("zero");
    }
}
