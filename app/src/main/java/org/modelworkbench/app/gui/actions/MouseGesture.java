package org.modelworkbench.app.gui.actions;

/**
 * What the mouse does on the canvas (graph-editor's canvas gestures): the table from which the
 * Mouse section of Help › Keyboard Shortcuts is made, as {@link ActionId} is for the keys. Only
 * gestures that work are listed: add a row here when the canvas learns a new one.
 */
public enum MouseGesture {
    ZOOM("Zoom", "Mouse wheel, pinch", "Zoom around the pointer"),
    PAN("Pan", "Middle or right drag, Space+drag, Shift+wheel (sideways), Alt+wheel (up and down)",
            "Move the view"),
    SELECT("Select", "Click a block or wire; Shift/Ctrl+click adds or removes",
            "Select blocks and wires; Escape clears the selection"),
    BOX_SELECT("Box select", "Drag on empty canvas (Shift/Ctrl: add to the selection)",
            "Select every block inside the box, and the wires between them"),
    CONTEXT_MENU("Context menu", "Right-click a block, a wire, the canvas or a palette entry (menu key, Shift+F10)",
            "Cut, copy, delete, group, open; delete a wire; paste here, zoom to fit; add a block"),
    AUTO_SCROLL("Scroll while dragging", "Hold a dragged block, wire or box near the canvas edge",
            "The view scrolls, faster nearer the edge"),
    MOVE("Move", "Drag a block (Alt: no snapping to the grid)", "Move the selected blocks"),
    CONNECT("Connect", "Drag from an output port onto an input port",
            "Draw a wire (refused with the reason when invalid)"),
    REWIRE("Rewire", "Drag a connected input port",
            "Move the wire to another input, or drop it on the canvas to remove it"),
    OPEN_INSIDE("Open inside", "Double-click a composite block", "Edit the inside of the composite"),
    ADD_BLOCK("Add a block", "Drag a palette entry onto the canvas (or double-click it)",
            "Place a new block");

    private final String action;
    private final String gesture;
    private final String description;

    MouseGesture(String action, String gesture, String description) {
        this.action = action;
        this.gesture = gesture;
        this.description = description;
    }

    public String action() {
        return action;
    }

    /** What to do with the mouse, e.g. "Mouse wheel, pinch". */
    public String gesture() {
        return gesture;
    }

    public String description() {
        return description;
    }
}
