package org.modelworkbench.visualizers.views.spectra;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.color.ColorMap;
import org.modelworkbench.visualizers.io.Csv;
import org.modelworkbench.visualizers.render.Composite;
import org.modelworkbench.visualizers.render.HeatmapFigure;
import org.modelworkbench.visualizers.render.LineChart;
import org.modelworkbench.visualizers.render.Theme;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.OptionSpec;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.View;
import org.modelworkbench.visualizers.views.ViewOptions;

/**
 * Fourier analysis of feature maps across depth (views-exact.md §6; Park &amp; Kim, "How Do Vision
 * Transformers Work?", ICLR 2022, Figs. 2a and 8) and the accuracy on low- and high-pass filtered test
 * images. Reads a bundle with {@link SpectraData}'s names; every number is already reduced by the
 * maker, so rendering only draws.
 */
public final class SpectraView implements View {
    /** Maker option: test images of the input-filter test (0 skips it). */
    public static final String FILTER_IMAGES = "filterImages";
    /** The default of {@link #FILTER_IMAGES}. */
    public static final int DEFAULT_FILTER_IMAGES = 1000;

    @Override
    public String kind() {
        return "spectra";
    }

    @Override
    public String title() {
        return "Feature-map spectra";
    }

    @Override
    public String description() {
        return "How much high-frequency content each layer's feature maps keep (Park & Kim, ICLR 2022, Figs. 2a and 8): "
                + "per image and channel the log amplitude ln(|FFT2| + 1e-6), averaged over images and channels and "
                + "centred (DC in the middle). 'depth' plots, per layer, the log amplitude at the highest frequency of "
                + "the half-diagonal relative to DC: a layer that lowers it acts as a low-pass filter (ViT attention, "
                + "pooling), one that raises it as a high-pass filter (convolutions). 'spectrum' shows the chosen "
                + "layer's centred log amplitude and its half-diagonal curve; 'radial' the mean over rings (a workbench "
                + "extension). 'input-filter' is the test accuracy on images low-passed or high-passed at cut-offs "
                + "0.1…1 of the highest radial frequency (workbench definition), against the unfiltered accuracy. "
                + "Fashion-MNIST maps are small (a 7×7 stage gives 4 points; even sizes never reach π).";
    }

    @Override
    public List<OptionSpec> options(Bundle bundle) {
        return List.of(OptionSpec.number(FILTER_IMAGES, "Input-filter test images", Integer.toString(DEFAULT_FILTER_IMAGES),
                "How many test images the low/high-pass accuracy test runs when the data is made (0: skip it)"));
    }

    @Override
    public List<String> layers(Bundle bundle) {
        return bundle.strings(SpectraData.LAYERS);
    }

