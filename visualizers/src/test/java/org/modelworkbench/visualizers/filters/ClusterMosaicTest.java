package org.modelworkbench.visualizers.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class ClusterMosaicTest {
    /** 2×2 unit kernels e2, e1, e3, e1, e2 (e_i the i-th pixel). */
    static FloatTensor units() {
        int[] hot = {1, 0, 2, 0, 1};
        float[] v = new float[5 * 4];
        for (int i = 0; i < 5; i++) {
            v[i * 4 + hot[i]] = 1;
        }
        return FloatTensor.of(v, 5, 2, 2);
    }

    @Test
    void groupsComeLargestFirstWithTheirMeanAndMembersNearestFirst() {
        ClusterMosaic m = ClusterMosaic.of(units(), new int[] {1, 0, 1, 0, 1}, 3, new KernelNaming(2));
        assertThat(m.groups()).hasSize(2); // cluster 2 is empty
        ClusterMosaic.Group big = m.groups().get(0);
        assertThat(big.cluster()).isEqualTo(1);
        // mean (0, 2/3, 1/3, 0): e2 lies √2/3 from it, e3 2√2/3
        assertThat(big.mean().values()).containsExactly(new float[] {0, 2 / 3f, 1 / 3f, 0}, within(1e-6f));
        assertThat(big.members()).containsExactly(0, 4, 2);
        assertThat(big.distances()).containsExactly(new float[] {(float) (Math.sqrt(2) / 3), (float) (Math.sqrt(2) / 3),
            (float) (2 * Math.sqrt(2) / 3)}, within(1e-6f));
        ClusterMosaic.Group small = m.groups().get(1);
        assertThat(small.members()).containsExactly(1, 3);
        assertThat(small.distances()).containsOnly(0f);
        assertThat(small.meanName()).isNotNull();
    }

    @Test
    void labelsThatDoNotFitAreRefused() {
        assertThatThrownBy(() -> ClusterMosaic.of(units(), new int[] {0, 0, 3, 0, 0}, 3, new KernelNaming(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 3 of kernel 2");
        assertThatThrownBy(() -> ClusterMosaic.of(units(), new int[] {0, 0}, 3, new KernelNaming(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 labels for 5 kernels");
    }
}
