package org.modelworkbench.trainer.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of MNIST and Fashion-MNIST, plain or gzip-compressed (recognised by its first two
 * bytes, not by the name). A file is a big-endian magic number {@code 0x000008DD} (unsigned bytes,
 * DD dimensions), DD big-endian 32-bit sizes, then the product of the sizes in bytes. Images are
 * {@code 0x00000803} (count × rows × columns), labels {@code 0x00000801} (count). Every way a file can
 * be wrong becomes a {@link DatasetException} naming it.
 */
public final class Idx {
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {
    }

    /** Images read from an IDX file: {@code count} images of {@code rows}×{@code columns} bytes. */
    public record Images(int count, int rows, int columns, byte[] pixels) {
    }

    /** Opens a named IDX file; lets the same reader serve folders and the bundled sample. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    public static Images readImages(Path file) throws DatasetException {
        return readImages(file.toString(), () -> Files.newInputStream(file));
    }

    public static Images readImages(String name, Source source) throws DatasetException {
        Parsed p = read(name, source, IMAGES_MAGIC, "images");
        return new Images(p.dims[0], p.dims[1], p.dims[2], p.data);
    }

    public static byte[] readLabels(Path file) throws DatasetException {
        return readLabels(file.toString(), () -> Files.newInputStream(file));
    }

    public static byte[] readLabels(String name, Source source) throws DatasetException {
        return read(name, source, LABELS_MAGIC, "labels").data;
    }

    private record Parsed(int[] dims, byte[] data) {
    }

    private static Parsed read(String name, Source source, int magic, String kind) throws DatasetException {
        try (InputStream raw = new BufferedInputStream(source.open(), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1F && raw.read() == 0x8B;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            String bytesWord = gzip ? "bytes once decompressed" : "bytes";
            try {
                byte[] head = in.readNBytes(4);
                if (head.length < 4) {
                    throw new DatasetException(name, "not an IDX file: it holds only " + head.length + " " + bytesWord);
                }
                int found = int32(head, 0);
                if (found != magic) {
                    throw new DatasetException(name, String.format(Locale.ROOT,
                            "magic number 0x%08X expected for %s, found 0x%08X%s", magic, kind, found,
                            found == (magic ^ 0x2) ? " (the " + (kind.equals("images") ? "labels" : "images")
                                    + " file in its place?)" : " (not an IDX %s file)".formatted(kind)));
                }
                int ndims = magic & 0xFF;
                byte[] dimBytes = in.readNBytes(4 * ndims);
                long headerSize = 4L + 4L * ndims;
                if (dimBytes.length < 4 * ndims) {
                    throw new DatasetException(name, truncated(headerSize, 4 + dimBytes.length, bytesWord));
                }
                int[] dims = new int[ndims];
                long total = 1;
                for (int d = 0; d < ndims; d++) {
                    dims[d] = int32(dimBytes, 4 * d);
                    if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
                        throw new DatasetException(name, "dimension " + d + " has the impossible size " + dims[d]);
                    }
                    total *= dims[d];
                }
                if (total > Integer.MAX_VALUE - 16) {
                    throw new DatasetException(name, String.format(Locale.ROOT,
                            "the header announces %,d bytes of data, more than one array can hold", total));
                }
                byte[] data = in.readNBytes((int) total);
                if (data.length < total) {
                    throw new DatasetException(name, truncated(headerSize + total, headerSize + data.length, bytesWord));
                }
                long extra = in.transferTo(OutputStream.nullOutputStream());
                if (extra > 0) {
                    throw new DatasetException(name, String.format(Locale.ROOT,
                            "expected %,d %s, found %,d: %,d bytes after the data the header announces",
                            headerSize + total, bytesWord, headerSize + total + extra, extra));
                }
                return new Parsed(dims, data);
            } catch (EOFException | ZipException e) {
                throw new DatasetException(name, "the gzip data is cut short or damaged (" + e.getMessage()
                        + "); download the file again", e);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DatasetException(name, "file not found", e);
        } catch (IOException e) {
            throw new DatasetException(name, "cannot be read: " + e, e);
        }
    }

    private static String truncated(long expected, long found, String bytesWord) {
        return String.format(Locale.ROOT, "truncated: expected %,d %s, found %,d", expected, bytesWord, found);
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    /** Writes images as IDX, gzip-compressed when the name ends in {@code .gz}. */
    public static void writeImages(Path file, int rows, int columns, byte[] pixels) throws IOException {
        if (pixels.length % (rows * columns) != 0) {
            throw new IllegalArgumentException(pixels.length + " bytes are not whole " + rows + "×" + columns + " images");
        }
        write(file, IMAGES_MAGIC, new int[] {pixels.length / (rows * columns), rows, columns}, pixels);
    }

    /** Writes labels as IDX, gzip-compressed when the name ends in {@code .gz}. */
    public static void writeLabels(Path file, byte[] labels) throws IOException {
        write(file, LABELS_MAGIC, new int[] {labels.length}, labels);
    }

    private static void write(Path file, int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length + 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        try (OutputStream out = file.getFileName().toString().endsWith(".gz")
                ? new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)
                : Files.newOutputStream(file)) {
            bytes.writeTo(out);
        }
    }
}
