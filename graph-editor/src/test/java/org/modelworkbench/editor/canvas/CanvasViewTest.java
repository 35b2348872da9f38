package org.modelworkbench.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.concurrent.WorkerStateEvent;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelworkbench.editor.layout.AutoLayout;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.design.Node;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The view as a user meets it: resizing, fitting next to the minimap, reading names when zoomed out, layout. */
@ExtendWith(ApplicationExtension.class)
class CanvasViewTest {
    private Stage stage;
    private EditorModel model;
    private GraphCanvas canvas;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new EditorModel(CanvasFixtures.small());
        canvas = CanvasFixtures.show(stage, model, false);
    }

    private void show(Design design, FxRobot robot) {
        robot.interact(() -> {
            model = new EditorModel(design);
            canvas = CanvasFixtures.show(stage, model, false);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** 19 unwired blocks in 4 columns: fitted in the middle of the window they would reach under the minimap. */
    static Design nineteenInAGrid() {
        Design d = new Design("Grid");
        for (int i = 0; i < 19; i++) {
            d.addNode(new Node("relu" + i, "activation.relu", Map.of(), (i % 4) * 240, (i / 4) * 120));
        }
        return d;
    }

    /** input and 18 blocks in a chain, one per row: fitted, the overview is drawn. */
    static Design nineteenInAChain() {
        DesignBuilder b = new DesignBuilder("Chain");
        String x = b.input("input", 3, 32, 32);
        for (int i = 0; i < 18; i++) {
            x = b.add("block" + i, i % 2 == 0 ? "conv.conv2d" : "activation.relu",
                    i % 2 == 0 ? Map.of("out_channels", 8, "kernel", 3, "padding", 1) : Map.of(), x);
        }
        return b.build();
    }

    @Test
    void resizingTheCanvasKeepsTheZoomAndTheDesignPointAtTheTopLeft(FxRobot robot) {
        robot.interact(() -> canvas.setView(0.8, 35, 25));
        WaitForAsyncUtils.waitForFxEvents();
        Point2D topLeft = canvas.toDesign(0, 0);
        // A panel opens beside the canvas (as the profile does when its divider moves), then closes.
        javafx.scene.layout.BorderPane root = (javafx.scene.layout.BorderPane) stage.getScene().getRoot();
        javafx.scene.layout.Region panel = new javafx.scene.layout.Region();
        panel.setPrefSize(300, 200);
        robot.interact(() -> root.setRight(panel));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.getWidth()).isLessThan(750);
        assertThat(canvas.getZoom()).isEqualTo(0.8);
        assertThat(canvas.toDesign(0, 0)).isEqualTo(topLeft);
        robot.interact(() -> root.setBottom(new javafx.scene.layout.Region() {{ setPrefHeight(250); }}));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.getHeight()).isLessThan(500);
        assertThat(canvas.getZoom()).isEqualTo(0.8);
        assertThat(canvas.toDesign(0, 0)).isEqualTo(topLeft);
        robot.interact(() -> {
            root.setRight(null);
            root.setBottom(null);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.getWidth()).isGreaterThan(900);
        assertThat(canvas.getZoom()).isEqualTo(0.8);
        assertThat(canvas.toDesign(0, 0)).isEqualTo(topLeft);
    }

    @Test
    void zoomToFitLeavesEveryNodeOutFromUnderTheMinimap(FxRobot robot) {
        show(nineteenInAGrid(), robot);
        robot.interact(() -> canvas.zoomToFit());
        WaitForAsyncUtils.waitForFxEvents();
        Minimap minimap = robot.lookup("#minimap").queryAs(Minimap.class);
        Bounds mini = canvas.sceneToLocal(minimap.localToScene(minimap.getLayoutBounds()));
        assertThat(mini.intersects(0, 0, canvas.getWidth(), canvas.getHeight())).isTrue();
        double z = canvas.getZoom();
        for (NodeGeometry g : canvas.nodeGeometries()) {
            Point2D p = canvas.toLocal(g.x(), g.y());
            Bounds onScreen = new BoundingBox(p.getX(), p.getY(), g.width() * z, g.height() * z);
            assertThat(onScreen.intersects(mini)).as(g.id() + " under the minimap").isFalse();
            assertThat(new BoundingBox(0, 0, canvas.getWidth(), canvas.getHeight()).contains(onScreen)).as(g.id() + " in view").isTrue();
        }
        assertThat(z).as("still a useful zoom").isGreaterThan(0.5);
    }

    @Test
    void atTheFitZoomOfANineteenBlockDesignTheOverviewStillNamesTheBlocks(FxRobot robot) {
        show(nineteenInAChain(), robot);
        robot.interact(() -> canvas.zoomToFit());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.getZoom()).isLessThan(GraphCanvas.DETAIL_ZOOM);
        assertThat(canvas.isDetailMode()).isFalse();
        assertThat(canvas.overviewTextsDrawn()).isGreaterThanOrEqualTo(19);

        robot.interact(() -> canvas.setView(0.03, 400, 10));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.overviewTextsDrawn()).as("no unreadable specks of text").isZero();
    }

    @Test
    void autoLayoutFromTheKitFitsTheViewToTheNewLayoutAsOneUndoStep(FxRobot robot) throws Exception {
        show(nineteenInAChain(), robot);
        robot.interact(() -> canvas.setView(2, -3000, -3000));
        long before = model.commands().revisionProperty().get();
        AtomicReference<javafx.concurrent.Task<?>> task = new AtomicReference<>();
        robot.interact(() -> task.set(canvas.autoLayout()));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> task.get().isDone());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.commands().revisionProperty().get()).isEqualTo(before + 1);
        assertThat(model.commands().undoDescriptionProperty().get()).isEqualTo(AutoLayout.DESCRIPTION);
        Bounds view = canvas.visibleBoundsProperty().get();
        for (NodeGeometry g : canvas.nodeGeometries()) {
            assertThat(view.contains(g.bounds())).as(g.id() + " in view").isTrue();
        }
    }

    @Test
    void aSucceededHandlerOnTheLayoutTaskSeesTheNewPositionsAlready(FxRobot robot) throws Exception {
        show(nineteenInAGrid(), robot);
        AtomicReference<javafx.concurrent.Task<Map<String, Point2D>>> task = new AtomicReference<>();
        AtomicReference<Boolean> appliedWhenHandled = new AtomicReference<>();
        robot.interact(() -> {
            task.set(AutoLayout.layoutTask(model, false, AutoLayout.defaultSizes()));
            task.get().addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> appliedWhenHandled.set(
                    task.get().getValue().entrySet().stream().allMatch(en -> {
                        Node n = model.design().node(en.getKey()).orElseThrow();
                        return n.x() == en.getValue().getX() && n.y() == en.getValue().getY();
                    })));
            new Thread(task.get()).start();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> appliedWhenHandled.get() != null);
        assertThat(appliedWhenHandled.get()).isTrue();
    }
}
