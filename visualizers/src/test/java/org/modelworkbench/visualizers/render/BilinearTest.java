package org.modelworkbench.visualizers.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class BilinearTest {

    @Test
    void upsamplingTwoByTwoToFourByFourMatchesHalfPixelCentresWithClampedEdges() {
        // PyTorch F.interpolate([[0, 1], [2, 3]], size=4, mode="bilinear", align_corners=False).
        FloatTensor out = Bilinear.resize(FloatTensor.of(new float[] {0, 1, 2, 3}, 2, 2), 4, 4);
        float[] expected = {0, 0.25f, 0.75f, 1, 0.5f, 0.75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2, 2.25f, 2.75f, 3};
        assertThat(out.shape()).containsExactly(4, 4);
        for (int i = 0; i < expected.length; i++) {
            assertThat(out.values()[i]).as("pixel %d", i).isCloseTo(expected[i], within(1e-6f));
        }
    }

    @Test
    void downsamplingByTwoAveragesEachPairAndTheSameSizeIsTheIdentity() {
        FloatTensor row = FloatTensor.of(new float[] {0, 2, 4, 6}, 1, 4);
        assertThat(Bilinear.resize(row, 1, 2).values()).containsExactly(1f, 5f);
        FloatTensor m = FloatTensor.of(new float[] {1, 5, -2, 7, 0, 3}, 2, 3);
        assertThat(Bilinear.resize(m, 2, 3).values()).containsExactly(m.values());
    }

    @Test
    void channelsAreResampledOneByOne() {
        FloatTensor chw = FloatTensor.of(new float[] {0, 1, 2, 3, 10, 10, 10, 10}, 2, 2, 2);
        FloatTensor out = Bilinear.resize(chw, 4, 4);
        assertThat(out.shape()).containsExactly(2, 4, 4);
        assertThat(out.get(0, 1, 2)).isCloseTo(1.25f, within(1e-6f));
        assertThat(out.get(1, 3, 3)).isEqualTo(10f);
    }

    @Test
    void badShapesAndSizesAreRefusedNamingThem() {
        assertThatThrownBy(() -> Bilinear.resize(FloatTensor.zeros(4), 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4]");
        assertThatThrownBy(() -> Bilinear.resize(FloatTensor.zeros(2, 2), 0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 × 3");
    }
}
