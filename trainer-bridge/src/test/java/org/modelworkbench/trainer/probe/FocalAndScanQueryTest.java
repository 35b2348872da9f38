package org.modelworkbench.trainer.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.trainer.capture.CapturedTensor;
import org.modelworkbench.trainer.engine.TestEngine;

class FocalAndScanQueryTest {
    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    @Test
    void aFocalModulationGivesItsModulatorTheRawGatesOfFAndItsLevelKernels() throws Exception {
        try (ProbeModel model = ProbeModel.untrained(ProbeDesigns.focal(), 2)) {
            ProbeImages images = RandomImages.of(model, 2, 5);
            assertThat(model.focalModulations()).containsExactly("block1.modulation");

            FocalModulation f = model.focal(images, "block1");
            assertThat(f.path()).isEqualTo("block1.modulation");
            assertThat(f.modulator().shape()).containsExactly(2, 8, 4, 4);
            assertThat(f.kernelSizes()).containsExactly(3, 5);
            assertThat(f.kernels().get(0).shape()).containsExactly(8, 1, 3, 3);
            assertThat(f.kernels().get(1).shape()).containsExactly(8, 1, 5, 5);
            assertThat(f.kernels().get(1)).isEqualTo(model.weights("block1.modulation.focal1_dwconv").weight());
            // The gates are channels 2C … 2C+L of f's output, untouched (no sigmoid): L + 1 = 3 maps.
            CapturedTensor proj = model.activations(images, List.of("block1.modulation.f")).get(0).tensor();
            assertThat(proj.shape()).containsExactly(2, 19, 4, 4);
            assertThat(f.gates()).hasSize(3);
            boolean negative = false;
            for (int l = 0; l < 3; l++) {
                assertThat(f.gates().get(l).shape()).containsExactly(2, 1, 4, 4);
                for (int b = 0; b < 2; b++) {
                    for (int y = 0; y < 4; y++) {
                        for (int x = 0; x < 4; x++) {
                            float g = f.gates().get(l).get(b, 0, y, x);
                            assertThat(g).isCloseTo(proj.get(b, 16 + l, y, x), within(1e-6f));
                            negative |= g < 0;
                        }
                    }
                }
            }
            assertThat(negative).as("some gate is negative: no sigmoid").isTrue();
            // The modulator is h's output.
            ConvNetQueriesTest.assertClose(model.activations(images, List.of("block1.modulation.h")).get(0).tensor(),
                    f.modulator());
            assertThat(model.focal(images, "block1.modulation").path()).isEqualTo("block1.modulation");
            assertThatThrownBy(() -> model.focal(images, "head")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("block1.modulation");
        }
    }

    @Test
    void anSs2dScanGivesDeltaABCAndTheFourDirectionsOfItsInputOverA4x4Map() throws Exception {
        try (ProbeModel model = ProbeModel.untrained(ProbeDesigns.vmamba(), 2)) {
            ProbeImages images = RandomImages.of(model, 2, 6);
            assertThat(model.scans()).containsExactly("block1.op.selective_scan");

            ScanParameters s = model.scan(images, "block1");
            int d = (int) s.delta().dim(2);
            assertThat(s.directions()).isEqualTo(4);
            assertThat(s.height()).isEqualTo(4);
            assertThat(s.width()).isEqualTo(4);
            assertThat(s.delta().shape()).containsExactly(2, 4, d, 16);
            assertThat(s.u().shape()).containsExactly(2, 4, d, 16);
            assertThat(s.a().shape()).containsExactly(4, d, 2);
            assertThat(s.b().shape()).containsExactly(2, 4, 2, 16);
            assertThat(s.c().shape()).containsExactly(2, 4, 2, 16);
            for (float v : s.delta().values()) {
                assertThat(v).isPositive();
            }
            // A = −exp(A_logs), initialised as log(1…S): −1, −2 for every channel
            for (int k = 0; k < 4; k++) {
                assertThat(s.a().get(k, 0, 0)).isCloseTo(-1f, within(1e-6f));
                assertThat(s.a().get(k, d - 1, 1)).isCloseTo(-2f, within(1e-6f));
            }
            // u is the cross-scan of the map: direction 0 row-major, 1 column-major, 2 and 3 reversed
            CapturedTensor map = model.activations(images, List.of("block1.op.act")).get(0).tensor(); // B×D×H×W
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < d; c++) {
                    for (int h = 0; h < 4; h++) {
                        for (int w = 0; w < 4; w++) {
                            float v = map.get(b, c, h, w);
                            assertThat(s.u().get(b, 0, c, h * 4 + w)).isEqualTo(v);
                            assertThat(s.u().get(b, 1, c, w * 4 + h)).isEqualTo(v);
                            assertThat(s.u().get(b, 2, c, 15 - (h * 4 + w))).isEqualTo(v);
                            assertThat(s.u().get(b, 3, c, 15 - (w * 4 + h))).isEqualTo(v);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aMambaMixerIsOneDirectionOverA1ByLSequence() throws Exception {
        try (ProbeModel model = ProbeModel.untrained(ProbeDesigns.mamba(), 2)) {
            ScanParameters s = model.scan(RandomImages.of(model, 2, 7), "mixer");

            assertThat(s.op()).isEqualTo("mixer.selective_scan");
            assertThat(s.directions()).isEqualTo(1);
            assertThat(s.height()).isEqualTo(1);
            assertThat(s.width()).isEqualTo(16);
            assertThat(s.delta().shape()).containsExactly(2, 1, 16, 16);
            assertThat(s.a().shape()).containsExactly(1, 16, 4);
            assertThat(s.b().shape()).containsExactly(2, 1, 4, 16);
            assertThat(s.u().shape()).containsExactly(2, 1, 16, 16);
        }
    }
}
