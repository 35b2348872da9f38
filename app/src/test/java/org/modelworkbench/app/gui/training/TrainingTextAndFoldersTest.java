package org.modelworkbench.app.gui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.modelworkbench.app.folders.DataFolder;
import org.modelworkbench.trainer.runs.RunSummary;
import org.modelworkbench.trainer.train.TrainingConfig;
import org.modelworkbench.trainer.train.TrainingEvent;

class TrainingTextAndFoldersTest {

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertThat(TrainingText.duration(45.4)).isEqualTo("45 s");
        assertThat(TrainingText.duration(192)).isEqualTo("3 min 12 s");
        assertThat(TrainingText.duration(3_900)).isEqualTo("1 h 05 min");
        assertThat(TrainingText.duration(Double.NaN)).isEqualTo("–");
    }

    @Test
    void theProgressLineSaysEpochStepSpeedAndTimeLeft() {
        var p = new TrainingEvent.Progress(3, 1_234, 4_690, 0.4, 0.85, 0.05, 2_140.4, 192);
        assertThat(TrainingText.progress(p, 10))
                .isEqualTo("Epoch 3 of 10 · step 1\u2009234 of 4\u2009690 · 2\u2009140 images/s · 3 min 12 s left");
    }

    @Test
    void aKeptRunReadsInTwoShortLinesWithTheModeThatRan() {
        RunSummary s = new RunSummary("20260104-101530-abc1234", "ResNet", "abc", Instant.parse("2026-01-04T10:15:30Z"),
                "completed", 0.93612, 0.92, 12, 754, TrainingConfig.defaults().withEpochs(12), "bf16-autocast");
        assertThat(TrainingText.runStarted(s, ZoneOffset.UTC)).isEqualTo("Jan 4, 10:15");
        assertThat(TrainingText.runDetails(s)).isEqualTo("test 93.61 % · 12 ep · bf16-autocast");
        assertThat(TrainingText.runTooltip(s, ZoneOffset.UTC)).contains("Run 20260104-101530-abc1234",
                "Started 2026-01-04 10:15:30", "Status: completed", "Epochs run: 12 of 12", "Time: 12 min 34 s",
                "Mode: bf16-autocast (chosen for \"auto\")");
    }

    @Test
    void aRunWithoutATestResultShowsItsBestValidationAndTheConfiguredModeUntilOneIsChosen() {
        RunSummary running = new RunSummary("r", "ResNet", "abc", Instant.parse("2026-01-04T10:15:30Z"), "running",
                Double.NaN, 0.8561, 1, 60, TrainingConfig.defaults());
        assertThat(TrainingText.runDetails(running)).isEqualTo("val 85.61 % · 1 ep · auto");
        assertThat(TrainingText.runTooltip(running, ZoneOffset.UTC)).contains("Mode: auto (not chosen yet)");
        RunSummary failedEarly = new RunSummary("r", "ResNet", "abc", null, "failed", Double.NaN, Double.NaN, 0, 3,
                null, null);
        assertThat(TrainingText.runDetails(failedEarly)).isEqualTo("0 ep");
        assertThat(TrainingText.runStarted(failedEarly, ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void anUnsavedDesignFromATemplateKeepsItsRunsWhereTheCommandLineKeepsThatTemplates() {
        Path data = Path.of("/data");
        RunsFolders gui = new RunsFolders(data.resolve("runs"));
        Path cli = new DataFolder(data).runsOf("resnet-fmnist");
        assertThat(gui.forDesign(null, "resnet-fmnist", "ResNet (Fashion-MNIST)")).isEqualTo(cli)
                .isEqualTo(Path.of("/data/runs/resnet-fmnist"));
        assertThat(gui.forDesign(null, null, "ResNet (Fashion-MNIST)")).isEqualTo(Path.of("/data/runs/resnet-fashion-mnist"));
        assertThat(gui.forDesign(Path.of("/projects/net.json"), "resnet-fmnist", "x"))
                .as("once saved, beside its file").isEqualTo(Path.of("/projects/net.runs"));
    }

    @Test
    void runsAreKeptBesideTheDesignFileOrInTheAppsFolderBeforeItIsSaved() {
        RunsFolders f = new RunsFolders(Path.of("/data/runs"));
        assertThat(f.forDesign(Path.of("/projects/cifar net.json"), "x")).isEqualTo(Path.of("/projects/cifar net.runs"));
        assertThat(f.forDesign(null, "My ResNet (v2)")).isEqualTo(Path.of("/data/runs/my-resnet-v2"));
        assertThat(f.forDesign(null, "!!!")).isEqualTo(Path.of("/data/runs/untitled"));
    }
}
