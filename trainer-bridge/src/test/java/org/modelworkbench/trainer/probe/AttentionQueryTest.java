package org.modelworkbench.trainer.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.trainer.capture.CapturedTensor;
import org.modelworkbench.trainer.compile.WindowGeometry;
import org.modelworkbench.trainer.engine.TestEngine;

class AttentionQueryTest {
    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    @Test
    void aVitGivesEveryBlocksGlobalAttentionWithOneClassTokenBeforeA4x4GridOf2PixelPatches() throws Exception {
        try (ProbeModel model = ProbeModel.untrained(ProbeDesigns.vit(), 1)) {
            List<AttentionLayer> layers = model.attention(RandomImages.of(model, 2, 3));

            assertThat(layers).extracting(AttentionLayer::op)
                    .containsExactly("block1.attn.attention", "block2.attn.attention");
            for (AttentionLayer l : layers) {
                assertThat(l.map().windowed()).isFalse();
                assertThat(l.map().probabilities().shape()).containsExactly(2, 2, 17, 17);
                assertThat(l.prefixTokens()).isEqualTo(1);
                assertThat(l.gridHeight()).isEqualTo(4);
                assertThat(l.gridWidth()).isEqualTo(4);
                assertThat(l.patchSize()).isEqualTo(2);
                assertRowsSumToOne(l.map().probabilities());
            }
        }
    }

    @Test
    void aSwinGivesWindowedAttentionWithItsShiftAndTheStagesGrid() throws Exception {
        try (ProbeModel model = ProbeModel.untrained(ProbeDesigns.swin(), 1)) {
            List<AttentionLayer> layers = model.attention(RandomImages.of(model, 2, 3));

            assertThat(layers).hasSize(2);
            assertThat(layers.get(0).map().windows()).isEqualTo(new WindowGeometry(8, 8, 4, 0, 0));
            assertThat(layers.get(1).map().windows()).isEqualTo(new WindowGeometry(8, 8, 4, 2, 2));
            for (AttentionLayer l : layers) {
                assertThat(l.map().probabilities().shape()).containsExactly(2, 4, 2, 16, 16);
                assertThat(l.prefixTokens()).isZero();
                assertThat(l.gridHeight()).isEqualTo(8);
                assertThat(l.patchSize()).isEqualTo(2);
                assertRowsSumToOne(l.map().probabilities());
            }
        }
    }

    static void assertRowsSumToOne(CapturedTensor p) {
        int row = (int) p.dim(-1);
        float[] v = p.values();
        for (int r = 0; r < v.length / row; r++) {
            double sum = 0;
            for (int j = 0; j < row; j++) {
                sum += v[r * row + j];
            }
            assertThat(sum).as("row %d", r).isCloseTo(1.0, within(1e-5));
        }
    }
}
