package org.modelworkbench.visualizers.tensor;

import java.util.Arrays;

/**
 * A dense row-major float array with a shape: what every visualizer computation takes and returns.
 * The visualizers know nothing of DJL; the trainer bridge hands its captured tensors over as these
 * (same layout: row-major, last index fastest). The values array is shared, not copied: treat it as
 * read-only unless you made it.
 */
public record FloatTensor(int[] shape, float[] values) {
    public FloatTensor {
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got "
                    + values.length);
        }
    }

    /** A tensor of zeros. */
    public static FloatTensor zeros(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return new FloatTensor(shape, new float[Math.toIntExact(n)]);
    }

    public static FloatTensor of(float[] values, int... shape) {
        return new FloatTensor(shape, values);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** The size of {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    public int size() {
        return values.length;
    }

    /** The flat offset of {@code index} (one entry per axis). */
    public int offset(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + index.length + " for shape " + Arrays.toString(shape));
        }
        int o = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside " + Arrays.toString(shape));
            }
            o = o * shape[i] + index[i];
        }
        return o;
    }

    public float get(int... index) {
        return values[offset(index)];
    }

    /** The values rounded to ints: labels and class indices, which bundles carry as floats. */
    public int[] roundedInts() {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.round(values[i]);
        }
        return out;
    }

    /** The same values seen with another shape of the same size. */
    public FloatTensor reshape(int... newShape) {
        return new FloatTensor(newShape, values);
    }

    /**
     * The sub-tensor at {@code index} along the first axis (a copy), e.g. one image of a batch or
     * one head of an attention tensor.
     */
    public FloatTensor select(int index) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("cannot select from a scalar");
        }
        int[] rest = Arrays.copyOfRange(shape, 1, shape.length);
        int stride = values.length / Math.max(1, shape[0]);
        if (index < 0 || index >= shape[0]) {
            throw new IndexOutOfBoundsException("index " + index + " outside the first axis of " + Arrays.toString(shape));
        }
        return new FloatTensor(rest, Arrays.copyOfRange(values, index * stride, (index + 1) * stride));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
