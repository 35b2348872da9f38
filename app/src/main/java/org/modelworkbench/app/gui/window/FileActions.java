package org.modelworkbench.app.gui.window;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.app.gui.dialogs.Dialogs;
import org.modelworkbench.app.gui.document.DocumentController;
import org.modelworkbench.app.gui.document.FilePicker;
import org.modelworkbench.editor.canvas.GraphExport;
import org.modelworkbench.editor.edit.RenameDesign;

/** The File menu's actions: new, open, save, export, close, quit. */
final class FileActions {
    private final ShellContext shell;

    private FileActions(ShellContext shell) {
        this.shell = shell;
    }

    /**
     * @param showStartPage what New does (the start page with its template gallery)
     * @param quit          what Quit does
     */
    static void bind(ShellContext shell, Runnable showStartPage, Runnable quit) {
        new FileActions(shell).bindAll(showStartPage, quit);
    }

    private void bindAll(Runnable showStartPage, Runnable quit) {
        var actions = shell.actions();
        var documents = shell.documents();
        var noDocument = shell.host().workspaceProperty().isNull();
        var notEditing = shell.notEditing();
        actions.bind(ActionId.NEW, showStartPage);
        actions.bind(ActionId.OPEN, documents::open);
        actions.bind(ActionId.SAVE, () -> {
            shell.commitPendingEdits();
            documents.save();
        }, noDocument);
        actions.bind(ActionId.SAVE_AS, () -> {
            shell.commitPendingEdits();
            documents.saveAs();
        }, noDocument);
        actions.bind(ActionId.RENAME_DESIGN, () -> shell.withWorkspace(ws -> renameDesign()), notEditing);
        actions.bind(ActionId.EXPORT_PNG, () -> shell.withWorkspace(this::exportPng), notEditing);
        actions.bind(ActionId.EXPORT_SVG, () -> shell.withWorkspace(this::exportSvg), notEditing);
        actions.bind(ActionId.CLOSE, documents::close, noDocument);
        actions.bind(ActionId.QUIT, quit);
    }

    /** Renames the document's own design (also from inside a composite: the history is shared). */
    private void renameDesign() {
        var doc = shell.documents().document();
        if (doc == null) {
            return;
        }
        shell.commitPendingEdits();
        var design = doc.model().design();
        RenameDialog.ask(shell.stage(), design).ifPresent(answer -> {
            RenameDesign rename = new RenameDesign(design, answer.name(), answer.description());
            if (!rename.changesNothing()) {
                doc.model().execute(rename);
                shell.statusBar().message("Renamed the design to " + design.name());
            }
        });
        shell.host().focusCanvas();
    }

    private void exportPng(Workspace ws) {
        Optional<Path> file = shell.documents().filePicker().save(shell.stage(), FilePicker.Kind.PNG, exportFolder(ws),
                exportName(ws, ".png"));
        if (file.isEmpty()) {
            return;
        }
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() throws Exception {
                GraphExport.png(ws.canvas, file.get());
                return null;
            }
        };
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> Dialogs.error(shell.stage(),
                "Could not export the PNG", file.get() + ": " + task.getException().getMessage()));
        shell.statusBar().runTask(task, "Exporting " + file.get().getFileName() + "…", null);
    }

    private void exportSvg(Workspace ws) {
        Optional<Path> file = shell.documents().filePicker().save(shell.stage(), FilePicker.Kind.SVG, exportFolder(ws),
                exportName(ws, ".svg"));
        if (file.isEmpty()) {
            return;
        }
        try {
            GraphExport.svg(ws.model, file.get());
            shell.statusBar().message("Exported " + file.get());
        } catch (IOException | RuntimeException e) {
            Dialogs.error(shell.stage(), "Could not export the SVG", file.get() + ": " + e.getMessage());
        }
    }

    private static Path exportFolder(Workspace ws) {
        Path p = ws.document.path();
        return p != null && p.getParent() != null ? p.getParent() : Path.of(System.getProperty("user.home"));
    }

    private static String exportName(Workspace ws, String extension) {
        String base = ws.document.displayNameProperty().get().replaceFirst("\\.json$", "");
        return DocumentController.fileNameFor(base).replaceFirst("\\.json$", "") + extension;
    }
}
