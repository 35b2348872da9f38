package org.modelworkbench.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Node;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Dragging to an edge of the canvas scrolls it, and what is dragged comes along. */
@ExtendWith(ApplicationExtension.class)
class AutoScrollTest {
    private EditorModel model;
    private GraphCanvas canvas;

    @Start
    void start(Stage stage) {
        model = new EditorModel(CanvasFixtures.small());
        canvas = CanvasFixtures.show(stage, model, false);
    }

    @Test
    void holdingADraggedBlockAtTheRightEdgeScrollsTheViewAndCarriesTheBlockFurtherRight(FxRobot robot) {
        Node relu = model.design().node("relu").orElseThrow();
        double tx = canvas.translateXOfView();
        double z = canvas.getZoom();
        Point2D grab = CanvasFixtures.screenOf(canvas, relu.x() + 40, relu.y() + 30);
        robot.moveTo(grab).press(MouseButton.PRIMARY);
        robot.moveBy(30, 0);
        Point2D edge = canvas.localToScreen(canvas.getWidth() - 6, canvas.getHeight() / 3);
        robot.moveTo(edge);
        double pointerOnly = (edge.getX() - grab.getX()) / z;
        robot.sleep(700);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.translateXOfView()).as("the view scrolled right").isLessThan(tx - 100);
        assertThat(canvas.geometryOf("relu").x()).as("the block moved with the view, under the pointer")
                .isGreaterThan(relu.x() + pointerOnly + 100 / z);
        double scrolled = canvas.translateXOfView();

        // Back away from the edge: the scrolling stops.
        robot.moveBy(-200, 0);
        robot.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.translateXOfView()).isCloseTo(scrolled, org.assertj.core.data.Offset.offset(40.0));
        double stopped = canvas.translateXOfView();
        robot.sleep(300);
        assertThat(canvas.translateXOfView()).isEqualTo(stopped);

        long before = model.commands().revisionProperty().get();
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.commands().revisionProperty().get()).as("one undo step").isEqualTo(before + 1);
        Node moved = model.design().node("relu").orElseThrow();
        assertThat(moved.x()).isGreaterThan(relu.x() + 100 / z);
        Point2D pointer = canvas.screenToLocal(edge.getX() - 200, edge.getY());
        Point2D underPointer = canvas.toDesign(pointer.getX(), pointer.getY());
        assertThat(moved.x() + 40).isCloseTo(underPointer.getX(), org.assertj.core.data.Offset.offset(GraphCanvas.GRID + 1));
    }

    @Test
    void aRubberBandDraggedToTheBottomEdgeScrollsDown(FxRobot robot) {
        double ty = canvas.translateYOfView();
        robot.moveTo(canvas.localToScreen(30, 30)).press(MouseButton.PRIMARY);
        robot.moveBy(20, 20);
        robot.moveTo(canvas.localToScreen(200, canvas.getHeight() - 4));
        robot.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.translateYOfView()).isLessThan(ty - 50);
        robot.release(MouseButton.PRIMARY);
        double after = canvas.translateYOfView();
        robot.sleep(200);
        assertThat(canvas.translateYOfView()).as("stops when the drag ends").isEqualTo(after);
    }
}
