package org.modelworkbench.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelworkbench.app.gui.WorkbenchFixture.fx;
import static org.modelworkbench.app.gui.WorkbenchFixture.waitUntil;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.app.gui.visualize.VisualizePanel;
import org.modelworkbench.app.gui.visualize.VisualizePanelModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A visualizer as a user reaches it: a block's Visualize › Activations; the Visualize tab
 * opens, a real child process probes the design (fresh weights: the test's data folder has no runs, and
 * the panel says so), the figures appear; selecting another block on the canvas shows that layer without
 * probing again; Save PNG writes the figure.
 */
@ExtendWith(ApplicationExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VisualizeJourneyTest {
    static final String TEMPLATE = "resnet-fmnist";

    @TempDir
    Path data;
    @TempDir
    Path saved;
    WorkbenchFixture app;

    @Start
    void start(Stage stage) {
        app = WorkbenchFixture.open(stage, data);
    }

    @AfterEach
    void closeTheWindow() {
        app.close();
    }

    @Test
    void right_click_a_block_visualize_its_activations_follow_the_selection_and_save_the_figure(FxRobot robot) throws Exception {
        WorkbenchFixture.scrollIntoView(robot.lookup("#template-" + TEMPLATE).query());
        robot.clickOn("#template-" + TEMPLATE);
        waitUntil(() -> app.document() != null);
        WorkbenchFixture.showTopReadable(robot);
        WorkbenchFixture.settle(robot);

        waitUntil(() -> WorkbenchFixture.canvas(robot).nodeView("stage1_block2").isPresent());
        // The block's context menu as the shell fills it (the popup itself is the kit's, tested there).
        var canvas = WorkbenchFixture.canvas(robot);
        java.util.List<javafx.scene.control.MenuItem> items = canvas.contextMenuProviderProperty().get().items(
                new org.modelworkbench.editor.canvas.CanvasContextMenus.Target(
                        org.modelworkbench.editor.canvas.CanvasContextMenus.Kind.NODE, "stage1_block2", null, null),
                java.util.List.of());
        javafx.scene.control.Menu visualize = (javafx.scene.control.Menu) items.stream()
                .filter(i -> "menu-visualize".equals(i.getId())).findFirst().orElseThrow();
        assertThat(visualize.getItems()).extracting(javafx.scene.control.MenuItem::getText)
                .contains("Activations", "Grad-CAM", "Confusion matrix");
        fx(() -> visualize.getItems().stream().filter(i -> "menu-visualize-activations".equals(i.getId())).findFirst()
                .orElseThrow().fire());
        WorkbenchFixture.settle(robot);

        TabPane bottom = robot.lookup("#bottom-tabs").queryAs(TabPane.class);
        assertThat(bottom.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-visualize");
        VisualizePanelModel model = app.window.visualize();
        waitUntil(() -> !model.drawn().isEmpty() || !model.errorProperty().get().isEmpty(), 180);
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.notes()).anySatisfy(n -> assertThat(n).contains("untrained"));
        WorkbenchFixture.settle(robot);
        assertThat(robot.lookup("#visualize-figure-activations").tryQuery()).isPresent();
        ComboBox<?> layer = robot.lookup("#visualize-layer").queryAs(ComboBox.class);
        assertThat(layer.getValue()).isEqualTo("stage1_block2");

        // Selecting a block on the canvas shows its layer, from the same probe.
        fx(() -> {
            app.document().model().selection().clear();
            app.document().model().selection().add("stage1_block1");
        });
        waitUntil(() -> "stage1_block1".equals(layer.getValue())
                && model.drawn().get(0).panel().title().contains("stage1_block1"));

        VisualizePanel panel = robot.lookup("#visualize-panel").queryAs(VisualizePanel.class);
        fx(() -> panel.setSaveTarget((title, name, extension) -> saved.resolve(name)));
        WorkbenchFixture.scrollIntoView(robot.lookup("#visualize-save-png-activations").query());
        WorkbenchFixture.settle(robot);
        robot.clickOn("#visualize-save-png-activations");
        Path png = saved.resolve("activations-activations.png");
        waitUntil(() -> Files.isRegularFile(png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(model.drawn().get(0).image().getWidth());
    }
}
