package org.modelworkbench.blocks.type;

import java.util.ArrayList;
import java.util.List;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;

/**
 * The input tensors of one block evaluation (shapes and, when the caller tracks them, layouts),
 * with checks that name the port at fault.
 */
public final class Inputs {
    private final List<PortSpec> ports;
    private final List<Shape> shapes;
    private final List<Layout> layouts;

    public Inputs(List<PortSpec> ports, List<Shape> shapes) {
        this(ports, shapes, null);
    }

    /** {@code layouts} null: a shape-only evaluation, in which layouts are not checked. */
    public Inputs(List<PortSpec> ports, List<Shape> shapes, List<Layout> layouts) {
        this.ports = List.copyOf(ports);
        this.shapes = List.copyOf(shapes);
        this.layouts = layouts == null ? null : List.copyOf(layouts);
    }

    public int size() {
        return shapes.size();
    }

    public Shape get(int i) {
        return shapes.get(i);
    }

    public List<Shape> all() {
        return shapes;
    }

    public String portName(int i) {
        return ports.get(i).name();
    }

    /** True when layouts are tracked (the analysis); false in a shape-only evaluation. */
    public boolean checked() {
        return layouts != null;
    }

    /** The layout of input {@code i}, or null in a shape-only evaluation. */
    public Layout layout(int i) {
        return layouts == null ? null : layouts.get(i);
    }

    /** The input layouts, or null in a shape-only evaluation. */
    public List<Layout> layouts() {
        return layouts;
    }

    /**
     * Input {@code i} must be in one of the {@code accepted} layouts (nothing is checked in a
     * shape-only evaluation); returns its layout.
     */
    public Layout require(int i, Layout... accepted) throws LayoutException {
        if (layouts == null) {
            return null;
        }
        Layout l = layouts.get(i);
        for (Layout a : accepted) {
            if (a == l) {
                return l;
            }
        }
        throw new LayoutException(portName(i), describe(accepted), l, List.of(accepted));
    }

    /** "channels-first N×C×H×W or vector N×D" (an accepted unknown layout is not named). */
    public static String describe(Layout... layouts) {
        List<String> parts = new ArrayList<>();
        for (Layout l : layouts) {
            if (l != Layout.ANY) { // accepting an unknown layout is leniency, not an expectation
                parts.add(l.description());
            }
        }
        return String.join(" or ", parts);
    }

    /** The shape on input {@code i}, which must have exactly {@code rank} dimensions laid out as {@code layout}. */
    public Shape rank(int i, int rank, String layout) throws ShapeException {
        Shape s = shapes.get(i);
        if (s.rank() != rank) {
            throw error(i, "expects a " + rank + "-D tensor " + layout + ", got " + s.rank() + "-D " + s);
        }
        return s;
    }

    /** The shape on input {@code i}, which must have at least {@code rank} dimensions. */
    public Shape minRank(int i, int rank, String layout) throws ShapeException {
        Shape s = shapes.get(i);
        if (s.rank() < rank) {
            throw error(i, "expects at least a " + rank + "-D tensor " + layout + ", got " + s.rank() + "-D " + s);
        }
        return s;
    }

    /** An error located at input {@code i}. */
    public ShapeException error(int i, String message) {
        return new ShapeException(ports.get(i).name(), message);
    }
}
