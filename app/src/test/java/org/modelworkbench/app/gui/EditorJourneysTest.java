package org.modelworkbench.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelworkbench.app.gui.WorkbenchFixture.canvas;
import static org.modelworkbench.app.gui.WorkbenchFixture.clickMenu;
import static org.modelworkbench.app.gui.WorkbenchFixture.fx;
import static org.modelworkbench.app.gui.WorkbenchFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.editor.canvas.NodeView;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.PortRef;
import org.modelworkbench.projects.files.DesignWriter;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The user journeys of the main window, driven by the robot through ids. */
@ExtendWith(ApplicationExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EditorJourneysTest {
    @TempDir
    Path data;
    WorkbenchFixture app;
    Stage stage;
    final FixedFilePicker files = new FixedFilePicker();

    @AfterEach
    void closeTheWindow() {
        app.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = WorkbenchFixture.open(stage, data);
        app.window.documents().setFilePicker(files);
    }

    void openTemplate(FxRobot robot, String id) {
        WorkbenchFixture.scrollIntoView(robot.lookup("#template-" + id).query());
        robot.clickOn("#template-" + id);
        waitUntil(() -> app.document() != null);
        WorkbenchFixture.showTopReadable(robot);
        WorkbenchFixture.settle(robot);
    }

    String menuText(FxRobot robot, String menuId, ActionId action) {
        String[] text = new String[1];
        fx(() -> {
            var bar = (javafx.scene.control.MenuBar) robot.lookup("#menu-bar").query();
            for (var m : bar.getMenus()) {
                if (m.getId().equals(menuId)) {
                    for (MenuItem i : m.getItems()) {
                        if (action.menuItemId().equals(i.getId())) {
                            text[0] = i.getText();
                        }
                    }
                }
            }
        });
        return text[0];
    }

    @Test
    void clicking_a_template_card_opens_a_copy_and_the_canvas_shows_its_blocks(FxRobot robot) {
        assertThat(robot.lookup("#start-page").query().isVisible()).isTrue();

        openTemplate(robot, "resnet-fmnist");

        assertThat(app.document().path()).as("a copy, not tied to a file").isNull();
        assertThat(app.document().isDirty()).isFalse();
        assertThat(app.document().model().design().size()).isEqualTo(14);
        assertThat(robot.lookup("#start-page").query().isVisible()).isFalse();
        assertThat(robot.lookup("#node-stem_conv").tryQuery()).isPresent();
        assertThat(stage.getTitle()).isEqualTo("ResNet (Fashion-MNIST) — Model Workbench");
        assertThat(robot.lookup("#status-nodes").queryLabeled().getText()).isEqualTo("14 nodes");
        assertThat(robot.lookup("#status-params").queryLabeled().getText()).isEqualTo("272 K params");
    }

    @Test
    void a_block_dragged_from_the_palette_lands_on_the_canvas_and_is_wired_to_the_input(FxRobot robot) {
        robot.clickOn("#start-new-blank");
        waitUntil(() -> app.document() != null && canvas(robot).nodeView("input").isPresent());
        fx(() -> canvas(robot).resetZoom());
        WorkbenchFixture.settle(robot);

        // A real platform drag and drop by the robot from the palette cell onto the canvas.
        robot.moveTo("#palette-conv-conv2d");
        WorkbenchFixture.hidePopups();
        WorkbenchFixture.forgetStaleMonocleDragView();
        robot.press(MouseButton.PRIMARY);
        robot.moveTo(robot.point("#graph-canvas").atOffset(new javafx.geometry.Point2D(0, 60)).query());
        robot.moveTo(robot.point("#graph-canvas").atOffset(new javafx.geometry.Point2D(0, 120)).query());
        robot.release(MouseButton.PRIMARY);
        waitUntil(() -> app.document().model().design().node("conv2d").isPresent());
        WorkbenchFixture.settle(robot);
        robot.drag("#out-input-y", MouseButton.PRIMARY).dropTo("#in-conv2d-x");
        WorkbenchFixture.settle(robot);

        assertThat(app.document().model().design().edges())
                .contains(new Edge(new PortRef("input", "y"), new PortRef("conv2d", "x")));
        NodeAnalysis conv = app.document().model().analysis().node("conv2d");
        assertThat(conv.evaluated()).isTrue();
        assertThat(conv.outputs().get(0).toString()).isEqualTo("1×64×224×224");
        assertThat(stage.getTitle()).startsWith("*");
        assertThat(robot.lookup("#status-unsaved").query().isVisible()).isTrue();
    }

    @Test
    void a_wrong_connection_is_listed_in_the_problems_tab_and_marked_on_the_block(FxRobot robot) {
        robot.clickOn("#start-new-blank");
        waitUntil(() -> app.document() != null && canvas(robot).nodeView("input").isPresent());
        fx(() -> {
            // conv (64 channels) and the 3-channel input both into an add: their shapes cannot be added.
            var m = app.document().model();
            m.addNode("conv.conv2d", 300, 120);
            m.addNode("merge.add", 150, 300);
            m.connect(new PortRef("input", "y"), new PortRef("conv2d", "x"));
            m.connect(new PortRef("conv2d", "y"), new PortRef("add", "a"));
            canvas(robot).zoomToFit();
        });
        WorkbenchFixture.settle(robot);
        Tab problemsTab = findTab(robot, "tab-problems");
        assertThat(problemsTab.getText()).isEqualTo("Problems (1)");  // add.b is not connected

        robot.drag("#out-input-y", MouseButton.PRIMARY).dropTo("#in-add-b");
        robot.moveTo("#status-bar");
        WorkbenchFixture.settle(robot);

        assertThat(problemsTab.getText()).isEqualTo("Problems (1)");
        assertThat(app.document().model().analysis().problems().get(0).nodeId()).isEqualTo("add");
        assertThat(app.document().model().analysis().problems().get(0).kind().name()).isEqualTo("SHAPE_MISMATCH");
        NodeView add = canvas(robot).nodeView("add").orElseThrow();
        assertThat(add.getStyleClass()).contains("problem");
        assertThat(add.problemText()).isNotEmpty();

        robot.clickOn("#tab-problems");
        robot.clickOn(robot.lookup("#problemsList .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        WorkbenchFixture.settle(robot);
        assertThat(app.document().model().selection()).containsExactly("add");
    }

    @Test
    void editing_a_hyper_parameter_in_the_inspector_changes_the_shape_and_the_cost_in_the_profile(FxRobot robot) {
        openTemplate(robot, "resnet-fmnist");
        long before = app.document().model().analysis().totals().params();

        robot.clickOn("#node-stem_conv");
        WorkbenchFixture.settle(robot);
        robot.doubleClickOn("#param-out_channels");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("32").type(KeyCode.ENTER);
        WorkbenchFixture.settle(robot);

        NodeAnalysis stem = app.document().model().analysis().node("stem_conv");
        assertThat(stem.outputs().get(0).toString()).isEqualTo("1×32×28×28");
        long after = app.document().model().analysis().totals().params();
        assertThat(after).isGreaterThan(before);
        TableView<?> table = robot.lookup("#profileTable").queryAs(TableView.class);
        assertThat(tableText(table)).contains("1×32×28×28");
        assertThat(robot.lookup("#status-params").queryLabeled().getText()).isNotEqualTo("272 K params");
    }

    @Test
    void undo_and_redo_by_menu_and_by_keys_name_the_action(FxRobot robot) throws Exception {
        openTemplate(robot, "resnet-fmnist");
        fx(() -> {
            try {
                app.document().model().setParameter("stem_conv", "out_channels", 24);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(menuText(robot, "menu-edit", ActionId.UNDO)).isEqualTo("Undo Set out_channels of stem_conv");

        clickMenu(robot, "menu-edit", ActionId.UNDO.menuItemId());
        assertThat(app.document().model().design().node("stem_conv").orElseThrow().params().get("out_channels")).isEqualTo(16);
        assertThat(menuText(robot, "menu-edit", ActionId.REDO)).isEqualTo("Redo Set out_channels of stem_conv");
        assertThat(menuText(robot, "menu-edit", ActionId.UNDO)).isEqualTo("Undo");
        assertThat(stage.getTitle()).doesNotStartWith("*");

        robot.clickOn("#graph-canvas");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WorkbenchFixture.settle(robot);
        assertThat(app.document().model().design().node("stem_conv").orElseThrow().params().get("out_channels")).isEqualTo(24);
        assertThat(stage.getTitle()).startsWith("*");

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WorkbenchFixture.settle(robot);
        assertThat(app.document().model().design().node("stem_conv").orElseThrow().params().get("out_channels")).isEqualTo(16);
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        WorkbenchFixture.settle(robot);
        assertThat(app.document().model().design().node("stem_conv").orElseThrow().params().get("out_channels")).isEqualTo(24);
    }

    @Test
    void a_saved_design_reopens_the_same(FxRobot robot) throws Exception {
        openTemplate(robot, "swin-fmnist");
        fx(() -> app.document().model().moveNodes(java.util.Map.of("input", new javafx.geometry.Point2D(-200, -40))));
        assertThat(app.document().isDirty()).isTrue();
        String json = DesignWriter.toJson(app.document().model().design());
        Path file = app.data.resolve("projects/my swin.json");
        files.answer(file);

        clickMenu(robot, "menu-file", ActionId.SAVE_AS.menuItemId());

        assertThat(file).exists();
        assertThat(app.document().isDirty()).isFalse();
        assertThat(stage.getTitle()).as("the design's name, then its file")
                .isEqualTo("Swin (Fashion-MNIST) — my swin.json — Model Workbench");
        assertThat(app.preferences.recent()).first().isEqualTo(file.toAbsolutePath());

        clickMenu(robot, "menu-file", ActionId.CLOSE.menuItemId());
        assertThat(app.document()).isNull();
        assertThat(robot.lookup("#start-page").query().isVisible()).isTrue();
        assertThat(robot.lookup("#recent-open-0").queryAs(Labeled.class).getTooltip().getText()).isEqualTo(file.toAbsolutePath().toString());

        files.answer(file);
        clickMenu(robot, "menu-file", ActionId.OPEN.menuItemId());
        waitUntil(() -> app.document() != null);

        assertThat(DesignWriter.toJson(app.document().model().design())).isEqualTo(json);
        assertThat(app.document().path()).isEqualTo(file.toAbsolutePath());
        assertThat(Files.readString(file)).isEqualTo(json);
    }

    @Test
    void a_file_that_cannot_be_read_is_explained_and_the_open_design_stays(FxRobot robot) throws Exception {
        openTemplate(robot, "resnet-fmnist");
        Path broken = app.data.resolve("broken.json");
        Files.writeString(broken, "{\"formatVersion\": 1, \"name\": \"x\", \"nodes\": [ {\"id\": 3} ]}");
        files.answer(broken);

        clickMenu(robot, "menu-file", ActionId.OPEN.menuItemId());
        waitUntil(() -> robot.lookup("#file-error-dialog").tryQuery().isPresent());

        assertThat(robot.lookup("#file-error-file").queryLabeled().getText()).isEqualTo(broken.toAbsolutePath().toString());
        assertThat(robot.lookup("#file-error-location-0").queryLabeled().getText()).startsWith("/nodes");
        assertThat(robot.lookup("#file-error-problem-0").queryLabeled().getText()).isNotBlank();
        assertThat(robot.lookup(".dialog-pane").queryAll().stream().map(n -> n.toString()))
                .noneMatch(s -> s.contains("Exception"));
        robot.clickOn(robot.lookup("#file-error-dialog .button").queryButton());
        WorkbenchFixture.settle(robot);

        assertThat(app.document()).isNotNull();
        assertThat(app.document().model().design().name()).isEqualTo("ResNet (Fashion-MNIST)");
    }

    @Test
    void closing_the_window_with_unsaved_changes_asks_first(FxRobot robot) {
        openTemplate(robot, "resnet-fmnist");
        fx(() -> {
            app.document().model().selection().add("head");
            app.document().model().deleteSelection();
        });
        assertThat(app.document().isDirty()).isTrue();

        javafx.application.Platform.runLater(() -> stage.fireEvent(
                new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitUntil(() -> robot.lookup("#unsaved-changes-dialog").tryQuery().isPresent());
        assertThat(robot.lookup("#unsaved-changes-dialog .header-panel .label").queryLabeled().getText())
                .isEqualTo("Save the changes to “ResNet (Fashion-MNIST)” before quitting?");
        robot.clickOn("#unsaved-cancel");
        WorkbenchFixture.settle(robot);
        assertThat(stage.isShowing()).isTrue();
        assertThat(app.document()).isNotNull();

        // Ctrl+Q: the same question; Don't Save quits.
        robot.clickOn("#graph-canvas");
        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#unsaved-dont-save").tryQuery().isPresent());
        robot.clickOn("#unsaved-dont-save");
        WorkbenchFixture.settle(robot);
        assertThat(app.quitCalled).isTrue();
    }

    @Test
    void the_shortcuts_panel_lists_every_key_the_window_registers(FxRobot robot) {
        openTemplate(robot, "resnet-fmnist");
        robot.clickOn("#graph-canvas");
        robot.type(KeyCode.F1);
        waitUntil(() -> robot.lookup("#shortcuts-table").tryQuery().isPresent());

        TableView<?> table = robot.lookup("#shortcuts-table").queryAs(TableView.class);
        String text = tableText(table);
        for (ActionId id : app.window.actions().boundActions()) {
            assertThat(text).contains(id.text());
            id.keys().forEach(k -> assertThat(text).contains(k.getDisplayText()));
        }
        robot.clickOn(robot.lookup("#shortcuts-dialog .button").queryButton());
    }

    @Test
    void blocks_are_grouped_opened_left_and_ungrouped_with_keys_and_each_step_undoes(FxRobot robot) {
        openTemplate(robot, "resnet-fmnist");
        robot.clickOn("#node-stem_conv");
        robot.press(KeyCode.SHIFT).clickOn("#node-stem_bn").clickOn("#node-stem_relu").release(KeyCode.SHIFT);
        assertThat(app.document().model().selection()).containsExactlyInAnyOrder("stem_conv", "stem_bn", "stem_relu");

        robot.press(KeyCode.CONTROL).type(KeyCode.G).release(KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#group-name").tryQuery().isPresent());
        robot.doubleClickOn("#group-name").eraseText(12).write("Stem");
        robot.clickOn("#group-ok");
        WorkbenchFixture.settle(robot);

        var design = app.document().model().design();
        assertThat(design.composite("Stem")).isPresent();
        assertThat(design.node("stem_conv")).isEmpty();
        String group = app.document().model().selection().iterator().next();
        assertThat(design.node(group).orElseThrow().type()).isEqualTo("user.Stem");
        assertThat(robot.lookup("#palette").queryAs(org.modelworkbench.editor.palette.PaletteView.class).userBlocks())
                .as("listed under My blocks").extracting(t -> t.id()).containsExactly("user.Stem");
        assertThat(menuText(robot, "menu-edit", ActionId.UNDO)).isEqualTo("Undo Group 3 blocks as Stem");
        long params = app.document().model().analysis().totals().params();
        assertThat(params).as("a group costs what its inside costs").isEqualTo(272_186);

        // Enter opens it; the breadcrumb shows where we are; Alt+Up goes back.
        robot.clickOn("#node-" + group);
        robot.type(KeyCode.ENTER);
        WorkbenchFixture.settle(robot);
        assertThat(robot.lookup("#breadcrumb").tryQuery()).isPresent();
        assertThat(canvas(robot).model().design().node("stem_conv")).isPresent();
        robot.clickOn("#graph-canvas");
        robot.press(KeyCode.ALT).type(KeyCode.UP).release(KeyCode.ALT);
        WorkbenchFixture.settle(robot);
        assertThat(robot.lookup("#breadcrumb").tryQuery()).isEmpty();
        assertThat(canvas(robot).model()).isSameAs(app.document().model());

        robot.clickOn("#node-" + group);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.G).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WorkbenchFixture.settle(robot);
        assertThat(app.document().model().design().node("stem_conv")).isPresent();
        assertThat(menuText(robot, "menu-edit", ActionId.UNDO)).isEqualTo("Undo Ungroup " + group);

        clickMenu(robot, "menu-edit", ActionId.UNDO.menuItemId());
        clickMenu(robot, "menu-edit", ActionId.UNDO.menuItemId());
        assertThat(app.document().model().design().node("stem_conv")).isPresent();
        assertThat(app.document().model().design().node(group)).isEmpty();
        assertThat(app.document().isDirty()).isFalse();
    }

    @Test
    void a_library_block_opens_read_only_by_double_click(FxRobot robot) {
        openTemplate(robot, "resnet-fmnist");
        fx(() -> canvas(robot).centerOn("stage2_block1"));
        WorkbenchFixture.settle(robot);

        robot.doubleClickOn("#node-stage2_block1");
        WorkbenchFixture.settle(robot);

        assertThat(robot.lookup("#breadcrumb-read-only").tryQuery()).isPresent();
        assertThat(canvas(robot).model().isReadOnly()).isTrue();
        assertThat(canvas(robot).model().design().size()).isGreaterThan(5);
        robot.clickOn("#crumb-0");
        WorkbenchFixture.settle(robot);
        assertThat(canvas(robot).model()).isSameAs(app.document().model());
    }

    static Tab findTab(FxRobot robot, String id) {
        TabPane tabs = robot.lookup("#bottom-tabs").queryAs(TabPane.class);
        return tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow();
    }

    static String tableText(TableView<?> table) {
        StringBuilder b = new StringBuilder();
        fx(() -> {
            for (int r = 0; r < table.getItems().size(); r++) {
                for (var c : table.getColumns()) {
                    b.append(c.getCellData(r)).append('\t');
                }
                b.append('\n');
            }
        });
        return b.toString();
    }
}
