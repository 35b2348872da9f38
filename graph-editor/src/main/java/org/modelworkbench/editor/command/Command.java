package org.modelworkbench.editor.command;

/**
 * One undoable edit. Atomic commands capture the state they replace when they are constructed
 * (Scene Builder's jobs do the same), so undo restores exactly what was there.
 */
public interface Command {
    void execute();

    void undo();

    /** Re-applies an undone command; by default the same as {@link #execute()}. */
    default void redo() {
        execute();
    }

    /** Shown in the Edit menu: "Undo Add Conv2d". */
    String description();
}
