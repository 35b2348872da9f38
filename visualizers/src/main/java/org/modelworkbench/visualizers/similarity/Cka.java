package org.modelworkbench.visualizers.similarity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Linear centred kernel alignment, views-exact.md §8 (Kornblith et al., ICML 2019; Nguyen et al.,
 * ICLR 2021; Raghu et al., NeurIPS 2021; ref. google-research {@code representation_similarity/
 * Demo.ipynb} and {@code efficient_CKA.py}). Features are (n, …) with examples on the first axis,
 * everything else flattened into features; the two sides need the same n but not the same width.
 * Computed through n × n Gram matrices in double ({@link CentredGram}), so a wide layer
 * (p ≫ n) costs n²p once.
 */
public final class Cka {
    /** Which HSIC estimator the centring follows. */
    public enum Estimator {
        /** ‖YᵀX‖²_F / (‖XᵀX‖_F‖YᵀY‖_F) with centred columns; in 0…1. */
        BIASED,
        /** The unbiased HSIC (U-statistic); n ≥ 4; can be negative. */
        DEBIASED
    }

    private Cka() {
    }

    /** Biased linear CKA. */
    public static double linear(FloatTensor x, FloatTensor y) {
        return of(x, y, Estimator.BIASED);
    }

    /** Debiased linear CKA (unbiased HSIC); needs n ≥ 4. */
    public static double debiased(FloatTensor x, FloatTensor y) {
        return of(x, y, Estimator.DEBIASED);
    }

    /** Linear CKA with the given estimator. */
    public static double of(FloatTensor x, FloatTensor y, Estimator estimator) {
        int nx = Features.rows(x, "X");
        int ny = Features.rows(y, "Y");
        if (nx != ny) {
            throw new IllegalArgumentException("X has " + nx + " examples and Y " + ny + " (shapes "
                    + Arrays.toString(x.shape()) + " and " + Arrays.toString(y.shape()) + ")");
        }
        return of(CentredGram.of(x, estimator), CentredGram.of(y, estimator));
    }

    /** CKA of two centred Gram matrices: ⟨K̃, L̃⟩ / (‖K̃‖·‖L̃‖); NaN when either has no variance. */
    public static double of(CentredGram k, CentredGram l) {
        return k.dot(l) / Math.sqrt(k.dot(k) * l.dot(l));
    }

    /**
     * Minibatch CKA (Nguyen et al. 2021; Raghu et al. 2021 use it): per minibatch the U-centred
     * Grams of every layer, accumulating unbiased HSIC estimates S_XY += ⟨K̃,L̃⟩/(n(n−3)), S_XX, S_YY,
     * and CKA = S_XY / √(S_XX·S_YY) for every (X-layer, Y-layer) pair.
     *
     * <p>A batch of a different size from the first batch (a ragged last batch) is handled by
     * {@link RaggedBatches}: {@code DROP} ignores it and counts it in {@link #dropped()};
     * {@code WEIGHT} keeps it, each batch counting as one HSIC estimate (the 1/(n(n−3)) factor, which
     * cancels when every batch has the same size, makes estimates of different sizes comparable).
     * A single batch gives the debiased CKA. Batch size is the caller's choice. Not thread-safe.
     */
    public static final class Minibatch {
        /** What to do with a batch whose size differs from the first one's. */
        public enum RaggedBatches { DROP, WEIGHT }

        private final int layersX;
        private final int layersY;
        private final RaggedBatches ragged;
        private final double[] sxy;
        private final double[] sxx;
        private final double[] syy;
        private int batchSize = -1;
        private int batches;
        private int dropped;

        public Minibatch(int layersX, int layersY, RaggedBatches ragged) {
            if (layersX < 1 || layersY < 1) {
                throw new IllegalArgumentException("minibatch CKA needs at least one layer per side, got " + layersX
                        + " and " + layersY);
            }
            this.layersX = layersX;
            this.layersY = layersY;
            this.ragged = ragged;
            sxy = new double[layersX * layersY];
            sxx = new double[layersX];
            syy = new double[layersY];
        }

        /** One pair of layers, ragged batches dropped. */
        public Minibatch() {
            this(1, 1, RaggedBatches.DROP);
        }

        /** Adds one minibatch of a single pair of layers. */
        public boolean add(FloatTensor x, FloatTensor y) {
            return add(List.of(x), List.of(y));
        }

        /**
         * Adds one minibatch: the features of every X layer and every Y layer for the same n
         * examples. Passing the same list instance for both sides (a within-design matrix) computes
         * each Gram once.
         *
         * @return false when the batch was dropped as ragged
         */
        public boolean add(List<FloatTensor> x, List<FloatTensor> y) {
            if (x.size() != layersX || y.size() != layersY) {
                throw new IllegalArgumentException("expected " + layersX + " X layers and " + layersY + " Y layers, got "
                        + x.size() + " and " + y.size());
            }
            int n = Features.rows(x.get(0), "X layer 0");
            for (int i = 0; i < layersX; i++) {
                checkRows(x.get(i), n, "X layer " + i);
            }
            for (int j = 0; j < layersY; j++) {
                checkRows(y.get(j), n, "Y layer " + j);
            }
            if (n < 4) {
                throw new IllegalArgumentException("minibatch CKA needs batches of at least 4 examples, got " + n);
            }
            if (batchSize < 0) {
                batchSize = n;
            } else if (n != batchSize && ragged == RaggedBatches.DROP) {
                dropped++;
                return false;
            }
            List<CentredGram> gx = grams(x);
            List<CentredGram> gy = x == y ? gx : grams(y);
            double scale = 1.0 / ((double) n * (n - 3));
            for (int i = 0; i < layersX; i++) {
                sxx[i] += gx.get(i).dot(gx.get(i)) * scale;
                for (int j = 0; j < layersY; j++) {
                    sxy[i * layersY + j] += gx.get(i).dot(gy.get(j)) * scale;
                }
            }
            for (int j = 0; j < layersY; j++) {
                syy[j] += gy.get(j).dot(gy.get(j)) * scale;
            }
            batches++;
            return true;
        }

        /** Batches accumulated. */
        public int batches() {
            return batches;
        }

        /** Batches dropped as ragged. */
        public int dropped() {
            return dropped;
        }

        /** CKA for every (X layer, Y layer), shape [layersX, layersY]. */
        public FloatTensor result() {
            if (batches == 0) {
                throw new IllegalStateException("no minibatches were added");
            }
            float[] v = new float[sxy.length];
            for (int i = 0; i < layersX; i++) {
                for (int j = 0; j < layersY; j++) {
                    v[i * layersY + j] = (float) value(i, j);
                }
            }
            return FloatTensor.of(v, layersX, layersY);
        }

        /** CKA of X layer i with Y layer j, in double. */
        public double value(int i, int j) {
            if (i < 0 || i >= layersX || j < 0 || j >= layersY) {
                throw new IllegalArgumentException("layer pair (" + i + ", " + j + ") outside " + layersX + "×" + layersY);
            }
            return sxy[i * layersY + j] / Math.sqrt(sxx[i] * syy[j]);
        }

        private static List<CentredGram> grams(List<FloatTensor> layers) {
            List<CentredGram> g = new ArrayList<>(layers.size());
            for (FloatTensor t : layers) {
                g.add(CentredGram.of(t, Estimator.DEBIASED));
            }
            return g;
        }

        private static void checkRows(FloatTensor t, int n, String what) {
            if (Features.rows(t, what) != n) {
                throw new IllegalArgumentException(what + " has " + t.dim(0) + " examples, expected " + n + " (shape "
                        + Arrays.toString(t.shape()) + ")");
            }
        }
    }
}
