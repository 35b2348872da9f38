package org.modelworkbench.projects.files;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns a file of format {@link #from()} into format {@code from() + 1}, on the JSON tree. */
public interface Migration {
    int from();

    ObjectNode apply(ObjectNode root);
}
