package org.modelworkbench.app.gui.window;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.app.gui.actions.ActionRegistry;
import org.modelworkbench.app.gui.actions.MouseGesture;

/**
 * Help › Keyboard Shortcuts: every bound action with its keys, made from the same table that
 * registers the keys, so the list is always what the window does; then a Mouse section made from
 * {@link MouseGesture}.
 */
final class ShortcutsPanel {
    /** One row: menu, action, keys, what it does. */
    record Row(String menu, String action, String keys, String description) {
    }

    /** The "menu" of the rows made from {@link MouseGesture}. */
    static final String MOUSE = "Mouse";

    private ShortcutsPanel() {
    }

    static TableView<Row> table(ActionRegistry actions) {
        TableView<Row> table = new TableView<>();
        table.setId("shortcuts-table");
        table.getColumns().add(column("Menu", Row::menu, 70));
        table.getColumns().add(column("Action", Row::action, 180));
        table.getColumns().add(column("Keys", Row::keys, 260));
        table.getColumns().add(column("What it does", Row::description, 400));
        for (ActionId id : actions.boundActions()) {
            String keys = ActionRegistry.keyText(id);
            if (id == ActionId.OPEN_INSIDE) {
                keys = keys + ", double-click";
            }
            table.getItems().add(new Row(id.group().title(), id.text(), keys.isEmpty() ? "—" : keys, id.description()));
        }
        // The canvas's keys that are not menu actions.
        table.getItems().add(new Row("Canvas", "Move", "Arrow keys (Shift: five grid steps, Alt: one pixel)",
                "Move the selected blocks"));
        table.getItems().add(new Row("Canvas", "Cancel", "Escape", "Cancel the wire being drawn, else clear the selection"));
        // What the mouse does, from its own table.
        for (MouseGesture g : MouseGesture.values()) {
            table.getItems().add(new Row(MOUSE, g.action(), g.gesture(), g.description()));
        }
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefSize(930, 600);
        return table;
    }

    /** Opens the list in a window of its own (not modal: it can stay open while working). */
    static void show(Window owner, ActionRegistry actions) {
        javafx.stage.Stage window = new javafx.stage.Stage();
        window.initOwner(owner);
        window.setTitle("Keyboard Shortcuts");
        javafx.scene.control.Label title = new javafx.scene.control.Label("Keyboard shortcuts and mouse gestures");
        title.getStyleClass().add("title-4");
        javafx.scene.control.Button close = new javafx.scene.control.Button("Close");
        close.setId("shortcuts-close");
        close.setDefaultButton(true);
        close.setCancelButton(true);
        close.setOnAction(e -> window.close());
        javafx.scene.layout.HBox buttons = new javafx.scene.layout.HBox(close);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        TableView<Row> table = table(actions);
        javafx.scene.layout.VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.VBox root = new javafx.scene.layout.VBox(12, title, table, buttons);
        root.setId("shortcuts-dialog");
        root.setPadding(new javafx.geometry.Insets(16));
        javafx.scene.Scene scene = new javafx.scene.Scene(root, 980, 680);
        scene.getStylesheets().add(org.modelworkbench.app.gui.theme.Theme.APP_CSS);
        window.setScene(scene);
        window.show();
    }

    private static TableColumn<Row, String> column(String title, java.util.function.Function<Row, String> value,
                                                   double width) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setMinWidth(width * 0.8);
        return c;
    }
}
