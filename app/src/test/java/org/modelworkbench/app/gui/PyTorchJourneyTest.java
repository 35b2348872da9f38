package org.modelworkbench.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelworkbench.app.gui.WorkbenchFixture.fx;
import static org.modelworkbench.app.gui.WorkbenchFixture.waitUntil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.trainer.runs.RunRecord;
import org.modelworkbench.trainer.train.TrainingConfig;
import org.modelworkbench.trainer.train.TrainingEvent;
import org.modelworkbench.trainer.train.TrainingJson;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The way out and back as a user goes it: File ▸ Export to PyTorch… writes the open template as a package
 * (a real child process) and shows the next commands; a run folder as the exported train.py writes it
 * (its weights the exported ones, its events one epoch) comes back through File ▸ Import PyTorch Run… into
 * the Training tab's history. (train.py itself runs in trainer-bridge's round-trip test.)
 */
@ExtendWith(ApplicationExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PyTorchJourneyTest {
    static final String TEMPLATE = "resnet-fmnist";

    @TempDir
    Path data;
    @TempDir
    Path exports;
    WorkbenchFixture app;
    final FixedFilePicker files = new FixedFilePicker();

    @Start
    void start(Stage stage) {
        // The real run store, so the imported run is listed as the workbench lists runs.
        app = WorkbenchFixture.open(stage, data, new org.modelworkbench.app.gui.training.TrainingServices(
                org.modelworkbench.app.gui.training.TrainingServices.unavailable().launcher(),
                org.modelworkbench.trainer.runs.RunStore::new));
        app.window.documents().setFilePicker(files);
    }

    @AfterEach
    void closeTheWindow() {
        app.close();
    }

    @Test
    void export_the_open_design_to_pytorch_and_import_a_run_of_it_back_into_its_history(FxRobot robot) throws Exception {
        WorkbenchFixture.scrollIntoView(robot.lookup("#template-" + TEMPLATE).query());
        robot.clickOn("#template-" + TEMPLATE);
        waitUntil(() -> app.document() != null);
        WorkbenchFixture.settle(robot);

        files.answer(exports);
        robot.clickOn("#menu-file");
        robot.clickOn("#menu-export-pytorch");
        waitUntil(() -> robot.lookup("#report-text").tryQuery().isPresent()
                || robot.lookup("#error-message").tryQuery().isPresent(), 100);
        assertThat(robot.lookup("#error-message").tryQuery()).as(() -> "the export failed: " + robot.lookup(
                "#error-message").queryAs(javafx.scene.control.Label.class).getText()).isEmpty();
        String report = robot.lookup("#report-text").queryAs(TextArea.class).getText();
        Path out = exports.resolve("ResNet-Fashion-MNIST-pytorch");
        assertThat(report).contains(out.toString()).contains("python3 check.py").contains("torchrun");
        assertThat(out.resolve("model.py")).exists();
        assertThat(out.resolve("train.py")).exists();
        assertThat(out.resolve("README.md")).exists();
        // The template has no runs in this data folder: no weights travel, and the report says so.
        assertThat(out.resolve("weights.npz")).doesNotExist();
        robot.clickOn(robot.lookup("#report-dialog .button").queryButton());

        Path run = fakeTrainedRun(out);
        files.answer(run);
        robot.clickOn("#menu-file");
        robot.clickOn("#menu-import-pytorch-run");
        var history = app.window.training().history();
        try {
            waitUntil(() -> !history.isEmpty() || robot.lookup("#error-message").tryQuery().isPresent(), 100);
        } catch (AssertionError e) {
            StringBuilder texts = new StringBuilder("asked " + files.asked + "; status bar:");
            robot.lookup("#status-bar .label").queryAll().forEach(n -> texts.append(" | ")
                    .append(((javafx.scene.control.Labeled) n).getText()));
            try (var walk = Files.walk(data)) {
                walk.filter(f -> f.toString().contains("runs")).forEach(f -> texts.append("\n  ").append(f));
            }
            throw new AssertionError(texts.toString(), e);
        }
        assertThat(robot.lookup("#error-message").tryQuery()).as(() -> "the import failed: " + robot.lookup(
                "#error-message").queryAs(javafx.scene.control.Label.class).getText()).isEmpty();
        assertThat(history.get(0).summary().status()).isEqualTo("completed");
        assertThat(history.get(0).summary().testAccuracy()).isEqualTo(0.5);
        TabPane bottom = robot.lookup("#bottom-tabs").queryAs(TabPane.class);
        waitUntil(() -> "tab-training".equals(bottom.getSelectionModel().getSelectedItem().getId()));
        waitUntil(() -> !app.window.training().overlaid().isEmpty());
        assertThat(app.window.training().shownProperty().get().runId()).isEqualTo(history.get(0).runId());

        // The imported run goes out again from the Runs list, now with its (converted) weights.
        Path again = exports.resolve("again");
        Files.createDirectories(again);
        files.answer(again);
        fx(() -> app.window.training().exportRun(history.get(0)));
        waitUntil(() -> robot.lookup("#report-text").tryQuery().isPresent()
                || robot.lookup("#error-message").tryQuery().isPresent(), 100);
        assertThat(robot.lookup("#error-message").tryQuery()).isEmpty();
        Path runExport = again.resolve("ResNet-Fashion-MNIST-run-" + history.get(0).runId() + "-pytorch");
        assertThat(runExport.resolve("weights.npz")).exists();
        assertThat(runExport.resolve("reference_output.npy")).exists();
        robot.clickOn(robot.lookup("#report-dialog .button").queryButton());
    }

    /** A run folder as train.py leaves it: the export's design, one epoch of events, best.npz of fresh weights. */
    private Path fakeTrainedRun(Path export) throws Exception {
        Path run = export.resolve("runs").resolve("20261205-101010-0000000");
        Files.createDirectories(run);
        Files.copy(export.resolve("design.json"), run.resolve("design.json"));
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", String.join("\n",
                "import sys; sys.path.insert(0, sys.argv[1])",
                "import model",
                "model.save_weights(model.build_model(), sys.argv[2])"), export.toString(),
                run.resolve("best.npz").toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "python3-torch is needed to write weights: "
                + output);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(1);
        RunRecord record = new RunRecord("20261205-101010-0000000", "ResNet (Fashion-MNIST)", null, config,
                Instant.now().toString(), Instant.now().toString(), "completed", 0.5, 0.5, 1, 12.0,
                new RunRecord.Host("test CPU", 2, "pytorch-cpu-fp32", 2, null), null);
        Files.writeString(run.resolve("run.json"), TrainingJson.mapper().writeValueAsString(record));
        List<TrainingEvent> events = List.of(
                new TrainingEvent.Started("20261205-101010-0000000", "ResNet (Fashion-MNIST)", "fashion-mnist", 1800,
                        200, 500, 1, 29, "pytorch-cpu-fp32", 2, 272186),
                new TrainingEvent.Epoch(1, 1.2, 0.55, 1.1, 0.5, 0.01, 12.0, true),
                new TrainingEvent.Checkpoint("best", "best.npz", 1),
                new TrainingEvent.Finished("completed", 0.5, 1.1, new int[10][10], List.of("0", "1", "2", "3", "4", "5",
                        "6", "7", "8", "9"), 12.0, 1));
        StringBuilder lines = new StringBuilder();
        for (TrainingEvent e : events) {
            lines.append(TrainingJson.line(e)).append('\n');
        }
        Files.writeString(run.resolve("events.jsonl"), lines);
        return run;
    }
}
