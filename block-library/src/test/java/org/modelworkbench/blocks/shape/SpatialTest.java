package org.modelworkbench.blocks.shape;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpatialTest {

    @Test
    void floorModeFollowsPyTorchsFormula() {
        // ⌊(224 + 6 − 6 − 1)/2⌋ + 1 = 112
        assertThat(Spatial.outSize(224, 7, 2, 3, 1, false)).isEqualTo(112);
        // ⌊(112 + 2 − 2 − 1)/2⌋ + 1 = 56
        assertThat(Spatial.outSize(112, 3, 2, 1, 1, false)).isEqualTo(56);
        // patchify 4/4: ⌊(224 − 3 − 1)/4⌋ + 1 = 56
        assertThat(Spatial.outSize(224, 4, 4, 0, 1, false)).isEqualTo(56);
        // dilation 2, k3, p2: ⌊(56 + 4 − 4 − 1)/1⌋ + 1 = 56
        assertThat(Spatial.outSize(56, 3, 1, 2, 2, false)).isEqualTo(56);
    }

    @Test
    void ceilModeRoundsUpButNeverStartsAWindowInThePadding() {
        // 7, k2 s2: ⌈5/2⌉ + 1 = 4
        assertThat(Spatial.outSize(7, 2, 2, 0, 1, true)).isEqualTo(4);
        assertThat(Spatial.outSize(7, 2, 2, 0, 1, false)).isEqualTo(3);
        // 5, k2 s2 p1: ⌈5/2⌉ + 1 = 4, window 3 would start at 6 ≥ 5 + 1 → 3
        assertThat(Spatial.outSize(5, 2, 2, 1, 1, true)).isEqualTo(3);
        // 1, k2 s2 p1: ⌈1/2⌉ + 1 = 2, window 1 starts at 2 ≥ 1 + 1 → 1
        assertThat(Spatial.outSize(1, 2, 2, 1, 1, true)).isEqualTo(1);
        // exact fit: ceil changes nothing, 8 k2 s2 → 4
        assertThat(Spatial.outSize(8, 2, 2, 0, 1, true)).isEqualTo(4);
    }

    @Test
    void aKernelLargerThanThePaddedInputGivesZero() {
        assertThat(Spatial.outSize(2, 7, 1, 0, 1, false)).isZero();
        assertThat(Spatial.outSize(2, 7, 1, 0, 1, true)).isZero();
        // dilated span d(k−1)+1 = 7 > 6
        assertThat(Spatial.outSize(6, 3, 1, 0, 3, false)).isZero();
        // exactly fits: one position
        assertThat(Spatial.outSize(7, 7, 1, 0, 1, false)).isEqualTo(1);
    }
}
