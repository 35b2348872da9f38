package org.modelworkbench.projects.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.modelworkbench.projects.design.Design;

/**
 * Opens and saves project files. Saving is atomic: the JSON goes to a temporary file in the same
 * folder, is flushed to disk, the previous file is kept as {@code name.json.bak}, and the temporary
 * file is renamed over the target. A failed save leaves the old file untouched. The saved file and
 * its {@code .bak} keep the permissions of the file replaced; a new file gets the user's default.
 */
public final class ProjectFiles {
    /** Larger files are refused before parsing: no real design comes near this. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private ProjectFiles() {
    }

    public static Design read(Path file) throws ProjectFileException {
        return read(file, new DesignReader());
    }

    public static Design read(Path file, DesignReader reader) throws ProjectFileException {
        String name = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw new ProjectFileException(name, "/", "is a folder, not a project file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ProjectFileException(name, "/", "is " + size / (1024 * 1024) + " MiB; project files are at most "
                        + MAX_FILE_BYTES / (1024 * 1024) + " MiB");
            }
            byte[] bytes = Files.readAllBytes(file);
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new ProjectFileException(name, "/", "is not UTF-8 text (is it a project file?)");
            }
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1); // a byte order mark, as some Windows editors write: not part of the JSON
            }
            return reader.read(text, name);
        } catch (NoSuchFileException e) {
            throw new ProjectFileException(name, "/", "no such file");
        } catch (IOException e) {
            throw new ProjectFileException(name, "/", "cannot be read: " + e.getMessage());
        }
    }

    /** Saves atomically, keeping the previous version as {@code file + ".bak"}. */
    public static void write(Design design, Path file) throws ProjectFileException {
        byte[] bytes = DesignWriter.toJson(design).getBytes(StandardCharsets.UTF_8);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        if (Files.isDirectory(target)) {
            throw new ProjectFileException(file.toString(), "/", "could not be saved: it is a folder, not a file");
        }
        try {
            Files.createDirectories(dir);
            // Not createTempFile: its 0600 would become the design's (and the .bak's) permissions.
            tmp = AtomicFiles.createTempBeside(target);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (Files.exists(target)) {
                AtomicFiles.copyWithPermissions(target, backupOf(target));
            }
            // A replaced file keeps its permissions; a new one gets the user's umask.
            AtomicFiles.replace(tmp, target);
        } catch (IOException e) {
            throw new ProjectFileException(file.toString(), "/", "could not be saved: " + e
                    + " (the previous version, if any, is unchanged)");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // A left-over temporary file is harmless; the save itself already succeeded or failed.
                }
            }
        }
    }

    public static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".bak");
    }
}
