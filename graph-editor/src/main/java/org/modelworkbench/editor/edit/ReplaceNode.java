package org.modelworkbench.editor.edit;

import org.modelworkbench.editor.command.Command;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Node;

/** Replaces a node by a new version of itself (new parameters, new position); undo restores the old one. */
public final class ReplaceNode implements Command {
    private final Design design;
    private final Node before;
    private final Node after;
    private final String description;

    public ReplaceNode(Design design, Node after, String description) {
        this.design = design;
        this.before = design.node(after.id()).orElseThrow(() -> new IllegalArgumentException("no node " + after.id()));
        this.after = after;
        this.description = description;
    }

    @Override
    public void execute() {
        design.replaceNode(after);
    }

    @Override
    public void undo() {
        design.replaceNode(before);
    }

    @Override
    public String description() {
        return description;
    }
}
