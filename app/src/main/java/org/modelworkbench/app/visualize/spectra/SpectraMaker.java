package org.modelworkbench.app.visualize.spectra;

import java.util.ArrayList;
import java.util.List;
import org.modelworkbench.app.visualize.BundleMaker;
import org.modelworkbench.app.visualize.CommonData;
import org.modelworkbench.app.visualize.Tensors;
import org.modelworkbench.app.visualize.VisualizeRequest;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.trainer.compile.Op;
import org.modelworkbench.trainer.data.DatasetException;
import org.modelworkbench.trainer.data.DatasetLocator;
import org.modelworkbench.trainer.data.ImageDataset;
import org.modelworkbench.trainer.data.Normalization;
import org.modelworkbench.trainer.probe.BatchTransform;
import org.modelworkbench.trainer.probe.LayerOutput;
import org.modelworkbench.trainer.probe.ProbeException;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.spectra.FourierAnalysis;
import org.modelworkbench.visualizers.spectra.InputFilter;
import org.modelworkbench.visualizers.spectra.Spectrum;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.spectra.SpectraData;
import org.modelworkbench.visualizers.views.spectra.SpectraView;

/**
 * The probe half of the spectra view: every top-level node's output on N images (default 64), reduced
 * here to its Fourier picture (views-exact.md §6) so the bundle stays small — centred mean log amplitude,
 * half-diagonal Δ log amplitude, radial profile, and the high-frequency scalar — plus the input-filter
 * test: accuracy on the first {@code filterImages} test images (default 1000) low- and high-passed at
 * {@link #CUTOFFS} and unfiltered. Feature maps are read by their layout: channels-first as they are,
 * channels-last transposed, tokens with the prefix (class/distillation tokens) dropped when the rest is a
 * square grid; vectors, sequences and maps smaller than 2×2 are skipped.
 */
public final class SpectraMaker implements BundleMaker {
    /** The input-filter cut-offs, fractions of the highest radial frequency ({@link InputFilter}). */
    public static final float[] CUTOFFS = {0.1f, 0.2f, 0.3f, 0.5f, 0.7f, 1.0f};

    @Override
    public String kind() {
        return "spectra";
    }

    @Override
    public int defaultImages() {
        return 64;
    }

    @Override
    public void make(ProbeModel model, ProbeImages images, VisualizeRequest request, Bundle.Builder bundle)
            throws ProbeException {
        int filterImages = filterImages(request);
        List<String> layers = new ArrayList<>();
        List<Float> high = new ArrayList<>();
        for (LayerOutput out : model.everyLayerOutput(images, request.batchSize())) {
            Spectrum s = spectrum(model, out);
            if (s == null) {
                continue;
            }
            layers.add(out.node());
            high.add((float) s.highFrequency());
            bundle.tensor(SpectraData.spectrum(out.node()), s.meanLogAmplitude());
            bundle.tensor(SpectraData.delta(out.node()), s.deltaLogAmplitude());
            bundle.tensor(SpectraData.radial(out.node()), s.radialProfile());
        }
        if (layers.isEmpty()) {
            throw new ProbeException("'" + model.design().name() + "' has no layer with a spatial output of 2×2 or more");
        }
        float[] hf = new float[high.size()];
        for (int i = 0; i < hf.length; i++) {
            hf[i] = high.get(i);
        }
        bundle.meta(SpectraData.LAYERS, layers);
        bundle.tensor(SpectraData.HIGH_FREQUENCY, FloatTensor.of(hf, hf.length));
        String node = request.node();
        if (node != null && !node.isBlank() && !layers.contains(node)) {
            throw new IllegalArgumentException("'" + node + "' has no spatial output; the spectra's layers are: "
                    + String.join(", ", layers));
        }
        bundle.meta(CommonData.NODE, node != null && !node.isBlank() ? node : layers.get(layers.size() - 1));
        if (filterImages > 0) {
            inputFilterTest(model, request.dataFolder(), filterImages, request.batchSize(), bundle);
        }
    }

