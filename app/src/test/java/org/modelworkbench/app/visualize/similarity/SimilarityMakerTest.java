package org.modelworkbench.app.visualize.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.app.visualize.BundleMakers;
import org.modelworkbench.app.visualize.TinyFeatureDesign;
import org.modelworkbench.app.visualize.VisualizeRequest;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.Views;
import org.modelworkbench.visualizers.views.similarity.SimilarityData;

class SimilarityMakerTest {
    private static ProbeModel model;
    private static ProbeImages images;

    @BeforeAll
    static void open() throws Exception {
        model = TinyFeatureDesign.open(7);
        images = TinyFeatureDesign.images(model, 12);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void ckaWithinTheDesignHasAUnitDiagonalAndEachLayerAnEffectiveRank() throws Exception {
        Bundle.Builder builder = Bundle.builder("similarity");
        BundleMakers.of("similarity").make(model, images, new VisualizeRequest("similarity", null, 0, 5, Map.of()), builder);
        Bundle b = builder.build();

        assertThat(b.strings(SimilarityData.LAYERS)).containsExactly("conv1", "relu1", "dw", "pw", "relu2");
        assertThat(b.string(SimilarityData.ESTIMATOR)).isEqualTo("biased");
        assertThat(b.string(SimilarityData.METHOD)).isEqualTo("all 12 images at once");
        FloatTensor cka = b.tensor(SimilarityData.CKA);
        assertThat(cka.shape()).containsExactly(5, 5);
        for (int i = 0; i < 5; i++) {
            assertThat((double) cka.get(i, i)).isCloseTo(1, within(1e-5));
            for (int j = 0; j < 5; j++) {
                assertThat((double) cka.get(i, j)).isBetween(0.0, 1.0 + 1e-5).isCloseTo(cka.get(j, i), within(1e-6));
            }
        }
        for (float r : b.tensor(SimilarityData.EFFECTIVE_RANK).values()) {
            assertThat((double) r).isBetween(1.0, 12.0);
        }
        assertThat(b.has(SimilarityData.ATTENTION_RANK)).as("a CNN has no attention").isFalse();
        assertThat(Views.of("similarity").render(b, ViewOptions.defaults())).hasSize(2);
    }

    @Test
    void theSameDesignWithTheSameWeightsAgainstItselfMatchesLayerByLayer() throws Exception {
        Bundle.Builder builder = Bundle.builder("similarity");
        VisualizeRequest request = new VisualizeRequest("similarity", null, 0, 6,
                Map.of("against", "itself", "estimator", "debiased"))
                .withOpener(source -> ProbeModel.untrained(TinyFeatureDesign.design(), 7));
        BundleMakers.of("similarity").make(model, images, request, builder);
        Bundle b = builder.build();

        FloatTensor between = b.tensor(SimilarityData.CKA_BETWEEN);
        assertThat(between.shape()).containsExactly(5, 5);
        assertThat(b.strings(SimilarityData.AGAINST_LAYERS)).hasSize(5);
        assertThat(b.string(SimilarityData.ESTIMATOR)).isEqualTo("debiased");
        for (int i = 0; i < 5; i++) {
            assertThat((double) between.get(i, i)).isCloseTo(1, within(1e-4));
            assertThat((double) between.get(i, i)).isCloseTo(b.tensor(SimilarityData.CKA).get(i, i), within(1e-4));
        }
        assertThat(Views.of("similarity").render(b, ViewOptions.defaults())).extracting(p -> p.name())
                .contains("cka-between");
    }

    @Test
    void anUnknownEstimatorIsRefusedNamingIt() {
        assertThatThrownBy(() -> BundleMakers.of("similarity").make(model, images,
                new VisualizeRequest("similarity", null, 0, 6, Map.of("estimator", "rbf")), Bundle.builder("similarity")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rbf'");
    }

    @Test
    void beyondTheFullBatchLimitCkaIsTheDebiasedMinibatchEstimateWithTheRaggedBatchLeftOut() throws Exception {
        int n = SimilarityMaker.FULL_BATCH_LIMIT + 6;
        java.util.Random random = new java.util.Random(1);
        float[] noise = new float[n * 28 * 28];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        ProbeImages many = ProbeImages.ofNormalised(noise, n, 1, 28, 28);
        Bundle.Builder builder = Bundle.builder("similarity");
        BundleMakers.of("similarity").make(model, many, new VisualizeRequest("similarity", null, 0, 128, Map.of()), builder);
        Bundle b = builder.build();

        assertThat(b.string(SimilarityData.METHOD)).isEqualTo("minibatches of 256 images (4 batches, the last 6 images left out)");
        assertThat(b.string(SimilarityData.ESTIMATOR)).isEqualTo("debiased");
        FloatTensor cka = b.tensor(SimilarityData.CKA);
        for (int i = 0; i < 5; i++) {
            assertThat((double) cka.get(i, i)).isCloseTo(1, within(1e-5));
        }
        for (float r : b.tensor(SimilarityData.EFFECTIVE_RANK).values()) {
            assertThat((double) r).isBetween(1.0, 256.0);
        }
    }
}
