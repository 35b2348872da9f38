package org.modelworkbench.projects.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Brings an old file up to the current format one version at a time. Each step is a small,
 * separately tested function on the JSON tree, with a golden fixture of the version it reads.
 */
public final class Migrations {
    /** The format this version of the app writes. */
    public static final int CURRENT_VERSION = 3;

    /**
     * The steps of the app; step i turns version i+1 into i+2. 1 → 2 adds the (empty)
     * {@code "composites"} object of format 2; 2 → 3 writes the old defaults that format 3 made
     * "auto" (conv padding 1, norm and head layouts) where a file left them implicit.
     */
    public static final Migrations STANDARD = new Migrations(CURRENT_VERSION,
            List.of(new AddCompositesMigration(), new ExplicitOldDefaultsMigration()));

    private final int current;
    private final List<Migration> steps;

    public Migrations(int current, List<Migration> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).from() != i + 1) {
                throw new IllegalArgumentException("migration " + i + " must read version " + (i + 1));
            }
        }
        if (steps.size() != current - 1) {
            throw new IllegalArgumentException("need " + (current - 1) + " migrations to reach version " + current);
        }
        this.current = current;
        this.steps = List.copyOf(steps);
    }

    public int current() {
        return current;
    }

    /** Applies every step from {@code version} to the current one and stamps the new version. */
    public ObjectNode migrate(ObjectNode root, int version) {
        ObjectNode tree = root;
        for (int v = version; v < current; v++) {
            tree = steps.get(v - 1).apply(tree);
            tree.put("formatVersion", v + 1);
        }
        return tree;
    }
}
