package org.modelworkbench.trainer.compile;

/** Why a design cannot be turned into a runnable model; the message names the node. */
public class DesignCompileException extends Exception {
    public DesignCompileException(String message) {
        super(message);
    }

    public DesignCompileException(String message, Throwable cause) {
        super(message, cause);
    }
}
