package org.modelworkbench.app.gui.training;

import org.modelworkbench.projects.design.Design;

/** A run's design snapshot made ready to open as a new, untitled document. */
public final class RunDesigns {
    private RunDesigns() {
    }

    /**
     * The snapshot renamed "<design> (run <id>)", so the window says which run it came from. The
     * snapshot was just read from the run's record and no editor shows it yet: renaming it is not
     * an edit of anyone's document (the layering test lists this class with the other builders of
     * new designs).
     */
    public static Design asNewDocument(Design snapshot, String runId) {
        Design copy = snapshot.copy();
        copy.setName(titleOf(snapshot.name(), runId));
        return copy;
    }

    /** "resnet (run 20260104-1231)". */
    public static String titleOf(String designName, String runId) {
        return designName + " (run " + runId + ")";
    }
}
