package org.modelworkbench.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Wires are things a user can pick: click near one, see it selected, delete it; a band takes the wires it holds. */
@ExtendWith(ApplicationExtension.class)
class WireSelectionTest {
    private EditorModel model;
    private GraphCanvas canvas;

    @Start
    void start(Stage stage) {
        model = new EditorModel(CanvasFixtures.small());
        canvas = CanvasFixtures.show(stage, model, false);
    }

    /** A point a quarter of the way along the wire (away from its label), in design coordinates. */
    private Point2D quarterOf(Edge e) {
        NodeGeometry a = canvas.geometryOf(e.from().node());
        NodeGeometry b = canvas.geometryOf(e.to().node());
        Wire w = Wire.between(a.outputPoint(e.from().port()), b.inputPoint(e.to().port()));
        double t = 0.25;
        double u = 1 - t;
        return new Point2D(u * u * u * w.x0() + 3 * u * u * t * w.c1x() + 3 * u * t * t * w.c2x() + t * t * t * w.x1(),
                u * u * u * w.y0() + 3 * u * u * t * w.c1y() + 3 * u * t * t * w.c2y() + t * t * t * w.y1());
    }

    @Test
    void clickingSevenPixelsBesideAWireSelectsItInTheAccentAndBackspaceDeletesItAsOneUndoStep(FxRobot robot) {
        Edge wire = model.design().incoming("conv2").get("x");
        Point2D p = quarterOf(wire);
        Point2D beside = CanvasFixtures.screenOf(canvas, p.getX(), p.getY()).add(7 / Math.sqrt(2), 7 / Math.sqrt(2));
        robot.clickOn(beside);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.selectedEdges()).containsExactly(wire);
        assertThat(canvas.edgeView(wire).orElseThrow().getPseudoClassStates()).contains(NodeView.SELECTED);
        long before = model.commands().revisionProperty().get();

        robot.type(KeyCode.BACK_SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.design().edges()).doesNotContain(wire);
        assertThat(model.commands().revisionProperty().get()).isEqualTo(before + 1);
        robot.interact(model::undo);
        assertThat(model.design().edges()).contains(wire);
    }

    @Test
    void aRubberBandSelectsTheWiresWhoseEndsItHoldsAndDeleteTakesThemAll(FxRobot robot) {
        Node conv1 = model.design().node("conv1").orElseThrow();
        Node relu = model.design().node("relu").orElseThrow();
        Edge between = model.design().incoming("relu").get("x");
        Edge leaving = model.design().incoming("conv2").get("x");
        robot.drag(CanvasFixtures.screenOf(canvas, conv1.x() - 40, conv1.y() - 20), MouseButton.PRIMARY)
                .dropTo(CanvasFixtures.screenOf(canvas, relu.x() + 60, relu.y() + 30));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selection()).containsExactlyInAnyOrder("conv1", "relu");
        assertThat(canvas.selectedEdges()).contains(between).doesNotContain(leaving);
        assertThat(canvas.edgeView(between).orElseThrow().isSelected()).isTrue();
    }
}
