package org.modelworkbench.editor.edit;

import java.util.Objects;
import org.modelworkbench.editor.command.Command;
import org.modelworkbench.projects.design.Design;

/** Gives a design a new name and description in one step; undo restores both. */
public final class RenameDesign implements Command {
    private final Design design;
    private final String oldName;
    private final String oldDescription;
    private final String newName;
    private final String newDescription;

    public RenameDesign(Design design, String name, String description) {
        this.design = Objects.requireNonNull(design);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a design needs a name");
        }
        this.oldName = design.name();
        this.oldDescription = design.description();
        this.newName = name.strip();
        this.newDescription = Objects.requireNonNull(description);
    }

    /** True when the command would change nothing (the dialog then adds no step to the history). */
    public boolean changesNothing() {
        return oldName.equals(newName) && oldDescription.equals(newDescription);
    }

    @Override
    public void execute() {
        design.setName(newName);
        design.setDescription(newDescription);
    }

    @Override
    public void undo() {
        design.setName(oldName);
        design.setDescription(oldDescription);
    }

    @Override
    public String description() {
        return oldName.equals(newName) ? "Edit the description of " + newName : "Rename to " + newName;
    }
}
