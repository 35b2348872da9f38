package org.modelworkbench.app.gui;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.modelworkbench.app.gui.WorkbenchFixture.fx;
import static org.modelworkbench.app.gui.WorkbenchFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.app.gui.window.WorkspacePanel;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.lifecycle.Disposable;
import org.modelworkbench.editor.lifecycle.Subscriptions;
import org.modelworkbench.editor.model.EditorModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The main window builds a new workspace for each level of a design it shows; the workspace it
 * replaces takes its views' listeners with it, and so does a closed document.
 */
@ExtendWith(ApplicationExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WorkspaceLifecycleTest {
    WorkbenchFixture app;
    @TempDir
    Path data;

    @Start
    void start(Stage stage) {
        app = WorkbenchFixture.open(stage, data);
    }

    @AfterEach
    void closeTheWindow() {
        app.close();
    }

    EditorModel openTemplate(FxRobot robot, String id) {
        WorkbenchFixture.scrollIntoView(robot.lookup("#template-" + id).query());
        robot.clickOn("#template-" + id);
        waitUntil(() -> app.window.documents().document() != null);
        WorkbenchFixture.showTopReadable(robot);
        WorkbenchFixture.settle(robot);
        return app.window.documents().document().model();
    }

    /** The window's root takes the keyboard (it is always there; the canvas's skin parents may not be yet). */
    void keyboardOffTextFields() {
        app.window.stage().getScene().getRoot().requestFocus();
    }

    int listeners(EditorModel model) {
        int[] n = new int[1];
        fx(() -> n[0] = model.listenerCount());
        return n[0];
    }

    @Test
    void entering_and_leaving_a_composite_100_times_leaves_the_document_model_with_the_listeners_it_had(FxRobot robot) {
        EditorModel root = openTemplate(robot, "resnet-fmnist");
        int atStart = listeners(root);
        assertThat(atStart).as("the views of the root level follow the document's model").isPositive();

        int[] inside = new int[1];
        for (int i = 0; i < 100; i++) {
            fx(() -> {
                // Editor keys do nothing while a text field has the keyboard: as after a click on the canvas.
                keyboardOffTextFields();
                root.selection().clear();
                root.selection().add("stage2_block1");
                app.window.actions().fire(ActionId.OPEN_INSIDE);
            });
            EditorModel shown = app.window.shownModel().orElseThrow();
            assertThat(shown).as("inside the composite, round %d", i).isNotSameAs(root);
            inside[0] = listeners(root);
            fx(() -> {
                keyboardOffTextFields();
                app.window.actions().fire(ActionId.LEAVE_INSIDE);
            });
            assertThat(app.window.shownModel()).as("back at the root, round %d", i).containsSame(root);
        }
        WorkbenchFixture.settle(robot);

        assertThat(inside[0]).as("while inside, the root level's views are gone").isLessThan(atStart);
        assertThat(listeners(root)).isEqualTo(atStart);
    }

    @Test
    void closing_the_document_leaves_its_model_with_no_listeners(FxRobot robot) {
        EditorModel root = openTemplate(robot, "resnet-fmnist");
        fx(() -> {
            keyboardOffTextFields();
            root.selection().add("stage2_block1");
            app.window.actions().fire(ActionId.OPEN_INSIDE);
        });
        assertThat(app.window.shownModel().orElseThrow()).isNotSameAs(root);
        assertThat(listeners(root)).isPositive();

        fx(() -> app.window.actions().fire(ActionId.CLOSE));
        waitUntil(() -> app.window.documents().document() == null);

        assertThat(listeners(root)).isZero();
    }

    /** A panel that follows the model, as the training panel will. */
    static final class FollowingPanel extends StackPane implements Disposable {
        static int disposed;
        private final Subscriptions subscriptions = new Subscriptions();

        FollowingPanel(EditorModel model) {
            Label label = new Label();
            label.setId("following-panel-label");
            getChildren().add(label);
            subscriptions.onChange(model.analysisProperty(), (o, a, b) -> label.setText(b.problems().size() + " problems"));
        }

        @Override
        public void dispose() {
            disposed++;
            subscriptions.dispose();
        }
    }

    @Test
    void an_added_bottom_panel_is_built_for_each_workspace_and_disposed_with_it(FxRobot robot) {
        EditorModel root = openTemplate(robot, "resnet-fmnist");
        int withoutPanel = listeners(root);
        FollowingPanel.disposed = 0;
        Function<EditorModel, FollowingPanel> factory = FollowingPanel::new;
        fx(() -> app.window.addPanel(new WorkspacePanel("following", "Following", WorkspacePanel.Placement.BOTTOM, factory)));
        var tabs = robot.lookup("#bottom-tabs").queryAs(javafx.scene.control.TabPane.class);
        assertThat(tabs.getTabs()).extracting(javafx.scene.control.Tab::getId).contains("tab-following");
        assertThat(listeners(root)).isEqualTo(withoutPanel + 1);

        fx(() -> {
            keyboardOffTextFields();
            root.selection().add("stage2_block1");
            app.window.actions().fire(ActionId.OPEN_INSIDE);
            app.window.actions().fire(ActionId.LEAVE_INSIDE);
        });
        assertThat(FollowingPanel.disposed).as("the root's panel, then the inside's").isEqualTo(2);
        assertThat(listeners(root)).isEqualTo(withoutPanel + 1);
    }

    @Test
    void an_added_side_panel_sits_right_of_the_inspector_and_leaves_with_its_workspace(FxRobot robot) {
        EditorModel root = openTemplate(robot, "resnet-fmnist");
        int withoutPanel = listeners(root);
        FollowingPanel.disposed = 0;
        fx(() -> app.window.addPanel(new WorkspacePanel("following-side", "Following", WorkspacePanel.Placement.SIDE,
                FollowingPanel::new)));
        var split = robot.lookup("#split-horizontal").queryAs(javafx.scene.control.SplitPane.class);
        assertThat(split.getItems()).extracting(javafx.scene.Node::getId)
                .containsExactly("palette", "split-vertical", "inspector", "following-side");
        assertThat(listeners(root)).isEqualTo(withoutPanel + 1);

        fx(() -> app.window.actions().fire(ActionId.CLOSE));
        waitUntil(() -> app.window.documents().document() == null);
        assertThat(FollowingPanel.disposed).isEqualTo(1);
        assertThat(listeners(root)).isZero();
    }

    @Test
    void a_settings_file_that_cannot_be_written_is_reported_once_in_the_status_bar_naming_file_and_reason(FxRobot robot)
            throws Exception {
        // Tests run as root, so permissions would not stop a write: a folder where the file should be does.
        Path data = Files.createTempDirectory("mw-prefs-fail");
        Path prefs = data.resolve("preferences.json");
        Files.createDirectories(prefs.resolve("in-the-way"));
        Stage[] stage = new Stage[1];
        fx(() -> {
            stage[0] = new Stage();
            app = WorkbenchFixture.open(stage[0], data);
        });
        try {
            Label notice = robot.from(stage[0].getScene().getRoot()).lookup("#status-notice").queryAs(Label.class);
            assertThat(notice.isVisible()).isFalse();

            fx(() -> app.window.actions().fire(ActionId.THEME_DARK));
            assertThat(notice.isVisible()).isTrue();
            assertThat(notice.getText()).isEqualTo("Could not save the settings to " + prefs
                    + ": a folder of that name is in the way");

            robot.clickOn(notice);
            assertThat(notice.isVisible()).as("dismissed with a click").isFalse();
            fx(() -> app.window.actions().fire(ActionId.THEME_LIGHT));
            fx(() -> app.window.actions().fire(ActionId.THEME_DARK));
            assertThat(notice.isVisible()).as("the same failure is not told again").isFalse();
        } finally {
            fx(() -> {
                app.window.shutdown();
                stage[0].close();
                app.window.themeProperty().set(org.modelworkbench.app.gui.theme.Theme.LIGHT);
            });
        }
    }
}
