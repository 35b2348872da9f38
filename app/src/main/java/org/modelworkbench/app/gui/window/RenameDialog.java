package org.modelworkbench.app.gui.window;

import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.modelworkbench.app.gui.dialogs.Dialogs;
import org.modelworkbench.projects.design.Design;

/** File › Rename Design…: asks for the design's name and description (the name may not be blank). */
final class RenameDialog {
    /** What the user asked for. */
    record Answer(String name, String description) {
    }

    private RenameDialog() {
    }

    static Optional<Answer> ask(Window owner, Design design) {
        Dialog<Answer> d = Dialogs.prepare(new Dialog<>(), owner, "rename-dialog");
        d.setTitle("Rename Design");
        d.setHeaderText("Name and describe the design");
        TextField name = new TextField(design.name());
        name.setId("rename-name");
        TextArea description = new TextArea(design.description());
        description.setId("rename-description");
        description.setPrefRowCount(4);
        description.setWrapText(true);
        Label hint = new Label("The name is saved in the project file and shown in the title bar and the status bar.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        hint.setMaxWidth(420);
        d.getDialogPane().setContent(new VBox(8, new Label("Name"), name, new Label("Description"), description, hint));
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) d.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("rename-ok");
        ok.setText("Rename");
        ok.disableProperty().bind(name.textProperty().map(String::isBlank));
        d.setResultConverter(b -> b == ButtonType.OK ? new Answer(name.getText().strip(), description.getText()) : null);
        Platform.runLater(() -> {
            name.requestFocus();
            name.selectAll();
        });
        return d.showAndWait();
    }
}
