package org.modelworkbench.app.gui.window;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.modelworkbench.app.gui.dialogs.Dialogs;
import org.modelworkbench.app.gui.document.Autosave;

/** At start-up: unsaved work left by a session that did not end cleanly, to recover or discard. */
final class RecoveryDialog {
    static final ButtonType RECOVER = new ButtonType("Recover", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType DISCARD = new ButtonType("Discard All", ButtonBar.ButtonData.OTHER);
    static final ButtonType LATER = new ButtonType("Not Now", ButtonBar.ButtonData.CANCEL_CLOSE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm").withZone(ZoneId.systemDefault());

    /** What the user chose: recover one entry, discard them all, or decide later (empty). */
    record Choice(Autosave.Entry recover, boolean discardAll) {
    }

    private RecoveryDialog() {
    }

    static Optional<Choice> ask(Window owner, List<Autosave.Entry> entries) {
        Dialog<ButtonType> d = Dialogs.prepare(new Dialog<>(), owner, "recovery-dialog");
        d.setTitle("Recover unsaved work");
        d.setHeaderText(entries.size() == 1
                ? "Model Workbench did not close cleanly. Recover the unsaved design?"
                : "Model Workbench did not close cleanly. Recover one of these unsaved designs?");
        ListView<Autosave.Entry> list = new ListView<>();
        list.setId("recovery-list");
        list.getItems().setAll(entries);
        list.setPrefHeight(Math.min(6, entries.size()) * 52 + 6);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Autosave.Entry e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                    setGraphic(null);
                    return;
                }
                Label name = new Label(e.name());
                name.getStyleClass().add("recent-name");
                Label detail = new Label("autosaved " + TIME.format(e.savedAt()) + " · " + e.originText());
                detail.getStyleClass().add("recent-path");
                setGraphic(new VBox(2, name, detail));
            }
        });
        list.getSelectionModel().selectFirst();
        Label note = new Label("A recovered design opens with unsaved changes; save it to keep it.");
        note.getStyleClass().add("muted");
        d.getDialogPane().setContent(new VBox(10, list, note));
        d.getDialogPane().getButtonTypes().setAll(RECOVER, DISCARD, LATER);
        ((Button) d.getDialogPane().lookupButton(RECOVER)).setId("recovery-recover");
        ((Button) d.getDialogPane().lookupButton(DISCARD)).setId("recovery-discard");
        ((Button) d.getDialogPane().lookupButton(LATER)).setId("recovery-later");
        d.getDialogPane().setPrefWidth(560);
        Optional<ButtonType> answer = d.showAndWait();
        if (answer.isEmpty() || answer.get() == LATER) {
            return Optional.empty();
        }
        if (answer.get() == DISCARD) {
            return Optional.of(new Choice(null, true));
        }
        Autosave.Entry chosen = list.getSelectionModel().getSelectedItem();
        return Optional.of(new Choice(chosen == null ? entries.get(0) : chosen, false));
    }
}
