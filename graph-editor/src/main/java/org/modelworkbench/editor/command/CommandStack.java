package org.modelworkbench.editor.command;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Undo and redo. Executing a command clears the redo history. A command that tries to push
 * another command while it runs is refused: that would corrupt the history (Scene Builder's
 * JobManager guards the same way). A save point tells whether the document has unsaved changes.
 */
public final class CommandStack {
    private final Deque<Command> undo = new ArrayDeque<>();
    private final Deque<Command> redo = new ArrayDeque<>();
    private final int limit;
    private boolean busy;
    private Command savePoint;
    private boolean savePointLost;

    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper undoDescription = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper redoDescription = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(0);

    public CommandStack() {
        this(1000);
    }

    public CommandStack(int limit) {
        this.limit = limit;
    }

    public void execute(Command command) {
        guard(() -> command.execute());
        undo.push(command);
        redo.clear();
        if (undo.size() > limit) {
            Command dropped = undo.removeLast();
            if (dropped == savePoint) {
                savePointLost = true;
            }
        }
        changed();
    }

    public void undo() {
        if (undo.isEmpty()) {
            return;
        }
        Command c = undo.peek();
        guard(c::undo);
        redo.push(undo.pop());
        changed();
    }

    public void redo() {
        if (redo.isEmpty()) {
            return;
        }
        Command c = redo.peek();
        guard(c::redo);
        undo.push(redo.pop());
        changed();
    }

    /** Forgets all history (a new document). */
    public void clear() {
        undo.clear();
        redo.clear();
        savePoint = null;
        savePointLost = false;
        changed();
    }

    /** The current state is what is on disk. */
    public void markSaved() {
        savePoint = undo.peek();
        savePointLost = false;
        changed();
    }

    public boolean isExecuting() {
        return busy;
    }

    private void guard(Runnable action) {
        if (busy) {
            throw new IllegalStateException("a command may not execute, undo or redo another command while it runs");
        }
        busy = true;
        try {
            action.run();
        } finally {
            busy = false;
        }
    }

    private void changed() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        undoDescription.set(undo.isEmpty() ? "" : undo.peek().description());
        redoDescription.set(redo.isEmpty() ? "" : redo.peek().description());
        dirty.set(savePointLost || undo.peek() != savePoint);
        revision.set(revision.get() + 1);
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoDescriptionProperty() {
        return undoDescription.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoDescriptionProperty() {
        return redoDescription.getReadOnlyProperty();
    }

    /** True when there are changes since the last {@link #markSaved()}. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** Bumped after every execute, undo, redo, save or clear: views refresh from it. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }
}
