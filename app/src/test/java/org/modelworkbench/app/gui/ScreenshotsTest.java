package org.modelworkbench.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.app.gui.theme.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Screenshots for the documentation: the start page and the main window with a template open, in
 * the light and the dark theme, checked for what they show (size, theme brightness, blocks drawn on
 * the canvas). A plain {@code verify} writes them to a temporary folder; to refresh docs/images run
 * {@code ./mvnw -B verify -Pdocs-images} (see docs/generated-files.md).
 */
@ExtendWith(ApplicationExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScreenshotsTest {
    static final String TEMPLATE = "mobilenetv2-fmnist";
    static final String SELECTED = "stage2_block1";

    @TempDir
    Path data;
    WorkbenchFixture app;
    Stage stage;

    /** A plain verify writes here; -Pdocs-images writes docs/images instead (see {@link WorkbenchFixture#docsImages}). */
    @TempDir
    Path scratch;

    Path images() {
        return WorkbenchFixture.docsImages(scratch);
    }

    Bounds canvasBounds(FxRobot robot) {
        Bounds[] b = new Bounds[1];
        WorkbenchFixture.fx(() -> {
            javafx.scene.Node canvas = robot.lookup("#graph-canvas").query();
            b[0] = canvas.localToScene(canvas.getBoundsInLocal());
        });
        return b[0];
    }

    @AfterEach
    void closeTheWindow() {
        app.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = WorkbenchFixture.open(stage, data);
    }

    @Test
    void the_start_page_and_the_main_window_in_both_themes_are_drawn_and_written_as_screenshots(FxRobot robot) throws Exception {
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
        WritableImage startPage = WorkbenchFixture.snapshot(stage.getScene().getRoot(), images().resolve("start-page.png"));
        ImageStats start = ImageStats.of(startPage);
        assertThat(start.width()).isEqualTo((int) stage.getScene().getWidth());
        assertThat(start.height()).isEqualTo((int) stage.getScene().getHeight());
        assertThat(start.meanBrightness()).as("the start page in the light theme").isGreaterThan(0.7);
        assertThat(start.drawnShare()).as("template cards and text are drawn").isGreaterThan(0.02);

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
        WritableImage light = WorkbenchFixture.snapshot(stage.getScene().getRoot(), images().resolve("main-window-light.png"));
        Bounds canvas = canvasBounds(robot);
        assertThat(canvas.getWidth()).as("the canvas takes much of the window").isGreaterThan(400);

        WorkbenchFixture.fx(() -> app.window.themeProperty().set(Theme.DARK));
        WorkbenchFixture.settle(robot);
        robot.sleep(300);
        WorkbenchFixture.settle(robot);
        WritableImage dark = WorkbenchFixture.snapshot(stage.getScene().getRoot(), images().resolve("main-window-dark.png"));
        WorkbenchFixture.fx(() -> app.window.themeProperty().set(Theme.LIGHT));

        ImageStats lightWindow = ImageStats.of(light);
        ImageStats darkWindow = ImageStats.of(dark);
        assertThat(lightWindow.meanBrightness()).as("the light theme").isGreaterThan(0.7);
        assertThat(darkWindow.meanBrightness()).as("the dark theme").isLessThan(0.35);
        ImageStats lightCanvas = ImageStats.of(light, canvas);
        ImageStats darkCanvas = ImageStats.of(dark, canvas);
        assertThat(lightCanvas.drawnShare()).as("blocks and wires on the light canvas").isGreaterThan(0.05);
        assertThat(darkCanvas.drawnShare()).as("blocks and wires on the dark canvas").isGreaterThan(0.05);
        assertThat(darkCanvas.meanBrightness()).as("the dark canvas").isLessThan(lightCanvas.meanBrightness() - 0.3);
        assertThat(images().resolve("main-window-light.png")).isRegularFile();
    }
}
