package org.modelworkbench.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.shape.CubicCurve;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Journeys on the canvas, driven by mouse and keyboard through the robot. */
@ExtendWith(ApplicationExtension.class)
class GraphCanvasTest {
    private EditorModel model;
    private GraphCanvas canvas;

    @Start
    void start(Stage stage) {
        model = new EditorModel(CanvasFixtures.small());
        Label paletteItem = new Label("BatchNorm");
        paletteItem.setId("palette-item");
        paletteItem.setMinWidth(120);
        paletteItem.setOnDragDetected(e -> {
            var board = paletteItem.startDragAndDrop(TransferMode.COPY);
            ClipboardContent content = new ClipboardContent();
            content.put(GraphCanvas.BLOCK_TYPE, "norm.batch_norm");
            board.setContent(content);
            e.consume();
        });
        canvas = CanvasFixtures.show(stage, model, false, paletteItem);
    }

    private Node node(String id) {
        return model.design().node(id).orElseThrow();
    }

    private Point2D screenOf(double designX, double designY) {
        Point2D local = canvas.toLocal(designX, designY);
        return canvas.localToScreen(local);
    }

    @Test
    void draggingFromAnOutputPortToAFreeInputPortConnectsThemInOneUndoStep(FxRobot robot) {
        long before = model.commands().revisionProperty().get();
        robot.drag("#out-conv2-y", MouseButton.PRIMARY).dropTo("#in-spare-x");
        WaitForAsyncUtils.waitForFxEvents();

        Edge wire = new Edge(new PortRef("conv2", "y"), new PortRef("spare", "x"));
        assertThat(model.design().edges()).contains(wire);
        assertThat(model.commands().revisionProperty().get()).isEqualTo(before + 1);
        assertThat(canvas.edgeView(wire)).isPresent();
        assertThat(canvas.edgeView(wire).get().shapeText()).isEqualTo("1×16×16×16 NCHW");
        assertThat(canvas.nodeView("spare").get().hasProblem()).isFalse();

        robot.interact(model::undo);
        assertThat(model.design().edges()).doesNotContain(wire);
        assertThat(canvas.nodeView("spare").get().hasProblem()).isTrue();
    }

