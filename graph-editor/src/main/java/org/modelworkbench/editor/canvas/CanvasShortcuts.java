package org.modelworkbench.editor.canvas;

import java.util.List;

/** The canvas's mouse and keyboard bindings, for a help panel ("Ctrl" reads "⌘" on macOS). */
public final class CanvasShortcuts {
    private CanvasShortcuts() {
    }

    /** One binding: the keys or mouse gesture, and what it does. */
    public record Shortcut(String keys, String action) {
    }

    public static List<Shortcut> all() {
        return List.of(
                new Shortcut("Click", "Select a block or wire (a click within a few pixels of a wire takes it)"),
                new Shortcut("Right-click", "Menu for the block, wire or canvas under the pointer (selects it first)"),
                new Shortcut("Shift+Click / Ctrl+Click", "Add to or remove from the selection"),
                new Shortcut("Drag on empty canvas", "Rubber-band selection of blocks and the wires between them (Shift/Ctrl adds)"),
                new Shortcut("Drag to an edge of the canvas", "Scroll that way while moving blocks, drawing a wire or a band"),
                new Shortcut("Drag a block", "Move the selection, snapped to the grid (hold Alt: no snapping)"),
                new Shortcut("Drag output port → input port", "Connect (green: allowed; red: refused, with the reason)"),
                new Shortcut("Drag a connected input port", "Move the wire to another input, or drop it on empty canvas to remove it"),
                new Shortcut("Drag from the palette", "Add a block where it is dropped"),
                new Shortcut("Double-click a block", "Open it (composite blocks)"),
                new Shortcut("Mouse wheel", "Zoom around the cursor"),
                new Shortcut("Shift+Wheel / Alt+Wheel", "Pan sideways / up and down"),
                new Shortcut("Trackpad scroll / pinch", "Pan / zoom"),
                new Shortcut("Middle or right drag, Space+Drag", "Pan"),
                new Shortcut("Ctrl+= / Ctrl+-", "Zoom in / out"),
                new Shortcut("Ctrl+0", "Zoom to 100 %"),
                new Shortcut("F or Shift+1", "Zoom to fit the whole design"),
                new Shortcut("Arrow keys", "Nudge the selection one grid step (Shift: five steps, Alt: one unit)"),
                new Shortcut("Delete / Backspace", "Delete the selected blocks and wires"),
                new Shortcut("Ctrl+A", "Select all blocks"),
                new Shortcut("Escape", "Clear the selection, or cancel a wire being drawn"));
    }
}
