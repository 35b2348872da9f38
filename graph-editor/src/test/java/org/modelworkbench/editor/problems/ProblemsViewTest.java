package org.modelworkbench.editor.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.palette.TestScenes;
import org.modelworkbench.projects.analysis.Problem;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.templates.Templates;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ProblemsViewTest {
    /** Snapshots to look at; keep them with -Djunit.jupiter.tempdir.cleanup.mode.default=never. */
    @TempDir
    Path shots;
    private EditorModel model;
    private ProblemsView problems;
    private final List<String> revealed = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        model = new EditorModel(Templates.load("resnet-fmnist"));
        problems = new ProblemsView(model);
        problems.setOnReveal(revealed::add);
        stage.setScene(TestScenes.scene(problems, 640, 260, false));
        stage.show();
        stage.requestFocus();
    }

    @Test
    void theListShowsLocatedProblemsAndClickingOneSelectsItsBlock(FxRobot robot) {
        assertThat(problems.getProblemCount()).isZero();
        assertThat(robot.lookup("#noProblems").queryLabeled().isVisible()).isTrue();
        robot.interact(() -> TestScenes.snapshot(problems, shots.resolve("g2-problems-none.png")));

        robot.interact(() -> {
            model.disconnect(incoming("stem_bn"));
            model.disconnect(incoming("head"));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(problems.getProblemCount()).isEqualTo(model.analysis().problems().size()).isEqualTo(2);
        assertThat(problems.problems()).extracting(Problem::location)
                .contains("node 'stem_bn', input 'x'", "node 'head', input 'x'");
        robot.interact(() -> TestScenes.snapshot(problems, shots.resolve("g2-problems.png")));

        robot.clickOn(cellWith(robot, "node 'head', input 'x'"));
        assertThat(model.selection()).containsExactly("head");
        assertThat(revealed).containsExactly("head");

        robot.type(KeyCode.UP);
        robot.type(KeyCode.ENTER);
        assertThat(model.selection()).hasSize(1).doesNotContain("head");
        assertThat(revealed).hasSize(2);

        robot.interact(() -> {
            model.undo();
            model.undo();
        });
        assertThat(problems.getProblemCount()).isZero();
    }

    private Edge incoming(String node) {
        return model.design().incoming(node).values().iterator().next();
    }

    private static Node cellWith(FxRobot robot, String location) {
        return robot.lookup(".problem-cell").match((ListCell<Problem> c) -> c.getItem() != null
                && c.getItem().location().equals(location)).query();
    }
}
