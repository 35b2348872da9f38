package org.modelworkbench.app.gui.window;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.value.ObservableValue;
import javafx.concurrent.Task;
import javafx.geometry.Dimension2D;
import javafx.geometry.Point2D;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.app.gui.dialogs.Dialogs;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.clipboard.EditorClipboard;
import org.modelworkbench.editor.group.CompositeActions;
import org.modelworkbench.editor.layout.AutoLayout;

/**
 * The Edit menu's actions on the workspace shown: undo and redo (named after the step), the
 * clipboard, delete and select all, group and ungroup, opening and leaving composites, auto-layout.
 * Their enabled states follow the workspace's own selection properties.
 */
final class EditActions {
    private final ShellContext shell;

    private EditActions(ShellContext shell) {
        this.shell = shell;
    }

    static void bind(ShellContext shell) {
        new EditActions(shell).bindAll();
    }

    private void bindAll() {
        var actions = shell.actions();
        var workspace = shell.host().workspaceProperty();
        var status = shell.statusBar();
        BooleanBinding editing = shell.notEditing();
        actions.bind(ActionId.UNDO, () -> shell.withWorkspace(ws -> ws.model.undo()),
                workspace.flatMap(ws -> ws.model.commands().canUndoProperty()).orElse(false).map(b -> !b));
        actions.bind(ActionId.REDO, () -> shell.withWorkspace(ws -> ws.model.redo()),
                workspace.flatMap(ws -> ws.model.commands().canRedoProperty()).orElse(false).map(b -> !b));
        actions.textProperty(ActionId.UNDO).bind(workspace.flatMap(ws -> ws.model.commands().undoDescriptionProperty())
                .orElse("").map(d -> d.isEmpty() ? "Undo" : "Undo " + d));
        actions.textProperty(ActionId.REDO).bind(workspace.flatMap(ws -> ws.model.commands().redoDescriptionProperty())
                .orElse("").map(d -> d.isEmpty() ? "Redo" : "Redo " + d));
        ObservableValue<Boolean> nothingSelected = workspace.flatMap(Workspace::nothingSelectedProperty).orElse(true);
        actions.bind(ActionId.DELETE, () -> shell.withWorkspace(ws -> ws.canvas.deleteSelected()),
                editing.or(BooleanExpression.booleanExpression(nothingSelected)));
        actions.bind(ActionId.SELECT_ALL, () -> shell.withWorkspace(ws -> ws.canvas.selectAll()), editing);
        var readOnly = workspace.map(ws -> ws.model.isReadOnly()).orElse(true);
        var noNodeSelected = workspace.flatMap(Workspace::noNodeSelectedProperty).orElse(true);
        var notOneSelected = workspace.flatMap(Workspace::notOneSelectedProperty).orElse(true);
        var cannotEdit = editing.or(BooleanExpression.booleanExpression(readOnly));
        var cannotEditSelection = cannotEdit.or(BooleanExpression.booleanExpression(noNodeSelected));
        actions.bind(ActionId.CUT, () -> shell.withWorkspace(ws -> {
            if (EditorClipboard.cut(ws.model)) {
                status.message("Cut to the clipboard");
            }
        }), cannotEditSelection);
        actions.bind(ActionId.COPY, () -> shell.withWorkspace(ws -> {
            if (EditorClipboard.copy(ws.model)) {
                status.message("Copied " + ws.model.selection().size() + " block(s)");
            }
        }), editing.or(BooleanExpression.booleanExpression(noNodeSelected)));
        actions.bind(ActionId.PASTE, () -> shell.withWorkspace(ws -> {
            if (!EditorClipboard.canPaste()) {
                status.message("Nothing to paste");
            } else {
                EditorClipboard.paste(ws.model);
            }
        }), cannotEdit);
        actions.bind(ActionId.DUPLICATE, () -> shell.withWorkspace(ws -> EditorClipboard.duplicate(ws.model)),
                cannotEditSelection);
        actions.bind(ActionId.GROUP, () -> shell.withWorkspace(this::group), cannotEditSelection);
        actions.bind(ActionId.UNGROUP, () -> shell.withWorkspace(this::ungroup),
                cannotEdit.or(BooleanExpression.booleanExpression(notOneSelected)));
        actions.bind(ActionId.OPEN_INSIDE, () -> shell.withWorkspace(ws -> {
            if (ws.model.selection().size() == 1) {
                shell.host().openInside(ws.model.selection().iterator().next());
            }
        }), editing.or(BooleanExpression.booleanExpression(notOneSelected)));
        actions.bind(ActionId.LEAVE_INSIDE, () -> shell.host().leaveInside(),
                editing.or(Bindings.createBooleanBinding(() -> !shell.host().isInside(), workspace)));
        actions.beforeControls(ActionId.LEAVE_INSIDE);
        actions.bind(ActionId.AUTO_LAYOUT, () -> shell.withWorkspace(this::autoLayout), cannotEdit);
    }

    private void group(Workspace ws) {
        GroupDialog.ask(shell.stage(), ws.model).ifPresent(name -> {
            try {
                String id = CompositeActions.group(ws.model, name);
                shell.statusBar().message("Grouped into " + id + " (" + name + ", under My blocks in the palette)");
            } catch (IllegalArgumentException e) {
                Dialogs.error(shell.stage(), "Cannot group", e.getMessage());
            }
        });
    }

    private void ungroup(Workspace ws) {
        String id = ws.model.selection().iterator().next();
        Optional<String> refusal = CompositeActions.canUngroup(ws.model, id);
        if (refusal.isPresent()) {
            shell.statusBar().message("Cannot ungroup " + id + ": " + refusal.get());
            return;
        }
        List<String> inlined = CompositeActions.ungroup(ws.model, id);
        shell.statusBar().message("Ungrouped " + id + " into " + inlined.size() + " blocks");
    }

    private void autoLayout(Workspace ws) {
        boolean selectionOnly = ws.model.selection().size() > 1;
        GraphCanvas canvas = ws.canvas;
        Task<Map<String, Point2D>> task = AutoLayout.layoutTask(ws.model, selectionOnly, id -> {
            var g = canvas.geometryOf(id);
            return g == null ? AutoLayout.DEFAULT_SIZE : new Dimension2D(g.width(), g.height());
        });
        shell.statusBar().runTask(task, selectionOnly ? "Laying out the selection…" : "Laying out the design…", () -> {
            if (!selectionOnly) {
                // The task moves the blocks in its own succeeded(), which runs after this handler: fit after that.
                javafx.application.Platform.runLater(() -> {
                    if (shell.host().workspace() == ws) {
                        canvas.zoomToFit();
                    }
                });
            }
        });
    }
}
