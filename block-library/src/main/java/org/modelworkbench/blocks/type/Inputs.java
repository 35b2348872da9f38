package org.modelworkbench.blocks.type;

import java.util.List;
import org.modelworkbench.blocks.shape.Shape;

/** The input shapes of one block evaluation, with checks that name the port at fault. */
public final class Inputs {
    private final List<PortSpec> ports;
    private final List<Shape> shapes;

    public Inputs(List<PortSpec> ports, List<Shape> shapes) {
        this.ports = List.copyOf(ports);
        this.shapes = List.copyOf(shapes);
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
