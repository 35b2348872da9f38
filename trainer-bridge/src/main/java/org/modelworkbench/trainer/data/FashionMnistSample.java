package org.modelworkbench.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the Fashion-MNIST sample bundled in the jar (resources under {@link FashionMnist#SAMPLE_RESOURCE}),
 * so a first run trains with nothing installed. It takes, in file order, the first 200 training images
 * of each class (2,000) and the first 50 test images of each class (500) from the full dataset and
 * writes them as gzip IDX under the standard names; the order within a split stays the original one,
 * so classes stay interleaved. The files in the repository were made from Debian's
 * {@code dataset-fashion-mnist} package with:
 *
 * <pre>
 * java -cp trainer-bridge/target/classes org.modelworkbench.trainer.data.FashionMnistSample \
 *     /usr/share/datasets/fashion-mnist \
 *     trainer-bridge/src/main/resources/org/modelworkbench/trainer/data/datasets/fashion-mnist-sample
 * </pre>
 */
public final class FashionMnistSample {
    public static final int TRAIN_PER_CLASS = 200;
    public static final int TEST_PER_CLASS = 50;

    private FashionMnistSample() {
    }

    public static void main(String[] args) throws IOException, DatasetException {
        if (args.length != 2) {
            System.err.println("usage: FashionMnistSample <folder with the full Fashion-MNIST> <output folder>");
            System.exit(2);
        }
        write(Path.of(args[0]), Path.of(args[1]));
    }

    /** Reads the full dataset from {@code source} and writes the sample's four files into {@code target}. */
    public static void write(Path source, Path target) throws IOException, DatasetException {
        DatasetSplits full = FashionMnist.load(source);
        Files.createDirectories(target);
        writeSplit(full.train(), TRAIN_PER_CLASS, target, FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS);
        writeSplit(full.test(), TEST_PER_CLASS, target, FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS);
    }

    /** The indices of the first {@code perClass} images of every class, in their original order. */
    static int[] firstPerClass(ImageDataset data, int perClass) {
        int[] taken = new int[data.numClasses()];
        int[] picked = new int[perClass * data.numClasses()];
        int n = 0;
        for (int i = 0; i < data.size() && n < picked.length; i++) {
            int label = data.label(i);
            if (taken[label] < perClass) {
                taken[label]++;
                picked[n++] = i;
            }
        }
        if (n < picked.length) {
            throw new IllegalArgumentException(data.name() + " has fewer than " + perClass + " images of some class");
        }
        return picked;
    }

    private static void writeSplit(ImageDataset data, int perClass, Path target, String images, String labels)
            throws IOException {
        ImageDataset sample = data.subset(data.name(), firstPerClass(data, perClass));
        byte[] pixels = new byte[sample.size() * sample.imageSize()];
        byte[] labelBytes = new byte[sample.size()];
        for (int i = 0; i < sample.size(); i++) {
            System.arraycopy(sample.pixels(i), 0, pixels, i * sample.imageSize(), sample.imageSize());
            labelBytes[i] = (byte) sample.label(i);
        }
        Idx.writeImages(target.resolve(images + ".gz"), sample.height(), sample.width(), pixels);
        Idx.writeLabels(target.resolve(labels + ".gz"), labelBytes);
    }
}
