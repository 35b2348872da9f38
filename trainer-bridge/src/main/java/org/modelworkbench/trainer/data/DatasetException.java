package org.modelworkbench.trainer.data;

/**
 * A dataset that cannot be used: missing, truncated or in the wrong format. It names the file (or
 * folder) and says what is wrong in words a user can act on, so the app shows {@link #getMessage()}
 * before any training starts instead of a stack trace.
 */
public class DatasetException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String reason;

    public DatasetException(String file, String reason) {
        this(file, reason, null);
    }

    public DatasetException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file or folder at fault, as the user would find it (a path, or a resource name for the sample). */
    public String file() {
        return file;
    }

    /** What is wrong with it, without the file name. */
    public String reason() {
        return reason;
    }
}
