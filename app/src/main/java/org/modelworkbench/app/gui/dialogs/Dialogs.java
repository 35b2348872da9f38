package org.modelworkbench.app.gui.dialogs;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.modelworkbench.app.gui.theme.Theme;
import org.modelworkbench.projects.files.FileProblem;
import org.modelworkbench.projects.files.ProjectFileException;

/** The few modal questions and messages of the app, styled like the main window, with ids for tests. */
public final class Dialogs {
    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);
    public static final ButtonType DONT_SAVE = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
    public static final ButtonType CANCEL = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);

    /** The answer to "save changes?". */
    public enum SaveChoice { SAVE, DONT_SAVE, CANCEL }

    private Dialogs() {
    }

    /** Puts the app's stylesheet on a dialog and ties it to its window. */
    public static <T extends Dialog<?>> T prepare(T dialog, Window owner, String id) {
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.getDialogPane().getStylesheets().add(Theme.APP_CSS);
        dialog.getDialogPane().setId(id);
        return dialog;
    }

    /** Save / Don't Save / Cancel before {@code name}'s changes would be lost. */
    public static SaveChoice askToSave(Window owner, String name, String beforeWhat) {
        Alert a = prepare(new Alert(Alert.AlertType.WARNING, "", SAVE, DONT_SAVE, CANCEL), owner, "unsaved-changes-dialog");
        a.setTitle("Unsaved changes");
        a.setHeaderText("Save the changes to “" + name + "” before " + beforeWhat + "?");
        a.setContentText("Your changes will be lost if you don't save them.");
        button(a, SAVE, "unsaved-save");
        button(a, DONT_SAVE, "unsaved-dont-save");
        button(a, CANCEL, "unsaved-cancel");
        Optional<ButtonType> answer = a.showAndWait();
        if (answer.isEmpty() || answer.get() == CANCEL) {
            return SaveChoice.CANCEL;
        }
        return answer.get() == SAVE ? SaveChoice.SAVE : SaveChoice.DONT_SAVE;
    }

    /** A project file that could not be read or written: the file, and each problem with its location. */
    public static void fileError(Window owner, String action, ProjectFileException e) {
        Alert a = prepare(new Alert(Alert.AlertType.ERROR, "", ButtonType.CLOSE), owner, "file-error-dialog");
        a.setTitle(action);
        a.setHeaderText(action);
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.setPadding(new Insets(4, 0, 0, 0));
        grid.addRow(0, caption("File"), value(e.file(), "file-error-file"));
        List<FileProblem> problems = e.problems();
        for (int i = 0; i < problems.size() && i < 12; i++) {
            FileProblem p = problems.get(i);
            grid.addRow(1 + 2 * i, caption("Location"), value(p.location(), "file-error-location-" + i));
            grid.addRow(2 + 2 * i, caption("Problem"), value(p.message(), "file-error-problem-" + i));
        }
        if (problems.size() > 12) {
            grid.addRow(1 + 2 * 12, caption(""), value("… and " + (problems.size() - 12) + " more", "file-error-more"));
        }
        a.getDialogPane().setContent(grid);
        a.getDialogPane().setPrefWidth(560);
        a.showAndWait();
    }

    /** A report with text to copy (commands to run next), in a read-only monospaced area. */
    public static void report(Window owner, String title, String header, String text) {
        Alert a = prepare(new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE), owner, "report-dialog");
        a.setTitle(title);
        a.setHeaderText(header);
        javafx.scene.control.TextArea area = new javafx.scene.control.TextArea(text);
        area.setId("report-text");
        area.setEditable(false);
        area.setWrapText(false);
        area.setPrefRowCount(Math.min(18, (int) text.lines().count() + 1));
        area.setPrefColumnCount(Math.min(110, text.lines().mapToInt(String::length).max().orElse(40) + 2));
        area.setStyle("-fx-font-family: monospace;");
        a.getDialogPane().setContent(area);
        a.getDialogPane().setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        a.setResizable(true);
        a.showAndWait();
    }

    /** A plain error message (e.g. an export that failed). */
    public static void error(Window owner, String title, String message) {
        Alert a = prepare(new Alert(Alert.AlertType.ERROR, "", ButtonType.CLOSE), owner, "error-dialog");
        a.setTitle(title);
        a.setHeaderText(title);
        Label l = value(message, "error-message");
        a.getDialogPane().setContent(new VBox(l));
        a.showAndWait();
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("dialog-caption");
        l.setMinWidth(64);
        return l;
    }

    private static Label value(String text, String id) {
        Label l = new Label(text);
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(440);
        GridPane.setHgrow(l, Priority.ALWAYS);
        return l;
    }

    private static void button(Alert a, ButtonType type, String id) {
        Button b = (Button) a.getDialogPane().lookupButton(type);
        b.setId(id);
    }
}
