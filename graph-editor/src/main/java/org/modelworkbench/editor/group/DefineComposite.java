package org.modelworkbench.editor.group;

import org.modelworkbench.editor.command.Command;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;

/** Adds a composite block definition to a design's scope (a paste that brings one along); undo removes it. */
public final class DefineComposite implements Command {
    private final Design scope;
    private final CompositeDefinition definition;

    public DefineComposite(Design design, CompositeDefinition definition) {
        this.scope = design.compositeScope();
        this.definition = definition;
    }

    @Override
    public void execute() {
        scope.putComposite(definition);
    }

    @Override
    public void undo() {
        scope.removeComposite(definition.name());
    }

    @Override
    public String description() {
        return "Define " + definition.name();
    }
}
