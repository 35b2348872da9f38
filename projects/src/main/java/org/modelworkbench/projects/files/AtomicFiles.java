package org.modelworkbench.projects.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writing a file by way of a temporary file beside it, then a move, without changing who may
 * read it: {@link Files#createTempFile} makes files the owner alone can read (0600), and the move
 * would carry that onto the user's design. Here a new file gets the user's default permissions
 * (their umask), and a file that is replaced keeps the permissions it had. Used by project saves
 * (and their {@code .bak}) and by graph exports.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Creates an empty temporary file next to {@code target} (same folder, so the move is a rename),
     * with the default permissions for new files rather than {@code createTempFile}'s 0600.
     */
    public static Path createTempBeside(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + abs.getFileName() + "." + Long.toUnsignedString(
                    ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * Moves {@code tmp} over {@code target} (atomically where the file system can), giving it the
     * permissions of the file it replaces; a new file keeps the default permissions.
     */
    public static void replace(Path tmp, Path target) throws IOException {
        if (Files.exists(target)) {
            copyPermissions(target, tmp);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Copies {@code file} to {@code copy} (replacing it), with the permissions of {@code file}. */
    public static void copyWithPermissions(Path file, Path copy) throws IOException {
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        copyPermissions(file, copy);
    }

    /** Gives {@code to} the POSIX permissions of {@code from}; does nothing where there are none (Windows). */
    public static void copyPermissions(Path from, Path to) throws IOException {
        if (Files.getFileAttributeView(from, PosixFileAttributeView.class) == null
                || Files.getFileAttributeView(to, PosixFileAttributeView.class) == null) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(from);
        if (!perms.equals(Files.getPosixFilePermissions(to))) {
            Files.setPosixFilePermissions(to, perms);
        }
    }
}
