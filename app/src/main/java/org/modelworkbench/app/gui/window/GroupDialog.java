package org.modelworkbench.app.gui.window;

import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.modelworkbench.app.gui.dialogs.Dialogs;
import org.modelworkbench.editor.group.CompositeActions;
import org.modelworkbench.editor.model.EditorModel;

/** Edit › Group…: asks for the name of the new composite block, checking it while it is typed. */
final class GroupDialog {
    private GroupDialog() {
    }

    static Optional<String> ask(Window owner, EditorModel model) {
        Dialog<String> d = Dialogs.prepare(new Dialog<>(), owner, "group-dialog");
        int n = model.selection().size();
        d.setTitle("Group");
        d.setHeaderText("Group " + n + (n == 1 ? " block" : " blocks") + " into a composite block");
        TextField name = new TextField(CompositeActions.suggestName(model));
        name.setId("group-name");
        Label reason = new Label();
        reason.setId("group-reason");
        reason.getStyleClass().add("group-reason");
        reason.setWrapText(true);
        reason.setMaxWidth(420);
        Label hint = new Label("The block appears under “My blocks” in the palette and can be used again; "
                + "open it (Enter or double-click) to edit its inside.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        hint.setMaxWidth(420);
        d.getDialogPane().setContent(new VBox(8, new Label("Name"), name, reason, hint));
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) d.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("group-ok");
        ok.setText("Group");
        Runnable check = () -> {
            Optional<String> refusal = CompositeActions.canGroup(model, name.getText().strip());
            reason.setText(refusal.orElse(""));
            ok.setDisable(refusal.isPresent());
        };
        name.textProperty().addListener(o -> check.run());
        check.run();
        d.setResultConverter(b -> b == ButtonType.OK ? name.getText().strip() : null);
        Platform.runLater(() -> {
            name.requestFocus();
            name.selectAll();
        });
        return d.showAndWait();
    }
}
