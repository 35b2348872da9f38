package org.modelworkbench.app.gui.actions;

import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Every command of the main window with its menu text and keys: the one table from which the menus,
 * the accelerators and the Help › Keyboard Shortcuts panel are all made, so they cannot drift apart.
 * The first key is shown in the menu; the others are alternatives. Actions with scope
 * {@link Scope#EDITOR} are ignored while a text field has the keyboard (so typing "f" in a search
 * box does not zoom, and Backspace deletes a character rather than leaving a composite).
 */
public enum ActionId {
    NEW(Group.FILE, "New…", "Start page: a blank design or a template", Scope.GLOBAL, shortcut(KeyCode.N)),
    OPEN(Group.FILE, "Open…", "Open a project file", Scope.GLOBAL, shortcut(KeyCode.O)),
    SAVE(Group.FILE, "Save", "Save the design", Scope.GLOBAL, shortcut(KeyCode.S)),
    SAVE_AS(Group.FILE, "Save As…", "Save the design under a new name", Scope.GLOBAL, shortcutShift(KeyCode.S)),
    RENAME_DESIGN(Group.FILE, "Rename Design…", "Change the design's name and description (one undoable step)",
            Scope.GLOBAL),
    EXPORT_PNG(Group.FILE, "Export PNG…", "Export the whole graph as a PNG image", Scope.GLOBAL, shortcutShift(KeyCode.E)),
    EXPORT_SVG(Group.FILE, "Export SVG…", "Export the whole graph as an SVG drawing", Scope.GLOBAL),
    EXPORT_PYTORCH(Group.FILE, "Export to PyTorch…", "Write the design as a PyTorch package (model.py, train.py for "
            + "torchrun) with its latest weights", Scope.GLOBAL),
    IMPORT_PYTORCH_RUN(Group.FILE, "Import PyTorch Run…", "Bring a run trained by an exported train.py back into "
            + "this design's history", Scope.GLOBAL),
    CLOSE(Group.FILE, "Close", "Close the design", Scope.GLOBAL, shortcut(KeyCode.W)),
    QUIT(Group.FILE, "Quit", "Quit Model Workbench", Scope.GLOBAL, shortcut(KeyCode.Q)),

    UNDO(Group.EDIT, "Undo", "Undo the last edit (its name is in the menu)", Scope.GLOBAL, shortcut(KeyCode.Z)),
    REDO(Group.EDIT, "Redo", "Redo the edit undone last", Scope.GLOBAL, shortcutShift(KeyCode.Z), shortcut(KeyCode.Y)),
    CUT(Group.EDIT, "Cut", "Cut the selected blocks", Scope.GLOBAL, shortcut(KeyCode.X)),
    COPY(Group.EDIT, "Copy", "Copy the selected blocks", Scope.GLOBAL, shortcut(KeyCode.C)),
    PASTE(Group.EDIT, "Paste", "Paste blocks", Scope.GLOBAL, shortcut(KeyCode.V)),
    DUPLICATE(Group.EDIT, "Duplicate", "Duplicate the selected blocks", Scope.GLOBAL, shortcut(KeyCode.D)),
    DELETE(Group.EDIT, "Delete", "Delete the selected blocks and wires", Scope.EDITOR, key(KeyCode.DELETE),
            key(KeyCode.BACK_SPACE)),
    SELECT_ALL(Group.EDIT, "Select All", "Select every block", Scope.EDITOR, shortcut(KeyCode.A)),
    GROUP(Group.EDIT, "Group…", "Group the selection into a named composite block", Scope.GLOBAL, shortcut(KeyCode.G)),
    UNGROUP(Group.EDIT, "Ungroup", "Replace the selected composite by its inside", Scope.GLOBAL, shortcutShift(KeyCode.G)),
    OPEN_INSIDE(Group.EDIT, "Open Inside", "Open the selected composite block (or double-click it)", Scope.EDITOR,
            key(KeyCode.ENTER)),
    LEAVE_INSIDE(Group.EDIT, "Leave Composite", "Go back up to the enclosing design", Scope.EDITOR,
            new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN)),
    AUTO_LAYOUT(Group.EDIT, "Auto-layout", "Lay out the selection, or the whole design (ELK layered)", Scope.GLOBAL,
            shortcut(KeyCode.L)),

    ZOOM_IN(Group.VIEW, "Zoom In", "Zoom in", Scope.GLOBAL, shortcut(KeyCode.EQUALS), shortcut(KeyCode.PLUS),
            shortcut(KeyCode.ADD)),
    ZOOM_OUT(Group.VIEW, "Zoom Out", "Zoom out", Scope.GLOBAL, shortcut(KeyCode.MINUS), shortcut(KeyCode.SUBTRACT)),
    ZOOM_FIT(Group.VIEW, "Zoom to Fit", "Show the whole design", Scope.EDITOR, key(KeyCode.F)),
    ZOOM_RESET(Group.VIEW, "Actual Size", "Zoom to 100 %", Scope.GLOBAL, shortcut(KeyCode.DIGIT0), shortcut(KeyCode.NUMPAD0)),
    SNAP_TO_GRID(Group.VIEW, "Snap to Grid", "Snap moved blocks to the grid", Scope.GLOBAL),
    MINIMAP(Group.VIEW, "Minimap", "Show the minimap in the corner of the canvas", Scope.GLOBAL, shortcutShift(KeyCode.M)),
    THEME_LIGHT(Group.VIEW, "Light Theme", "Use the light theme", Scope.GLOBAL),
    THEME_DARK(Group.VIEW, "Dark Theme", "Use the dark theme", Scope.GLOBAL),
    FIND_BLOCK(Group.VIEW, "Find Block", "Search the palette", Scope.GLOBAL, shortcut(KeyCode.F)),

    TRAIN(Group.RUN, "Train…", "Open the training panel: train the open design and watch it learn", Scope.GLOBAL,
            shortcut(KeyCode.T)),
    STOP_TRAINING(Group.RUN, "Stop Training", "Stop the run in progress (what it saved is kept)", Scope.GLOBAL),

    SHORTCUTS(Group.HELP, "Keyboard Shortcuts", "This list", Scope.GLOBAL, key(KeyCode.F1)),
    ABOUT(Group.HELP, "About Model Workbench", "Version and cost convention", Scope.GLOBAL);

    /** Menu the action belongs to. */
    public enum Group {
        FILE("File"), EDIT("Edit"), VIEW("View"), RUN("Run"), HELP("Help");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** Where a key works: anywhere in the window, or only while no text field has the keyboard. */
    public enum Scope { GLOBAL, EDITOR }

    private final Group group;
    private final String text;
    private final String description;
    private final Scope scope;
    private final List<KeyCombination> keys;

    ActionId(Group group, String text, String description, Scope scope, KeyCombination... keys) {
        this.group = group;
        this.text = text;
        this.description = description;
        this.scope = scope;
        this.keys = List.of(keys);
    }

    public Group group() {
        return group;
    }

    /** The menu text (Undo and Redo add the name of the edit). */
    public String text() {
        return text;
    }

    public String description() {
        return description;
    }

    public Scope scope() {
        return scope;
    }

    /** Keys, the one shown in the menu first. */
    public List<KeyCombination> keys() {
        return keys;
    }

    /** An id for the menu item, e.g. "menu-save-as". */
    public String menuItemId() {
        return "menu-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    private static KeyCombination shortcutShift(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    }

    private static KeyCombination key(KeyCode code) {
        return new KeyCodeCombination(code);
    }
}
