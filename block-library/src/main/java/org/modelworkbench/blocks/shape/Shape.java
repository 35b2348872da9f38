package org.modelworkbench.blocks.shape;

import java.util.Arrays;

/** An immutable tensor shape, outermost dimension first (N×C×H×W for images). */
public final class Shape {
    private final int[] dims;
    private final int hash;

    private Shape(int[] dims) {
        this.dims = dims;
        this.hash = Arrays.hashCode(dims);
    }

    public static Shape of(int... dims) {
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    /** Parses "1x3x224x224" (also "1×3×224×224" or "1,3,224,224"); throws with a message naming the bad part. */
    public static Shape parse(String text) {
        String[] parts = text.trim().split("\\s*[x×X,]\\s*", -1); // -1: keep a trailing empty part ("1x3x")
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dims[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a shape such as 1x3x224x224: '"
                        + parts[i] + "' is not a whole number");
            }
            if (dims[i] <= 0) {
                throw new IllegalArgumentException("'" + text + "' is not a shape: dimension " + (i + 1)
                        + " must be positive, got " + dims[i]);
            }
        }
        return new Shape(dims);
    }

    public int rank() {
        return dims.length;
    }

    /** The size of dimension {@code i}; a negative index counts from the end (-1 is the last). */
    public int dim(int i) {
        return dims[i < 0 ? dims.length + i : i];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements; long because activations of large batches overflow an int. */
    public long numel() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** This shape with dimension {@code i} (negative counts from the end) replaced by {@code size}. */
    public Shape with(int i, int size) {
        int[] copy = dims.clone();
        copy[i < 0 ? dims.length + i : i] = size;
        return Shape.of(copy);
    }

    public Shape withLast(int size) {
        return with(-1, size);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && hash == s.hash && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** "1×3×224×224": the form the GUI and the CLI tables show. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                b.append('×');
            }
            b.append(dims[i]);
        }
        return b.toString();
    }

    /** "1x3x224x224": the ASCII form used in files and on the command line. */
    public String toAscii() {
        return toString().replace('×', 'x');
    }
}
