package org.modelworkbench.app.gui.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.app.gui.actions.ActionRegistry;
import org.modelworkbench.app.gui.actions.MouseGesture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Edit menu's texts as rendered, and the Help › Keyboard Shortcuts table. */
@ExtendWith(ApplicationExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MenusAndShortcutsTest {
    final ActionRegistry actions = new ActionRegistry();

    @Start
    void start(Stage stage) {
        for (ActionId id : ActionId.values()) {
            actions.bind(id, () -> { });
        }
        Menu edit = new Menu("_Edit");
        edit.setId("menu-edit");
        edit.getItems().addAll(actions.menuItem(ActionId.UNDO), actions.menuItem(ActionId.REDO));
        MenuBar bar = new MenuBar(edit);
        stage.setScene(new Scene(new BorderPane(null, bar, null, null, null), 600, 400));
        stage.show();
        stage.requestFocus();
    }

    @Test
    void undo_shows_the_underscores_of_the_node_name_it_names(FxRobot robot) {
        robot.interact(() -> actions.textProperty(ActionId.UNDO).set("Undo Rename invertedresidual_2"));
        robot.clickOn(robot.lookup(".menu-bar .menu").queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();

        List<String> shown = new ArrayList<>();
        // What is drawn: the label's text node (a Label's getText() keeps the underscore even when
        // mnemonic parsing hides it on screen).
        for (Node n : robot.lookup(".menu-item .label .text").queryAll()) {
            shown.add(((javafx.scene.text.Text) n).getText());
        }
        assertThat(shown).contains("Undo Rename invertedresidual_2");
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
    }

    @Test
    void the_shortcuts_table_lists_each_key_once_and_has_a_mouse_section(FxRobot robot) {
        TableView<ShortcutsPanel.Row>[] table = new TableView[1];
        robot.interact(() -> table[0] = ShortcutsPanel.table(actions));

        for (ShortcutsPanel.Row row : table[0].getItems()) {
            List<String> keys = List.of(row.keys().split(", "));
            assertThat(keys).as(row.action()).doesNotHaveDuplicates();
        }
        ShortcutsPanel.Row zoomIn = table[0].getItems().stream().filter(r -> r.action().equals("Zoom In"))
                .findFirst().orElseThrow();
        assertThat(zoomIn.keys().split(", ")).hasSize(2);

        Set<String> rows = new HashSet<>();
        for (ShortcutsPanel.Row row : table[0].getItems()) {
            assertThat(rows.add(row.menu() + "/" + row.action() + "/" + row.keys())).as(row.toString()).isTrue();
        }
        List<ShortcutsPanel.Row> mouse = table[0].getItems().stream()
                .filter(r -> r.menu().equals(ShortcutsPanel.MOUSE)).toList();
        assertThat(mouse).extracting(ShortcutsPanel.Row::action)
                .containsExactly(java.util.Arrays.stream(MouseGesture.values()).map(MouseGesture::action).toArray(String[]::new));
        String mouseText = String.join("\n", mouse.stream().map(r -> r.keys() + " " + r.description()).toList());
        assertThat(mouseText).contains("wheel").contains("Middle", "drag").contains("Drag on empty canvas")
                .contains("output port onto an input port");
    }
}
