package org.modelworkbench.editor.command;

import java.util.List;

/** Several commands as one undo step (one gesture: a paste, a multi-node drag, a delete). */
public final class CompositeCommand implements Command {
    private final String description;
    private final List<Command> steps;

    public CompositeCommand(String description, List<? extends Command> steps) {
        this.description = description;
        this.steps = List.copyOf(steps);
    }

    @Override
    public void execute() {
        for (Command c : steps) {
            c.execute();
        }
    }

    @Override
    public void undo() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            steps.get(i).undo();
        }
    }

    @Override
    public void redo() {
        for (Command c : steps) {
            c.redo();
        }
    }

    @Override
    public String description() {
        return description;
    }

    public List<Command> steps() {
        return steps;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
