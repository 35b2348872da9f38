package org.modelworkbench.editor.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.palette.TestScenes;
import org.modelworkbench.projects.templates.Templates;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ProfileViewTest {
    /** Snapshots to look at; keep them with -Djunit.jupiter.tempdir.cleanup.mode.default=never. */
    @TempDir
    Path shots;
    private EditorModel model;
    private ProfileView profile;

    @Start
    void start(Stage stage) throws Exception {
        model = new EditorModel(Templates.load("resnet-fmnist"));
        profile = new ProfileView(model);
        stage.setScene(TestScenes.scene(profile, 1000, 560, false));
        stage.show();
        stage.requestFocus();
    }

    @Test
    void activationMemoryIsLabelledAsTrainingAndAlsoGivesTheSmallerInferenceFigure(FxRobot robot) throws Exception {
        // MobileNetV2 (Fashion-MNIST) has a dropout before its classifier: a tensor only training makes.
        EditorModel withDropout = new EditorModel(Templates.load("mobilenetv2-fmnist"));
        robot.interact(() -> profile.getScene().setRoot(new ProfileView(withDropout)));
        WaitForAsyncUtils.waitForFxEvents();
        var totals = withDropout.analysis().totals();
        assertThat(totals.inferenceActivationBytes()).isLessThan(totals.activationBytes());

        assertThat(robot.lookup("#totalActivations").queryLabeled().getText())
                .isEqualTo(CostFormat.bytes(totals.activationBytes()));
        assertThat(robot.lookup("#totalActivationsExact").queryLabeled().getText())
                .isEqualTo(CostFormat.bytes(totals.inferenceActivationBytes()) + " at inference");
        assertThat(robot.lookup(".profile-cards").queryAs(javafx.scene.Parent.class)
                .lookupAll(".label").stream().map(n -> ((javafx.scene.control.Label) n).getText()))
                .contains("Activation memory (training)");
    }

    @Test
    void theTableSortsMacsNumericallyAndRowSelectionFollowsTheModelSelectionBothWays(FxRobot robot) {
        robot.interact(() -> TestScenes.snapshot(profile, shots.resolve("g2-profile.png")));
        assertThat(robot.lookup("#totalParams").queryLabeled().getText()).isEqualTo("272 K");
        assertThat(robot.lookup("#totalParamsExact").queryLabeled().getText()).isEqualTo("272,186");

        robot.clickOn("#col-macs");
        assertThat(macs()).isSortedAccordingTo(Long::compare);
        robot.clickOn("#col-macs");
        assertThat(macs()).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        // Table → model
        String top = profile.visibleRows().get(0).nodeId();
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        assertThat(model.selection()).containsExactly(top);

        // Model → table (and no feedback loop back into the model)
        robot.interact(() -> {
            model.selection().clear();
            model.selection().add("stem_conv");
            model.selection().add("head");
        });
        WaitForAsyncUtils.waitForFxEvents();
        TableView<ProfileView.Row> table = profile.table();
        assertThat(table.getSelectionModel().getSelectedItems()).extracting(ProfileView.Row::nodeId)
                .containsExactlyInAnyOrder("stem_conv", "head");
        assertThat(model.selection()).containsExactly("stem_conv", "head");

        // Sorting again keeps the selection on the same blocks
        robot.clickOn("#col-params");
        assertThat(table.getSelectionModel().getSelectedItems()).extracting(ProfileView.Row::nodeId)
                .containsExactlyInAnyOrder("stem_conv", "head");
        assertThat(model.selection()).containsExactlyInAnyOrder("stem_conv", "head");
        robot.interact(() -> TestScenes.snapshot(profile, shots.resolve("g2-profile-sorted.png")));
    }

    @Test
    void theInputSizeFieldChangesTheTotalsAndRefusesNonsense(FxRobot robot) {
        long macsBefore = model.analysis().totals().macs();
        String shownBefore = robot.lookup("#totalMacs").queryLabeled().getText();

        robot.clickOn("#inputSize").write("1x1x56x56").type(KeyCode.ENTER);
        assertThat(model.optionsProperty().get().inputOverride().toAscii()).isEqualTo("1x1x56x56");
        // Four times the pixels: every conv costs four times as much (only the 10-way head does not grow).
        assertThat(model.analysis().totals().macs()).isGreaterThan(3 * macsBefore);
        assertThat(robot.lookup("#totalMacs").queryLabeled().getText()).isNotEqualTo(shownBefore);

        robot.interact(() -> robot.lookup("#inputSize").queryTextInputControl().clear());
        robot.clickOn("#inputSize").write("1x3x224").type(KeyCode.ENTER);
        assertThat(robot.lookup("#inputSizeError").queryLabeled().getText()).contains("N×C×H×W");
        assertThat(model.optionsProperty().get().inputOverride().toAscii()).isEqualTo("1x1x56x56");
        robot.interact(() -> TestScenes.snapshot(profile, shots.resolve("g2-profile-invalid.png")));

        robot.interact(() -> robot.lookup("#inputSize").queryTextInputControl().clear());
        robot.clickOn("#inputSize").type(KeyCode.ENTER);
        assertThat(model.optionsProperty().get().inputOverride()).isNull();
        assertThat(model.analysis().totals().macs()).isEqualTo(macsBefore);
        assertThat(robot.lookup("#inputSizeError").queryLabeled().getText()).isEmpty();
    }

    @Test
    void rowsOfBlocksWithProblemsAreMarkedAndBlocksBelowThemShowNoCosts(FxRobot robot) {
        robot.interact(() -> model.disconnect(model.design().incoming("stem_bn").values().iterator().next()));
        WaitForAsyncUtils.waitForFxEvents();
        ProfileView.Row bn = row("stem_bn");
        assertThat(bn.problems()).extracting(p -> p.kind().name()).containsExactly("UNCONNECTED_INPUT");
        assertThat(row("stem_relu").evaluated()).isFalse();
        assertThat(robot.lookup(".problem-row").queryAll()).hasSize(1);
        assertThat(robot.lookup("#profileSummary").queryLabeled().getText()).isEqualTo("14 blocks · 1 problem · totals cover 2 of 14");
        robot.interact(() -> TestScenes.snapshot(profile, shots.resolve("g2-profile-problems.png")));
    }

    private ProfileView.Row row(String id) {
        return profile.visibleRows().stream().filter(r -> r.nodeId().equals(id)).findFirst().orElseThrow();
    }

    private List<Long> macs() {
        WaitForAsyncUtils.waitForFxEvents();
        return profile.visibleRows().stream().map(ProfileView.Row::macs).toList();
    }
}
