package org.modelworkbench.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.ImageStats;
import org.modelworkbench.editor.canvas.bench.CanvasBenchmark;
import org.modelworkbench.editor.canvas.bench.LargeDesigns;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Design;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The canvas with a 2,000-node design: skins only for what is in view, an overview when zoomed out. */
@ExtendWith(ApplicationExtension.class)
class LargeDesignCanvasTest {
    /** Screenshots to look at; keep them with -Djunit.jupiter.tempdir.cleanup.mode.default=never. */
    @TempDir
    Path shots;
    private EditorModel model;
    private GraphCanvas canvas;

    @Start
    void start(Stage stage) {
        Design design = LargeDesigns.residualNetwork(2000);
        model = new EditorModel(design);
        canvas = CanvasFixtures.show(stage, model, false);
    }

    @Test
    void aTwoThousandNodeDesignBuildsSkinsOnlyForTheNodesInView(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.design().size()).isGreaterThanOrEqualTo(1990);
        assertThat(canvas.isDetailMode()).isTrue();
        assertThat(canvas.nodeViewCount()).isBetween(5, 120);
        assertThat(canvas.edgeViewCount()).isLessThan(200);
        robot.interact(() -> CanvasFixtures.screenshot(CanvasFixtures.rootOf(canvas), shots, "large-detail"));

        // Panning far away swaps the skins: still only a screenful.
        robot.interact(() -> canvas.centerOn("b150_conv2"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.nodeView("b150_conv2")).isPresent();
        assertThat(canvas.nodeView("input")).isEmpty();
        assertThat(canvas.nodeViewCount()).isLessThan(120);

        // Zoomed to fit: the overview is drawn, no skins at all.
        robot.interact(() -> canvas.zoomToFit());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.isDetailMode()).isFalse();
        assertThat(canvas.nodeViewCount()).isZero();
        ImageStats[] overview = new ImageStats[1];
        robot.interact(() -> overview[0] = CanvasFixtures.screenshot(CanvasFixtures.rootOf(canvas), shots, "large-overview"));
        assertThat(overview[0].drawnShare()).as("the overview draws the blocks").isGreaterThan(0.02);
        robot.interact(() -> canvas.setView(0.3, 20, 20));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> CanvasFixtures.screenshot(CanvasFixtures.rootOf(canvas), shots, "large-overview-titles"));
    }

    @Test
    void editsFarOutOfViewDoNotBuildSkins(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        int before = canvas.nodeViewCount();
        robot.interact(() -> model.moveNodes(java.util.Map.of("b200_bn1", new javafx.geometry.Point2D(5000, 90000))));
        robot.interact(() -> model.selection().addAll(List.of("b250_conv1", "b251_conv1")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.nodeViewCount()).isEqualTo(before);
        assertThat(canvas.nodeView("b200_bn1")).isEmpty();
    }

    @Test
    void theBenchmarkMeasuresOpenAndFrameTimes(FxRobot robot) {
        List<CanvasBenchmark.Result>[] results = new List[1];
        robot.interact(() -> results[0] = CanvasBenchmark.run(300, 6));
        assertThat(results[0]).extracting(CanvasBenchmark.Result::name)
                .anyMatch(n -> n.startsWith("open"))
                .anyMatch(n -> n.startsWith("pan"))
                .anyMatch(n -> n.startsWith("zoom"));
        assertThat(results[0]).allMatch(r -> r.valueMs() >= 0 && r.p90Ms() >= r.medianMs());
        results[0].forEach(r -> System.out.println("  " + r));
    }
}
