package org.modelworkbench.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelworkbench.app.gui.theme.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Screenshots for the documentation (docs/images): the start page and the main window with a
 * template open, in the light and the dark theme.
 */
@ExtendWith(ApplicationExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScreenshotsTest {
    static final String TEMPLATE = "mobilenetv2-fmnist";
    static final String SELECTED = "stage2_block1";

    WorkbenchFixture app;
    Stage stage;

    static Path images() {
        return Path.of(System.getProperty("modelworkbench.docsImages", "../docs/images"));
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = WorkbenchFixture.open(stage);
    }

    @Test
    void the_start_page_and_the_main_window_in_both_themes_are_written_to_docs_images(FxRobot robot) throws Exception {
        Path recent = app.data.resolve("my-resnet.json");
        Files.writeString(recent, org.modelworkbench.projects.files.DesignWriter.toJson(
                org.modelworkbench.projects.templates.Templates.load("resnet-fmnist")));
        WorkbenchFixture.fx(() -> {
            app.preferences.addRecent(app.data.resolve("deleted-experiment.json"));
            app.preferences.addRecent(recent);
            app.window.themeProperty().set(Theme.LIGHT);
            app.window.actions().fire(org.modelworkbench.app.gui.actions.ActionId.NEW);
        });
        WorkbenchFixture.waitUntil(() -> robot.lookup("#template-params-" + TEMPLATE).queryLabeled().getText()
                .endsWith("params") && !robot.lookup("#template-params-" + TEMPLATE).queryLabeled().getText().startsWith("…"));
        WorkbenchFixture.settle(robot);
        WorkbenchFixture.snapshot(stage.getScene().getRoot(), images().resolve("start-page.png"));

        robot.clickOn("#template-" + TEMPLATE);
        WorkbenchFixture.waitUntil(() -> app.window.documents().document() != null);
        WorkbenchFixture.fx(() -> {
            var model = app.window.documents().document().model();
            model.selection().clear();
            model.selection().add(SELECTED);
            ((org.modelworkbench.editor.canvas.GraphCanvas) robot.lookup("#graph-canvas").query()).centerOn(SELECTED);
        });
        WorkbenchFixture.settle(robot);
        robot.sleep(300);
        WorkbenchFixture.settle(robot);
        WorkbenchFixture.snapshot(stage.getScene().getRoot(), images().resolve("main-window-light.png"));

        WorkbenchFixture.fx(() -> app.window.themeProperty().set(Theme.DARK));
        WorkbenchFixture.settle(robot);
        robot.sleep(300);
        WorkbenchFixture.settle(robot);
        WorkbenchFixture.snapshot(stage.getScene().getRoot(), images().resolve("main-window-dark.png"));
        WorkbenchFixture.fx(() -> app.window.themeProperty().set(Theme.LIGHT));

        assertThat(images().resolve("main-window-light.png")).exists();
        assertThat(images().resolve("main-window-dark.png")).exists();
        assertThat(images().resolve("start-page.png")).exists();
    }
}
