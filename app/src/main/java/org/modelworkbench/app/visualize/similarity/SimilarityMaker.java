package org.modelworkbench.app.visualize.similarity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.modelworkbench.app.visualize.BundleMaker;
import org.modelworkbench.app.visualize.CommonData;
import org.modelworkbench.app.visualize.Tensors;
import org.modelworkbench.app.visualize.VisualizeRequest;
import org.modelworkbench.trainer.capture.CapturedTensor;
import org.modelworkbench.trainer.data.DatasetException;
import org.modelworkbench.trainer.data.DatasetLocator;
import org.modelworkbench.trainer.probe.AttentionLayer;
import org.modelworkbench.trainer.probe.ImageSelection;
import org.modelworkbench.trainer.probe.LayerOutput;
import org.modelworkbench.trainer.probe.ProbeException;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.similarity.Cka;
import org.modelworkbench.visualizers.similarity.CkaMatrix;
import org.modelworkbench.visualizers.similarity.EffectiveRank;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.similarity.SimilarityData;
import org.modelworkbench.visualizers.views.similarity.SimilarityView;

/**
 * The probe half of the similarity view: every top-level node's output on N images (default 256), each
 * flattened to one feature vector per image; linear CKA between every two layers (views-exact.md §8,
 * {@code estimator=biased|debiased}), computed on all images at once up to {@link #FULL_BATCH_LIMIT} and
 * as minibatch CKA (always debiased, batches of {@link #MINIBATCH}, a ragged last batch dropped) beyond;
 * the effective rank (§9) of each layer's images × features matrix with its columns centred; for
 * attention ops each head's attention matrix averaged over (up to {@link #ATTENTION_IMAGES}) images; and
 * with {@code against=SOURCE} the CKA of this design's layers against that design's on the same images.
 */
public final class SimilarityMaker implements BundleMaker {
    /** Up to this many images CKA uses one Gram matrix per layer over all of them. */
    public static final int FULL_BATCH_LIMIT = 1024;
    /** Minibatch size beyond {@link #FULL_BATCH_LIMIT}. */
    public static final int MINIBATCH = 256;
    /** Images whose attention matrices are averaged for the heads' effective ranks. */
    public static final int ATTENTION_IMAGES = 64;

    @Override
    public String kind() {
        return "similarity";
    }

    @Override
    public int defaultImages() {
        return 256;
    }

    @Override
    public void make(ProbeModel model, ProbeImages images, VisualizeRequest request, Bundle.Builder bundle)
            throws ProbeException {
        Cka.Estimator estimator = estimator(request);
        int n = images.size();
        boolean full = n <= FULL_BATCH_LIMIT;
        if (n < 4) {
            throw new IllegalArgumentException("CKA needs at least 4 images, got " + n);
        }
        String against = request.option(SimilarityView.AGAINST, "").trim();
        ProbeModel other = null;
        ProbeImages otherImages = null;
        try {
            if (!against.isEmpty()) {
                if (request.opener() == null) {
                    throw new ProbeException("comparing against '" + against + "' needs a way to open it, which this "
                            + "caller does not offer");
                }
                other = request.opener().open(against);
                otherImages = sameImagesFor(images, other, request.dataFolder());
            }
            // Full batch: features of every layer at once; minibatch: the first batch gives the ranks.
            ProbeImages first = full ? images : images.slice(0, MINIBATCH);
            List<LayerOutput> outs = model.everyLayerOutput(first, request.batchSize());
            if (outs.isEmpty()) {
                throw new ProbeException("'" + model.design().name() + "' has no layer output to compare");
            }
            List<String> layers = outs.stream().map(LayerOutput::node).toList();
            List<FloatTensor> features = outs.stream().map(o -> Tensors.of(o.tensor())).toList();
            float[] ranks = new float[features.size()];
            for (int i = 0; i < ranks.length; i++) {
                ranks[i] = (float) centredEffectiveRank(features.get(i));
            }
            List<String> otherLayers = null;
            FloatTensor between = null;
            FloatTensor within;
            String method;
            if (full) {
                within = CkaMatrix.within(layers, features, estimator).values();
                if (other != null) {
                    List<LayerOutput> o = other.everyLayerOutput(otherImages, request.batchSize());
                    otherLayers = o.stream().map(LayerOutput::node).toList();
                    between = CkaMatrix.between(layers, features, otherLayers,
                            o.stream().map(x -> Tensors.of(x.tensor())).toList(), estimator).values();
                }
                method = "all " + n + " images at once";
            } else {
                estimator = Cka.Estimator.DEBIASED;
                features = null; // let the first batch go before the next ones come
                Cka.Minibatch mb = new Cka.Minibatch(layers.size(), layers.size(), Cka.Minibatch.RaggedBatches.DROP);
                Cka.Minibatch mbOther = null;
                for (int from = 0; from + MINIBATCH <= n; from += MINIBATCH) {
                    List<FloatTensor> f = flat(model.everyLayerOutput(images.slice(from, from + MINIBATCH),
                            request.batchSize()));
                    mb.add(f, f);
                    if (other != null) {
                        List<LayerOutput> o = other.everyLayerOutput(otherImages.slice(from, from + MINIBATCH),
                                request.batchSize());
                        if (mbOther == null) {
                            otherLayers = o.stream().map(LayerOutput::node).toList();
                            mbOther = new Cka.Minibatch(layers.size(), otherLayers.size(), Cka.Minibatch.RaggedBatches.DROP);
                        }
                        mbOther.add(f, flat(o));
                    }
                }
                within = mb.result();
                between = mbOther == null ? null : mbOther.result();
                method = String.format(Locale.ROOT, "minibatches of %d images (%d batches%s)", MINIBATCH, mb.batches(),
                        n % MINIBATCH == 0 ? "" : ", the last " + n % MINIBATCH + " images left out");
            }
            bundle.meta(SimilarityData.LAYERS, layers);
            bundle.meta(CommonData.NODE, request.node() != null && layers.contains(request.node()) ? request.node()
                    : layers.get(layers.size() - 1));
            bundle.meta(SimilarityData.ESTIMATOR, estimator == Cka.Estimator.BIASED ? "biased" : "debiased");
            bundle.meta(SimilarityData.METHOD, method);
            bundle.tensor(SimilarityData.CKA, within);
            bundle.tensor(SimilarityData.EFFECTIVE_RANK, FloatTensor.of(ranks, ranks.length));
            if (between != null) {
                bundle.meta(SimilarityData.AGAINST, other.design().name() + " (" + other.weightsSource() + ")");
                bundle.meta(SimilarityData.AGAINST_LAYERS, otherLayers);
                bundle.tensor(SimilarityData.CKA_BETWEEN, between);
            }
            attentionRanks(model, images, bundle);
        } finally {
            if (other != null) {
                other.close();
            }
        }
    }

