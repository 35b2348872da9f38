package org.modelworkbench.trainer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Labelled images held as plain arrays, independent of DJL: {@code size()} images of shape
 * C×H×W stored as unsigned bytes (0–255) in channel-major order (all of channel 0 row by row, then
 * channel 1, …), one label per image indexing {@link #classNames()}. Reading never needs the engine;
 * {@link DjlBatches} turns it into NDArray batches for training.
 */
public final class ImageDataset {
    private final String name;
    private final List<String> classNames;
    private final int channels;
    private final int height;
    private final int width;
    private final byte[] pixels;
    private final int[] labels;

    /** Takes ownership of {@code pixels} and {@code labels}; checks that their sizes and labels agree. */
    public ImageDataset(String name, List<String> classNames, int channels, int height, int width,
            byte[] pixels, int[] labels) {
        this.name = Objects.requireNonNull(name, "name");
        this.classNames = List.copyOf(classNames);
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("shape must be positive: " + channels + "×" + height + "×" + width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.labels = Objects.requireNonNull(labels, "labels");
        if ((long) labels.length * imageSize() != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes do not hold " + labels.length
                    + " images of " + channels + "×" + height + "×" + width);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= this.classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is outside 0.."
                        + (this.classNames.size() - 1));
            }
        }
    }

    public String name() {
        return name;
    }

    public List<String> classNames() {
        return classNames;
    }

    public int numClasses() {
        return classNames.size();
    }

    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The shape of one image, {C, H, W}. */
    public int[] shape() {
        return new int[] {channels, height, width};
    }

    /** Values per image, C·H·W. */
    public int imageSize() {
        return channels * height * width;
    }

    public int label(int index) {
        return labels[Objects.checkIndex(index, labels.length)];
    }

    /** A copy of every label. */
    public int[] labels() {
        return labels.clone();
    }

    /** A copy of one image's bytes (0–255), C×H×W. */
    public byte[] pixels(int index) {
        Objects.checkIndex(index, labels.length);
        int n = imageSize();
        return Arrays.copyOfRange(pixels, index * n, index * n + n);
    }

    /** One image as floats in [0, 1] (byte / 255), C×H×W: the input to transforms and normalisation. */
    public float[] image(int index) {
        Objects.checkIndex(index, labels.length);
        int n = imageSize();
        float[] out = new float[n];
        int base = index * n;
        for (int i = 0; i < n; i++) {
            out[i] = (pixels[base + i] & 0xFF) / 255f;
        }
        return out;
    }

    /** How many images carry each label, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The images at {@code indices}, in that order, as a new dataset with the same classes. */
    public ImageDataset subset(String newName, int[] indices) {
        int n = imageSize();
        byte[] p = new byte[indices.length * n];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int src = Objects.checkIndex(indices[i], labels.length);
            System.arraycopy(pixels, src * n, p, i * n, n);
            l[i] = labels[src];
        }
        return new ImageDataset(newName, classNames, channels, height, width, p, l);
    }

    /**
     * Holds out {@code testFraction} of the images of every class as a test split, chosen with a
     * seeded shuffle so the same seed gives the same split; used for image folders without a test
     * folder.
     */
    public DatasetSplits split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be between 0 and 1: " + testFraction);
        }
        Random rng = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            List<Integer> ofClass = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    ofClass.add(i);
                }
            }
            java.util.Collections.shuffle(ofClass, rng);
            int held = (int) Math.round(ofClass.size() * testFraction);
            test.addAll(ofClass.subList(0, held));
            train.addAll(ofClass.subList(held, ofClass.size()));
        }
        train.sort(null);
        test.sort(null);
        return new DatasetSplits(subset(name + " (train)", train.stream().mapToInt(Integer::intValue).toArray()),
                subset(name + " (test)", test.stream().mapToInt(Integer::intValue).toArray()));
    }

    @Override
    public String toString() {
        return name + ": " + size() + " images " + channels + "×" + height + "×" + width + ", "
                + classNames.size() + " classes";
    }
}
