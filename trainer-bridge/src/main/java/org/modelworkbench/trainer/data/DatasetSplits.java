package org.modelworkbench.trainer.data;

import java.util.Arrays;
import java.util.Objects;

/** A training split and a test split with the same classes and image shape. */
public record DatasetSplits(ImageDataset train, ImageDataset test) {
    public DatasetSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (!train.classNames().equals(test.classNames()) || !Arrays.equals(train.shape(), test.shape())) {
            throw new IllegalArgumentException("train and test differ: " + train + " / " + test);
        }
    }
}
