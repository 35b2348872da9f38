package org.modelworkbench.app.gui.window;

import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.stage.Stage;
import org.modelworkbench.app.gui.actions.ActionRegistry;
import org.modelworkbench.app.gui.document.DocumentController;
import org.modelworkbench.app.gui.prefs.Preferences;

/**
 * What the window's parts (action groups, menus) work on: the stage, the action registry, the
 * documents, the settings, the status bar, the workspace host, and whether the start page covers
 * the workspace. One per window.
 */
record ShellContext(Stage stage, ActionRegistry actions, DocumentController documents, Preferences preferences,
                    StatusBarView statusBar, WorkspaceHost host, BooleanProperty startPageShown) {

    /** True while there is nothing to edit: no design open, or the start page in front of it. */
    BooleanBinding notEditing() {
        return host.workspaceProperty().isNull().or(startPageShown);
    }

    /** Runs an action on the workspace shown, if one is shown (not behind the start page). */
    void withWorkspace(Consumer<Workspace> action) {
        Workspace ws = host.workspace();
        if (ws != null && !startPageShown.get()) {
            action.accept(ws);
        }
    }

    /** Commits what is being typed in the inspector (before a save). */
    void commitPendingEdits() {
        Workspace ws = host.workspace();
        if (ws != null) {
            ws.inspector.commitAll();
        }
    }
}
