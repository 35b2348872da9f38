package org.modelworkbench.visualizers.views.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.render.Composite;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.Views;

class ActivationsViewTest {
    private final ActivationsView view = new ActivationsView();

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * Two images; "conv" (B, 3, 2, 2): channel 0 all −1 (dead), channel 1 = 1…4, channel 2 = 10; "swin"
     * channels-last (B, 2, 2, 2); "vit" tokens (B, 5, 2): a class token then a 2×2 grid.
     */
    static Bundle planted() {
        float[] conv = new float[2 * 12];
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k < 4; k++) {
                conv[b * 12 + k] = -1;
                conv[b * 12 + 4 + k] = k + 1;
                conv[b * 12 + 8 + k] = 10;
            }
        }
        float[] swin = new float[2 * 8];
        for (int i = 0; i < swin.length; i++) {
            swin[i] = i % 2 == 0 ? 1 : -2; // channel 0 = 1, channel 1 = −2 at every position
        }
        float[] vit = new float[2 * 10];
        for (int b = 0; b < 2; b++) {
            vit[b * 10] = 100; // class token, channel 0
            vit[b * 10 + 1] = 100;
            for (int t = 1; t < 5; t++) {
                vit[b * 10 + 2 * t] = t; // channel 0 = 1, 2, 3, 4 over the grid
                vit[b * 10 + 2 * t + 1] = -t;
            }
        }
        return Bundle.builder("activations")
                .meta(ActivationsView.LAYERS, List.of("conv", "swin", "vit"))
                .meta(ActivationsView.CHANNELS_LAST, List.of("swin"))
                .meta(ActivationsView.NODE, "conv")
                .meta("classNames", List.of("a", "b"))
                .meta("imageIndices", List.of("7", "8"))
                .tensor(ActivationsView.IMAGES, FloatTensor.of(new float[2 * 16], 2, 1, 4, 4))
                .tensor("labels", FloatTensor.of(new float[] {1, 0}, 2))
                .tensor(ActivationsView.tensorName("conv"), FloatTensor.of(conv, 2, 3, 2, 2))
                .tensor(ActivationsView.tensorName("swin"), FloatTensor.of(swin, 2, 2, 2, 2))
                .tensor(ActivationsView.tensorName("vit"), FloatTensor.of(vit, 2, 5, 2))
                .build();
    }

    @Test
    void theViewIsRegisteredAndListsTheLayersAndImages() {
        assertThat(Views.of("activations")).isInstanceOf(ActivationsView.class);
        assertThat(view.layers(planted())).containsExactly("conv", "swin", "vit");
        assertThat(view.images(planted())).isEqualTo(2);
    }

    @Test
    void theChannelTableGivesMeanStdMaxAndTheShareOfValuesAtOrBelowZero() {
        List<Panel> panels = view.render(planted(), ViewOptions.defaults());

        assertThat(panels).extracting(Panel::name).containsExactly("activations", "activations-depth");
        String csv = panels.get(0).tables().get("").text();
        assertThat(csv.lines().toList()).containsExactly("channel,mean,std,max,fraction_le_0", "0,-1.0,0.0,-1.0,1.0",
                "1,2.5," + Math.sqrt(1.25) + ",4.0,0.0", "2,10.0,0.0,10.0,0.0");
        assertThat(panels.get(0).caption()).contains("1 of them ≤ 0 everywhere");
        BufferedImage img = panels.get(0).figure().render();
        assertThat(img.getWidth()).isGreaterThan(100);
    }

    @Test
    void sortingStrongestFirstAndCappingTheChannelsChangesTheGridNotTheTable() {
        ChannelStats stats = ChannelStats.of(planted().tensor(ActivationsView.tensorName("conv")).select(0));
        assertThat(stats.order(true)).containsExactly(2, 1, 0);
        assertThat(stats.order(false)).containsExactly(0, 1, 2);

        ViewOptions o = ViewOptions.defaults().with("sort", "strongest").with("channels", "1").with("scale", "per-tile");
        Panel p = view.render(planted(), o).get(0);
        assertThat(p.figure().render()).isNotNull();
        assertThat(p.tables().get("").rows()).isEqualTo(3);
    }

    @Test
    void channelsLastMapsAreTransposedAndTokensDropTheirClassTokenToMakeASquareGrid() {
        LayerMaps swin = LayerMaps.of(planted().tensor(ActivationsView.tensorName("swin")).select(0), true);
        assertThat(swin.channels().shape()).containsExactly(2, 2, 2);
        assertThat(swin.channels().select(0).values()).containsOnly(1f);
        assertThat(swin.channels().select(1).values()).containsOnly(-2f);

        LayerMaps vit = LayerMaps.of(planted().tensor(ActivationsView.tensorName("vit")).select(1), false);
        assertThat(vit.spatial()).isTrue();
        assertThat(vit.prefix()).isEqualTo(1);
        assertThat(vit.channels().shape()).containsExactly(2, 2, 2);
        assertThat(vit.channels().select(0).values()).containsExactly(1, 2, 3, 4);
        assertThat(vit.describe()).contains("1 prefix token dropped");

        LayerMaps odd = LayerMaps.of(FloatTensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2), false);
        assertThat(odd.spatial()).isFalse();
        assertThat(odd.asMatrix().shape()).containsExactly(3, 2);

        Panel p = view.render(planted(), ViewOptions.defaults().withLayer("vit").withImage(1)).get(0);
        assertThat(p.tables().get("").text()).contains("0,2.5,");
    }

    @Test
    void theDepthSummaryCoversEveryImageAndAClickOnALayersPointNamesItsNode() {
        Panel depth = view.render(planted(), ViewOptions.defaults()).get(1);
        assertThat(depth.tables().get("").text().lines().toList()).containsExactly("layer,mean_abs,fraction_le_0",
                "conv,4.5,0.3333333333333333", "swin,1.5,0.5", "vit,22.0,0.4");

        Composite c = (Composite) depth.figure();
        java.awt.Rectangle second = c.panelBounds(1);
        boolean hit = false;
        for (int x = second.x; x < second.x + second.width && !hit; x++) {
            var node = depth.picker().nodeAt(x, second.y + second.height / 2.0);
            if (node.isPresent() && node.get().equals("swin")) {
                hit = true;
            }
        }
        assertThat(hit).as("some column of the lower chart selects swin").isTrue();
        assertThat(depth.picker().nodeAt(-5, -5)).isEmpty();
    }

    @Test
    void badOptionsAndUnknownLayersAreNamed() {
        assertThatThrownBy(() -> view.render(planted(), ViewOptions.defaults().with("sort", "loudest")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sort'").hasMessageContaining("strongest");
        assertThatThrownBy(() -> view.render(planted(), ViewOptions.defaults().with("channels", "0")))
                .hasMessageContaining("'channels'");
        assertThatThrownBy(() -> view.render(planted(), ViewOptions.defaults().withLayer("fc")))
                .hasMessageContaining("'fc'").hasMessageContaining("conv, swin, vit");
        assertThatThrownBy(() -> view.render(planted(), ViewOptions.defaults().withImage(5)))
                .hasMessageContaining("image position 5");
    }
}
