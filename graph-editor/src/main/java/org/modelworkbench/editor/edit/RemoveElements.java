package org.modelworkbench.editor.edit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.modelworkbench.editor.command.Command;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;

/**
 * Removes nodes (with every edge attached to them) and single edges as one step. The removed
 * nodes and edges are captured at construction, so undo puts back exactly what was there.
 */
public final class RemoveElements implements Command {
    private final Design design;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges;
    private final String description;

    public RemoveElements(Design design, Collection<String> nodeIds, Collection<Edge> extraEdges, String description) {
        this.design = design;
        this.description = description;
        Set<Edge> all = new LinkedHashSet<>();
        for (Node n : design.nodes()) {
            if (nodeIds.contains(n.id())) {
                nodes.add(n);
            }
        }
        for (Edge e : design.edges()) {
            if (nodeIds.contains(e.from().node()) || nodeIds.contains(e.to().node()) || extraEdges.contains(e)) {
                all.add(e);
            }
        }
        this.edges = List.copyOf(all);
    }

    @Override
    public void execute() {
        for (Edge e : edges) {
            design.disconnect(e);
        }
        for (Node n : nodes) {
            design.removeNode(n.id());
        }
    }

    @Override
    public void undo() {
        for (Node n : nodes) {
            design.addNode(n);
        }
        for (Edge e : edges) {
            design.connect(e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    public boolean isEmpty() {
        return nodes.isEmpty() && edges.isEmpty();
    }
}
