package org.modelworkbench.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelworkbench.app.gui.WorkbenchFixture.canvas;
import static org.modelworkbench.app.gui.WorkbenchFixture.fx;
import static org.modelworkbench.app.gui.WorkbenchFixture.settle;
import static org.modelworkbench.app.gui.WorkbenchFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.geometry.Point2D;
import javafx.scene.control.Tab;
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
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.canvas.NodeView;
import org.modelworkbench.editor.profile.CostFormat;
import org.modelworkbench.editor.profile.ProfileView;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.analysis.Problem;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.PortRef;
import org.modelworkbench.projects.files.DesignWriter;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The "done when": a person builds MobileNetV2's first stages (stem conv, BN, ReLU6 and three
 * inverted residuals) from the palette without touching a file, sees every shape and cost, makes a
 * wiring mistake and fixes it, saves, and the file reopens the same.
 *
 * <p>Robot gestures: palette search typing, palette drag-and-drop (a real platform drag under
 * Monocle), Enter in the search field and double-click on a palette entry, typing every
 * hyper-parameter into the inspector, clicking the bias check box, wiring by dragging from output
 * ports to input ports, F (zoom to fit), Ctrl+Z, Delete, Ctrl+S, Ctrl+W and Ctrl+O keys, clicking
 * blocks and tabs. Seams: the view is positioned with {@code setView}/{@code centerAt} (as a user would
 * pan) so that blocks land where the test wants them; native file dialogs do not exist headless, so
 * the {@link FixedFilePicker} answers them (as in the save journey); before every palette drag the
 * stale Monocle drag view is forgotten and popups hidden ({@link WorkbenchFixture}'s workaround).
 */
@ExtendWith(ApplicationExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BuildMobileNetV2JourneyTest {
    static final double ZOOM = 0.8;
    /** Block centres in design coordinates: two top-down columns. */
    static final Point2D CONV = new Point2D(90, 168);
    static final Point2D BN = new Point2D(90, 298);
    static final Point2D RELU6 = new Point2D(90, 428);
    static final Point2D IR1 = new Point2D(400, 38);
    static final Point2D IR2 = new Point2D(400, 168);
    static final Point2D IR3 = new Point2D(400, 298);
    static final Point2D ADD = new Point2D(400, 428);

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

    /** A plain verify writes the screenshot here; -Pdocs-images writes docs/images instead. */
    @TempDir
    Path scratch;

    Path images() {
        return WorkbenchFixture.docsImages(scratch);
    }

    /** The network the user builds, written in code: the reference for the shapes and the costs. */
    static DesignAnalysis expected() {
        DesignBuilder b = new DesignBuilder("MobileNetV2 first stages");
        String x = b.input("input", 3, 224, 224);
        x = b.add("conv2d", "conv.conv2d",
                Map.of("out_channels", 32, "kernel", 3, "stride", 2, "padding", 1, "bias", false), x);
        x = b.add("batch_norm", "norm.batch_norm", Map.of(), x);
        x = b.add("relu6", "activation.relu6", Map.of(), x);
        x = b.add("inverted_residual", "mbconv.inverted_residual",
                Map.of("expand_ratio", 1, "out_channels", 16, "stride", 1), x);
        x = b.add("inverted_residual_2", "mbconv.inverted_residual",
                Map.of("expand_ratio", 6, "out_channels", 24, "stride", 2), x);
        b.add("inverted_residual_3", "mbconv.inverted_residual",
                Map.of("expand_ratio", 6, "out_channels", 24, "stride", 1), x);
        return DesignAnalyzer.analyze(b.build());
    }

    // ---- gestures --------------------------------------------------------------------------------

    /** Ctrl+F, then types the query into the palette's search field. */
    void search(FxRobot robot, String query) {
        robot.clickOn("#graph-canvas");
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        settle(robot);
        robot.clickOn("#paletteSearch");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write(query);
        settle(robot);
    }

    Point2D screenOf(FxRobot robot, Point2D design) {
        Point2D[] p = new Point2D[1];
        fx(() -> {
            GraphCanvas c = canvas(robot);
            Point2D local = c.toLocal(design.getX(), design.getY());
            p[0] = c.localToScreen(local);
        });
        return p[0];
    }

    /** A real platform drag and drop from the palette entry onto the canvas, dropped at a design point. */
    String dragFromPalette(FxRobot robot, String typeId, String query, Point2D at) {
        search(robot, query);
        String cell = "#palette-" + typeId.replace('.', '-');
        robot.moveTo(cell);
        WorkbenchFixture.hidePopups();
        WorkbenchFixture.forgetStaleMonocleDragView();
        int before = app.document().model().design().size();
        robot.press(MouseButton.PRIMARY);
        Point2D target = screenOf(robot, at);
        robot.moveTo(target.add(-30, -20));
        robot.moveTo(target);
        robot.release(MouseButton.PRIMARY);
        waitUntil(() -> app.document().model().design().size() == before + 1);
        settle(robot);
        return selected();
    }

    /** Pans so that the point is in the middle of the view, then adds the search's best match with Enter. */
    String addWithEnter(FxRobot robot, String query, Point2D at) {
        fx(() -> canvas(robot).centerAt(at.getX(), at.getY()));
        search(robot, query);
        int before = app.document().model().design().size();
        robot.type(KeyCode.ENTER);
        waitUntil(() -> app.document().model().design().size() == before + 1);
        settle(robot);
        return selected();
    }

    /** Pans so that the point is in the middle of the view, then double-clicks the palette entry. */
    String addWithDoubleClick(FxRobot robot, String typeId, String query, Point2D at) {
        fx(() -> canvas(robot).centerAt(at.getX(), at.getY()));
        search(robot, query);
        int before = app.document().model().design().size();
        robot.doubleClickOn("#palette-" + typeId.replace('.', '-'));
        waitUntil(() -> app.document().model().design().size() == before + 1);
        settle(robot);
        return selected();
    }

    String selected() {
        String[] id = new String[1];
        fx(() -> id[0] = app.document().model().selection().size() == 1
                ? app.document().model().selection().iterator().next() : null);
        assertThat(id[0]).as("the new block is selected").isNotNull();
        return id[0];
    }

    /** Types a value into the inspector field of the selected block and presses Enter. */
    void setParam(FxRobot robot, String name, Object value) {
        WorkbenchFixture.scrollIntoView(robot.lookup("#param-" + name).query());
        settle(robot);
        robot.doubleClickOn("#param-" + name);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write(String.valueOf(value)).type(KeyCode.ENTER);
        settle(robot);
    }

    void wire(FxRobot robot, String fromNode, String toNode, String toPort) {
        WorkbenchFixture.hidePopups();
        robot.drag("#out-" + fromNode + "-y", MouseButton.PRIMARY).dropTo("#in-" + toNode + "-" + toPort);
        robot.moveTo("#status-bar");
        settle(robot);
    }

    Object param(String node, String name) {
        return app.document().model().design().node(node).orElseThrow().params().get(name);
    }

    String outputShape(String node) {
        NodeAnalysis na = app.document().model().analysis().node(node);
        assertThat(na.evaluated()).as(node + " is evaluated").isTrue();
        return na.outputs().get(0).toString();
    }

    // ---- the journey -----------------------------------------------------------------------------

    @Test
    void a_person_builds_mobilenetv2s_first_stages_from_the_palette_sees_every_cost_fixes_a_mistake_and_saves(
            FxRobot robot) throws Exception {
        long started = System.nanoTime();

        // 1. A blank design from the start page: it holds an image input, set to 3×224×224 in the inspector.
        robot.clickOn("#start-new-blank");
        waitUntil(() -> app.document() != null && canvas(robot).nodeView("input").isPresent());
        fx(() -> canvas(robot).setView(ZOOM, 40, 30));
        settle(robot);
        robot.clickOn("#node-input");
        settle(robot);
        assertThat(app.document().model().selection()).containsExactly("input");
        setParam(robot, "channels", 3);
        setParam(robot, "height", 224);
        setParam(robot, "width", 224);
        assertThat(app.document().model().design().node("input").orElseThrow().params())
                .containsEntry("channels", 3).containsEntry("height", 224).containsEntry("width", 224);

        // 2. The stem by palette drag and drop, with its hyper-parameters typed into the inspector.
        String conv = dragFromPalette(robot, "conv.conv2d", "conv2d", CONV);
        assertThat(conv).isEqualTo("conv2d");
        setParam(robot, "out_channels", 32);
        setParam(robot, "kernel", 3);
        setParam(robot, "stride", 2);
        setParam(robot, "padding", 1);
        WorkbenchFixture.scrollIntoView(robot.lookup("#param-bias").query());
        settle(robot);
        assertThat(param(conv, "bias")).isEqualTo(true);
        robot.clickOn("#param-bias");
        settle(robot);
        assertThat(app.document().model().design().node(conv).orElseThrow().params())
                .containsEntry("out_channels", 32).containsEntry("kernel", 3).containsEntry("stride", 2)
                .containsEntry("padding", 1).containsEntry("bias", false);

        String bn = dragFromPalette(robot, "norm.batch_norm", "batch norm", BN);
        String relu6 = dragFromPalette(robot, "activation.relu6", "relu6", RELU6);
        assertThat(List.of(bn, relu6)).containsExactly("batch_norm", "relu6");

        // The three inverted residuals: Enter in the search field adds the best match.
        String ir1 = addWithEnter(robot, "inverted residual", IR1);
        assertThat(app.document().model().design().node(ir1).orElseThrow().type()).isEqualTo("mbconv.inverted_residual");
        setParam(robot, "expand_ratio", 1);
        setParam(robot, "out_channels", 16);
        setParam(robot, "stride", 1);
        String ir2 = addWithEnter(robot, "inverted residual", IR2);
        setParam(robot, "expand_ratio", 6);
        setParam(robot, "out_channels", 24);
        setParam(robot, "stride", 2);
        String ir3 = addWithEnter(robot, "inverted residual", IR3);
        setParam(robot, "expand_ratio", 6);
        setParam(robot, "out_channels", 24);
        setParam(robot, "stride", 1);
        assertThat(List.of(ir1, ir2, ir3)).containsExactly("inverted_residual", "inverted_residual_2", "inverted_residual_3");
        assertThat(app.document().model().design().node(ir2).orElseThrow().params())
                .containsEntry("expand_ratio", 6).containsEntry("out_channels", 24).containsEntry("stride", 2);

        // Wire the chain by dragging from each output port to the next input port (after F: zoom to fit).
        robot.clickOn("#graph-canvas");
        robot.type(KeyCode.F);
        settle(robot);
        assertThat(canvas(robot).getZoom()).as("readable after zoom to fit").isGreaterThanOrEqualTo(0.5);
        String[] chain = {"input", conv, bn, relu6, ir1, ir2, ir3};
        for (int i = 1; i < chain.length; i++) {
            wire(robot, chain[i - 1], chain[i], "x");
        }
        for (int i = 1; i < chain.length; i++) {
            assertThat(app.document().model().design().edges())
                    .contains(new Edge(new PortRef(chain[i - 1], "y"), new PortRef(chain[i], "x")));
        }
        Tab problemsTab = EditorJourneysTest.findTab(robot, "tab-problems");
        assertThat(problemsTab.getText()).isEqualTo("Problems (0)");
        String json = DesignWriter.toJson(app.document().model().design());

        // 3. A mistake: an Add fed from the 16-channel block and the 24-channel block.
        String add = addWithDoubleClick(robot, "merge.add", "add", ADD);
        fx(() -> canvas(robot).zoomToFit());
        settle(robot);
        wire(robot, ir1, add, "a");
        wire(robot, ir3, add, "b");
        assertThat(problemsTab.getText()).isNotEqualTo("Problems (0)").startsWith("Problems (");
        List<Problem> problems = app.document().model().analysis().problems();
        assertThat(problems).isNotEmpty();
        assertThat(problems).anyMatch(p -> p.nodeId().equals(add) && p.kind().name().equals("SHAPE_MISMATCH"));
        NodeView addView = canvas(robot).nodeView(add).orElseThrow();
        assertThat(addView.getStyleClass()).contains("problem");
        assertThat(addView.problemText()).isNotEmpty();
        robot.clickOn("#tab-problems");
        settle(robot);
        assertThat(robot.lookup("#problemsList .list-cell").queryAll()).isNotEmpty();

        // ...fixed: Ctrl+Z takes the wrong wire back, Delete removes the stray block.
        robot.clickOn("#graph-canvas");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        settle(robot);
        assertThat(app.document().model().analysis().problems())
                .noneMatch(p -> p.kind().name().equals("SHAPE_MISMATCH"));
        robot.clickOn("#node-" + add);
        robot.type(KeyCode.DELETE);
        settle(robot);
        assertThat(app.document().model().design().node(add)).isEmpty();
        assertThat(problemsTab.getText()).isEqualTo("Problems (0)");
        assertThat(canvas(robot).nodeView(ir1).orElseThrow().getStyleClass()).doesNotContain("problem");
        assertThat(DesignWriter.toJson(app.document().model().design())).isEqualTo(json);

        // 4. Every block shows its output shape and cost; the totals are those of the same network in code.
        assertThat(outputShape(conv)).isEqualTo("1×32×112×112");
        assertThat(outputShape(bn)).isEqualTo("1×32×112×112");
        assertThat(outputShape(relu6)).isEqualTo("1×32×112×112");
        assertThat(outputShape(ir1)).isEqualTo("1×16×112×112");
        assertThat(outputShape(ir2)).isEqualTo("1×24×56×56");
        assertThat(outputShape(ir3)).isEqualTo("1×24×56×56");
        for (String id : chain) {
            assertThat(canvas(robot).nodeView(id).orElseThrow().shapeText()).as(id).isNotBlank();
            NodeAnalysis na = app.document().model().analysis().node(id);
            if (na.params() > 0 || na.macs() > 0) { // blocks without cost (input, ReLU6) show "0 P · 0 MAC"
                assertThat(canvas(robot).nodeView(id).orElseThrow().badgeText()).as(id).isNotBlank();
            }
        }
        robot.clickOn("#tab-profile");
        settle(robot);
        @SuppressWarnings("unchecked")
        TableView<ProfileView.Row> table = robot.lookup("#profileTable").queryAs(TableView.class);
        List<ProfileView.Row> rows = new java.util.ArrayList<>();
        fx(() -> rows.addAll(table.getItems()));
        assertThat(rows).extracting(ProfileView.Row::nodeId).containsExactlyInAnyOrder(chain);
        assertThat(rows).allMatch(ProfileView.Row::evaluated);
        DesignAnalysis want = expected();
        for (ProfileView.Row r : rows) {
            NodeAnalysis w = want.node(r.nodeId());
            assertThat(r.output()).as(r.nodeId()).isEqualTo(w.outputs().get(0).toString());
            assertThat(r.params()).as(r.nodeId()).isEqualTo(w.params());
            assertThat(r.macs()).as(r.nodeId()).isEqualTo(w.macs());
        }
        var totals = app.document().model().analysis().totals();
        assertThat(totals.params()).isEqualTo(want.totals().params());
        assertThat(totals.macs()).isEqualTo(want.totals().macs());
        assertThat(totals.activationBytes()).isEqualTo(want.totals().activationBytes());
        assertThat(robot.lookup("#totalParamsExact").queryLabeled().getText())
                .isEqualTo(CostFormat.grouped(want.totals().params()));
        assertThat(robot.lookup("#totalMacsExact").queryLabeled().getText())
                .isEqualTo(CostFormat.grouped(want.totals().macs()));

        // 5. Ctrl+S on a new design asks where (the file picker seam), then it reopens the same.
        Path file = app.data.resolve("projects/mobilenetv2 stages.json");
        files.answer(file);
        robot.clickOn("#graph-canvas");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitUntil(() -> Files.exists(file) && !app.document().isDirty());
        assertThat(stage.getTitle()).isEqualTo("mobilenetv2 stages.json — Model Workbench");
        // Saved for the first time, the untitled design took the file's name (one undoable step).
        assertThat(app.document().model().design().name()).isEqualTo("mobilenetv2 stages");
        json = DesignWriter.toJson(app.document().model().design());
        robot.press(KeyCode.CONTROL).type(KeyCode.W).release(KeyCode.CONTROL);
        waitUntil(() -> app.document() == null);
        files.answer(file);
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
        waitUntil(() -> app.document() != null && !canvas(robot).nodeGeometries().isEmpty());
        settle(robot);
        assertThat(DesignWriter.toJson(app.document().model().design())).isEqualTo(json);
        assertThat(Files.readString(file)).isEqualTo(json);
        assertThat(app.document().model().analysis().totals().params()).isEqualTo(want.totals().params());

        // 6. A screenshot of the finished design, the last block selected and its inspector filled:
        // zoomed to fit, then panned to the left edge so that the minimap (bottom right) hides no block.
        fx(() -> {
            GraphCanvas c = canvas(robot);
            c.zoomToFit();
            double left = c.contentBounds().getMinX() * c.getZoom() + c.translateXOfView();
            c.panBy(40 - left, 0);
        });
        settle(robot);
        robot.clickOn("#node-" + ir3);
        robot.clickOn("#tab-profile");
        settle(robot);
        robot.sleep(300);
        settle(robot);
        assertThat(robot.lookup("#inspectorNodeId").queryLabeled().getText()).isEqualTo(ir3);
        assertThat(robot.lookup("#shape-out-y").queryLabeled().getText()).isEqualTo("1×24×56×56 NCHW");
        Path png = images().resolve("build-mobilenetv2.png");
        javafx.geometry.Bounds[] canvasBounds = new javafx.geometry.Bounds[1];
        fx(() -> canvasBounds[0] = canvas(robot).localToScene(canvas(robot).getBoundsInLocal()));
        javafx.scene.image.WritableImage image = WorkbenchFixture.snapshot(stage.getScene().getRoot(), png);
        ImageStats shot = ImageStats.of(image);
        assertThat(shot.width()).isEqualTo((int) stage.getScene().getWidth());
        assertThat(shot.height()).isEqualTo((int) stage.getScene().getHeight());
        assertThat(ImageStats.of(image, canvasBounds[0]).drawnShare())
                .as("the finished blocks are drawn on the canvas").isGreaterThan(0.05);
        System.out.printf("MobileNetV2 journey: %.1f s%n", (System.nanoTime() - started) / 1e9);
    }
}