    @Test
    void aConnectionThatWouldMakeACycleIsRefusedWithItsReasonAndChangesNothing(FxRobot robot) {
        List<Edge> edgesBefore = List.copyOf(model.design().edges());
        long before = model.commands().revisionProperty().get();

        robot.drag("#out-conv2-y", MouseButton.PRIMARY).moveTo("#in-conv1-x");
        WaitForAsyncUtils.waitForFxEvents();
        CubicCurve preview = robot.lookup("#wire-preview").queryAs(CubicCurve.class);
        assertThat(preview.isVisible()).isTrue();
        assertThat(preview.getStyleClass()).contains("refuse");
        assertThat(robot.lookup("#in-conv1-x").query().getStyleClass()).contains("refuse");
        Label feedback = robot.lookup("#connection-feedback").queryAs(Label.class);
        assertThat(feedback.isVisible()).isTrue();
        assertThat(feedback.getText()).contains("cycle");
        robot.drop();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.design().edges()).containsExactlyElementsOf(edgesBefore);
        assertThat(model.commands().revisionProperty().get()).isEqualTo(before);
        assertThat(feedback.isVisible()).as("the reason stays in view after the release").isTrue();
        assertThat(preview.isVisible()).isFalse();
        assertThat(robot.lookup("#in-conv1-x").query().getStyleClass()).doesNotContain("refuse");
    }

    @Test
    void whileDraggingOverAnAllowedPortTheWireAndPortTurnGreen(FxRobot robot) {
        robot.drag("#out-relu-y", MouseButton.PRIMARY).moveTo("#in-spare-x");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#wire-preview").query().getStyleClass()).contains("accept");
        assertThat(robot.lookup("#in-spare-x").query().getStyleClass()).contains("accept");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        robot.drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.design().incoming("spare")).isEmpty();
    }

    @Test
    void draggingAConnectedInputPicksTheWireUpAndMovesItInOneUndoStep(FxRobot robot) {
        long before = model.commands().revisionProperty().get();
        robot.drag("#in-conv2-x", MouseButton.PRIMARY).dropTo("#in-spare-x");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.design().incoming("conv2")).isEmpty();
        assertThat(model.design().incoming("spare").get("x").from()).isEqualTo(new PortRef("relu", "y"));
        assertThat(model.commands().revisionProperty().get()).isEqualTo(before + 1);
        robot.interact(model::undo);
        assertThat(model.design().incoming("conv2").get("x").from()).isEqualTo(new PortRef("relu", "y"));
        assertThat(model.design().incoming("spare")).isEmpty();
    }

    @Test
    void draggingANodeMovesItOnTheGridInOneUndoStep(FxRobot robot) {
        Node conv2 = node("conv2");
        long before = model.commands().revisionProperty().get();
        double z = canvas.getZoom();
        robot.drag("#node-conv2", MouseButton.PRIMARY).dropBy(103 * z, 38 * z);
        WaitForAsyncUtils.waitForFxEvents();

        Node moved = node("conv2");
        assertThat(moved.x()).isEqualTo(conv2.x() + 100);
        assertThat(moved.y()).isEqualTo(conv2.y() + 40);
        assertThat(model.commands().revisionProperty().get()).isEqualTo(before + 1);
        assertThat(canvas.nodeView("conv2").get().getLayoutX()).isEqualTo(moved.x());
        robot.interact(model::undo);
        assertThat(node("conv2").x()).isEqualTo(conv2.x());
    }

    @Test
    void draggingOneOfSeveralSelectedNodesMovesThemAll(FxRobot robot) {
        robot.interact(() -> model.selection().addAll(List.of("conv1", "relu")));
        Node conv1 = node("conv1");
        Node relu = node("relu");
        double z = canvas.getZoom();
        robot.drag("#node-relu", MouseButton.PRIMARY).dropBy(-60 * z, 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(node("conv1").x()).isEqualTo(conv1.x() - 60);
        assertThat(node("relu").x()).isEqualTo(relu.x() - 60);
        robot.interact(model::undo);
        assertThat(node("conv1").x()).isEqualTo(conv1.x());
        assertThat(node("relu").x()).isEqualTo(relu.x());
    }

    @Test
    void aRubberBandSelectsTheNodesItTouchesAndAClickOnEmptyCanvasClearsIt(FxRobot robot) {
        Node conv1 = node("conv1");
        Node relu = node("relu");
        robot.drag(screenOf(conv1.x() - 40, conv1.y() - 20), MouseButton.PRIMARY)
                .dropTo(screenOf(relu.x() + 60, relu.y() + 30));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selection()).containsExactlyInAnyOrder("conv1", "relu");
        assertThat(canvas.nodeView("conv1").get().getPseudoClassStates()).contains(NodeView.SELECTED);

        robot.clickOn(screenOf(conv1.x() - 100, conv1.y() - 30));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selection()).isEmpty();
    }

    @Test
    void clickSelectsAndShiftClickToggles(FxRobot robot) {
        robot.clickOn("#node-conv1");
        assertThat(model.selection()).containsExactly("conv1");
        robot.press(KeyCode.SHIFT).clickOn("#node-relu").release(KeyCode.SHIFT);
        assertThat(model.selection()).containsExactlyInAnyOrder("conv1", "relu");
        robot.press(KeyCode.SHIFT).clickOn("#node-conv1").release(KeyCode.SHIFT);
        assertThat(model.selection()).containsExactly("relu");
    }

    @Test
    void aShapeMismatchIsDrawnInTheDangerStyleWithItsMessageOnNodePortAndWire(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        NodeView add = canvas.nodeView("add").orElseThrow();
        assertThat(add.getStyleClass()).contains("problem");
        assertThat(add.tooltip().getText()).contains("cannot combine 1×16×32×32 with 1×3×32×32");
        NodeView.PortView b = add.port("b", true).orElseThrow();
        assertThat(b.getStyleClass()).contains("problem");
        assertThat(b.tooltip().getText()).contains("cannot combine");
        assertThat(add.port("a", true).orElseThrow().hasProblem()).isFalse();
        Edge into = model.design().incoming("add").get("b");
        assertThat(canvas.edgeView(into).orElseThrow().getStyleClass()).contains("problem");
        assertThat(canvas.nodeView("conv1").orElseThrow().getStyleClass()).doesNotContain("problem");
        // An unconnected input is marked too.
        assertThat(canvas.nodeView("spare").orElseThrow().port("x", true).orElseThrow().problemText()).contains("not connected");
    }

    @Test
    void theSkinShowsKeyParametersOutputShapeAndCosts(FxRobot robot) {
        NodeView conv2 = canvas.nodeView("conv2").orElseThrow();
        assertThat(conv2.titleText()).isEqualTo("Conv2d");
        assertThat(conv2.keyParamsText()).contains("×16").contains("k3").contains("s2");
        assertThat(conv2.shapeText()).isEqualTo("1×16×16×16 NCHW");
        // 16·16·9 + 16 = 2,320 params; 2,304 · 16·16 = 589,824 MACs.
        assertThat(conv2.badgeText()).isEqualTo("2.32K P · 590K MAC");
    }

    @Test
    void clickingAWireSelectsItAndDeleteRemovesItInOneUndoStep(FxRobot robot) {
        Edge wire = model.design().incoming("conv2").get("x");
        robot.clickOn("#" + CanvasIds.edge(wire).replace("edge-", "label-edge-"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.selectedEdges()).containsExactly(wire);
        assertThat(canvas.edgeView(wire).get().isSelected()).isTrue();
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.design().edges()).doesNotContain(wire);
        robot.interact(model::undo);
        assertThat(model.design().edges()).contains(wire);
    }

    @Test
    void keysNudgeDeleteAndSelectAllEachAsOneStep(FxRobot robot) {
        robot.clickOn("#node-relu");
        Node relu = node("relu");
        long before = model.commands().revisionProperty().get();
        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(node("relu").x()).isEqualTo(relu.x() + GraphCanvas.GRID);
        assertThat(node("relu").y()).isEqualTo(relu.y() + GraphCanvas.GRID);
        assertThat(model.commands().revisionProperty().get()).isEqualTo(before + 2);

        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        assertThat(model.selection()).hasSize(model.design().size());
        robot.type(KeyCode.ESCAPE);
        assertThat(model.selection()).isEmpty();

        robot.clickOn("#node-spare");
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.design().node("spare")).isEmpty();
        assertThat(canvas.nodeView("spare")).isEmpty();
        robot.interact(model::undo);
        assertThat(model.design().node("spare")).isPresent();
    }

    @Test
    void zoomKeysZoomAndZoomToFitPutsEveryNodeInView(FxRobot robot) {
        robot.clickOn(screenOf(-150, -30));
        double z0 = canvas.getZoom();
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).type(KeyCode.EQUALS).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        assertThat(canvas.getZoom()).isGreaterThan(z0 * 1.5);
        robot.interact(() -> canvas.panBy(700, 400));
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        Bounds view = canvas.visibleBoundsProperty().get();
        for (NodeGeometry g : canvas.nodeGeometries()) {
            assertThat(view.contains(g.bounds())).as(g.id() + " in view").isTrue();
            assertThat(canvas.nodeView(g.id())).isPresent();
        }
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        assertThat(canvas.getZoom()).isEqualTo(1.0);
    }

    @Test
    void middleDragAndSpaceDragPanTheView(FxRobot robot) {
        double tx = canvas.translateXOfView();
        double ty = canvas.translateYOfView();
        robot.drag(screenOf(-150, 150), MouseButton.MIDDLE).dropBy(120, 60);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.translateXOfView()).isCloseTo(tx + 120, org.assertj.core.data.Offset.offset(1.0));
        assertThat(canvas.translateYOfView()).isCloseTo(ty + 60, org.assertj.core.data.Offset.offset(1.0));
        assertThat(model.selection()).isEmpty();

        robot.clickOn(screenOf(-150, 150));
        robot.press(KeyCode.SPACE);
        robot.drag(screenOf(-150, 150), MouseButton.PRIMARY).dropBy(-50, 0);
        robot.release(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.translateXOfView()).isCloseTo(tx + 70, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void theWheelZoomsAroundTheCursor(FxRobot robot) {
        Point2D target = screenOf(node("relu").x() + 20, node("relu").y() + 20);
        robot.moveTo(target);
        Point2D before = canvas.toDesign(canvas.screenToLocal(target).getX(), canvas.screenToLocal(target).getY());
        double z0 = canvas.getZoom();
        robot.scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.getZoom()).isNotEqualTo(z0);
        Point2D after = canvas.toDesign(canvas.screenToLocal(target).getX(), canvas.screenToLocal(target).getY());
        assertThat(after.distance(before)).isLessThan(1.0);
    }

    @Test
    void droppingABlockTypeFromThePaletteAddsItAtTheDropPointSnapped(FxRobot robot) {
        Point2D drop = screenOf(650, 100);
        robot.interact(CanvasFixtures::forgetStaleMonocleDragView);
        robot.drag("#palette-item", MouseButton.PRIMARY).dropTo(drop);
        WaitForAsyncUtils.waitForFxEvents();
        Node added = model.design().nodes().stream().filter(n -> n.type().equals("norm.batch_norm")).findFirst().orElseThrow();
        assertThat(added.x() % GraphCanvas.GRID).isZero();
        assertThat(added.y() % GraphCanvas.GRID).isZero();
        assertThat(Math.abs(added.x() + NodeGeometry.WIDTH / 2 - 650)).isLessThanOrEqualTo(GraphCanvas.GRID);
        assertThat(Math.abs(added.y() + NodeGeometry.HEIGHT / 2 - 100)).isLessThanOrEqualTo(GraphCanvas.GRID);
        assertThat(model.selection()).containsExactly(added.id());
        assertThat(canvas.nodeView(added.id())).isPresent();
    }

    @Test
    void centerOnBringsANodeToTheMiddle(FxRobot robot) {
        robot.interact(() -> canvas.centerOn("spare"));
        WaitForAsyncUtils.waitForFxEvents();
        Bounds view = canvas.visibleBoundsProperty().get();
        NodeGeometry g = canvas.geometryOf("spare");
        assertThat(Math.abs(view.getCenterX() - g.centerX())).isLessThan(1);
        assertThat(Math.abs(view.getCenterY() - g.centerY())).isLessThan(1);
    }

    @Test
    void theMinimapPansTheCanvasWhereItIsClicked(FxRobot robot) {
        Minimap minimap = robot.lookup("#minimap").queryAs(Minimap.class);
        NodeGeometry spare = canvas.geometryOf("spare");
        robot.interact(() -> canvas.setView(2, 0, 0));
        WaitForAsyncUtils.waitForFxEvents();
        Point2D p = minimap.localToScreen(minimap.toMinimap(spare.centerX(), spare.centerY()));
        robot.clickOn(p);
        WaitForAsyncUtils.waitForFxEvents();
        Bounds view = canvas.visibleBoundsProperty().get();
        assertThat(Math.abs(view.getCenterX() - spare.centerX())).isLessThan(10);
        assertThat(Math.abs(view.getCenterY() - spare.centerY())).isLessThan(10);
    }

    @Test
    void svgExportIsWellFormedXmlWithEveryNodeAndWire(FxRobot robot, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("graph.svg");
        GraphExport.svg(model, file);
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("path").getLength()).isGreaterThanOrEqualTo(model.design().edges().size());
        String text = Files.readString(file);
        assertThat(text).contains("Conv2d").contains("1×16×32×32").contains("cannot combine");
    }

    @Test
    void pngExportWritesTheWholeGraphAtAReadableScale(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> canvas.setView(3, -2000, -2000)); // the view shows nothing; the export shows all
        Path file = dir.resolve("graph.png");
        GraphExport.png(canvas, file);
        var img = javax.imageio.ImageIO.read(file.toFile());
        Bounds content = canvas.contentBounds();
        assertThat(img.getWidth()).isBetween((int) (content.getWidth() * 2), (int) ((content.getWidth() + 100) * 2));
        assertThat(img.getHeight()).isBetween((int) (content.getHeight() * 2), (int) ((content.getHeight() + 130) * 2));
    }

    @Test
    void theCanvasKeepsUpWithUndoAndRedoOfEdits(FxRobot robot) {
        robot.interact(() -> model.addNode("activation.gelu", 600, 0));
        WaitForAsyncUtils.waitForFxEvents();
        String id = model.selection().iterator().next();
        assertThat(canvas.nodeView(id)).isPresent();
        robot.interact(model::undo);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.nodeView(id)).isEmpty();
        robot.interact(model::redo);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.nodeView(id)).isPresent();
        assertThat(Set.copyOf(model.selection())).isNotNull();
    }
}
