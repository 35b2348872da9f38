package org.modelworkbench.trainer.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.modelworkbench.trainer.data.Augmentation;
import org.modelworkbench.trainer.data.Cifar10;
import org.modelworkbench.trainer.data.DatasetException;
import org.modelworkbench.trainer.data.DatasetLocator;
import org.modelworkbench.trainer.data.DatasetSplits;
import org.modelworkbench.trainer.data.FashionMnist;
import org.modelworkbench.trainer.data.ImageDataset;
import org.modelworkbench.trainer.data.ImageFolder;
import org.modelworkbench.trainer.data.Normalization;

/**
 * The images of one run: training images less the held-out validation share (chosen per class with
 * the run's seed), validation, test, the normalisation and the augmentations.
 *
 * @param validation null when the configuration holds nothing out
 * @param notes      where the data came from and what was skipped, for the user
 */
public record TrainingData(ImageDataset train, ImageDataset validation, ImageDataset test, Normalization normalization,
                           List<Augmentation> augmentations, List<String> notes) {
    /** The configuration's dataset names. "fashion-mnist-sample" is the sample bundled in the jar. */
    public static final List<String> DATASETS = List.of("fashion-mnist", "fashion-mnist-sample", "cifar-10", "image-folder");

    public TrainingData {
        augmentations = List.copyOf(augmentations);
        notes = List.copyOf(notes);
    }

    public List<String> classNames() {
        return train.classNames();
    }

    /**
     * Reads the dataset the configuration names.
     *
     * @param channels, height, width the design's input, to which image folders are resized
     */
    public static TrainingData load(TrainingConfig config, DatasetLocator locator, int channels, int height, int width)
            throws DatasetException {
        Path dir = config.dataDir() == null || config.dataDir().isBlank() ? null : Path.of(config.dataDir());
        List<String> notes = new ArrayList<>();
        DatasetSplits splits;
        Normalization normalization;
        switch (config.dataset().toLowerCase(Locale.ROOT)) {
            case "fashion-mnist" -> {
                DatasetLocator.Located located = locator.fashionMnist(dir);
                notes.add(located.describe());
                notes.addAll(located.notes());
                splits = located.splits();
                normalization = Normalization.FASHION_MNIST;
            }
            case "fashion-mnist-sample" -> {
                splits = FashionMnist.loadBundledSample();
                notes.add("Fashion-MNIST sample bundled with Model Workbench: " + splits.train().size() + " training and "
                        + splits.test().size() + " test images");
                normalization = Normalization.FASHION_MNIST;
            }
            case "cifar-10" -> {
                splits = Cifar10.load(required(dir, "cifar-10", "the folder holding " + Cifar10.EXTRACTED_FOLDER));
                notes.add("CIFAR-10 from " + dir + ": " + splits.train().size() + " training and " + splits.test().size()
                        + " test images");
                normalization = Normalization.CIFAR10;
            }
            case "image-folder" -> {
                if (channels != 1 && channels != 3) {
                    throw new DatasetException(String.valueOf(dir), "the design's input has " + channels
                            + " channels; image folders are read as 1 (grey) or 3 (RGB) channels");
                }
                Path folder = required(dir, "image-folder", "a folder with one sub-folder of images per class");
                splits = ImageFolder.loadSplits(folder, new ImageFolder.Options(channels, width, height), 0.2, config.seed());
                normalization = Normalization.of(splits.train());
                notes.add("image folder " + folder + ": " + splits.train().size() + " training and " + splits.test().size()
                        + " test images of " + splits.train().numClasses() + " classes, resized to " + width + "×" + height);
            }
            default -> throw new DatasetException(config.dataset(), "unknown dataset; use one of " + DATASETS);
        }
        ImageDataset train = splits.train();
        ImageDataset validation = null;
        if (config.validationFraction() > 0) {
            DatasetSplits held = train.split(config.validationFraction(), config.seed());
            train = held.train();
            validation = held.test();
        }
        List<Augmentation> augmentations = new ArrayList<>();
        if (config.augment()) {
            augmentations.add(Augmentation.randomCrop(Math.max(train.height(), train.width()) <= 28 ? 2 : 4));
            augmentations.add(Augmentation.horizontalFlip(0.5));
        }
        return new TrainingData(train, validation, splits.test(), normalization, augmentations, notes);
    }

    private static Path required(Path dir, String dataset, String what) throws DatasetException {
        if (dir == null) {
            throw new DatasetException(dataset, "no data folder given: choose " + what);
        }
        return dir;
    }
}
