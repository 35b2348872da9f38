package org.modelworkbench.editor.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
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

    @Test
    void measuredValuesFromTheShellShowAsColumnsBesideTheStaticCostsSortAndCanBeRemoved(FxRobot robot) {
        MeasuredValues values = MeasuredValues.builder()
                .column("fwd", "Fwd ms", "Forward latency, median", MeasuredValues.Format.MILLISECONDS)
                .column("rate", "GMAC/s", "Achieved rate", MeasuredValues.Format.DECIMAL)
                .value("stem_conv", "fwd", 0.4123).value("stem_conv", "rate", 2.5)
                .value("stage1_block1", "fwd", 12.34).value("stage1_block1", "rate", 31.25)
                .value("head", "fwd", 0.05)
                .flag("stage1_block1", "slow for its cost: 40% of the time for 12% of the MACs")
                .caption("Measured at 8x1x28x28")
                .build();
        javafx.scene.control.Button measure = new javafx.scene.control.Button("Measure");
        measure.setId("shellMeasure");
        Label footer = new Label("throughput");
        footer.setId("shellFooter");
        robot.interact(() -> {
            profile.setMeasuredValues(values);
            profile.addShellControls(measure);
            profile.setFooter(footer);
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#col-measured-fwd").tryQuery()).isPresent();
        assertThat(robot.lookup("#measuredCaption").queryLabeled().getText()).isEqualTo("Measured at 8x1x28x28");
        assertThat(robot.lookup("#shellMeasure").tryQuery()).isPresent();
        assertThat(robot.lookup("#shellFooter").queryLabeled().isVisible()).isTrue();
        assertThat(cellText(robot, "col-measured-fwd", "stem_conv")).isEqualTo("0.412");
        assertThat(cellText(robot, "col-measured-fwd", "stage1_block1")).isEqualTo("12.3");
        assertThat(cellText(robot, "col-measured-rate", "stage1_block1")).isEqualTo("31.3");
        assertThat(cellText(robot, "col-measured-rate", "stem_relu")).isEqualTo("—");
        assertThat(cellText(robot, "col-measured-fwd", "input")).isEqualTo("—");
        assertThat(cell(robot, "col-measured-fwd", "stage1_block1").getStyleClass()).contains("flagged");
        assertThat(cell(robot, "col-measured-fwd", "stage1_block1").getTooltip().getText()).contains("slow for its cost");
        assertThat(cell(robot, "col-measured-fwd", "stem_conv").getStyleClass()).doesNotContain("flagged");
        robot.interact(() -> TestScenes.snapshot(profile, shots.resolve("g2-profile-measured.png")));

        // Sorting by the measured column, slowest first: measured nodes in order, the rest after them.
        TableView<ProfileView.Row> table = profile.table();
        robot.interact(() -> {
            var col = table.getColumns().stream().filter(c -> "col-measured-fwd".equals(c.getId())).findFirst().orElseThrow();
            col.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(col));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(profile.visibleRows()).extracting(ProfileView.Row::nodeId).startsWith("stage1_block1", "stem_conv", "head");

        robot.interact(() -> {
            table.getSortOrder().clear();
            profile.setMeasuredValues(null);
            profile.setFooter(null);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#col-measured-fwd").tryQuery()).isEmpty();
        assertThat(table.getColumns()).extracting(c -> c.getId()).endsWith("col-share");
        assertThat(robot.lookup("#measuredCaption").queryLabeled().isVisible()).isFalse();
        assertThat(robot.lookup("#shellFooter").tryQuery()).isEmpty();
    }

    private static javafx.scene.control.TableCell<?, ?> cell(FxRobot robot, String column, String nodeId) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .filter(c -> c.getTableColumn() != null && column.equals(c.getTableColumn().getId()))
                .filter(c -> c.getTableRow() != null && c.getTableRow().getItem() instanceof ProfileView.Row r
                        && r.nodeId().equals(nodeId))
                .findFirst().orElseThrow(() -> new AssertionError("no visible cell " + column + " of " + nodeId));
    }

    private static String cellText(FxRobot robot, String column, String nodeId) {
        return cell(robot, column, nodeId).getText();
    }

    private ProfileView.Row row(String id) {
        return profile.visibleRows().stream().filter(r -> r.nodeId().equals(id)).findFirst().orElseThrow();
    }

    private List<Long> macs() {
        WaitForAsyncUtils.waitForFxEvents();
        return profile.visibleRows().stream().map(ProfileView.Row::macs).toList();
    }
}
