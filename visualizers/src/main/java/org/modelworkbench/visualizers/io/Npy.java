package org.modelworkbench.visualizers.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Reads and writes NumPy's {@code .npy} format (format versions 1.0, 2.0 and, for reading, 3.0), so
 * a researcher can {@code numpy.load} every tensor the workbench writes, and the workbench can read
 * arrays made in Python.
 *
 * <p>Layout (NumPy's {@code numpy/lib/format.py} specification): the magic {@code \x93NUMPY}, a
 * major and minor version byte, the header length (uint16 little-endian in 1.0, uint32 in 2.0 and
 * 3.0), a header that is a Python dict literal {@code {'descr': '<f4', 'fortran_order': False,
 * 'shape': (2, 3), }} padded with spaces and a final newline so the data starts at a multiple of 64
 * bytes, then the raw values in C order. Written files use version 1.0 unless the header does not
 * fit in 65535 bytes (then 2.0).
 *
 * <p>Types: {@code <f4}, {@code <f8}, {@code <i8} and {@code <i4} (big-endian {@code >…} too when
 * reading). Fortran-order files, object arrays and other types are refused with a message naming
 * what the file holds.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Writes the tensor as a {@code <f4} array to {@code file}, atomically, creating missing folders. */
    public static void write(Path file, FloatTensor t) throws IOException {
        write(file, NpyArray.of(t));
    }

    /** Writes the array to {@code file}, atomically, creating missing folders. */
    public static void write(Path file, NpyArray a) throws IOException {
        AtomicFiles.write(file, out -> writeTo(out, a));
    }

    /** The bytes of a {@code .npy} file holding {@code a}. */
    public static byte[] encode(NpyArray a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + a.size() * a.dtype().bytes());
        try {
            writeTo(out, a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the {@code .npy} bytes of {@code a} to {@code out} (not closed). */
    public static void writeTo(OutputStream out, NpyArray a) throws IOException {
        out.write(header(a.dtype(), a.shape()));
        // Values go out in chunks so a large tensor needs no second full-size copy.
        int item = a.dtype().bytes();
        int chunk = Math.max(1, (1 << 16) / item);
        ByteBuffer buf = ByteBuffer.allocate(chunk * item).order(ByteOrder.LITTLE_ENDIAN);
        Object raw = a.raw();
        int n = a.size();
        for (int start = 0; start < n; start += chunk) {
            int len = Math.min(chunk, n - start);
            buf.clear();
            switch (a.dtype()) {
                case FLOAT32 -> buf.asFloatBuffer().put((float[]) raw, start, len);
                case FLOAT64 -> buf.asDoubleBuffer().put((double[]) raw, start, len);
                case INT64 -> buf.asLongBuffer().put((long[]) raw, start, len);
                case INT32 -> buf.asIntBuffer().put((int[]) raw, start, len);
            }
            out.write(buf.array(), 0, len * item);
        }
    }

    /** The magic, version, length and padded header dict for an array of this type and shape. */
    static byte[] header(NpyArray.Dtype dtype, int[] shape) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(dtype.descr())
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            dict.append(i > 0 ? ", " : "").append(shape[i]);
        }
        dict.append(shape.length == 1 ? ",), }" : "), }");
        int major = dict.length() + 1 + 10 <= 65535 ? 1 : 2;
        int preamble = major == 1 ? 10 : 12;
        int total = preamble + dict.length() + 1;
        int padded = (total + ALIGN - 1) / ALIGN * ALIGN;
        dict.append(" ".repeat(padded - total)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(preamble + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        b.put(text);
        return b.array();
    }

    /**
     * Reads a {@code .npy} file.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it is not a {@code .npy} file the workbench understands
     *                                  (the message names the file and what is wrong)
     */
    public static NpyArray read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = ch.size();
            if (length > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(file + ": " + length + " bytes is more than one array can hold here");
            }
            ByteBuffer all = ByteBuffer.allocate((int) length);
            while (all.hasRemaining() && ch.read(all) >= 0) {
                // keep reading until the whole file is in
            }
            all.flip();
            return decode(all);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a {@code .npy} file as a float tensor (converting {@code <f8} and integer types). */
    public static FloatTensor readFloatTensor(Path file) throws IOException {
        return read(file).toFloatTensor();
    }

    /** Decodes the bytes of a {@code .npy} file. */
    public static NpyArray decode(byte[] bytes) {
        return decode(ByteBuffer.wrap(bytes));
    }

    /** Decodes the bytes of a {@code .npy} file, from the buffer's position to its limit. */
    public static NpyArray decode(ByteBuffer in) {
        ByteBuffer b = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 10) {
            throw new IllegalArgumentException("too short for a .npy file (" + b.remaining() + " bytes)");
        }
        for (byte m : MAGIC) {
            if (b.get() != m) {
                throw new IllegalArgumentException("not a .npy file (no \\x93NUMPY magic at the start)");
            }
        }
        int major = b.get() & 0xff;
        int minor = b.get() & 0xff;
        long headerLength;
        if (major == 1) {
            headerLength = b.getShort() & 0xffff;
        } else if (major == 2 || major == 3) {
            if (b.remaining() < 4) {
                throw new IllegalArgumentException("truncated .npy preamble");
            }
            headerLength = b.getInt() & 0xffffffffL;
        } else {
            throw new IllegalArgumentException("unsupported .npy format version " + major + "." + minor);
        }
        if (headerLength > b.remaining()) {
            throw new IllegalArgumentException("header of " + headerLength + " bytes runs past the end of the file");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        b.get(headerBytes);
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

        String descr = find(DESCR, header, "descr");
        if (find(FORTRAN, header, "fortran_order").equals("True")) {
            throw new IllegalArgumentException("the array is in Fortran order; save it with "
                    + "numpy.ascontiguousarray (C order) first");
        }
        int[] shape = parseShape(find(SHAPE, header, "shape"));
        if (descr.length() != 3) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "' (expected <f4, <f8, <i8 or <i4)");
        }
        ByteOrder order = switch (descr.charAt(0)) {
            case '<', '|' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> throw new IllegalArgumentException("unsupported dtype '" + descr + "' (no byte order)");
        };
        NpyArray.Dtype dtype = switch (descr.substring(1)) {
            case "f4" -> NpyArray.Dtype.FLOAT32;
            case "f8" -> NpyArray.Dtype.FLOAT64;
            case "i8" -> NpyArray.Dtype.INT64;
            case "i4" -> NpyArray.Dtype.INT32;
            default -> throw new IllegalArgumentException("unsupported dtype '" + descr
                    + "' (expected <f4, <f8, <i8 or <i4)");
        };
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        long dataBytes = n * dtype.bytes();
        if (dataBytes > b.remaining()) {
            throw new IllegalArgumentException("truncated: shape " + Arrays.toString(shape) + " of " + descr + " needs "
                    + dataBytes + " bytes of data, the file has " + b.remaining());
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many values for one array");
        }
        ByteBuffer data = b.slice().order(order);
        int count = (int) n;
        return switch (dtype) {
            case FLOAT32 -> {
                float[] v = new float[count];
                data.asFloatBuffer().get(v);
                yield NpyArray.ofFloats(shape, v);
            }
            case FLOAT64 -> {
                double[] v = new double[count];
                data.asDoubleBuffer().get(v);
                yield NpyArray.ofDoubles(shape, v);
            }
            case INT64 -> {
                long[] v = new long[count];
                data.asLongBuffer().get(v);
                yield NpyArray.ofLongs(shape, v);
            }
            case INT32 -> {
                int[] v = new int[count];
                data.asIntBuffer().get(v);
                yield NpyArray.ofInts(shape, v);
            }
        };
    }

    private static String find(Pattern p, String header, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException("the header has no '" + key + "' entry: " + header.strip());
        }
        return m.group(1);
    }

    private static int[] parseShape(String inside) {
        String[] parts = inside.split(",");
        int[] dims = new int[parts.length];
        int k = 0;
        for (String part : parts) {
            String s = part.strip();
            if (s.endsWith("L")) {
                s = s.substring(0, s.length() - 1); // Python 2 longs
            }
            if (s.isEmpty()) {
                continue;
            }
            try {
                dims[k] = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("shape (" + inside + ") is not a tuple of integers");
            }
            if (dims[k] < 0) {
                throw new IllegalArgumentException("shape (" + inside + ") has a negative dimension");
            }
            k++;
        }
        return Arrays.copyOf(dims, k);
    }
}
