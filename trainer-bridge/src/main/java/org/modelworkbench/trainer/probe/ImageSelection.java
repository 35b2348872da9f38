package org.modelworkbench.trainer.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.modelworkbench.trainer.data.ImageDataset;

/**
 * Which images of a split a view runs on: given indices, the first n, or the first n of every class
 * (in file order, classes interleaved as the file has them).
 */
public sealed interface ImageSelection {
    /** The chosen indices into {@code data}, in order; notes what could not be had. */
    int[] resolve(ImageDataset data, List<String> notes);

    /** A short description for notes and titles ("the first 16 images"). */
    String describe();

    static ImageSelection indices(int... indices) {
        return new Indices(indices);
    }

    static ImageSelection first(int count) {
        return new First(count);
    }

    static ImageSelection perClass(int count) {
        return new PerClass(count);
    }

    /** Exactly these images; an index outside the split is refused. */
    record Indices(int[] indices) implements ImageSelection {
        public Indices {
            if (indices == null || indices.length == 0) {
                throw new IllegalArgumentException("no image indices given");
            }
            indices = indices.clone();
        }

        @Override
        public int[] indices() {
            return indices.clone();
        }

        @Override
        public int[] resolve(ImageDataset data, List<String> notes) {
            for (int i : indices) {
                if (i < 0 || i >= data.size()) {
                    throw new IllegalArgumentException("image index " + i + " is outside 0…" + (data.size() - 1) + " of "
                            + data.name());
                }
            }
            return indices.clone();
        }

        @Override
        public String describe() {
            return indices.length == 1 ? "image " + indices[0] : indices.length + " chosen images";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Indices other && Arrays.equals(indices, other.indices);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(indices);
        }

        @Override
        public String toString() {
            return "Indices" + Arrays.toString(indices);
        }
    }

    /** The first {@code count} images; all of them, with a note, when the split holds fewer. */
    record First(int count) implements ImageSelection {
        public First {
            if (count < 1) {
                throw new IllegalArgumentException("the number of images must be at least 1: " + count);
            }
        }

        @Override
        public int[] resolve(ImageDataset data, List<String> notes) {
            int n = Math.min(count, data.size());
            if (n < count) {
                notes.add(data.name() + " holds only " + data.size() + " images, not " + count);
            }
            int[] out = new int[n];
            Arrays.setAll(out, i -> i);
            return out;
        }

        @Override
        public String describe() {
            return "the first " + count + " images";
        }
    }

    /** The first {@code count} images of each class, in file order; fewer, with a note, where a class runs short. */
    record PerClass(int count) implements ImageSelection {
        public PerClass {
            if (count < 1) {
                throw new IllegalArgumentException("images per class must be at least 1: " + count);
            }
        }

        @Override
        public int[] resolve(ImageDataset data, List<String> notes) {
            int[] taken = new int[data.numClasses()];
            List<Integer> picked = new ArrayList<>();
            for (int i = 0; i < data.size() && picked.size() < count * data.numClasses(); i++) {
                int label = data.label(i);
                if (taken[label] < count) {
                    taken[label]++;
                    picked.add(i);
                }
            }
            for (int c = 0; c < taken.length; c++) {
                if (taken[c] < count) {
                    notes.add("class '" + data.classNames().get(c) + "' has only " + taken[c] + " images in "
                            + data.name() + ", not " + count);
                }
            }
            return picked.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public String describe() {
            return count + " images per class";
        }
    }
}
