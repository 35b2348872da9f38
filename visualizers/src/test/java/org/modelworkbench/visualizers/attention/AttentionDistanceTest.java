package org.modelworkbench.visualizers.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class AttentionDistanceTest {
    static FloatTensor filled(float value, int... shape) {
        FloatTensor t = FloatTensor.zeros(shape);
        Arrays.fill(t.values(), value);
        return t;
    }

    @Test
    void uniformAttentionOverATwoByTwoGridOfSixteenPixelPatchesIsThirteenPointSixPixels() {
        double[] mad = new AttentionDistance(16, 0).perHead(filled(.25f, 1, 1, 4, 4));
        assertThat(mad[0]).isCloseTo(13.656854, within(1e-5));
    }

    @Test
    void identityAttentionHasNoDistance() {
        FloatTensor a = FloatTensor.zeros(1, 2, 4, 4);
        for (int h = 0; h < 2; h++) {
            for (int i = 0; i < 4; i++) {
                a.values()[(h * 4 + i) * 4 + i] = 1;
            }
        }
        assertThat(new AttentionDistance(16, 0).perHead(a)).containsExactly(0, 0);
    }

    @Test
    void droppingTheClsRowAndColumnDoesNotRenormaliseTheRows() {
        double[] mad = new AttentionDistance(16, 1).perHead(filled(.2f, 1, 1, 5, 5));
        assertThat(mad[0]).isCloseTo(10.925483, within(1e-5));
    }

    @Test
    void imagesAreAveragedAndLayersGiveOneRowEach() {
        // image 0 uniform (13.656854 px), image 1 identity (0): mean 6.828427
        FloatTensor a = filled(.25f, 2, 1, 4, 4);
        float[] v = a.values();
        Arrays.fill(v, 16, 32, 0);
        for (int i = 0; i < 4; i++) {
            v[16 + i * 4 + i] = 1;
        }
        AttentionDistance d = new AttentionDistance(16, 0);
        assertThat(d.perHead(a)[0]).isCloseTo(6.828427, within(1e-5));
        FloatTensor table = d.perLayerHead(List.of(a, filled(.25f, 2, 1, 4, 4)));
        assertThat(table.shape()).containsExactly(2, 1);
        assertThat((double) table.get(1, 0)).isCloseTo(13.656854, within(1e-5));
    }

    @Test
    void aGridThatIsNotSquareOrAMissingPatchSizeIsRefused() {
        assertThatThrownBy(() -> new AttentionDistance(16, 1).perHead(FloatTensor.zeros(1, 1, 4, 4)))
                .hasMessageContaining("not a square grid");
        assertThatThrownBy(() -> new AttentionDistance(0, 1)).hasMessageContaining("patch size");
        assertThatThrownBy(() -> new AttentionDistance(16, 0).perLayerHead(List.of(FloatTensor.zeros(1, 1, 4, 4),
                FloatTensor.zeros(1, 2, 4, 4)))).hasMessageContaining("layer 1 has 2 heads");
    }
}
