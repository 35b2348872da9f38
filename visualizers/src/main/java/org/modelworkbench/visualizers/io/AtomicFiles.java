package org.modelworkbench.visualizers.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that a reader never sees it half written: the bytes go to a temporary file in
 * the same folder (same file system, so the move is a rename), which then replaces the target.
 * Missing parent folders are created. A failure leaves the previous file (if any) untouched and no
 * temporary file behind.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What writes the content: given the temporary file's stream (closed by the caller). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Writes what {@code content} produces to {@code target} atomically. */
    public static void write(Path target, Content content) throws IOException {
        if (target == null) {
            throw new IllegalArgumentException("no target file given");
        }
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || absolute.getFileName() == null) {
            throw new IllegalArgumentException("not a file path: " + target);
        }
        if (Files.isDirectory(absolute)) {
            throw new IOException("cannot write " + target + ": it is a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the folder " + dir + " for " + target.getFileName() + ": " + e, e);
        }
        // Not Files.createTempFile: it makes the file owner-only (0600), and the move would keep that.
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        OutputStream raw;
        try {
            raw = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("cannot write in the folder " + dir + ": " + e, e);
        }
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(raw, 1 << 16)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            if (e instanceof IOException io && !(io.getMessage() != null && io.getMessage().contains(target.toString()))) {
                throw new IOException("cannot write " + target + ": " + io, io);
            }
            throw e;
        }
    }
}