    static Cka.Estimator estimator(VisualizeRequest request) {
        String e = request.option(SimilarityView.ESTIMATOR, "biased").trim().toLowerCase(Locale.ROOT);
        return switch (e) {
            case "biased" -> Cka.Estimator.BIASED;
            case "debiased" -> Cka.Estimator.DEBIASED;
            default -> throw new IllegalArgumentException("option 'estimator' must be biased or debiased, got '" + e + "'");
        };
    }

    /** The probed images again, prepared for another model's input when it differs. */
    private static ProbeImages sameImagesFor(ProbeImages images, ProbeModel other, java.nio.file.Path dataFolder)
            throws ProbeException {
        if (other.channels() == images.channels() && other.height() == images.height() && other.width() == images.width()) {
            return images;
        }
        if (images.indices() == null || images.indices().length != images.size()) {
            throw new ProbeException("'" + other.design().name() + "' takes " + other.channels() + "×" + other.height()
                    + "×" + other.width() + " images and these test images cannot be prepared again for it");
        }
        try {
            return ProbeImages.fashionMnist(new DatasetLocator(), dataFolder, ImageSelection.indices(images.indices()), other);
        } catch (DatasetException e) {
            throw new ProbeException(e.getMessage(), e);
        }
    }

    private static List<FloatTensor> flat(List<LayerOutput> outs) {
        List<FloatTensor> f = new ArrayList<>(outs.size());
        for (LayerOutput o : outs) {
            f.add(Tensors.of(o.tensor()));
        }
        return f;
    }

    /** Effective rank of features (n, …) as an n × p matrix with its columns centred. */
    static double centredEffectiveRank(FloatTensor features) {
        int n = features.dim(0);
        FloatTensor m = features.reshape(n, features.size() / n);
        try {
            return EffectiveRank.of(m, true);
        } catch (IllegalArgumentException e) {
            return Double.NaN; // a constant layer (all columns equal after centring) has no effective rank
        }
    }

    /** Per attention op and head, the effective rank of the attention matrix averaged over images (and windows). */
    static void attentionRanks(ProbeModel model, ProbeImages images, Bundle.Builder bundle) {
        ProbeImages some = images.size() > ATTENTION_IMAGES ? images.slice(0, ATTENTION_IMAGES) : images;
        List<AttentionLayer> layers = model.attention(some);
        if (layers.isEmpty()) {
            return;
        }
        List<String> ops = new ArrayList<>();
        int heads = -1;
        List<float[]> rows = new ArrayList<>();
        for (AttentionLayer a : layers) {
            CapturedTensor p = a.map().probabilities();
            long[] s = p.shape();
            int h = a.map().heads();
            int q = (int) s[s.length - 2];
            int k = (int) s[s.length - 1];
            int groups = (int) (p.values().length / ((long) h * q * k)); // images (× windows)
            float[] r = new float[h];
            float[] v = p.values();
            for (int head = 0; head < h; head++) {
                float[] mean = new float[q * k];
                for (int g = 0; g < groups; g++) {
                    int base = (g * h + head) * q * k;
                    for (int i = 0; i < q * k; i++) {
                        mean[i] += v[base + i];
                    }
                }
                for (int i = 0; i < mean.length; i++) {
                    mean[i] /= groups;
                }
                r[head] = (float) EffectiveRank.of(FloatTensor.of(mean, q, k), false);
            }
            if (heads >= 0 && h != heads) {
                continue; // ops with another head count would not share the chart's series
            }
            heads = h;
            ops.add(a.op());
            rows.add(r);
        }
        float[] all = new float[rows.size() * heads];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, all, i * heads, heads);
        }
        bundle.meta(SimilarityData.ATTENTION_LAYERS, ops);
        bundle.tensor(SimilarityData.ATTENTION_RANK, FloatTensor.of(all, rows.size(), heads));
    }
}
