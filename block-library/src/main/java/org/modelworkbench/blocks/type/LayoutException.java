package org.modelworkbench.blocks.type;

import java.util.List;
import org.modelworkbench.blocks.shape.Layout;

/**
 * An input tensor whose layout the block cannot read: names the port, what the block expects and
 * what arrived, so that the analysis can add where the tensor comes from.
 */
public final class LayoutException extends ShapeException {
    private final String expected;
    private final Layout actual;
    private final List<Layout> accepted;

    public LayoutException(String port, String expected, Layout actual) {
        this(port, expected, actual, List.of());
    }

    public LayoutException(String port, String expected, Layout actual, List<Layout> accepted) {
        this(port, "expects " + expected + "; the input is " + actual.description(), expected, actual, accepted);
    }

    public LayoutException(String port, String message, String expected, Layout actual) {
        this(port, message, expected, actual, List.of());
    }

    public LayoutException(String port, String message, String expected, Layout actual, List<Layout> accepted) {
        super(port, message);
        this.expected = expected;
        this.actual = actual;
        this.accepted = List.copyOf(accepted);
    }

    /** The same problem said at another port with another message (a composite relocating an inner one). */
    public LayoutException relocated(String newPort, String newMessage) {
        return new LayoutException(newPort, newMessage, expected, actual, accepted);
    }

    /** The layouts the port accepts, when it can say (for a fix such as inserting a permute). */
    public List<Layout> accepted() {
        return accepted;
    }

    /** What the port accepts, e.g. "channels-first N×C×H×W". */
    public String expected() {
        return expected;
    }

    public Layout actual() {
        return actual;
    }
}
