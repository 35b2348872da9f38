package org.modelworkbench.visualizers.gradcam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class ResizeTest {
    @Test
    void upsamplingTwoByTwoToFourByFourMatchesOpenCvInterLinear() {
        FloatTensor up = Resize.bilinear(FloatTensor.of(new float[] {1, 0, 0, 0}, 2, 2), 4, 4);
        assertThat(up.shape()).containsExactly(4, 4);
        assertThat(up.values()).containsExactly(new float[] {
            1, .75f, .25f, 0,
            .75f, .5625f, .1875f, 0,
            .25f, .1875f, .0625f, 0,
            0, 0, 0, 0}, within(1e-6f));
    }

    @Test
    void theSameSizeIsTheIdentityAndLeadingAxesAreKept() {
        float[] v = new float[2 * 3 * 5];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.37f;
        }
        FloatTensor same = Resize.bilinear(FloatTensor.of(v, 2, 3, 5), 3, 5);
        assertThat(same.values()).containsExactly(v);
        assertThat(same.shape()).containsExactly(2, 3, 5);
    }

    @Test
    void halvingSamplesBetweenPixelPairsWithoutAreaAveraging() {
        // 4 → 2: src = (d + 0.5)·2 − 0.5 = 0.5 and 2.5, the midpoints of pairs.
        FloatTensor down = Resize.bilinear(FloatTensor.of(new float[] {0, 2, 4, 6}, 1, 4), 1, 2);
        assertThat(down.values()).containsExactly(1f, 5f);
        // A 1-pixel source replicates.
        assertThat(Resize.bilinear(FloatTensor.of(new float[] {3}, 1, 1), 2, 3).values()).containsOnly(3f);
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> Resize.bilinear(FloatTensor.zeros(2, 2), 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0×4");
        assertThatThrownBy(() -> Resize.bilinear(FloatTensor.zeros(4), 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4]");
    }
}
