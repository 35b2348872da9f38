package org.modelworkbench.app.gui.window;

import java.util.Objects;
import java.util.function.Function;
import javafx.scene.Node;
import org.modelworkbench.editor.lifecycle.Disposable;
import org.modelworkbench.editor.model.EditorModel;

/**
 * A panel every workspace shows besides the editing views (the training panel, a visualizer):
 * {@code factory} builds it for the model a workspace shows, each time a workspace is built (a
 * document opened, a composite entered or left). When the workspace is replaced or the document
 * closes, the panel is taken out and, if it is {@link Disposable}, disposed: a panel that follows
 * the model registers its listeners through {@code Subscriptions} and removes them there.
 *
 * @param id        the node id of the panel's tab or side slot ({@code "tab-" + id} for a bottom tab)
 * @param title     the tab's title
 * @param placement below the canvas (a tab next to Profile and Problems) or at the right side
 */
public record WorkspacePanel(String id, String title, Placement placement, Function<EditorModel, ? extends Node> factory) {
    public enum Placement { SIDE, BOTTOM }

    public WorkspacePanel {
        Objects.requireNonNull(id);
        Objects.requireNonNull(title);
        Objects.requireNonNull(placement);
        Objects.requireNonNull(factory);
    }
}
