package org.modelworkbench.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelworkbench.app.gui.WorkbenchFixture.fx;
import static org.modelworkbench.app.gui.WorkbenchFixture.waitUntil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.app.gui.document.Autosave;
import org.modelworkbench.app.gui.document.Document;
import org.modelworkbench.app.folders.AppFolders;
import org.modelworkbench.app.gui.prefs.Preferences;
import org.modelworkbench.app.gui.theme.Theme;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.files.DesignWriter;
import org.modelworkbench.projects.templates.Templates;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Crash recovery from the autosave, and settings remembered between runs. */
@ExtendWith(ApplicationExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RecoveryAndSettingsTest {
    @TempDir
    Path data;
    Stage stage;
    String crashedJson;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        // A session that "crashed": its autosave is left in the data folder.
        Document crashed = new Document(new EditorModel(Templates.load("vit-fmnist")), data.resolve("vit.json"));
        crashed.model().setParameter("head", "classes", 7);
        crashedJson = DesignWriter.toJson(crashed.model().design());
        Autosave autosave = new Autosave(new AppFolders(data).autosaveFolder());
        assertThat(autosave.update(crashed)).isEmpty();
        assertThat(autosave.flush()).isEmpty();
    }

    WorkbenchFixture opened;

    WorkbenchFixture openWindow() {
        WorkbenchFixture[] f = new WorkbenchFixture[1];
        fx(() -> f[0] = WorkbenchFixture.open(stage, data));
        opened = f[0];
        return f[0];
    }

    @AfterEach
    void closeTheWindow() {
        if (opened != null) {
            opened.close();
        }
    }

    @Test
    void unsaved_work_of_a_crashed_session_is_offered_and_opens_unsaved_with_its_file(FxRobot robot) throws IOException {
        WorkbenchFixture app = openWindow();
        javafx.application.Platform.runLater(app.window::offerRecovery);
        waitUntil(() -> robot.lookup("#recovery-dialog").tryQuery().isPresent());

        robot.clickOn("#recovery-recover");
        WorkbenchFixture.settle(robot);

        Document doc = app.window.documents().document();
        assertThat(doc).isNotNull();
        assertThat(DesignWriter.toJson(doc.model().design())).isEqualTo(crashedJson);
        assertThat(doc.isDirty()).isTrue();
        assertThat(doc.path()).isEqualTo(data.resolve("vit.json").toAbsolutePath());
        assertThat(stage.getTitle()).isEqualTo("*ViT (Fashion-MNIST) — vit.json — Model Workbench");

        // Saving writes the recovered design to its own file; a clean exit leaves no autosave behind.
        robot.clickOn("#graph-canvas");
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.S)
                .release(javafx.scene.input.KeyCode.CONTROL);
        WorkbenchFixture.settle(robot);
        assertThat(Files.readString(data.resolve("vit.json"))).isEqualTo(crashedJson);
        assertThat(doc.isDirty()).isFalse();
        fx(() -> assertThat(app.window.closeWindow()).isTrue());
        try (var files = Files.list(new AppFolders(data).autosaveFolder())) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void discarding_deletes_the_autosaves_and_nothing_is_offered_again(FxRobot robot) throws IOException {
        WorkbenchFixture app = openWindow();
        javafx.application.Platform.runLater(app.window::offerRecovery);
        waitUntil(() -> robot.lookup("#recovery-dialog").tryQuery().isPresent());

        robot.clickOn("#recovery-discard");
        WorkbenchFixture.settle(robot);

        assertThat(app.window.documents().document()).isNull();
        assertThat(new Autosave(new AppFolders(data).autosaveFolder()).recoverable()).isEmpty();
    }

    @Test
    void the_theme_chosen_in_the_view_menu_is_remembered(FxRobot robot) {
        WorkbenchFixture app = openWindow();
        fx(() -> new Autosave(new AppFolders(data).autosaveFolder()).recoverable().forEach(Autosave::delete));

        robot.clickOn("#menu-view");
        robot.clickOn("#" + ActionId.THEME_DARK.menuItemId());
        WorkbenchFixture.settle(robot);

        assertThat(app.window.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(stage.getScene().getRoot().getStyleClass()).contains("theme-dark");
        assertThat(Preferences.load(data.resolve("preferences.json")).theme()).isEqualTo(Theme.DARK);
        fx(() -> app.window.themeProperty().set(Theme.LIGHT));
        assertThat(Preferences.load(data.resolve("preferences.json")).theme()).isEqualTo(Theme.LIGHT);
    }
}
