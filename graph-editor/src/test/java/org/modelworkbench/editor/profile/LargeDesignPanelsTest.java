package org.modelworkbench.editor.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelworkbench.editor.canvas.bench.LargeDesigns;
import org.modelworkbench.editor.inspector.InspectorView;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.palette.TestScenes;
import org.modelworkbench.editor.problems.ProblemsView;
import org.modelworkbench.projects.design.Node;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The panels follow a 2,000-node design without stalling the FX thread. */
@ExtendWith(ApplicationExtension.class)
class LargeDesignPanelsTest {
    private EditorModel model;
    private ProfileView profile;

    @Start
    void start(Stage stage) {
        model = new EditorModel(LargeDesigns.residualNetwork(2000));
        profile = new ProfileView(model);
        SplitPane root = new SplitPane(profile, new InspectorView(model), new ProblemsView(model));
        stage.setScene(TestScenes.scene(root, 1200, 600, false));
        stage.show();
    }

    @Test
    void selectingAllOfTwoThousandBlocksAndEditingOneStayFast(FxRobot robot) {
        List<String> ids = model.design().nodes().stream().map(Node::id).toList();
        assertThat(ids.size()).isGreaterThan(1900);

        long t0 = System.nanoTime();
        robot.interact(() -> model.selection().addAll(ids));
        WaitForAsyncUtils.waitForFxEvents();
        double selectMs = (System.nanoTime() - t0) / 1e6;
        assertThat(profile.table().getSelectionModel().getSelectedItems()).hasSize(ids.size());

        robot.interact(() -> model.selection().clear());
        robot.interact(() -> model.selection().add("b100_conv1"));
        WaitForAsyncUtils.waitForFxEvents();
        double[] edit = new double[3];
        for (int i = 0; i < edit.length; i++) {
            int channels = 32 + i;
            robot.interact(() -> {
                long t1 = System.nanoTime();
                try {
                    model.setParameter("b100_conv1", "out_channels", channels);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                profile.applyCss();
                profile.layout();
                edit[channels - 32] = (System.nanoTime() - t1) / 1e6;
            });
        }
        double editMs = java.util.Arrays.stream(edit).min().orElseThrow();
        System.out.printf("LargeDesignPanelsTest: select all %d blocks %.0f ms, one edit %.0f ms%n",
                ids.size(), selectMs, editMs);
        // Generous bounds: the suite runs on small, busy machines; the point is no quadratic stall.
        assertThat(selectMs).isLessThan(5000);
        assertThat(editMs).isLessThan(3000);
    }
}
