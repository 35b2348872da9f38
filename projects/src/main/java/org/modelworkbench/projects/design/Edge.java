package org.modelworkbench.projects.design;

/** A wire from an output port to an input port. An input port has at most one incoming edge. */
public record Edge(PortRef from, PortRef to) {
    @Override
    public String toString() {
        return from + " → " + to;
    }
}
