package org.modelworkbench.trainer.probe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.modelworkbench.trainer.capture.CapturedTensor;
import org.modelworkbench.trainer.data.DatasetException;
import org.modelworkbench.trainer.data.DatasetLocator;
import org.modelworkbench.trainer.data.ImageDataset;
import org.modelworkbench.trainer.data.Normalization;

/**
 * The images a view runs on, prepared for one model's input C×H×W: the normalised batch the model takes
 * (B×C×H×W) and the same images in [0, 1] (B×C×H×W, for overlays; already at the model's size), with
 * their labels, their indices in the split and the class names. When the dataset's images differ from the
 * design's input they are adapted and {@link #notes()} says how: a different size is resized bilinearly
 * (half-pixel centres with edge clamp, as PyTorch's {@code interpolate(mode="bilinear",
 * align_corners=False)}), one grey channel is repeated for an RGB input; other channel counts are
 * refused. Immutable.
 */
public final class ProbeImages {
    private final float[] normalised;
    private final float[] raw;
    private final int count;
    private final int channels;
    private final int height;
    private final int width;
    private final int[] labels;
    private final int[] indices;
    private final List<String> classNames;
    private final List<String> notes;

    private ProbeImages(float[] normalised, float[] raw, int count, int channels, int height, int width, int[] labels,
                        int[] indices, List<String> classNames, List<String> notes) {
        this.normalised = normalised;
        this.raw = raw;
        this.count = count;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.labels = labels;
        this.indices = indices;
        this.classNames = List.copyOf(classNames);
        this.notes = List.copyOf(notes);
    }

    /**
     * The test split of Fashion-MNIST as {@link DatasetLocator} finds it (the chosen folder, else Debian's
     * package, else the bundled sample), normalised with its published mean and std, for a model whose input
     * is {@code channels}×{@code height}×{@code width}.
     *
     * @param chosenFolder the folder the user picked, or null
     */
    public static ProbeImages fashionMnist(DatasetLocator locator, Path chosenFolder, ImageSelection selection,
                                           int channels, int height, int width) throws DatasetException {
        DatasetLocator.Located located = locator.fashionMnist(chosenFolder);
        List<String> notes = new ArrayList<>();
        notes.add(located.describe() + "; the test split");
        notes.addAll(located.notes());
        return prepare(located.splits().test(), Normalization.FASHION_MNIST, selection, channels, height, width, notes);
    }

    /** {@link #fashionMnist(DatasetLocator, Path, ImageSelection, int, int, int)} for {@code model}'s input. */
    public static ProbeImages fashionMnist(DatasetLocator locator, Path chosenFolder, ImageSelection selection,
                                           ProbeModel model) throws DatasetException {
        return fashionMnist(locator, chosenFolder, selection, model.channels(), model.height(), model.width());
    }

    /** Images of {@code split}, normalised with {@code normalization} (one entry per channel of the split). */
    public static ProbeImages fromDataset(ImageDataset split, Normalization normalization, ImageSelection selection,
                                          int channels, int height, int width) {
        return prepare(split, normalization, selection, channels, height, width, new ArrayList<>());
    }

