package org.modelworkbench.projects.design;

/** A port of a node, written "node.port" in files. */
public record PortRef(String node, String port) {

    /** Parses "node.port"; the node id may not contain a dot, the port may. */
    public static PortRef parse(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a port reference such as \"conv1.y\"");
        }
        return new PortRef(text.substring(0, dot), text.substring(dot + 1));
    }

    @Override
    public String toString() {
        return node + "." + port;
    }
}
