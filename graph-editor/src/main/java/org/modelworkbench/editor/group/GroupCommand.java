package org.modelworkbench.editor.group;

import java.util.Collection;
import org.modelworkbench.editor.command.Command;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.composite.Grouping;
import org.modelworkbench.projects.design.Design;

/**
 * Groups a selection into a new user composite block, as one undo step: the selected blocks move
 * into the new definition and are replaced by one {@code user.<name>} node. The plan is made when
 * the command is constructed (so the refusal, if any, comes before anything changes), and undo
 * restores the design exactly, document order included. See {@link Grouping} for how boundary
 * ports are chosen.
 */
public final class GroupCommand implements Command {
    private final Grouping.Plan plan;

    /**
     * @param analysis the current analysis (may be null): the boundary inputs remember the shapes
     *                 they carry now as their example shapes
     * @throws IllegalArgumentException saying why the selection cannot be grouped
     */
    public GroupCommand(Design design, Collection<String> selection, String name, DesignAnalysis analysis) {
        this.plan = Grouping.plan(design, selection, name, analysis);
    }

    @Override
    public void execute() {
        Grouping.apply(plan);
    }

    @Override
    public void undo() {
        Grouping.revert(plan);
    }

    @Override
    public String description() {
        int n = plan.removedNodes().size();
        return "Group " + (n == 1 ? plan.removedNodes().get(0).id() : n + " blocks") + " as " + plan.definition().name();
    }

    /** The id of the composite node that replaces the selection. */
    public String nodeId() {
        return plan.node().id();
    }

    public Grouping.Plan plan() {
        return plan;
    }
}
