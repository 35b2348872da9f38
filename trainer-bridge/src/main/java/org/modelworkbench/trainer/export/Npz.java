package org.modelworkbench.trainer.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.modelworkbench.projects.files.AtomicFiles;

/**
 * NumPy's {@code .npz} (a zip of {@code .npy} arrays named by their keys) and {@code .npy} for float32
 * tensors: the weights format both ways between the workbench and PyTorch (ADR 17). Reads float32 and
 * float64 (as float32), little-endian, C order, written stored or deflated, as {@code np.savez} and
 * {@code np.savez_compressed} do.
 */
public final class Npz {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npz() {
    }

    /** A named array: its shape and its values in C order. */
    public record Tensor(long[] shape, float[] data) {
        public Tensor {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("a tensor of shape " + java.util.Arrays.toString(shape) + " holds "
                        + n + " values, not " + data.length);
            }
        }
    }

    /** Writes {@code tensors} to {@code file} atomically (a reader never sees half a file). */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        Path tmp = AtomicFiles.createTempBeside(file);
        try {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                zip.setLevel(1); // weights hardly compress; speed matters more
                for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                    writeNpy(zip, e.getValue());
                    zip.closeEntry();
                }
            }
            AtomicFiles.replace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes one {@code .npy} atomically. */
    public static void writeNpy(Path file, Tensor tensor) throws IOException {
        Path tmp = AtomicFiles.createTempBeside(file);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writeNpy(out, tensor);
            }
            AtomicFiles.replace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void writeNpy(OutputStream out, Tensor t) throws IOException {
        StringBuilder shape = new StringBuilder();
        for (long d : t.shape()) {
            shape.append(d).append(", ");
        }
        if (t.shape().length > 1) {
            shape.setLength(shape.length() - 2);
        } else if (t.shape().length == 1) {
            shape.setLength(shape.length() - 1);
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        out.write(MAGIC);
        out.write(new byte[] {1, 0});
        out.write(new byte[] {(byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : t.data()) {
            if (!b.hasRemaining()) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
            b.putFloat(v);
        }
        out.write(b.array(), 0, b.position());
    }

    /** Every array of an {@code .npz}, in file order. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4 || head[0] != 'P' || head[1] != 'K') {
                throw new IOException(file + " is not an .npz file (no zip header)");
            }
        }
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (!name.endsWith(".npy")) {
                    throw new IOException(file + ": entry '" + name + "' is not an array (.npy)");
                }
                try {
                    out.put(name.substring(0, name.length() - 4), readNpy(zip.readAllBytes()));
                } catch (IOException ex) {
                    throw new IOException(file + ", array '" + name + "': " + ex.getMessage(), ex);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + " is not an .npz file (" + e.getMessage() + ")", e);
        }
        return out;
    }

    /** One {@code .npy} file. */
    public static Tensor readNpy(Path file) throws IOException {
        try {
            return readNpy(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static Tensor readNpy(byte[] bytes) throws IOException {
        if (bytes.length < 10 || !java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IOException("not a NumPy array (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength;
        int start;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(buf.getShort(8));
            start = 10;
        } else {
            headerLength = buf.getInt(8);
            start = 12;
        }
        String header = new String(bytes, start, headerLength, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher order = ORDER.matcher(header);
        Matcher shapeM = SHAPE.matcher(header);
        if (!descr.find() || !order.find() || !shapeM.find()) {
            throw new IOException("unreadable header: " + header.strip());
        }
        if (order.group(1).equals("True")) {
            throw new IOException("Fortran-ordered arrays are not read; save with np.ascontiguousarray");
        }
        String[] parts = shapeM.group(1).split(",");
        long[] shape = java.util.Arrays.stream(parts).map(String::strip).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IOException("array of " + n + " values is too large");
        }
        float[] data = new float[(int) n];
        buf.position(start + headerLength);
        switch (descr.group(1)) {
            case "<f4" -> {
                check(buf, n * 4);
                buf.asFloatBuffer().get(data);
            }
            case "<f8" -> {
                check(buf, n * 8);
                for (int i = 0; i < n; i++) {
                    data[i] = (float) buf.getDouble();
                }
            }
            default -> throw new IOException("dtype " + descr.group(1) + " is not read; use float32");
        }
        return new Tensor(shape, data);
    }

    private static void check(ByteBuffer buf, long bytes) throws IOException {
        if (buf.remaining() < bytes) {
            throw new IOException("the data ends after " + buf.remaining() + " of " + bytes + " bytes");
        }
    }
}
