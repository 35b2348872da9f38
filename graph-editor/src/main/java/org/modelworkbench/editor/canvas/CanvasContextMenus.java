package org.modelworkbench.editor.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.modelworkbench.editor.clipboard.EditorClipboard;
import org.modelworkbench.editor.group.CompositeActions;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Edge;

/**
 * The kit's own context menus, built from the kit's operations (the model's commands, the canvas's
 * view, {@link EditorClipboard}, {@link CompositeActions}); a shell extends them through
 * {@link ContextMenuProvider}. Every edit is one undo step.
 * <ul>
 *   <li>on a block (selected first if it was not): Cut, Copy, Paste, Duplicate, Delete, Group,
 *       Open inside (a composite, when the canvas has {@link GraphCanvas#onOpenNodeProperty()})</li>
 *   <li>on a wire (selected first): Delete</li>
 *   <li>on empty canvas: Paste here (at the click), Select all, Zoom to fit, Auto layout</li>
 * </ul>
 * Items have ids ({@code menu-delete}, …) for tests and styling.
 */
public final class CanvasContextMenus {
    /** What a right-click hit. */
    public enum Kind { NODE, WIRE, CANVAS }

    /**
     * What was right-clicked: a block ({@code nodeId}), a wire ({@code edge}) or empty canvas, and
     * where, in design coordinates.
     */
    public record Target(Kind kind, String nodeId, Edge edge, Point2D designPoint) {
    }

    private CanvasContextMenus() {
    }

    /** The kit's items for a target on this canvas. */
    public static List<MenuItem> kitItems(GraphCanvas canvas, Target target) {
        EditorModel model = canvas.model();
        boolean editable = !model.isReadOnly();
        List<MenuItem> items = new ArrayList<>();
        switch (target.kind()) {
            case NODE -> {
                items.add(item("menu-cut", "Cut", editable, () -> EditorClipboard.cut(model)));
                items.add(item("menu-copy", "Copy", true, () -> EditorClipboard.copy(model)));
                items.add(item("menu-paste", "Paste", editable && EditorClipboard.canPaste(), () -> EditorClipboard.paste(model)));
                items.add(item("menu-duplicate", "Duplicate", editable, () -> EditorClipboard.duplicate(model)));
                items.add(item("menu-delete", "Delete", editable, canvas::deleteSelected));
                items.add(new SeparatorMenuItem());
                String name = CompositeActions.suggestName(model);
                Optional<String> refusal = CompositeActions.canGroup(model, name);
                items.add(item("menu-group", "Group into a block", refusal.isEmpty(), () -> CompositeActions.group(model, name)));
                var open = canvas.onOpenNodeProperty().get();
                if (open != null && CompositeActions.isComposite(model, target.nodeId())) {
                    items.add(item("menu-open-inside", "Open inside", true, () -> open.accept(target.nodeId())));
                }
            }
            case WIRE -> items.add(item("menu-delete", "Delete wire", editable, canvas::deleteSelected));
            case CANVAS -> {
                Point2D p = target.designPoint();
                items.add(item("menu-paste-here", "Paste here", editable && EditorClipboard.canPaste(),
                        () -> EditorClipboard.pasteAt(model, p.getX(), p.getY())));
                items.add(item("menu-select-all", "Select all", true, canvas::selectAll));
                items.add(new SeparatorMenuItem());
                items.add(item("menu-zoom-to-fit", "Zoom to fit", true, canvas::zoomToFit));
                items.add(item("menu-auto-layout", "Auto layout", editable && model.design().size() > 0, canvas::autoLayout));
            }
            default -> {
            }
        }
        return items;
    }

    private static MenuItem item(String id, String text, boolean enabled, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setDisable(!enabled);
        item.setOnAction(e -> action.run());
        return item;
    }
}