    private static ProbeImages prepare(ImageDataset split, Normalization normalization, ImageSelection selection,
                                       int channels, int height, int width, List<String> notes) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("the model input must be positive: " + channels + "×" + height + "×" + width);
        }
        if (normalization.channels() != split.channels()) {
            throw new IllegalArgumentException("the normalisation has " + normalization.channels() + " channels, "
                    + split.name() + " has " + split.channels());
        }
        int dc = split.channels();
        if (dc != channels && !(dc == 1 && channels == 3)) {
            throw new IllegalArgumentException("the design takes " + channels + "-channel images but " + split.name()
                    + " has " + dc + (dc == 3 && channels == 1 ? ": colour images are not turned grey; choose a dataset "
                    + "or a design that match" : "; only grey images are adapted (repeated for an RGB input)"));
        }
        int[] chosen = selection.resolve(split, notes);
        if (chosen.length == 0) {
            throw new IllegalArgumentException(selection.describe() + " of " + split.name() + " selects no image");
        }
        boolean resize = split.height() != height || split.width() != width;
        if (resize) {
            notes.add(String.format(Locale.ROOT, "resized %d×%d → %d×%d bilinearly (half-pixel centres) for the "
                    + "design's input", split.height(), split.width(), height, width));
        }
        if (dc != channels) {
            notes.add("the grey channel is repeated into " + channels + " channels");
        }
        int plane = height * width;
        float[] raw = new float[chosen.length * channels * plane];
        float[] norm = new float[raw.length];
        int[] labels = new int[chosen.length];
        float[] mean = normalization.mean();
        float[] std = normalization.std();
        for (int b = 0; b < chosen.length; b++) {
            float[] img = split.image(chosen[b]);
            labels[b] = split.label(chosen[b]);
            for (int c = 0; c < channels; c++) {
                int src = c % dc;
                int at = (b * channels + c) * plane;
                if (resize) {
                    Bilinear.resize(img, src * split.height() * split.width(), split.height(), split.width(), raw, at,
                            height, width);
                } else {
                    System.arraycopy(img, src * plane, raw, at, plane);
                }
                float m = mean[src];
                float inv = 1f / std[src];
                for (int k = at; k < at + plane; k++) {
                    norm[k] = (raw[k] - m) * inv;
                }
            }
        }
        notes.add(selection.describe() + ": " + chosen.length + " image" + (chosen.length == 1 ? "" : "s"));
        return new ProbeImages(norm, raw, chosen.length, channels, height, width, labels, chosen, split.classNames(),
                notes);
    }

    /**
     * A batch given already normalised (synthetic inputs, tests): B×C×H×W values; no labels, no indices;
     * {@link #raw()} holds the same values.
     */
    public static ProbeImages ofNormalised(float[] values, int count, int channels, int height, int width) {
        if (count < 1 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("a batch needs positive sizes: " + count + "×" + channels + "×" + height
                    + "×" + width);
        }
        if ((long) count * channels * height * width != values.length) {
            throw new IllegalArgumentException(values.length + " values are not " + count + "×" + channels + "×" + height
                    + "×" + width);
        }
        return new ProbeImages(values.clone(), values.clone(), count, channels, height, width, null, null, List.of(),
                List.of("a batch given already normalised"));
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) of this batch. */
    public ProbeImages slice(int from, int to) {
        if (from < 0 || to > count || from >= to) {
            throw new IllegalArgumentException("images " + from + "…" + to + " are not a part of 0…" + count);
        }
        int n = imageSize();
        return new ProbeImages(Arrays.copyOfRange(normalised, from * n, to * n), Arrays.copyOfRange(raw, from * n, to * n),
                to - from, channels, height, width, labels == null ? null : Arrays.copyOfRange(labels, from, to),
                indices == null ? null : Arrays.copyOfRange(indices, from, to), classNames, notes);
    }

    /** The batch for the model, normalised: B×C×H×W. */
    public CapturedTensor batch() {
        return new CapturedTensor(new long[] {count, channels, height, width}, normalised.clone());
    }

    /** The same images in [0, 1] at the model's size, B×C×H×W, for overlays. */
    public CapturedTensor raw() {
        return new CapturedTensor(new long[] {count, channels, height, width}, raw.clone());
    }

    /** The normalised values without a copy, for the probe's own use. */
    float[] normalisedValues() {
        return normalised;
    }

    public int size() {
        return count;
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

    /** Values per image, C·H·W. */
    public int imageSize() {
        return channels * height * width;
    }

    /** The label of each image, or null for a batch without labels. */
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** Each image's index in its split, or null for a given batch. */
    public int[] indices() {
        return indices == null ? null : indices.clone();
    }

    /** The dataset's class names (empty for a given batch). */
    public List<String> classNames() {
        return classNames;
    }

    /** Where the images came from and how they were adapted, for the user. */
    public List<String> notes() {
        return notes;
    }

    @Override
    public String toString() {
        return "ProbeImages[" + count + "×" + channels + "×" + height + "×" + width + "]";
    }
}
