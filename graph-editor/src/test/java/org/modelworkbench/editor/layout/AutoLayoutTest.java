package org.modelworkbench.editor.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Task;
import javafx.geometry.Dimension2D;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.templates.Templates;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class AutoLayoutTest {

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Pane(), 100, 100));
        stage.show();
    }

    /** Every node at the same place: what a careless import or a paste pile-up looks like. */
    private static Design piledUp(Design d) {
        for (Node n : new ArrayList<>(d.nodes())) {
            d.replaceNode(n.at(0, 0));
        }
        return d;
    }

    private static void assertNoOverlapAndTopDown(Design d, Map<String, Dimension2D> sizes) {
        List<Node> nodes = new ArrayList<>(d.nodes());
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                Rectangle2D a = rect(nodes.get(i), sizes);
                Rectangle2D b = rect(nodes.get(j), sizes);
                assertThat(a.intersects(b)).as(nodes.get(i).id() + " overlaps " + nodes.get(j).id()).isFalse();
            }
        }
        for (Edge e : d.edges()) {
            Node from = d.node(e.from().node()).orElseThrow();
            Node to = d.node(e.to().node()).orElseThrow();
            assertThat(to.y()).as(e.toString()).isGreaterThanOrEqualTo(from.y() + sizes.get(from.id()).getHeight());
        }
    }

    private static Rectangle2D rect(Node n, Map<String, Dimension2D> sizes) {
        Dimension2D s = sizes.get(n.id());
        return new Rectangle2D(n.x(), n.y(), s.getWidth(), s.getHeight());
    }

    private static Map<String, Dimension2D> defaultSizes(Design d) {
        Map<String, Dimension2D> m = new HashMap<>();
        d.nodes().forEach(n -> m.put(n.id(), AutoLayout.DEFAULT_SIZE));
        return m;
    }

    @Test
    void laysOutResNetFashionMnistTopDownWithoutOverlapsAsOneUndoStep() throws Exception {
        EditorModel m = new EditorModel(piledUp(Templates.load("resnet-fmnist")));
        m.commands().markSaved();
        Map<String, Point2D> positions = AutoLayout.layout(m, false, AutoLayout.defaultSizes());

        assertThat(positions).hasSize(m.design().size());
        assertNoOverlapAndTopDown(m.design(), defaultSizes(m.design()));
        assertThat(m.design().node("input").orElseThrow().y())
                .isLessThan(m.design().node("head").orElseThrow().y());
        assertThat(m.commands().undoDescriptionProperty().get()).isEqualTo("Auto-layout");
        m.undo();
        assertThat(m.design().nodes()).allSatisfy(n -> assertThat(n.x() == 0 && n.y() == 0).isTrue());
        assertThat(m.commands().dirtyProperty().get()).isFalse();
    }

    @Test
    void nodeSizesFromTheSkinsAreRespected() throws Exception {
        Design d = piledUp(Templates.load("convnext-fmnist"));
        Map<String, Dimension2D> sizes = new HashMap<>();
        for (Node n : d.nodes()) {
            sizes.put(n.id(), new Dimension2D(120 + 20 * (n.id().length() % 5), 60 + 10 * (n.id().length() % 3)));
        }
        EditorModel m = new EditorModel(d);
        AutoLayout.layout(m, false, sizes::get);
        assertNoOverlapAndTopDown(m.design(), sizes);
    }

    @Test
    void layingOutTheSelectionLeavesTheOtherBlocksWhereTheyAre() throws Exception {
        Design d = Templates.load("resnet-fmnist");
        List<String> chosen = List.of("stage2_block1", "stage2_block2", "stage2_block3");
        for (String id : chosen) {
            d.replaceNode(d.node(id).orElseThrow().at(1000, 1000));
        }
        Map<String, Node> before = new HashMap<>();
        d.nodes().forEach(n -> before.put(n.id(), n));
        EditorModel m = new EditorModel(d);
        m.selection().addAll(chosen);

        Map<String, Point2D> positions = AutoLayout.layout(m, true, AutoLayout.defaultSizes());
        assertThat(positions).containsOnlyKeys(chosen);
        for (Node n : d.nodes()) {
            if (!chosen.contains(n.id())) {
                assertThat(n).isEqualTo(before.get(n.id()));
            }
        }
        // the selection keeps its top-left corner and is a top-down chain now
        assertThat(d.node("stage2_block1").orElseThrow().y()).isEqualTo(1000);
        assertThat(d.node("stage2_block1").orElseThrow().x()).isEqualTo(1000);
        assertThat(d.node("stage2_block2").orElseThrow().y()).isGreaterThanOrEqualTo(1000 + 80);
        assertThat(d.node("stage2_block3").orElseThrow().y())
                .isGreaterThanOrEqualTo(d.node("stage2_block2").orElseThrow().y() + 80);
    }

    @Test
    void theLayoutTaskRunsOffTheFxThreadAndAppliesItsResultAsOneStep(FxRobot robot) throws Exception {
        EditorModel m = new EditorModel(piledUp(Templates.load("resnet-fmnist")));
        Task<Map<String, Point2D>> task = WaitForAsyncUtils.asyncFx(
                () -> AutoLayout.layoutTask(m, false, AutoLayout.defaultSizes())).get(10, TimeUnit.SECONDS);
        boolean[] onFx = {true};
        Thread worker = new Thread(() -> {
            onFx[0] = javafx.application.Platform.isFxApplicationThread();
            task.run();
        });
        worker.start();
        worker.join(30_000);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(onFx[0]).isFalse();
        assertThat(WaitForAsyncUtils.asyncFx(task::getState).get(10, TimeUnit.SECONDS))
                .isEqualTo(javafx.concurrent.Worker.State.SUCCEEDED);
        assertNoOverlapAndTopDown(m.design(), defaultSizes(m.design()));
        assertThat(m.commands().undoDescriptionProperty().get()).isEqualTo("Auto-layout");
    }

    @Test
    void aCancelledLayoutTaskChangesNothing(FxRobot robot) throws Exception {
        EditorModel m = new EditorModel(piledUp(Templates.load("resnet-fmnist")));
        Task<Map<String, Point2D>> task = WaitForAsyncUtils.asyncFx(
                () -> AutoLayout.layoutTask(m, false, AutoLayout.defaultSizes())).get(10, TimeUnit.SECONDS);
        task.cancel();
        task.run();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(task.isCancelled()).isTrue();
        assertThat(m.commands().canUndoProperty().get()).isFalse();
        assertThat(m.design().nodes()).allSatisfy(n -> assertThat(n.x() == 0 && n.y() == 0).isTrue());
    }
}
