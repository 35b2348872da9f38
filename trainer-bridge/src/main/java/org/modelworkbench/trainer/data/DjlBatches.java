package org.modelworkbench.trainer.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;

/**
 * The thin DJL adapter: turns an {@link ImageDataset} into batches of NDArrays on a given manager,
 * images float32 B×C×H×W (augmented, then normalised) and labels int64 B. Each epoch has its own
 * order and augmentation draws, derived from the seed and the epoch number only, so a run can be
 * repeated exactly. Evaluation uses no augmentations and no shuffling.
 */
public final class DjlBatches {
    private final ImageDataset data;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final List<Augmentation> augmentations;
    private final Normalization normalization;
    private final long seed;

    /**
     * @param normalization applied after the augmentations; null leaves the values in [0, 1]
     * @param dropLast whether a last, smaller batch is skipped (BatchNorm dislikes a batch of one)
     */
    public DjlBatches(ImageDataset data, int batchSize, boolean shuffle, boolean dropLast,
            List<Augmentation> augmentations, Normalization normalization, long seed) {
        this.data = Objects.requireNonNull(data, "data");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        if (normalization != null && normalization.channels() != data.channels()) {
            throw new IllegalArgumentException("normalisation for " + normalization.channels() + " channels, images have "
                    + data.channels());
        }
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.augmentations = List.copyOf(augmentations);
        this.normalization = normalization;
        this.seed = seed;
    }

    /** Batches for evaluation: in order, every image, no augmentation. */
    public static DjlBatches forEvaluation(ImageDataset data, int batchSize, Normalization normalization) {
        return new DjlBatches(data, batchSize, false, false, List.of(), normalization, 0);
    }

    /** How many batches one epoch yields. */
    public int batchesPerEpoch() {
        return dropLast ? data.size() / batchSize : (data.size() + batchSize - 1) / batchSize;
    }

    /** The order in which epoch {@code epoch} visits the images. */
    public int[] order(int epoch) {
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random rng = new Random(seed * 1_000_003L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** One image ready for the network: augmented with {@code rng}, then normalised. */
    public float[] prepare(int index, Random rng) {
        float[] x = data.image(index);
        for (Augmentation a : augmentations) {
            x = a.apply(x, data.channels(), data.height(), data.width(), rng);
        }
        return normalization == null ? x : normalization.apply(x);
    }

    /** The batches of one epoch, created on {@code manager}; close each batch once used. */
    public Iterator<Batch> epoch(int epoch, NDManager manager) {
        int[] order = order(epoch);
        Random rng = new Random(seed * 1_000_003L + epoch ^ 0x5DEECE66DL);
        int batches = batchesPerEpoch();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int from = next++ * batchSize;
                int n = Math.min(batchSize, order.length - from);
                int size = data.imageSize();
                float[] images = new float[n * size];
                long[] labels = new long[n];
                for (int b = 0; b < n; b++) {
                    int index = order[from + b];
                    System.arraycopy(prepare(index, rng), 0, images, b * size, size);
                    labels[b] = data.label(index);
                }
                NDArray x = manager.create(images, new Shape(n, data.channels(), data.height(), data.width()));
                NDArray y = manager.create(labels, new Shape(n));
                return new Batch(x, y);
            }
        };
    }

    /** One batch: images B×C×H×W float32 and labels B int64, on the manager the epoch was given. */
    public record Batch(NDArray images, NDArray labels) implements AutoCloseable {
        public int size() {
            return (int) labels.size();
        }

        @Override
        public void close() {
            images.close();
            labels.close();
        }
    }
}
