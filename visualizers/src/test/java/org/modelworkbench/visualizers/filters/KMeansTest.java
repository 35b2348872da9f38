package org.modelworkbench.visualizers.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.filters.DogTemplates.Template;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class KMeansTest {
    static final Template[] SHAPES = {Template.DOG, Template.DX, Template.DXX};

    /** 3 × 80 noisy DoG, dx and dxx kernels, normalised. */
    static FloatTensor blobs() {
        return Kernels.of(PlantedKernels.depthwise(SHAPES, 80, 0.03, 11)).analysedUnits();
    }

    /** Whether labels equal the planted groups up to a renaming of clusters. */
    static boolean sameUpToPermutation(int[] labels, int perGroup) {
        Map<Integer, Integer> map = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            Integer prev = map.putIfAbsent(labels[i], i / perGroup);
            if (prev != null && prev != i / perGroup) {
                return false;
            }
        }
        return map.size() == labels.length / perGroup;
    }

    @Test
    void plantedDogDxAndDxxClustersAreRecoveredExactly() {
        Clustering c = new KMeans(3, 42).fit(blobs());
        assertThat(sameUpToPermutation(c.labels(), 80)).isTrue();
        assertThat(c.sizes()).containsExactly(80, 80, 80);
        assertThat(c.converged()).isTrue();
        // each centroid is (nearly) its template: the naming of a centroid gives the planted shape
        KernelNaming naming = new KernelNaming(7);
        for (int g = 0; g < 3; g++) {
            KernelName n = naming.name(c.centroids().select(c.labels()[g * 80]).reshape(7, 7));
            assertThat(n.label()).isEqualTo("+" + SHAPES[g].label());
            assertThat(n.score()).isGreaterThan(0.99);
        }
    }

    @Test
    void chooseKPicksThePlantedThreeBySilhouette() {
        KMeans.ChosenK chosen = KMeans.chooseK(blobs(), 2, 8, 7);
        assertThat(chosen.k()).isEqualTo(3);
        assertThat(chosen.silhouettes()).hasSize(7);
        assertThat(chosen.silhouette()).isEqualTo(chosen.silhouettes()[1]);
        for (double s : chosen.silhouettes()) {
            assertThat(s).isLessThanOrEqualTo(chosen.silhouette());
        }
        assertThat(sameUpToPermutation(chosen.clustering().labels(), 80)).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameClustering() {
        FloatTensor x = Kernels.of(PlantedKernels.random(500, 5, 3)).analysedUnits();
        Clustering a = new KMeans(6, 9).fit(x);
        Clustering b = new KMeans(6, 9).fit(x);
        assertThat(a.labels()).containsExactly(b.labels());
        assertThat(a.inertia()).isEqualTo(b.inertia());
        assertThat(java.util.Arrays.stream(a.sizes()).sum()).isEqualTo(500);
    }

    @Test
    void theSilhouetteOfTwoPairsOnALineIsTheHandComputedValue() {
        FloatTensor x = FloatTensor.of(new float[] {0, 1, 10, 11}, 4, 1);
        // s = 9.5/10.5 for the outer points and 8.5/9.5 for the inner ones
        double expected = (9.5 / 10.5 + 8.5 / 9.5) / 2;
        assertThat(Silhouette.score(x, new int[] {0, 0, 1, 1}, 2)).isCloseTo(expected, within(1e-6));
        // labels {0}, {1, 2, 3}: point 0 is alone (s = 0); point 1 has a = 9.5, b = 1; point 2 a = 5, b = 10;
        // point 3 a = 5.5, b = 11
        assertThat(Silhouette.score(x, new int[] {0, 1, 1, 1}, 2)).isCloseTo(
                (0 + (1 - 9.5) / 9.5 + (10 - 5) / 10.0 + (11 - 5.5) / 11) / 4, within(1e-6));
    }

    @Test
    void aLargeSetIsScoredOnASeededSample() {
        FloatTensor x = Kernels.of(PlantedKernels.depthwise(SHAPES, 1000, 0.03, 5)).analysedUnits();
        Clustering c = new KMeans(3, 1).fit(x);
        Silhouette s = Silhouette.of(x, 1);
        assertThat(s.sampled()).isTrue();
        assertThat(s.score(c.labels(), 3)).isCloseTo(Silhouette.of(x, 2).score(c.labels(), 3), within(0.02));
    }

    @Test
    void impossibleRequestsAreRefused() {
        assertThatThrownBy(() -> new KMeans(0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k ≥ 1");
        assertThatThrownBy(() -> new KMeans(5, 1).fit(FloatTensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 5 points");
        assertThatThrownBy(() -> KMeans.chooseK(FloatTensor.zeros(5, 2), 2, 5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kMax");
        assertThatThrownBy(() -> Silhouette.score(FloatTensor.zeros(3, 1), new int[] {0, 0, 0}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 non-empty");
    }
}