    @Override
    public List<Panel> render(Bundle bundle, ViewOptions options) {
        List<String> layers = layers(bundle);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the spectra data lists no spatial layers ('" + SpectraData.LAYERS + "')");
        }
        String layer = options.layer();
        if (layer == null || layer.isBlank()) {
            String node = bundle.string(SpectraData.NODE, null);
            layer = node != null && layers.contains(node) ? node : layers.get(layers.size() - 1);
        } else if (!layers.contains(layer)) {
            throw new IllegalArgumentException("no spatial layer '" + layer + "' in the spectra data; layers: "
                    + String.join(", ", layers));
        }
        List<Panel> panels = new ArrayList<>();
        panels.add(depth(bundle, layers));
        panels.add(spectrum(bundle, layer));
        panels.add(radial(bundle, layer));
        if (bundle.has(SpectraData.LOW_PASS)) {
            panels.add(inputFilter(bundle));
        }
        return panels;
    }

    private Panel depth(Bundle bundle, List<String> layers) {
        FloatTensor hf = bundle.tensor(SpectraData.HIGH_FREQUENCY);
        if (hf.size() != layers.size()) {
            throw new IllegalArgumentException(hf.size() + " high-frequency values for " + layers.size() + " layers");
        }
        double[] y = toDoubles(hf.values());
        LineChart chart = LineChart.categorical(layers).series("Δ log amplitude at the highest frequency", y)
                .title("Relative log amplitude of high frequencies across depth")
                .xLabel("layer (run order)").yLabel("Δ log amplitude (ln)").size(Math.max(420, 28 * layers.size()), 260)
                .build();
        List<String> lower = new ArrayList<>();
        List<String> raise = new ArrayList<>();
        for (int i = 1; i < y.length; i++) {
            if (y[i] < y[i - 1]) {
                lower.add(layers.get(i));
            } else if (y[i] > y[i - 1]) {
                raise.add(layers.get(i));
            }
        }
        String caption = "Each point: the chosen layer's mean log amplitude at the highest half-diagonal frequency minus "
                + "at DC (Park & Kim 2022, Fig. 8; higher = more high-frequency content). Acting as low-pass filters "
                + "(value falls): " + list(lower) + ". Acting as high-pass filters (value rises): " + list(raise)
                + ". Click a point to select its node.";
        return Panel.of("depth", "High-frequency amplitude across depth", chart, chart.csv(), caption)
                .withPicker(new DepthPicker(chart, layers));
    }

    private static String list(List<String> l) {
        if (l.isEmpty()) {
            return "none";
        }
        return l.size() <= 12 ? String.join(", ", l) : String.join(", ", l.subList(0, 12)) + " and " + (l.size() - 12) + " more";
    }

    private Panel spectrum(Bundle bundle, String layer) {
        FloatTensor map = bundle.tensor(SpectraData.spectrum(layer));
        FloatTensor delta = bundle.tensor(SpectraData.delta(layer));
        HeatmapFigure heat = HeatmapFigure.builder(map).colorMap(ColorMap.MAGMA).size(240, 240)
                .title(String.format(Locale.ROOT, "%s: %d×%d", layer, map.dim(0), map.dim(1)))
                .colorBar("mean ln |FFT|").build();
        double[] x = frequencies(delta.size());
        LineChart curve = LineChart.numeric().series(layer, x, toDoubles(delta.values()))
                .title("Half-diagonal Δ log amplitude").xLabel("frequency (×π)").yLabel("Δ log amplitude (ln)")
                .size(300, 220).build();
        Composite fig = Composite.row(List.of(heat, curve), List.of("centred mean log amplitude", "frequencies (k, k) from DC"),
                "Fourier spectrum of " + layer, Theme.LIGHT);
        Csv diagonal = Csv.withHeader("frequency_over_pi", "delta_log_amplitude");
        for (int k = 0; k < x.length; k++) {
            diagonal.add(x[k], delta.values()[k]);
        }
        java.util.Map<String, Csv> tables = new java.util.LinkedHashMap<>();
        tables.put("", heat.csv());
        tables.put("diagonal", diagonal);
        String caption = String.format(Locale.ROOT, "Left: ln(|FFT2| + 1e-6) of %s's maps averaged over images and "
                + "channels, centred (DC at row %d, column %d; frequencies grow outwards). Right: the diagonal from DC "
                + "to the corner minus the DC value (Park & Kim 2022, Fig. 2a); %d points, the last is the depth "
                + "chart's value.", layer, map.dim(0) / 2, map.dim(1) / 2, x.length);
        return new Panel("spectrum", "Fourier spectrum of one layer", fig, tables, caption, null);
    }

    private Panel radial(Bundle bundle, String layer) {
        FloatTensor r = bundle.tensor(SpectraData.radial(layer));
        double[] x = new double[r.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        LineChart chart = LineChart.numeric().series(layer, x, toDoubles(r.values()))
                .title("Radial profile (workbench extension)").xLabel("radius from DC (frequency bins)")
                .yLabel("Δ log amplitude (ln)").build();
        String caption = "Workbench extension, not in Park & Kim: the centred mean log amplitude averaged over rings of "
                + "integer radius round(√(dy² + dx²)) around DC, minus the value at DC. Unlike the diagonal it uses every "
                + "frequency, so it is smoother on small maps.";
        return Panel.of("radial", "Radial profile (workbench extension)", chart, chart.csv(), caption);
    }

    private Panel inputFilter(Bundle bundle) {
        double[] cut = toDoubles(bundle.tensor(SpectraData.CUTOFFS).values());
        double[] low = toDoubles(bundle.tensor(SpectraData.LOW_PASS).values());
        double[] high = toDoubles(bundle.tensor(SpectraData.HIGH_PASS).values());
        if (low.length != cut.length || high.length != cut.length) {
            throw new IllegalArgumentException("input-filter accuracies (" + low.length + ", " + high.length + ") do not match "
                    + cut.length + " cut-offs");
        }
        double unfiltered = bundle.real(SpectraData.UNFILTERED);
        double[] ref = new double[cut.length];
        java.util.Arrays.fill(ref, unfiltered);
        LineChart chart = LineChart.numeric().series("low-pass (keeps ρ ≤ cut-off)", cut, low)
                .series("high-pass (keeps ρ > cut-off)", cut, high).series("unfiltered", cut, ref)
                .title("Accuracy on frequency-filtered test images").xLabel("cut-off (fraction of the highest radial frequency)")
                .yLabel("accuracy").yRange(0, 1).build();
        int n = bundle.integer(SpectraData.FILTER_IMAGES, 0);
        String caption = String.format(Locale.ROOT, "Accuracy on the first %d test images after an ideal low-pass or "
                + "high-pass filter (workbench definition: ρ = radial frequency / its value at the corner; low-pass at 1 "
                + "is the image, high-pass removes the mean). Unfiltered: %.3f. A model that relies on low frequencies "
                + "(shape) keeps its accuracy under low-pass; one that relies on high frequencies (texture) under "
                + "high-pass (Park & Kim 2022: ViTs low-pass, CNNs high-pass).", n, unfiltered);
        return Panel.of("input-filter", "Accuracy on filtered images", chart, chart.csv(), caption);
    }

    /** k/(n−1), k = 0…n−1: the half-diagonal frequencies as fractions of π. */
    static double[] frequencies(int n) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = n == 1 ? 0 : k / (double) (n - 1);
        }
        return x;
    }

    static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
