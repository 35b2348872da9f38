package org.modelworkbench.editor.edit;

import org.modelworkbench.editor.command.Command;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;

/** Adds one edge; if the input port already had one, it is replaced (and restored on undo). */
public final class Connect implements Command {
    private final Design design;
    private final Edge edge;
    private final Edge replaced;

    public Connect(Design design, Edge edge) {
        this.design = design;
        this.edge = edge;
        this.replaced = design.incoming(edge.to().node()).get(edge.to().port());
    }

    @Override
    public void execute() {
        if (replaced != null) {
            design.disconnect(replaced);
        }
        design.connect(edge);
    }

    @Override
    public void undo() {
        design.disconnect(edge);
        if (replaced != null) {
            design.connect(replaced);
        }
    }

    @Override
    public String description() {
        return "Connect " + edge.from() + " to " + edge.to();
    }
}
