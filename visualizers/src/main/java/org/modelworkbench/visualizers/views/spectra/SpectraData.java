package org.modelworkbench.visualizers.views.spectra;

/**
 * The names under which a spectra bundle carries its data (written by the app's SpectraMaker, read by
 * {@link SpectraView}). Per layer (meta {@link #LAYERS}, run order) the maker keeps only the reduced
 * Fourier picture, never the activations.
 */
public final class SpectraData {
    /** Meta: the spatial layers' node ids, in run order. */
    public static final String LAYERS = "layers";
    /** Meta: the layer shown first. */
    public static final String NODE = "node";
    /** Tensor (L): Δ log amplitude at the highest half-diagonal frequency per layer (Park &amp; Kim Fig. 8). */
    public static final String HIGH_FREQUENCY = "highFrequency";
    /** Tensor prefix: (H, W) centred mean log amplitude of a layer. */
    public static final String SPECTRUM_PREFIX = "spectrum:";
    /** Tensor prefix: half-diagonal Δ log amplitude of a layer, frequencies 0…π. */
    public static final String DELTA_PREFIX = "delta:";
    /** Tensor prefix: radial profile of a layer (workbench extension), index = radius in bins. */
    public static final String RADIAL_PREFIX = "radial:";
    /** Tensor (6): the input-filter cut-offs (fractions of the highest radial frequency). */
    public static final String CUTOFFS = "cutoffs";
    /** Tensor (cut-offs): accuracy on low-passed test images. */
    public static final String LOW_PASS = "lowPassAccuracy";
    /** Tensor (cut-offs): accuracy on high-passed test images. */
    public static final String HIGH_PASS = "highPassAccuracy";
    /** Meta: accuracy on the same test images unfiltered. */
    public static final String UNFILTERED = "unfilteredAccuracy";
    /** Meta: how many test images the input-filter test ran. */
    public static final String FILTER_IMAGES = "filterImages";

    private SpectraData() {
    }

    public static String spectrum(String layer) {
        return SPECTRUM_PREFIX + layer;
    }

    public static String delta(String layer) {
        return DELTA_PREFIX + layer;
    }

    public static String radial(String layer) {
        return RADIAL_PREFIX + layer;
    }
}
