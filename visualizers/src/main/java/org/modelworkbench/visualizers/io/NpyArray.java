package org.modelworkbench.visualizers.io;

import java.util.Arrays;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * An array as a NumPy {@code .npy} file holds it: an element type, a shape (C order, last index
 * fastest) and the values, kept in their own primitive type ({@code float[]}, {@code double[]},
 * {@code long[]} or {@code int[]}) so nothing is lost between reading and writing. The values array
 * is shared, not copied: treat it as read-only.
 */
public final class NpyArray {

    /** The element types the workbench reads and writes, with NumPy's little-endian descriptor. */
    public enum Dtype {
        /** {@code <f4}: 32-bit IEEE float (what every captured tensor is). */
        FLOAT32("<f4", 4),
        /** {@code <f8}: 64-bit IEEE float. */
        FLOAT64("<f8", 8),
        /** {@code <i8}: 64-bit signed integer (indices, labels, counts). */
        INT64("<i8", 8),
        /** {@code <i4}: 32-bit signed integer (read only as NumPy writes it; written on request). */
        INT32("<i4", 4);

        private final String descr;
        private final int bytes;

        Dtype(String descr, int bytes) {
            this.descr = descr;
            this.bytes = bytes;
        }

        /** NumPy's descriptor, little-endian, e.g. {@code <f4}. */
        public String descr() {
            return descr;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }
    }

    private final Dtype dtype;
    private final int[] shape;
    private final Object values;
    private final int size;

    private NpyArray(Dtype dtype, int[] shape, Object values, int length) {
        this.dtype = dtype;
        this.shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + length);
        }
        this.values = values;
        this.size = length;
    }

    /** A {@code <f4} array with the tensor's shape and values. */
    public static NpyArray of(FloatTensor t) {
        return new NpyArray(Dtype.FLOAT32, t.shape(), t.values(), t.size());
    }

    /** A {@code <f4} array. */
    public static NpyArray ofFloats(int[] shape, float[] values) {
        return new NpyArray(Dtype.FLOAT32, shape, values, values.length);
    }

    /** A {@code <f8} array. */
    public static NpyArray ofDoubles(int[] shape, double[] values) {
        return new NpyArray(Dtype.FLOAT64, shape, values, values.length);
    }

    /** A {@code <i8} array. */
    public static NpyArray ofLongs(int[] shape, long[] values) {
        return new NpyArray(Dtype.INT64, shape, values, values.length);
    }

    /** A {@code <i4} array. */
    public static NpyArray ofInts(int[] shape, int[] values) {
        return new NpyArray(Dtype.INT32, shape, values, values.length);
    }

    public Dtype dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    /** The number of elements (the product of the shape). */
    public int size() {
        return size;
    }

    /** The values as floats: the array itself for {@code <f4}, otherwise a converted copy. */
    public float[] floats() {
        if (values instanceof float[] f) {
            return f;
        }
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) doubleAt(i);
        }
        return out;
    }

    /** The values as doubles: the array itself for {@code <f8}, otherwise a converted copy. */
    public double[] doubles() {
        if (values instanceof double[] d) {
            return d;
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = doubleAt(i);
        }
        return out;
    }

    /**
     * The values as longs: the array itself for {@code <i8}, a widened copy for {@code <i4}.
     *
     * @throws IllegalArgumentException for a floating-point array (which has no exact integer view)
     */
    public long[] longs() {
        if (values instanceof long[] l) {
            return l;
        }
        if (values instanceof int[] ints) {
            long[] out = new long[size];
            for (int i = 0; i < size; i++) {
                out[i] = ints[i];
            }
            return out;
        }
        throw new IllegalArgumentException("a " + dtype.descr() + " array has no integer values");
    }

    /** The values as a tensor (converted to float where the type is another). */
    public FloatTensor toFloatTensor() {
        return new FloatTensor(shape, floats());
    }

    /** The primitive array itself ({@code float[]}, {@code double[]}, {@code long[]} or {@code int[]}). */
    Object raw() {
        return values;
    }

    private double doubleAt(int i) {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) values)[i];
            case FLOAT64 -> ((double[]) values)[i];
            case INT64 -> ((long[]) values)[i];
            case INT32 -> ((int[]) values)[i];
        };
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NpyArray a) || a.dtype != dtype || !Arrays.equals(a.shape, shape)) {
            return false;
        }
        return switch (dtype) {
            case FLOAT32 -> Arrays.equals((float[]) values, (float[]) a.values);
            case FLOAT64 -> Arrays.equals((double[]) values, (double[]) a.values);
            case INT64 -> Arrays.equals((long[]) values, (long[]) a.values);
            case INT32 -> Arrays.equals((int[]) values, (int[]) a.values);
        };
    }

    @Override
    public int hashCode() {
        return 31 * dtype.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.descr() + " " + Arrays.toString(shape) + "]";
    }
}
