package org.modelworkbench.projects.analysis;

/**
 * Something wrong with a design, located at a node and (when it belongs to one) an input port.
 */
public record Problem(String nodeId, String port, Kind kind, String message) {

    /** What kind of mistake it is; the editor draws each at the node and port where it arises. */
    public enum Kind {
        UNKNOWN_BLOCK_TYPE,
        INVALID_PARAMETER,
        UNCONNECTED_INPUT,
        UNKNOWN_PORT,
        SHAPE_MISMATCH,
        CYCLE
    }

    /** "node 'stage1_block2', input 'x': …" */
    public String location() {
        return "node '" + nodeId + "'" + (port == null ? "" : ", input '" + port + "'");
    }

    @Override
    public String toString() {
        return location() + ": " + message;
    }
}
