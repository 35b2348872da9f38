package org.modelworkbench.editor.edit;

import java.util.List;
import org.modelworkbench.editor.command.Command;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;

/** Adds nodes and then edges (a new block, a paste, a duplicate); undo removes them again. */
public final class AddElements implements Command {
    private final Design design;
    private final List<Node> nodes;
    private final List<Edge> edges;
    private final String description;

    public AddElements(Design design, List<Node> nodes, List<Edge> edges, String description) {
        this.design = design;
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.description = description;
    }

    @Override
    public void execute() {
        for (Node n : nodes) {
            design.addNode(n);
        }
        for (Edge e : edges) {
            design.connect(e);
        }
    }

    @Override
    public void undo() {
        for (int i = edges.size() - 1; i >= 0; i--) {
            design.disconnect(edges.get(i));
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            design.removeNode(nodes.get(i).id());
        }
    }

    @Override
    public String description() {
        return description;
    }

    public List<Node> nodes() {
        return nodes;
    }
}
