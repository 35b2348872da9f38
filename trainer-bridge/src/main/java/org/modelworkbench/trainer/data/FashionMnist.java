package org.modelworkbench.trainer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 28×28 grey images of 10 kinds of clothing, read from
 * the four IDX files {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each with or without
 * {@code .gz}. Plain MNIST files read the same way (the class names are then Fashion-MNIST's).
 */
public final class FashionMnist {
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** Where the bundled sample lives on the class path; see {@link FashionMnistSample}. */
    public static final String SAMPLE_RESOURCE = "/org/modelworkbench/trainer/data/datasets/fashion-mnist-sample/";

    private FashionMnist() {
    }

    /** Whether {@code folder} holds the training images file, gzip or not (nothing is read). */
    public static boolean looksPresent(Path folder) {
        return Files.isRegularFile(folder.resolve(TRAIN_IMAGES + ".gz")) || Files.isRegularFile(folder.resolve(TRAIN_IMAGES));
    }

    /** Reads both splits from a folder; a missing file is named with both names looked for. */
    public static DatasetSplits load(Path folder) throws DatasetException {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(folder.toString(), "folder not found");
        }
        ImageDataset train = split(folder, "Fashion-MNIST (train)", TRAIN_IMAGES, TRAIN_LABELS);
        ImageDataset test = split(folder, "Fashion-MNIST (test)", TEST_IMAGES, TEST_LABELS);
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new DatasetException(find(folder, TEST_IMAGES).toString(), "images are " + test.height() + "×"
                    + test.width() + " but the training images are " + train.height() + "×" + train.width());
        }
        return new DatasetSplits(train, test);
    }

    /** Reads the sample bundled in the jar (2,000 training and 500 test images, 10 per cent of each class balanced). */
    public static DatasetSplits loadBundledSample() throws DatasetException {
        return new DatasetSplits(
                sampleSplit("Fashion-MNIST sample (train)", TRAIN_IMAGES, TRAIN_LABELS),
                sampleSplit("Fashion-MNIST sample (test)", TEST_IMAGES, TEST_LABELS));
    }

    private static ImageDataset split(Path folder, String name, String images, String labels) throws DatasetException {
        Path imageFile = find(folder, images);
        Path labelFile = find(folder, labels);
        return combine(name, labelFile.toString(), Idx.readImages(imageFile), Idx.readLabels(labelFile));
    }

    private static ImageDataset sampleSplit(String name, String images, String labels) throws DatasetException {
        String imageRes = SAMPLE_RESOURCE + images + ".gz";
        String labelRes = SAMPLE_RESOURCE + labels + ".gz";
        return combine(name, "bundled " + labelRes, Idx.readImages("bundled " + imageRes, () -> resource(imageRes)),
                Idx.readLabels("bundled " + labelRes, () -> resource(labelRes)));
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = FashionMnist.class.getResourceAsStream(name);
        if (in == null) {
            throw new java.nio.file.NoSuchFileException(name);
        }
        return in;
    }

    private static Path find(Path folder, String base) throws DatasetException {
        Path gz = folder.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = folder.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new DatasetException(gz.toString(), "file not found (nor " + base + " without .gz); Fashion-MNIST needs "
                + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", " + TEST_IMAGES + " and " + TEST_LABELS + ", gzip or not");
    }

    private static ImageDataset combine(String name, String labelFile, Idx.Images images, byte[] labels)
            throws DatasetException {
        if (labels.length != images.count()) {
            throw new DatasetException(labelFile, String.format(Locale.ROOT,
                    "labels file has %,d items but images file has %,d", labels.length, images.count()));
        }
        int[] ints = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            ints[i] = labels[i] & 0xFF;
            if (ints[i] >= CLASS_NAMES.size()) {
                throw new DatasetException(labelFile, String.format(Locale.ROOT,
                        "item %,d has label %d; Fashion-MNIST labels are 0..9", i, ints[i]));
            }
        }
        return new ImageDataset(name, CLASS_NAMES, 1, images.rows(), images.columns(), images.pixels(), ints);
    }
}
