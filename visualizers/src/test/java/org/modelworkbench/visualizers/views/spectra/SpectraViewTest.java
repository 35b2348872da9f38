package org.modelworkbench.visualizers.views.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.geom.Point2D;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.render.LineChart;
import org.modelworkbench.visualizers.spectra.FourierAnalysis;
import org.modelworkbench.visualizers.spectra.Spectrum;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.Views;

class SpectraViewTest {
    private final SpectraView view = new SpectraView();

    /** 14×14 map 1 + cos(2π·6(i+j)/14) (views-exact.md §6): Δ = [0, −19.093625 ×5, −0.693147]. */
    static Spectrum planted(int f) {
        double[] v = new double[14 * 14];
        for (int i = 0; i < 14; i++) {
            for (int j = 0; j < 14; j++) {
                v[i * 14 + j] = 1 + Math.cos(2 * Math.PI * f * (i + j) / 14);
            }
        }
        return FourierAnalysis.ofPlanes(v, 1, 14, 14);
    }

    static Bundle bundle(boolean withFilterTest) {
        Spectrum a = planted(6);
        Spectrum b = planted(3);
        Bundle.Builder bb = Bundle.builder("spectra").meta("design", "planted")
                .meta(SpectraData.LAYERS, List.of("conv1", "block1"))
                .tensor(SpectraData.HIGH_FREQUENCY, FloatTensor.of(new float[] {(float) a.highFrequency(),
                    (float) b.highFrequency()}, 2));
        for (var e : List.of(java.util.Map.entry("conv1", a), java.util.Map.entry("block1", b))) {
            bb.tensor(SpectraData.spectrum(e.getKey()), e.getValue().meanLogAmplitude())
                    .tensor(SpectraData.delta(e.getKey()), e.getValue().deltaLogAmplitude())
                    .tensor(SpectraData.radial(e.getKey()), e.getValue().radialProfile());
        }
        if (withFilterTest) {
            bb.tensor(SpectraData.CUTOFFS, FloatTensor.of(new float[] {0.1f, 0.2f, 0.3f, 0.5f, 0.7f, 1f}, 6))
                    .tensor(SpectraData.LOW_PASS, FloatTensor.of(new float[] {0.2f, 0.4f, 0.6f, 0.8f, 0.9f, 0.9f}, 6))
                    .tensor(SpectraData.HIGH_PASS, FloatTensor.of(new float[] {0.5f, 0.3f, 0.2f, 0.1f, 0.1f, 0.1f}, 6))
                    .meta(SpectraData.UNFILTERED, 0.9).meta(SpectraData.FILTER_IMAGES, 100);
        }
        return bb.build();
    }

    @Test
    void theViewIsRegisteredAndItsPanelsRenderWithTables() {
        assertThat(Views.of("spectra")).isInstanceOf(SpectraView.class);
        List<Panel> panels = view.render(bundle(true), ViewOptions.defaults());

        assertThat(panels).extracting(Panel::name).containsExactly("depth", "spectrum", "radial", "input-filter");
        for (Panel p : panels) {
            assertThat(p.figure().render().getHeight()).as(p.name()).isPositive();
            assertThat(p.tables()).as(p.name()).containsKey("");
        }
        assertThat(panels.get(1).tables()).containsKeys("", "diagonal");
        assertThat(panels.get(2).title()).contains("workbench extension");
        assertThat(panels.get(3).caption()).contains("first 100 test images").contains("0.900");
    }

    @Test
    void theDepthChartCarriesThePlantedHighFrequencyValuesAndNamesTheLowPassLayer() {
        Panel depth = view.render(bundle(false), ViewOptions.defaults()).get(0);
        List<String> lines = depth.tables().get("").text().lines().toList();

        assertThat(lines).hasSize(3);
        assertThat(Double.parseDouble(lines.get(1).split(",")[1])).isCloseTo(-0.693147, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(Double.parseDouble(lines.get(2).split(",")[1])).isCloseTo(-19.093625, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(depth.caption()).contains("Acting as low-pass filters (value falls): block1.")
                .contains("(value rises): none");
    }

    @Test
    void theSpectrumPanelShowsTheChosenLayersHalfDiagonal() {
        Panel spectrum = view.render(bundle(false), ViewOptions.defaults().withLayer("conv1")).get(1);
        List<String> diag = spectrum.tables().get("diagonal").text().lines().toList();

        assertThat(diag.get(0)).isEqualTo("frequency_over_pi,delta_log_amplitude");
        assertThat(diag).hasSize(8);
        assertThat(Double.parseDouble(diag.get(1).split(",")[1])).isEqualTo(0.0);
        assertThat(Double.parseDouble(diag.get(2).split(",")[1])).isCloseTo(-19.093625, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(Double.parseDouble(diag.get(7).split(",")[0])).isEqualTo(1.0);
    }

    @Test
    void withoutTheFilterTestThereIsNoInputFilterPanelAndTheLastLayerIsShown() {
        List<Panel> panels = view.render(bundle(false), ViewOptions.defaults());

        assertThat(panels).extracting(Panel::name).doesNotContain("input-filter");
        assertThat(panels.get(1).caption()).contains("block1");
    }

    @Test
    void clickingAPointOfTheDepthChartSelectsItsLayer() {
        Panel depth = view.render(bundle(false), ViewOptions.defaults()).get(0);
        LineChart chart = (LineChart) depth.figure();
        Point2D second = chart.pixelOf(0, 1);
        Point2D first = chart.pixelOf(0, 0);

        assertThat(depth.picker().nodeAt(second.getX() + 2, second.getY())).contains("block1");
        assertThat(depth.picker().nodeAt(first.getX(), first.getY())).contains("conv1");
        assertThat(depth.picker().nodeAt(0, 0)).isEmpty();
    }

    @Test
    void anUnknownLayerIsRefusedListingTheLayers() {
        assertThatThrownBy(() -> view.render(bundle(false), ViewOptions.defaults().withLayer("fc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fc'").hasMessageContaining("conv1, block1");
    }
}
