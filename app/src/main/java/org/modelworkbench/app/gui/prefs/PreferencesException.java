package org.modelworkbench.app.gui.prefs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * The settings could not be written: which file, and why in words (not a stack trace). The message
 * reads "Could not save the settings to FILE: REASON".
 */
public final class PreferencesException extends Exception {
    private final transient Path file;
    private final String reason;

    public PreferencesException(Path file, String reason, Throwable cause) {
        super("Could not save the settings to " + file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** Why, in a few words ("a folder is in the way", "permission denied", …). */
    public String reason() {
        return reason;
    }

    /** A reason a user can act on, from an I/O failure. */
    static String reasonOf(IOException e) {
        if (e instanceof DirectoryNotEmptyException) {
            return "a folder of that name is in the way";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "the folder does not exist";
        }
        if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
            return "a file is in the way where a folder should be";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
