package org.modelworkbench.visualizers.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.filters.DogTemplates.Template;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class FilterReportTest {
    /** 3 × 40 noisy +DoG, +dx, +dxx depthwise kernels; kernel 10 zeroed, kernel 50 a copy of kernel 45. */
    static FloatTensor layer() {
        float[] w = PlantedKernels.depthwise(new Template[] {Template.DOG, Template.DX, Template.DXX}, 40, 0.02, 3)
                .values().clone();
        java.util.Arrays.fill(w, 10 * 49, 11 * 49, 0f);
        System.arraycopy(w, 45 * 49, w, 50 * 49, 49);
        return FloatTensor.of(w, 120, 1, 7, 7);
    }

    @Test
    void oneCallGivesNamesSharesClustersCoordinatesAndFlagsForALayer() {
        FilterReport r = FilterReport.of(layer());
        assertThat(r.kernels().count()).isEqualTo(120);
        assertThat(r.kernels().deadIndices()).containsExactly(10);
        assertThat(r.names()).hasSize(119);
        assertThat(r.shares().row("+DoG").count()).isEqualTo(39);
        assertThat(r.shares().row("+dx").share()).isCloseTo(40 / 119.0, within(1e-12));
        assertThat(r.shares().row("+dxx").count()).isEqualTo(40);
        assertThat(r.shares().unassignedShare()).isZero();
        assertThat(r.clustering().k()).isEqualTo(3);
        assertThat(r.silhouettes()).hasSize(9);
        assertThat(r.silhouette()).isGreaterThan(0.5);
        assertThat(r.pca2d().shape()).containsExactly(119, 2);
        assertThat(r.explained()[0] + r.explained()[1]).isGreaterThan(0.9);
        assertThat(r.mosaic().groups()).extracting(g -> g.meanName().label())
                .containsExactlyInAnyOrder("+DoG", "+dx", "+dxx");
        // analysed index 44 is kernel 45 (kernel 10 is skipped), 49 is kernel 50
        assertThat(r.kernels().analysedIndices()[44]).isEqualTo(45);
        assertThat(r.duplicates().groups()).containsExactly(List.of(44, 49));
    }

    @Test
    void aGivenKIsUsedWithoutChoosing() {
        FilterReport r = FilterReport.of(layer(), FilterReport.Options.defaults().withK(5));
        assertThat(r.clustering().k()).isEqualTo(5);
        assertThat(r.silhouettes()).isEmpty();
        assertThat(r.silhouette()).isBetween(-1.0, 1.0);
    }

    @Test
    void aLayerWithoutKernelsToAnalyseIsRefused() {
        assertThatThrownBy(() -> FilterReport.of(FloatTensor.zeros(4, 1, 3, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 0");
    }
}
