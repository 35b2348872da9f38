package org.modelworkbench.projects.design;

/** What one mutation of a {@link Design} changed; analysis and views react to these. */
public sealed interface DesignChange {
    /** A node was added, removed, or replaced by a version with other parameters. */
    record NodeChanged(String nodeId) implements DesignChange {
    }

    /** Only the position of a node changed: nothing to re-analyse. */
    record NodeMoved(String nodeId) implements DesignChange {
    }

    /** An edge was added or removed. */
    record EdgeChanged(Edge edge) implements DesignChange {
    }

    /** Name or description changed. */
    record MetadataChanged() implements DesignChange {
    }

    /**
     * A composite block definition of the design was added or removed ({@code inside} null), or its
     * inside changed ({@code inside} is that change, as the inner design reported it).
     */
    record CompositeChanged(String name, DesignChange inside) implements DesignChange {
    }
}
