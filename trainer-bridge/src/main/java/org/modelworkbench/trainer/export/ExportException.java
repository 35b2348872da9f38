package org.modelworkbench.trainer.export;

/** An export or import that cannot be done, with a message naming what and where. */
public final class ExportException extends Exception {
    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
