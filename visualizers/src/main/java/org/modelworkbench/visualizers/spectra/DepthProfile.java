package org.modelworkbench.visualizers.spectra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * The "relative log amplitude across depth" chart of Park &amp; Kim 2022, Fig. 8 (views-exact.md
 * §6): the high-frequency scalar ({@link Spectrum#highFrequency()}, Δ log amplitude at the last
 * half-diagonal point) of each named layer, in network order. For ViTs the reference plots every
 * block output (the MSA-residual and the MLP-residual outputs) and leaves the logits out; which
 * layers to pass is the caller's choice.
 *
 * @param points one per layer, in the order given
 */
public record DepthProfile(List<Point> points) {
    /**
     * One layer of the chart.
     *
     * @param depth         the layer's position, 0-based
     * @param layer         the layer's name
     * @param highFrequency Δ log amplitude at the highest half-diagonal frequency (natural log)
     */
    public record Point(int depth, String layer, double highFrequency) {
    }

    public DepthProfile {
        points = List.copyOf(points);
    }

    /** The profile of spectra already computed, in the map's iteration order (use a LinkedHashMap). */
    public static DepthProfile of(Map<String, Spectrum> spectra) {
        if (spectra.isEmpty()) {
            throw new IllegalArgumentException("a depth profile needs at least one layer");
        }
        List<Point> points = new ArrayList<>();
        for (Map.Entry<String, Spectrum> e : spectra.entrySet()) {
            points.add(new Point(points.size(), e.getKey(), e.getValue().highFrequency()));
        }
        return new DepthProfile(points);
    }

    /**
     * The profile of feature maps per layer, each (B, C, H, W), in the map's iteration order.
     * Token layers should be turned into spectra with {@link FourierAnalysis#ofTokens} and passed
     * to {@link #of(Map)}.
     */
    public static DepthProfile ofFeatureMaps(Map<String, FloatTensor> layers) {
        Map<String, Spectrum> spectra = new java.util.LinkedHashMap<>();
        layers.forEach((name, maps) -> spectra.put(name, FourierAnalysis.ofFeatureMaps(maps)));
        return of(spectra);
    }

    /** The y values of the chart, shape [layers]. */
    public FloatTensor values() {
        float[] v = new float[points.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) points.get(i).highFrequency();
        }
        return FloatTensor.of(v, v.length);
    }

    /** The layer names, in order. */
    public List<String> layers() {
        return points.stream().map(Point::layer).toList();
    }
}
