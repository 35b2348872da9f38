package org.modelworkbench.trainer.engine;

/** An execution mode cannot run here (or cannot run this design); the message says why. */
public final class ModeUnavailableException extends Exception {
    public ModeUnavailableException(String message) {
        super(message);
    }
}
