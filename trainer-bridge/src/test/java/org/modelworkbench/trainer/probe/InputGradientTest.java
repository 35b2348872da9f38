package org.modelworkbench.trainer.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.trainer.capture.CapturedTensor;
import org.modelworkbench.trainer.engine.TestEngine;

class InputGradientTest {
    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    @Test
    void theGradientOfAStackOfThree3x3ConvolutionsIsZeroOutsideTheTheoretical7x7Field() throws Exception {
        try (ProbeModel model = ProbeModel.untrained(ProbeDesigns.convStack(), 3)) {
            ProbeImages images = RandomImages.of(model, 2, 8);
            for (ErfMode mode : ErfMode.values()) {
                InputGradient g = model.inputGradient(images, "c3", mode);
                assertThat(g.gradient().shape()).containsExactly(2, 1, 15, 15);
                assertThat(g.outputHeight()).isEqualTo(15);
                assertThat(g.op()).isEqualTo("c3");
                double inside = 0;
                for (int b = 0; b < 2; b++) {
                    for (int y = 0; y < 15; y++) {
                        for (int x = 0; x < 15; x++) {
                            float v = g.gradient().get(b, 0, y, x);
                            if (Math.abs(y - 7) > 3 || Math.abs(x - 7) > 3) {
                                assertThat(v).as("%s (%d, %d) of image %d", mode, y, x, b).isZero();
                            } else {
                                inside += Math.abs(v);
                            }
                        }
                    }
                }
                if (mode == ErfMode.LUO2016) {
                    assertThat(inside).isGreaterThan(0);
                }
            }
        }
    }

    @Test
    void eachImagesGradientIsThatOfItsOwnScore() throws Exception {
        try (ProbeModel model = ProbeModel.untrained(ProbeDesigns.convStack(), 3)) {
            ProbeImages two = RandomImages.of(model, 2, 9);
            CapturedTensor both = model.inputGradient(two, "c2", ErfMode.REPLKNET).gradient();
            CapturedTensor second = model.inputGradient(two.slice(1, 2), "c2", ErfMode.REPLKNET).gradient();
            for (int y = 0; y < 15; y++) {
                for (int x = 0; x < 15; x++) {
                    assertThat(both.get(1, 0, y, x)).isCloseTo(second.get(0, 0, y, x), within(1e-6f));
                }
            }
        }
    }

    @Test
    void aChannelsLastSwinStageIsScoredAtTheCentreOfItsMapNotOfItsChannels() throws Exception {
        try (ProbeModel model = ProbeModel.untrained(ProbeDesigns.swin(), 4)) {
            // block2 writes N×8×8×12 (H×W×C): read channels-first it would be 8×12 "pixels" of 8 channels
            InputGradient g = model.inputGradient(RandomImages.of(model, 1, 3), "block2", ErfMode.LUO2016);
            assertThat(g.outputHeight()).isEqualTo(8);
            assertThat(g.outputWidth()).isEqualTo(8);
            assertThat(g.gradient().shape()).containsExactly(1, 1, 16, 16);
            double total = 0;
            for (float v : g.gradient().values()) {
                total += Math.abs(v);
            }
            assertThat(total).isGreaterThan(0);
        }
    }

    @Test
    void forOneConvolutionLuosGradientIsTheSumOfItsKernelsOverOutputChannels() throws Exception {
        try (ProbeModel model = ProbeModel.untrained(ProbeDesigns.oneConv(), 5)) {
            InputGradient g = model.inputGradient(RandomImages.of(model, 1, 2), "c", ErfMode.LUO2016);
            CapturedTensor w = model.weights("c").weight(); // 2×1×3×3
            // out[c, 4, 4] = Σ w[c, 0, i, j]·x[3 + i, 3 + j] + bias: ∂/∂x[3 + i, 3 + j] = Σ_c w[c, 0, i, j]
            for (int y = 0; y < 9; y++) {
                for (int x = 0; x < 9; x++) {
                    int i = y - 3;
                    int j = x - 3;
                    float expected = i >= 0 && i < 3 && j >= 0 && j < 3 ? w.get(0, 0, i, j) + w.get(1, 0, i, j) : 0f;
                    assertThat(g.gradient().get(0, 0, y, x)).as("(%d, %d)", y, x).isCloseTo(expected, within(1e-6f));
                }
            }
        }
    }
}
