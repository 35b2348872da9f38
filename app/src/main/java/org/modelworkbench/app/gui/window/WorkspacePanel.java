package org.modelworkbench.app.gui.window;

import java.util.Objects;
import java.util.function.Function;
import javafx.scene.Node;
import org.modelworkbench.app.gui.document.Document;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.lifecycle.Disposable;
import org.modelworkbench.editor.model.EditorModel;

/**
 * A panel every workspace shows besides the editing views (the training panel, a visualizer):
 * {@code builder} builds it for the workspace, each time a workspace is built (a document opened,
 * a composite entered or left), from the {@link Context}: the document, the model shown and its
 * canvas. When the workspace is replaced or the document closes, the panel is taken out and, if it
 * is {@link Disposable}, disposed: a panel that follows the model or the canvas registers its
 * listeners through {@code Subscriptions} and removes them there.
 *
 * <p>A panel that needs only the model can be made from a {@code Function<EditorModel, Node>}
 * (pass a typed variable or a method reference: an untyped lambda fits both constructors).
 *
 * @param id        the node id of the panel's tab or side slot ({@code "tab-" + id} for a bottom tab)
 * @param title     the tab's title
 * @param placement below the canvas (a tab next to Profile and Problems) or at the right side
 */
public record WorkspacePanel(String id, String title, Placement placement, Builder builder) {
    public enum Placement { SIDE, BOTTOM }

    /** Builds a panel for one workspace. */
    @FunctionalInterface
    public interface Builder {
        Node build(Context context);
    }

    /**
     * What a panel is built for.
     *
     * @param document the open document
     * @param model    the model the workspace shows: the document's own, or the inside of an open composite
     * @param canvas   the workspace's canvas (e.g. to set an overlay on it)
     */
    public record Context(Document document, EditorModel model, GraphCanvas canvas) {
        /** True when the workspace shows the document's own design, not the inside of a composite. */
        public boolean showsDocumentLevel() {
            return model == document.model();
        }
    }

    public WorkspacePanel {
        Objects.requireNonNull(id);
        Objects.requireNonNull(title);
        Objects.requireNonNull(placement);
        Objects.requireNonNull(builder);
    }

    /** A panel built from the model shown alone. */
    public WorkspacePanel(String id, String title, Placement placement, Function<EditorModel, ? extends Node> factory) {
        this(id, title, placement, fromModel(factory));
    }

    private static Builder fromModel(Function<EditorModel, ? extends Node> factory) {
        Objects.requireNonNull(factory);
        return context -> factory.apply(context.model());
    }
}
