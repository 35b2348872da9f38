package org.modelworkbench.projects.files;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Format 1 → 2: format 2 adds the top-level {@code "composites"} object (the composite blocks the
 * user made by grouping, by name). A format 1 file has none, so it gets an empty one.
 */
final class AddCompositesMigration implements Migration {
    @Override
    public int from() {
        return 1;
    }

    @Override
    public ObjectNode apply(ObjectNode root) {
        if (!root.has("composites")) {
            root.putObject("composites");
        }
        return root;
    }
}