    static int filterImages(VisualizeRequest request) {
        String v = request.option(SpectraView.FILTER_IMAGES, Integer.toString(SpectraView.DEFAULT_FILTER_IMAGES));
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + SpectraView.FILTER_IMAGES + "' must be 0 or a positive whole "
                    + "number, got '" + v + "'");
        }
    }

    /** The Fourier picture of one layer's output, or null when it is not a spatial map of 2×2 or more. */
    static Spectrum spectrum(ProbeModel model, LayerOutput out) {
        FloatTensor t = Tensors.of(out.tensor());
        Layout layout = layoutOf(model, out);
        if (t.rank() == 4) {
            FloatTensor maps = layout == Layout.NHWC ? channelsFirst(t) : t;
            if (layout != Layout.NCHW && layout != Layout.NHWC && layout != null) {
                return null;
            }
            return maps.dim(2) >= 2 && maps.dim(3) >= 2 ? FourierAnalysis.ofFeatureMaps(maps) : null;
        }
        if (t.rank() == 3 && (layout == Layout.TOKENS || layout == null)) {
            int n = t.dim(1);
            for (int prefix = 0; prefix <= 2 && prefix < n; prefix++) {
                int g = (int) Math.round(Math.sqrt(n - prefix));
                if (g >= 2 && g * g == n - prefix) {
                    return FourierAnalysis.ofTokens(t, prefix);
                }
            }
        }
        return null;
    }

    /**
     * The layout of the tensor a layer passes on: what the ops reading it expect (the program records
     * layouts at op inputs), or null when nothing reads it.
     */
    static Layout layoutOf(ProbeModel model, LayerOutput out) {
        List<Op> ops = model.compiled().program().ops();
        int slot = -1;
        for (Op op : ops) {
            if (op.path().equals(out.op())) {
                slot = op.outputs()[out.output()];
                break;
            }
        }
        if (slot < 0) {
            return null;
        }
        for (Op op : ops) {
            for (int k = 0; k < op.inputs().length; k++) {
                if (op.inputs()[k] == slot) {
                    return op.inputLayouts().get(k);
                }
            }
        }
        return null;
    }

    /** (B, H, W, C) → (B, C, H, W). */
    static FloatTensor channelsFirst(FloatTensor bhwc) {
        int b = bhwc.dim(0);
        int h = bhwc.dim(1);
        int w = bhwc.dim(2);
        int c = bhwc.dim(3);
        float[] in = bhwc.values();
        float[] out = new float[in.length];
        for (int n = 0; n < b; n++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int src = ((n * h + y) * w + x) * c;
                    for (int ch = 0; ch < c; ch++) {
                        out[((n * c + ch) * h + y) * w + x] = in[src + ch];
                    }
                }
            }
        }
        return FloatTensor.of(out, b, c, h, w);
    }

    /**
     * Accuracy on the first {@code count} Fashion-MNIST test images (as {@link DatasetLocator} finds them)
     * low- and high-passed at each cut-off, and unfiltered. The filter acts on the images in [0, 1] (each
     * normalised batch is mapped back, filtered and normalised again), so high-pass removes the image's
     * own mean, not the normalised one.
     */
    static void inputFilterTest(ProbeModel model, java.nio.file.Path dataFolder, int count, int batchSize,
                                Bundle.Builder bundle) throws ProbeException {
        ImageDataset test;
        try {
            test = new DatasetLocator().fashionMnist(dataFolder).splits().test();
        } catch (DatasetException e) {
            throw new ProbeException("the input-filter test needs the Fashion-MNIST test split: " + e.getMessage(), e);
        }
        Normalization norm = Normalization.FASHION_MNIST;
        float[] lowAcc = new float[CUTOFFS.length];
        float[] highAcc = new float[CUTOFFS.length];
        for (int i = 0; i < CUTOFFS.length; i++) {
            lowAcc[i] = (float) model.evaluate(test, norm, count, filter(norm, CUTOFFS[i], InputFilter.Pass.LOW), batchSize)
                    .accuracy();
            highAcc[i] = (float) model.evaluate(test, norm, count, filter(norm, CUTOFFS[i], InputFilter.Pass.HIGH), batchSize)
                    .accuracy();
        }
        var plain = model.evaluate(test, norm, count, BatchTransform.IDENTITY, batchSize);
        bundle.tensor(SpectraData.CUTOFFS, FloatTensor.of(CUTOFFS.clone(), CUTOFFS.length));
        bundle.tensor(SpectraData.LOW_PASS, FloatTensor.of(lowAcc, lowAcc.length));
        bundle.tensor(SpectraData.HIGH_PASS, FloatTensor.of(highAcc, highAcc.length));
        bundle.meta(SpectraData.UNFILTERED, plain.accuracy());
        bundle.meta(SpectraData.FILTER_IMAGES, plain.total());
    }

    /** Un-normalise, filter in [0, 1], normalise again; channel c uses the statistics of data channel c mod n. */
    static BatchTransform filter(Normalization norm, double cutoff, InputFilter.Pass pass) {
        float[] mean = norm.mean();
        float[] std = norm.std();
        return (values, shape) -> {
            int plane = shape[2] * shape[3];
            float[] raw = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                int c = (i / plane) % shape[1] % mean.length;
                raw[i] = values[i] * std[c] + mean[c];
            }
            float[] f = InputFilter.filter(FloatTensor.of(raw, shape), cutoff, pass).values();
            for (int i = 0; i < f.length; i++) {
                int c = (i / plane) % shape[1] % mean.length;
                f[i] = (f[i] - mean[c]) / std[c];
            }
            return f;
        };
    }
}
