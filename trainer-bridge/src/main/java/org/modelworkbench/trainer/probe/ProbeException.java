package org.modelworkbench.trainer.probe;

/**
 * A model cannot be opened for probing: a run folder without a design snapshot or a checkpoint, a
 * checkpoint of another design (its message names the first parameter that differs), a design that does
 * not compile, an unreadable file. The message is meant for the user as it stands.
 */
public final class ProbeException extends Exception {
    public ProbeException(String message) {
        super(message);
    }

    public ProbeException(String message, Throwable cause) {
        super(message, cause);
    }
}
