package org.modelworkbench.trainer.capture;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;

/**
 * A tensor copied out of a forward pass: its shape and its values in row-major order. Plain Java, so
 * that views and visualizers can take it without DJL, on any thread.
 */
public record CapturedTensor(long[] shape, float[] values) {
    public CapturedTensor {
        shape = shape.clone();
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size + " values, got "
                    + values.length);
        }
    }

    /** A copy of {@code array}'s values (any device, any layout). */
    static CapturedTensor copyOf(NDArray array) {
        return new CapturedTensor(array.getShape().getShape(), array.toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                .toFloatArray());
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    /** The value at {@code index} (one coordinate per axis). */
    public float get(long... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("a rank-" + shape.length + " tensor needs " + shape.length
                    + " coordinates, got " + index.length);
        }
        long flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("coordinate " + index[i] + " of axis " + i + " is outside 0…"
                        + (shape[i] - 1));
            }
            flat = flat * shape[i] + index[i];
        }
        return values[(int) flat];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapturedTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "CapturedTensor" + Arrays.toString(shape);
    }
}
