package org.modelworkbench.blocks.type;

/**
 * A block cannot accept its input shapes or parameter combination. {@code port} names the input
 * port at fault, or is null when the problem belongs to the block as a whole.
 */
public class ShapeException extends Exception {
    private final String port;

    public ShapeException(String port, String message) {
        super(message);
        this.port = port;
    }

    public String port() {
        return port;
    }
}
