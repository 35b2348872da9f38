package org.modelworkbench.app.gui.window;

import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.app.gui.dialogs.Dialogs;
import org.modelworkbench.app.gui.export.PyTorchProcess;
import org.modelworkbench.app.gui.training.RunsFolders;
import org.modelworkbench.app.gui.training.TrainingPanelModel;
import org.modelworkbench.app.gui.training.TrainingTarget;

/**
 * File ▸ Export to PyTorch… and File ▸ Import PyTorch Run… (ADR 17): the open design goes out as a PyTorch
 * package with its newest run's weights; a run trained by that package comes back into the design's run
 * history. Both run in a child process with progress and Cancel in the status bar.
 */
final class PyTorchActions {
    /** The CLI's first line after an import: "Imported run <id> of …". */
    private static final java.util.regex.Pattern IMPORTED = java.util.regex.Pattern.compile("Imported run (\\S+) of");

    private final ShellContext shell;
    private final TrainingPanelModel training;
    private final RunsFolders runsFolders;
    private final PyTorchProcess process;

    private PyTorchActions(ShellContext shell, TrainingPanelModel training, RunsFolders runsFolders,
                           PyTorchProcess process) {
        this.shell = shell;
        this.training = training;
        this.runsFolders = runsFolders;
        this.process = process;
    }

    static void bind(ShellContext shell, TrainingPanelModel training, RunsFolders runsFolders, PyTorchProcess process) {
        PyTorchActions a = new PyTorchActions(shell, training, runsFolders, process);
        var noDesign = training.targetProperty().isNull();
        shell.actions().bind(ActionId.EXPORT_PYTORCH, a::export, noDesign);
        shell.actions().bind(ActionId.IMPORT_PYTORCH_RUN, a::importRun, noDesign);
        training.setOnExportRun(a::exportRun);
    }

    /** A task running one child (its progress lines as the task's message); Cancel kills the child. */
    private Task<PyTorchProcess.Outcome> childTask(
            java.util.function.Function<org.modelworkbench.app.gui.child.ChildProcess.Listener, PyTorchProcess.Outcome> run) {
        return new Task<>() {
            @Override
            protected PyTorchProcess.Outcome call() {
                return run.apply((fraction, stage) -> updateMessage(stage));
            }

            @Override
            protected void cancelled() {
                process.cancel();
            }
        };
    }

    private Path runsFolder(TrainingTarget t) {
        return runsFolders.forDesign(t.file(), t.templateId(), t.name());
    }

    private static Path startFolder(TrainingTarget t) {
        return t.file() != null && t.file().getParent() != null ? t.file().getParent()
                : Path.of(System.getProperty("user.home"));
    }

    private void export() {
        shell.commitPendingEdits();
        TrainingTarget t = training.targetProperty().get();
        if (t == null) {
            return;
        }
        String folderName = safeName(t.name()) + "-pytorch";
        Optional<Path> parent = shell.documents().filePicker().folder(shell.stage(),
                "Export to PyTorch: the folder to write " + folderName + " in", startFolder(t));
        if (parent.isEmpty()) {
            return;
        }
        Path out = parent.get().resolve(folderName);
        var design = t.design().copy();
        Path runs = runsFolder(t);
        Task<PyTorchProcess.Outcome> task = childTask(listener -> process.export(design, out, runs, listener));
        task.setOnSucceeded(e -> reportExport(task.getValue(), t.name(), out));
        shell.statusBar().runTask(task, "Exporting " + t.name() + " to PyTorch…", null);
    }

    /** "Export…" on a run in the Runs list: that run's design, recipe and best weights. */
    private void exportRun(Path runFolder) {
        TrainingTarget t = training.targetProperty().get();
        String folderName = safeName(t == null ? "design" : t.name()) + "-run-" + runFolder.getFileName() + "-pytorch";
        Optional<Path> parent = shell.documents().filePicker().folder(shell.stage(),
                "Export the run to PyTorch: the folder to write " + folderName + " in",
                t == null ? Path.of(System.getProperty("user.home")) : startFolder(t));
        if (parent.isEmpty()) {
            return;
        }
        Path out = parent.get().resolve(folderName);
        Task<PyTorchProcess.Outcome> task = childTask(listener -> process.exportRun(runFolder, out, listener));
        task.setOnSucceeded(e -> reportExport(task.getValue(), "run " + runFolder.getFileName(), out));
        shell.statusBar().runTask(task, "Exporting run " + runFolder.getFileName() + " to PyTorch…", null);
    }

    private void reportExport(PyTorchProcess.Outcome o, String what, Path out) {
        if (o.ok()) {
            shell.statusBar().message("Exported " + what + " to " + out);
            Dialogs.report(shell.stage(), "Export to PyTorch", "Exported " + what + " to PyTorch", o.text());
        } else if (!o.cancelled()) {
            Dialogs.error(shell.stage(), "Could not export to PyTorch", o.text());
        }
    }

    private static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "design" : s;
    }

    /**
     * True when the run trained the open design, or the user still wants it in this design's history; a
     * folder that is no run is left to the import to explain.
     */
    private boolean sameDesign(TrainingTarget t, Path run) {
        Path file = run.resolve(org.modelworkbench.trainer.runs.RunStore.DESIGN_FILE);
        if (!java.nio.file.Files.isRegularFile(file)) {
            return true;
        }
        try {
            var design = org.modelworkbench.projects.files.ProjectFiles.read(file);
            if (org.modelworkbench.trainer.runs.RunStore.designHash(design).equals(
                    org.modelworkbench.trainer.runs.RunStore.designHash(t.design()))) {
                return true;
            }
            var answer = Dialogs.prepare(new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                    "The run trained '" + design.name() + "' as it was exported, which differs from the open design '"
                            + t.name() + "' now. It keeps its own design (Open design in the Runs list shows it); "
                            + "put it into this design's history anyway?",
                    javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL), shell.stage(),
                    "import-other-design-dialog");
            answer.setHeaderText("The run trained another version of the design");
            return answer.showAndWait().filter(javafx.scene.control.ButtonType.OK::equals).isPresent();
        } catch (org.modelworkbench.projects.files.ProjectFileException e) {
            return true; // the import names what is wrong with the snapshot
        }
    }

    private void importRun() {
        TrainingTarget t = training.targetProperty().get();
        if (t == null) {
            return;
        }
        Optional<Path> run = shell.documents().filePicker().folder(shell.stage(),
                "Import a PyTorch run: its folder (runs/<id> in the exported package)", startFolder(t));
        if (run.isEmpty()) {
            return;
        }
        if (!sameDesign(t, run.get())) {
            return;
        }
        Path runs = runsFolder(t);
        Task<PyTorchProcess.Outcome> task = childTask(listener -> process.importRun(run.get(), runs, listener));
        task.setOnSucceeded(e -> {
            PyTorchProcess.Outcome o = task.getValue();
            if (o.ok()) {
                java.util.regex.Matcher m = IMPORTED.matcher(o.text());
                if (m.find()) {
                    training.refreshHistoryShowing(m.group(1));
                } else {
                    training.refreshHistory();
                }
                shell.statusBar().message(o.text().lines().findFirst().orElse("Imported the run"));
                Platform.runLater(() -> shell.withWorkspace(TrainingActions::showPanel));
            } else if (!o.cancelled()) {
                Dialogs.error(shell.stage(), "Could not import the PyTorch run", o.text());
            }
        });
        shell.statusBar().runTask(task, "Importing " + run.get().getFileName() + "…", null);
    }
}
