package org.modelworkbench.editor.edit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelworkbench.editor.command.Command;
import org.modelworkbench.projects.analysis.Problem;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;

/**
 * The quick fix of a layout mismatch: a {@code tensor.permute} inserted on the wire between the
 * producer and the block that reads the other layout, placed half-way between them. One undo step;
 * the id and position are chosen when the command is made, so redo gives the same node.
 */
public final class InsertPermute implements Command {
    public static final String PERMUTE_TYPE = "tensor.permute";

    private final Design design;
    private final Edge edge;
    private final Node permute;
    private final String description;

    public InsertPermute(Design design, Problem.LayoutFix fix) {
        this.design = design;
        this.edge = fix.edge();
        Node from = design.node(edge.from().node()).orElseThrow();
        Node to = design.node(edge.to().node()).orElseThrow();
        String id = design.uniqueId("to_" + fix.to().shortName().toLowerCase(java.util.Locale.ROOT));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("dims", List.copyOf(fix.dims()));
        this.permute = new Node(id, PERMUTE_TYPE, params, (from.x() + to.x()) / 2, (from.y() + to.y()) / 2);
        this.description = fix.description();
    }

    /** The id of the permute this command inserts. */
    public String permuteId() {
        return permute.id();
    }

    @Override
    public void execute() {
        design.disconnect(edge);
        design.addNode(permute);
        design.connect(new Edge(edge.from(), new PortRef(permute.id(), "x")));
        design.connect(new Edge(new PortRef(permute.id(), "y"), edge.to()));
    }

    @Override
    public void undo() {
        design.removeNode(permute.id()); // and its two wires
        design.connect(edge);
    }

    @Override
    public String description() {
        return description;
    }
}
