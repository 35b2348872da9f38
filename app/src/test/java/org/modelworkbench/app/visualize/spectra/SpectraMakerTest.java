package org.modelworkbench.app.visualize.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.app.visualize.BundleMakers;
import org.modelworkbench.app.visualize.CommonData;
import org.modelworkbench.app.visualize.TinyFeatureDesign;
import org.modelworkbench.app.visualize.VisualizeRequest;
import org.modelworkbench.trainer.data.Normalization;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.spectra.InputFilter;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.Views;
import org.modelworkbench.visualizers.views.spectra.SpectraData;

class SpectraMakerTest {
    private static ProbeModel model;
    private static ProbeImages images;

    @BeforeAll
    static void open() throws Exception {
        model = TinyFeatureDesign.open(5);
        images = TinyFeatureDesign.images(model, 6);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void everySpatialLayerIsReducedToItsSpectrumAndTheFilterTestRuns() throws Exception {
        Bundle.Builder builder = Bundle.builder("spectra");
        BundleMakers.of("spectra").make(model, images,
                new VisualizeRequest("spectra", null, 0, 4, Map.of("filterImages", "16")), builder);
        Bundle b = builder.build();

        assertThat(b.strings(SpectraData.LAYERS)).containsExactly("conv1", "relu1", "dw", "pw", "relu2");
        assertThat(b.string(CommonData.NODE)).isEqualTo("relu2");
        assertThat(b.tensor(SpectraData.spectrum("dw")).shape()).containsExactly(14, 14);
        assertThat(b.tensor(SpectraData.delta("dw")).shape()).containsExactly(7);
        FloatTensor hf = b.tensor(SpectraData.HIGH_FREQUENCY);
        assertThat(hf.shape()).containsExactly(5);
        assertThat((double) hf.get(2)).isCloseTo(b.tensor(SpectraData.delta("dw")).get(6), within(1e-6));
        assertThat(b.integer(SpectraData.FILTER_IMAGES)).isEqualTo(16);
        FloatTensor low = b.tensor(SpectraData.LOW_PASS);
        assertThat(low.shape()).containsExactly(6);
        // low-pass at cut-off 1 keeps every frequency: the unfiltered images
        assertThat((double) low.get(5)).isCloseTo(b.real(SpectraData.UNFILTERED), within(1e-9));
        assertThat(Views.of("spectra").render(b, ViewOptions.defaults())).hasSize(4);
    }

    @Test
    void filterImagesZeroSkipsTheTestAndABadCountIsRefused() throws Exception {
        Bundle.Builder builder = Bundle.builder("spectra");
        BundleMakers.of("spectra").make(model, images,
                new VisualizeRequest("spectra", "dw", 0, 8, Map.of("filterImages", "0")), builder);
        Bundle b = builder.build();

        assertThat(b.has(SpectraData.LOW_PASS)).isFalse();
        assertThat(b.string(CommonData.NODE)).isEqualTo("dw");
        assertThatThrownBy(() -> BundleMakers.of("spectra").make(model, images,
                new VisualizeRequest("spectra", null, 0, 8, Map.of("filterImages", "-3")), Bundle.builder("spectra")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filterImages").hasMessageContaining("-3");
    }

    @Test
    void theFilterActsOnTheImagesInZeroToOneAndLowPassAtOneLeavesThemAlone() {
        float[] normalised = new float[2 * 8 * 8];
        for (int i = 0; i < normalised.length; i++) {
            normalised[i] = (float) Math.sin(i * 0.7);
        }
        int[] shape = {2, 1, 8, 8};
        Normalization n = Normalization.FASHION_MNIST;
        float[] same = SpectraMaker.filter(n, 1.0, InputFilter.Pass.LOW).apply(normalised.clone(), shape);
        float[] high = SpectraMaker.filter(n, 0.0, InputFilter.Pass.HIGH).apply(normalised.clone(), shape);

        for (int i = 0; i < normalised.length; i++) {
            assertThat(same[i]).isCloseTo(normalised[i], within(1e-5f));
        }
        // high-pass removes each raw image's mean: the raw result averages 0, i.e. the normalised one −mean/std
        double sum = 0;
        for (int i = 0; i < 64; i++) {
            sum += high[i] * n.std()[0] + n.mean()[0];
        }
        assertThat(sum / 64).isCloseTo(0, within(1e-5));
    }

    @Test
    void channelsLastMapsAreTransposedToChannelsFirst() {
        FloatTensor bhwc = FloatTensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 1, 2, 3, 2);
        FloatTensor bchw = SpectraMaker.channelsFirst(bhwc);

        assertThat(bchw.shape()).containsExactly(1, 2, 2, 3);
        assertThat(bchw.values()).containsExactly(0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11);
    }
}
