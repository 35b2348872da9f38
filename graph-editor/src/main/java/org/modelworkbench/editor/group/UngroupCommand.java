package org.modelworkbench.editor.group;

import java.util.List;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.editor.command.Command;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.composite.Ungrouping;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Node;

/**
 * Ungroups a composite node as one undo step: its inside is inlined in its place and rewired (a
 * user composite's definition, removed when nothing else uses it; or a library composite's
 * generated inside). Undo restores the design exactly. See {@link Ungrouping}.
 */
public final class UngroupCommand implements Command {
    private final Ungrouping.Plan plan;

    /** @throws IllegalArgumentException saying why the node cannot be ungrouped */
    public UngroupCommand(Design design, String nodeId, BlockLibrary library, DesignAnalysis analysis) {
        this.plan = Ungrouping.plan(design, nodeId, library, analysis);
    }

    @Override
    public void execute() {
        Ungrouping.apply(plan);
    }

    @Override
    public void undo() {
        Ungrouping.revert(plan);
    }

    @Override
    public String description() {
        return "Ungroup " + plan.node().id();
    }

    /** The ids of the inlined blocks. */
    public List<String> addedNodeIds() {
        return plan.addedNodes().stream().map(Node::id).toList();
    }

    public Ungrouping.Plan plan() {
        return plan;
    }
}
