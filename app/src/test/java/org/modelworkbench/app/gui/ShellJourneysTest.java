package org.modelworkbench.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelworkbench.app.gui.WorkbenchFixture.canvas;
import static org.modelworkbench.app.gui.WorkbenchFixture.clickMenu;
import static org.modelworkbench.app.gui.WorkbenchFixture.fx;
import static org.modelworkbench.app.gui.WorkbenchFixture.waitUntil;

import java.nio.file.Path;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.canvas.NodeGeometry;
import org.modelworkbench.editor.group.CompositeActions;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Journeys through the shell that a new user stumbled on: where the keyboard goes after navigating,
 * the breadcrumb's Up link, the view a design opens with, renaming a design, and the context menus.
 */
@ExtendWith(ApplicationExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ShellJourneysTest {
    @TempDir
    static Path data;
    static int windows;
    WorkbenchFixture app;
    Stage stage;
    final FixedFilePicker files = new FixedFilePicker();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = WorkbenchFixture.open(stage, data.resolve("app-" + windows++));
        app.window.documents().setFilePicker(files);
    }

    void openTemplate(FxRobot robot, String id) {
        WorkbenchFixture.scrollIntoView(robot.lookup("#template-" + id).query());
        robot.clickOn("#template-" + id);
        waitUntil(() -> app.document() != null && !canvas(robot).nodeGeometries().isEmpty());
        WorkbenchFixture.settle(robot);
    }

    Node focusOwner() {
        Node[] owner = new Node[1];
        fx(() -> owner[0] = stage.getScene().getFocusOwner());
        return owner[0];
    }

    /** True when every node of the canvas lies wholly inside its visible area. */
    static boolean allNodesInView(GraphCanvas canvas) {
        boolean[] in = new boolean[1];
        fx(() -> {
            in[0] = true;
            for (NodeGeometry g : canvas.nodeGeometries()) {
                var min = canvas.toLocal(g.x(), g.y());
                var max = canvas.toLocal(g.maxX(), g.maxY());
                if (min.getX() < 0 || min.getY() < 0 || max.getX() > canvas.getWidth() || max.getY() > canvas.getHeight()) {
                    in[0] = false;
                }
            }
        });
        return in[0];
    }

    // ------------------------------------------------------------------ 1. the keyboard after navigating

    @Test
    void after_opening_a_design_the_keys_F_Delete_and_Alt_Up_reach_the_canvas_without_a_click(FxRobot robot) {
        openTemplate(robot, "resnet-fmnist");
        waitUntil(() -> focusOwner() instanceof GraphCanvas);

        fx(() -> canvas(robot).setView(2, 0, 0));
        robot.type(KeyCode.F);
        WorkbenchFixture.settle(robot);
        assertThat(canvas(robot).getZoom()).as("F fitted the design").isLessThan(2);
        assertThat(robot.lookup("#paletteSearch").queryAs(TextInputControl.class).getText()).isEmpty();

        fx(() -> app.document().model().selection().add("head"));
        robot.type(KeyCode.DELETE);
        WorkbenchFixture.settle(robot);
        assertThat(app.document().model().design().node("head")).as("Delete removed the block").isEmpty();

        // Into a library block (Enter), and back with Alt+Up: the keyboard follows without a click.
        fx(() -> {
            app.document().model().selection().clear();
            app.document().model().selection().add("stage2_block1");
        });
        robot.type(KeyCode.ENTER);
        WorkbenchFixture.settle(robot);
        assertThat(robot.lookup("#breadcrumb").tryQuery()).isPresent();
        waitUntil(() -> focusOwner() instanceof GraphCanvas);
        robot.press(KeyCode.ALT).type(KeyCode.UP).release(KeyCode.ALT);
        WorkbenchFixture.settle(robot);
        assertThat(robot.lookup("#breadcrumb").tryQuery()).isEmpty();
        assertThat(canvas(robot).model()).isSameAs(app.document().model());
        assertCanvasGetsTheKeyboard(robot);
    }

    /** Waits a little for the canvas to take the keyboard, then says who has it if it did not. */
    void assertCanvasGetsTheKeyboard(FxRobot robot) {
        for (int i = 0; i < 50 && !(focusOwner() instanceof GraphCanvas); i++) {
            robot.sleep(100);
        }
        assertThat(focusOwner()).as("the keyboard's owner").isInstanceOf(GraphCanvas.class);
    }

    @Test
    void the_toolbar_zoom_to_fit_works_while_the_palette_search_has_the_keyboard(FxRobot robot) {
        openTemplate(robot, "resnet-fmnist");
        fx(() -> canvas(robot).setView(2, 0, 0));
        robot.clickOn("#paletteSearch");
        assertThat(focusOwner()).isInstanceOf(TextInputControl.class);

        robot.clickOn("#tool-zoom-fit");
        WorkbenchFixture.settle(robot);

        assertThat(canvas(robot).getZoom()).isLessThan(2);
        assertThat(allNodesInView(canvas(robot))).isTrue();
    }

    // ------------------------------------------------------------------ 2. the breadcrumb's Up link

    @Test
    void the_up_link_of_the_breadcrumb_goes_back_one_level_from_two_levels_deep(FxRobot robot) {
        openTemplate(robot, "resnet-fmnist");
        String[] outer = new String[1];
        fx(() -> {
            var m = app.document().model();
            m.selection().clear();
            m.selection().addAll(Set.of("stem_conv", "stem_bn"));
            String inner = CompositeActions.group(m, "Inner");
            m.selection().clear();
            m.selection().addAll(Set.of(inner, "stem_relu"));
            outer[0] = CompositeActions.group(m, "Outer");
            canvas(robot).centerOn(outer[0]);
        });
        WorkbenchFixture.settle(robot);
        robot.doubleClickOn("#node-" + outer[0]);
        WorkbenchFixture.settle(robot);
        String innerNode = canvas(robot).model().design().nodes().stream()
                .filter(n -> n.type().equals("user.Inner")).findFirst().orElseThrow().id();
        fx(() -> canvas(robot).centerOn(innerNode));
        WorkbenchFixture.settle(robot);
        robot.doubleClickOn("#node-" + innerNode);
        WorkbenchFixture.settle(robot);
        assertThat(canvas(robot).model().design().node("stem_conv")).as("two levels deep").isPresent();
        assertThat(robot.lookup("#crumb-2").tryQuery()).isPresent();
        // The user looked for a block in the palette first: the link must not care where the keyboard is.
        robot.clickOn("#paletteSearch");
        assertThat(focusOwner()).isInstanceOf(TextInputControl.class);

        robot.clickOn("#composite-up");
        WorkbenchFixture.settle(robot);

        assertThat(canvas(robot).model().design().node(innerNode)).as("one level up: the inside of Outer").isPresent();
        assertThat(robot.lookup("#crumb-2").tryQuery()).isEmpty();
        assertThat(robot.lookup("#crumb-1").tryQuery()).isPresent();

        robot.clickOn("#composite-up");
        WorkbenchFixture.settle(robot);
        assertThat(canvas(robot).model()).isSameAs(app.document().model());
        assertThat(robot.lookup("#breadcrumb").tryQuery()).isEmpty();
    }

    // ------------------------------------------------------------------ 3. the view a design opens with

    @Test
    void a_design_opens_zoomed_to_fit_with_every_block_in_view(FxRobot robot) {
        openTemplate(robot, "mobilenetv2-fmnist");

        assertThat(canvas(robot).nodeGeometries()).hasSize(app.document().model().design().size());
        waitUntil(() -> allNodesInView(canvas(robot)));
        assertThat(canvas(robot).getZoom()).isLessThanOrEqualTo(1.0);
        assertThat(robot.lookup("#status-zoom").queryLabeled().getText())
                .isEqualTo(Math.round(canvas(robot).getZoom() * 100) + " %");
    }

    @Test
    void dragging_the_profile_divider_after_opening_keeps_the_zoom(FxRobot robot) {
        openTemplate(robot, "mobilenetv2-fmnist");
        waitUntil(() -> allNodesInView(canvas(robot)));
        double zoom = canvas(robot).getZoom();
        double height = canvas(robot).getHeight();

        javafx.scene.Node divider = robot.lookup("#split-vertical > .split-pane-divider").query();
        robot.drag(divider, javafx.scene.input.MouseButton.PRIMARY).moveBy(0, -120).drop();
        WorkbenchFixture.settle(robot);

        assertThat(canvas(robot).getHeight()).as("the divider moved").isLessThan(height - 60);
        assertThat(canvas(robot).getZoom()).isEqualTo(zoom);
    }

    @Test
    void a_small_design_opens_at_100_percent_not_blown_up(FxRobot robot) {
        robot.clickOn("#start-new-blank");
        waitUntil(() -> app.document() != null && canvas(robot).nodeViewCount() > 0);
        WorkbenchFixture.settle(robot);

        assertThat(canvas(robot).getZoom()).isEqualTo(1.0);
        assertThat(allNodesInView(canvas(robot))).isTrue();
    }

    @Test
    void auto_layout_ends_with_the_whole_design_in_view(FxRobot robot) {
        openTemplate(robot, "mobilenetv2-fmnist");
        fx(() -> canvas(robot).setView(2, 0, 0));
        assertThat(allNodesInView(canvas(robot))).isFalse();

        robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#status-progress").tryQuery().isEmpty() && canvas(robot).getZoom() < 2);
        WorkbenchFixture.settle(robot);

        assertThat(app.document().model().commands().undoDescriptionProperty().get()).containsIgnoringCase("layout");
        assertThat(allNodesInView(canvas(robot))).isTrue();
    }

    @Test
    void behind_the_start_page_the_status_bar_shows_no_zoom(FxRobot robot) {
        openTemplate(robot, "resnet-fmnist");
        assertThat(robot.lookup("#status-zoom").queryLabeled().getText()).endsWith("%");

        clickMenu(robot, "menu-file", "menu-new");
        assertThat(robot.lookup("#start-page").query().isVisible()).isTrue();
        assertThat(robot.lookup("#status-zoom").queryLabeled().getText()).isEmpty();

        WorkbenchFixture.scrollIntoView(robot.lookup("#start-back").query());
        robot.clickOn("#start-back");
        WorkbenchFixture.settle(robot);
        assertThat(robot.lookup("#status-zoom").queryLabeled().getText()).endsWith("%");
        waitUntil(() -> focusOwner() instanceof GraphCanvas);

        clickMenu(robot, "menu-file", "menu-close");
        assertThat(robot.lookup("#status-zoom").queryLabeled().getText()).isEmpty();
    }

    // ------------------------------------------------------------------ 4. the design's name

    void rename(FxRobot robot, String name, String description) {
        clickMenu(robot, "menu-file", "menu-rename-design");
        waitUntil(() -> robot.lookup("#rename-name").tryQuery().isPresent());
        robot.doubleClickOn("#rename-name");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write(name);
        robot.clickOn("#rename-description").write(description);
        robot.clickOn("#rename-ok");
        WorkbenchFixture.settle(robot);
    }

    @Test
    void a_renamed_design_undoes_redoes_and_keeps_its_name_through_save_and_reopen(FxRobot robot) {
        robot.clickOn("#start-new-blank");
        waitUntil(() -> app.document() != null && canvas(robot).nodeViewCount() > 0);
        assertThat(stage.getTitle()).isEqualTo("Untitled design — Model Workbench");

        rename(robot, "Tiny classifier", "Two convolutions and a head.");

        assertThat(app.document().model().design().name()).isEqualTo("Tiny classifier");
        assertThat(app.document().model().design().description()).isEqualTo("Two convolutions and a head.");
        assertThat(stage.getTitle()).isEqualTo("*Tiny classifier — Model Workbench");
        assertThat(robot.lookup("#status-name").queryLabeled().getText()).isEqualTo("Tiny classifier");

        clickMenu(robot, "menu-edit", "menu-undo");
        assertThat(app.document().model().design().name()).isEqualTo("Untitled design");
        assertThat(app.document().model().design().description()).isEmpty();
        assertThat(stage.getTitle()).isEqualTo("Untitled design — Model Workbench");
        clickMenu(robot, "menu-edit", "menu-redo");
        assertThat(stage.getTitle()).isEqualTo("*Tiny classifier — Model Workbench");

        Path file = data.resolve("projects/tiny.json");
        files.answer(file);
        clickMenu(robot, "menu-file", "menu-save");
        assertThat(file).exists();
        assertThat(app.document().model().design().name()).as("a renamed design keeps its name").isEqualTo("Tiny classifier");
        assertThat(stage.getTitle()).isEqualTo("Tiny classifier — tiny.json — Model Workbench");

        clickMenu(robot, "menu-file", "menu-close");
        files.answer(file);
        clickMenu(robot, "menu-file", "menu-open");
        waitUntil(() -> app.document() != null);
        assertThat(app.document().model().design().name()).isEqualTo("Tiny classifier");
        assertThat(app.document().model().design().description()).isEqualTo("Two convolutions and a head.");
        assertThat(stage.getTitle()).isEqualTo("Tiny classifier — tiny.json — Model Workbench");
    }

    @Test
    void an_untitled_design_saved_for_the_first_time_is_named_after_its_file_in_one_undoable_step(FxRobot robot) {
        robot.clickOn("#start-new-blank");
        waitUntil(() -> app.document() != null && canvas(robot).nodeViewCount() > 0);
        Path file = data.resolve("projects/cifar net.json");
        files.answer(file);

        clickMenu(robot, "menu-file", "menu-save");

        assertThat(app.document().model().design().name()).isEqualTo("cifar net");
        assertThat(stage.getTitle()).isEqualTo("cifar net.json — Model Workbench");
        assertThat(app.document().isDirty()).isFalse();
        assertThat(app.document().model().commands().undoDescriptionProperty().get()).isEqualTo("Rename to cifar net");
        assertThat(robot.lookup("#status-name").queryLabeled().getText()).isEqualTo("cifar net");
    }

    // ------------------------------------------------------------------ 6. context menus

    @Test
    void the_canvas_background_menu_zooms_to_fit(FxRobot robot) {
        openTemplate(robot, "resnet-fmnist");
        // Zoomed in, the design off to the right: the middle of the canvas is empty background.
        fx(() -> canvas(robot).setView(2, canvas(robot).getWidth(), 0));
        assertThat(allNodesInView(canvas(robot))).isFalse();

        robot.rightClickOn("#graph-canvas");
        WorkbenchFixture.settle(robot);
        assertThat(robot.lookup("#menu-paste-here").tryQuery()).isPresent();
        assertThat(robot.lookup("#context-delete").tryQuery()).as("not the block menu").isEmpty();
        robot.clickOn("#context-zoom-fit");
        WorkbenchFixture.settle(robot);

        assertThat(allNodesInView(canvas(robot))).isTrue();
    }

    @Test
    void the_block_menu_deletes_the_block_and_undo_brings_it_back(FxRobot robot) {
        openTemplate(robot, "resnet-fmnist");
        fx(() -> canvas(robot).centerOn("head"));
        WorkbenchFixture.settle(robot);

        robot.rightClickOn("#node-head");
        WorkbenchFixture.settle(robot);
        assertThat(app.document().model().selection()).containsExactly("head");
        assertThat(robot.lookup("#context-cut").tryQuery()).isPresent();
        assertThat(robot.lookup("#context-open-inside").tryQuery()).isPresent();
        assertThat(robot.lookup("#context-paste").tryQuery()).as("not the background menu").isEmpty();
        robot.clickOn("#context-delete");
        WorkbenchFixture.settle(robot);
        assertThat(app.document().model().design().node("head")).isEmpty();

        clickMenu(robot, "menu-edit", "menu-undo");
        assertThat(app.document().model().design().node("head")).isPresent();
    }
}
