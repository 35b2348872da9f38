package org.modelworkbench.app.visualize.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.app.visualize.BundleMakers;
import org.modelworkbench.app.visualize.CommonData;
import org.modelworkbench.app.visualize.Tensors;
import org.modelworkbench.app.visualize.TinyFeatureDesign;
import org.modelworkbench.app.visualize.VisualizeRequest;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.Views;
import org.modelworkbench.visualizers.views.filters.FilterData;

class FiltersMakerTest {
    private static ProbeModel model;
    private static ProbeImages images;

    @BeforeAll
    static void open() throws Exception {
        model = TinyFeatureDesign.open(3);
        images = TinyFeatureDesign.images(model, 1);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static Bundle make(String node) throws Exception {
        Bundle.Builder b = Bundle.builder("filters");
        BundleMakers.of("filters").make(model, images, new VisualizeRequest("filters", node, 0, 8, Map.of()), b);
        return b.build();
    }

    @Test
    void everySpatialConvolutionsWeightIsKeptAndTheDepthwiseOneIsShownFirst() throws Exception {
        Bundle b = make(null);

        assertThat(b.strings(FilterData.LAYERS)).containsExactly("conv1", "dw");
        assertThat(b.strings(FilterData.LAYER_TYPES)).containsExactly("conv.conv2d", "conv.depthwise");
        assertThat(b.string(CommonData.NODE)).isEqualTo("dw");
        assertThat(b.tensor(FilterData.weight("dw")).shape()).containsExactly(4, 1, 3, 3);
        assertThat(b.tensor(FilterData.weight("conv1")).values())
                .containsExactly(Tensors.of(model.weights("conv1").weight()).values());
        assertThat(Views.of("filters").render(b, ViewOptions.defaults())).hasSize(5);
    }

    @Test
    void theNodeAskedForIsShownFirstAndOneWithoutSpatialKernelsIsRefused() throws Exception {
        assertThat(make("conv1").string(CommonData.NODE)).isEqualTo("conv1");
        assertThatThrownBy(() -> make("pw")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'pw'").hasMessageContaining("conv1, dw");
        assertThat(FiltersMaker.spatial(model.convolutions())).extracting(c -> c.op()).isEqualTo(List.of("conv1", "dw"));
    }
}
