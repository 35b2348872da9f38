package org.modelworkbench.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.MenuItem;
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

/** Right-click menus on blocks, wires and the canvas, from the kit alone, and extensible by a shell. */
@ExtendWith(ApplicationExtension.class)
class CanvasContextMenuTest {
    private EditorModel model;
    private GraphCanvas canvas;

    @Start
    void start(Stage stage) {
        model = new EditorModel(CanvasFixtures.small());
        canvas = CanvasFixtures.show(stage, model, false);
    }

    private List<String> itemIds() {
        List<String> ids = new ArrayList<>();
        for (MenuItem i : canvas.contextMenu().getItems()) {
            if (i.getId() != null) {
                ids.add(i.getId());
            }
        }
        return ids;
    }

    @Test
    void rightClickOnAnUnselectedBlockSelectsItAndItsDeleteRemovesItAsOneUndoStep(FxRobot robot) {
        robot.clickOn("#node-conv1");
        Node spare = model.design().node("spare").orElseThrow();
        robot.clickOn(CanvasFixtures.screenOf(canvas, spare.x() + 60, spare.y() + 30), MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selection()).containsExactly("spare");
        assertThat(canvas.contextMenu().isShowing()).isTrue();
        assertThat(itemIds()).contains("menu-cut", "menu-copy", "menu-paste", "menu-duplicate", "menu-delete", "menu-group")
                .doesNotContain("menu-open-inside");
        long before = model.commands().revisionProperty().get();

        robot.clickOn("Delete");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.design().node("spare")).isEmpty();
        assertThat(model.commands().revisionProperty().get()).isEqualTo(before + 1);
        robot.interact(model::undo);
        assertThat(model.design().node("spare")).isPresent();
    }

    @Test
    void rightClickOnAWireOffersDeleteWhichRemovesJustThatWire(FxRobot robot) {
        Edge wire = model.design().incoming("conv2").get("x");
        var label = robot.lookup("#" + CanvasIds.edge(wire).replace("edge-", "label-edge-")).queryAs(javafx.scene.Node.class);
        Bounds b = label.localToScreen(label.getBoundsInLocal());
        int nodes = model.design().size();
        robot.clickOn(new Point2D(b.getCenterX(), b.getCenterY()), MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.selectedEdges()).containsExactly(wire);
        assertThat(itemIds()).containsExactly("menu-delete");

        robot.clickOn("Delete wire");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.design().edges()).doesNotContain(wire);
        assertThat(model.design().size()).isEqualTo(nodes);
        robot.interact(model::undo);
        assertThat(model.design().edges()).contains(wire);
    }

    @Test
    void rightClickOnEmptyCanvasOffersZoomToFitWhichShowsEveryBlock(FxRobot robot) {
        robot.interact(() -> canvas.setView(2.5, 800, 800));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(canvas.localToScreen(30, 30), MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(itemIds()).containsExactly("menu-paste-here", "menu-select-all", "menu-zoom-to-fit", "menu-auto-layout");

        robot.clickOn("Zoom to fit");
        WaitForAsyncUtils.waitForFxEvents();
        Bounds view = canvas.visibleBoundsProperty().get();
        for (NodeGeometry g : canvas.nodeGeometries()) {
            assertThat(view.contains(g.bounds())).as(g.id() + " in view").isTrue();
        }
    }

    @Test
    void pasteHerePutsTheCopyAtTheClickedPoint(FxRobot robot) {
        robot.clickOn("#node-relu");
        robot.interact(() -> org.modelworkbench.editor.clipboard.EditorClipboard.copy(model));
        Point2D far = new Point2D(-400, 500);
        robot.interact(() -> canvas.centerAt(far.getX(), far.getY()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(CanvasFixtures.screenOf(canvas, far.getX(), far.getY()), MouseButton.SECONDARY);
        robot.clickOn("Paste here");
        WaitForAsyncUtils.waitForFxEvents();
        String pasted = model.selection().iterator().next();
        assertThat(pasted).isNotEqualTo("relu");
        Node n = model.design().node(pasted).orElseThrow();
        assertThat(n.x()).isCloseTo(far.getX(), org.assertj.core.data.Offset.offset(GraphCanvas.GRID));
        assertThat(n.y()).isCloseTo(far.getY(), org.assertj.core.data.Offset.offset(GraphCanvas.GRID));
    }

    @Test
    void aShellCanAddItsOwnItemsToTheKitMenu(FxRobot robot) {
        List<String> ran = new ArrayList<>();
        robot.interact(() -> canvas.setContextMenuProvider((target, kit) -> {
            List<MenuItem> items = new ArrayList<>(kit);
            MenuItem mine = new MenuItem("Profile this block");
            mine.setId("menu-shell");
            mine.setOnAction(e -> ran.add(target.nodeId()));
            items.add(mine);
            return items;
        }));
        robot.clickOn("#node-relu", MouseButton.SECONDARY);
        assertThat(itemIds()).contains("menu-delete", "menu-shell");
        robot.clickOn("Profile this block");
        assertThat(ran).containsExactly("relu");
    }
}
