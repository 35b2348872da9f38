package org.modelworkbench.trainer.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.DesignWriter;
import org.modelworkbench.projects.files.ProjectFiles;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.train.BlockStats;
import org.modelworkbench.trainer.train.TrainingConfig;
import org.modelworkbench.trainer.train.TrainingEvent;

class RunStoreTest {
    @TempDir
    Path dir;

    static final RunRecord.Host HOST = new RunRecord.Host("test CPU", 2, null, 0, "glibc");

    @Test
    void aDesignFilesRunsLiveInASiblingRunsFolder() {
        assertThat(RunStore.runsFolderFor(dir.resolve("net.json"))).isEqualTo(dir.resolve("net.runs"));
        assertThat(RunStore.runsFolderFor(dir.resolve("net.design"))).isEqualTo(dir.resolve("net.design.runs"));
        assertThat(RunStore.forDesignFile(dir.resolve("a/b.json")).folder()).isEqualTo(dir.resolve("a/b.runs"));
    }

    @Test
    void aRecordedRunReadsBackWithItsEventsAndExactlyTheDesignItTrainedAfterTheOriginalWasEdited() throws Exception {
        Path file = dir.resolve("resnet.json");
        Design design = Templates.load("resnet-fmnist");
        ProjectFiles.write(design, file);
        String trainedJson = DesignWriter.toJson(design);
        RunStore store = RunStore.forDesignFile(file);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(3);

        String id = store.create(design, "ResNet", config);
        assertThat(id).matches("\\d{8}-\\d{6}-" + RunStore.designHash(design).substring(0, 7));
        List<TrainingEvent> events = List.of(
                new TrainingEvent.Started(id, "ResNet", "fashion-mnist", 54000, 6000, 10000, 3, 421, "fp32", 2, 272186),
                new TrainingEvent.Progress(1, 20, 1263, 1.5, 0.5, 0.05, 1200.5, 300),
                new TrainingEvent.Inspection(1, 50, List.of(new BlockStats("stem_conv", 3.2, 0.1, 1e-3, 0.01, 0.9, 0),
                        new BlockStats("stem_relu", Double.NaN, Double.NaN, Double.NaN, 0.4, 0.6, 0.5))),
                new TrainingEvent.Epoch(1, 0.9, 0.7, 0.6, 0.82, 0.1, 60, true),
                new TrainingEvent.Checkpoint("last", "last.params", 1),
                new TrainingEvent.Finished("completed", 0.9123, 0.25, new int[][] {{1, 2}, {3, 4}}, List.of("a", "b"), 180, 1));
        try (RunRecorder recorder = RunRecorder.open(store.runFolder(id), HOST)) {
            events.forEach(recorder);
        }

        // The user edits and saves the design afterwards.
        Design edited = ProjectFiles.read(file);
        edited.setName("edited");
        ProjectFiles.write(edited, file);

        assertThat(DesignWriter.toJson(store.design(id))).isEqualTo(trainedJson);
        assertThat(store.designJson(id)).isEqualTo(trainedJson);
        assertThat(RunStore.designHash(store.design(id))).isEqualTo(store.record(id).designHash());
        List<TrainingEvent> read = store.events(id);
        assertThat(read).hasSize(events.size());
        assertThat(read.subList(0, 2)).containsExactlyElementsOf(events.subList(0, 2));
        assertThat(((TrainingEvent.Inspection) read.get(2)).blocks().get(1).weightNorm()).isNaN();
        assertThat(((TrainingEvent.Finished) read.get(5)).confusion()).isDeepEqualTo(new int[][] {{1, 2}, {3, 4}});

        RunSummary s = store.list().get(0);
        assertThat(s.runId()).isEqualTo(id);
        assertThat(s.designName()).isEqualTo("ResNet");
        assertThat(s.status()).isEqualTo("completed");
        assertThat(s.testAccuracy()).isEqualTo(0.9123);
        assertThat(s.bestValidationAccuracy()).isEqualTo(0.82);
        assertThat(s.epochsRun()).isEqualTo(1);
        assertThat(s.config()).isEqualTo(config);
        // The config said "auto"; the summary says what ran.
        assertThat(s.mode()).isEqualTo("fp32");
        assertThat(s.shownMode()).isEqualTo("fp32");
        RunRecord r = store.record(id);
        assertThat(r.ended()).isNotNull();
        assertThat(r.host()).isEqualTo(new RunRecord.Host("test CPU", 2, "fp32", 2, "glibc"));
    }

    @Test
    void aRunThatHasNotChosenItsModeYetShowsTheConfiguredOne() throws Exception {
        RunStore store = new RunStore(dir.resolve("untitled-runs"));
        String id = store.create(Templates.load("resnet-fmnist"), null, TrainingConfig.defaults());
        try (RunRecorder recorder = RunRecorder.open(store.runFolder(id), HOST)) {
            recorder.accept(new TrainingEvent.Log("preparing"));
        }

        RunSummary s = store.list().get(0);
        assertThat(s.mode()).isNull();
        assertThat(s.shownMode()).isEqualTo("auto");
    }

    @Test
    void aRunWhoseWorkerDiedWithoutALastWordReadsAsFailedUpToItsLastWholeLine() throws Exception {
        RunStore store = new RunStore(dir.resolve("untitled-runs"));
        String id = store.create(Templates.load("resnet-fmnist"), null, TrainingConfig.defaults());
        Path run = store.runFolder(id);
        try (RunRecorder recorder = RunRecorder.open(run, HOST)) {
            recorder.accept(new TrainingEvent.Started(id, "x", "fashion-mnist", 1, 1, 1, 1, 1, "fp32", 2, 1));
            recorder.accept(new TrainingEvent.Progress(1, 20, 100, 1.5, 0.5, 0.05, 1200.5, 300));
        }
        // The worker was killed while writing a line, and its process is gone.
        Files.writeString(run.resolve(RunStore.EVENTS_FILE), "{\"event\":\"progress\",\"epo", StandardOpenOption.APPEND);
        RunRecord r = store.record(id);
        RunStore.writeRecord(run, r.withHost(r.host(), new RunRecord.Owner(deadPid(), "2000-01-01T00:00:00Z")));

        assertThat(store.events(id)).hasSize(2);
        assertThat(store.list()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo("failed");
            assertThat(s.testAccuracy()).isNaN();
        });

        TrainingEvent.Failed crash = new TrainingEvent.Failed("crash", "the training worker stopped unexpectedly", 1, 20);
        RunRecorder.recordEnd(run, crash);
        assertThat(store.events(id)).hasSize(3).last().isEqualTo(crash);
        assertThat(store.record(id).status()).isEqualTo("failed");
    }

    @Test
    void aLiveRunReadsAsRunningAndTheHistoryIsNewestFirst() throws Exception {
        RunStore store = new RunStore(dir);
        Design design = Templates.load("resnet-fmnist");
        String first = store.create(design, "a", TrainingConfig.defaults());
        String second = store.create(design, "b", TrainingConfig.defaults());
        Files.createDirectories(dir.resolve("not-a-run"));

        assertThat(second).isNotEqualTo(first);
        assertThat(store.list()).extracting(RunSummary::runId).containsExactly(second, first);
        assertThat(store.list()).extracting(RunSummary::status).containsOnly("running");
    }

    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void theRecordIsPlainJsonAPersonCanRead() throws Exception {
        RunStore store = new RunStore(dir);
        String id = store.create(Templates.load("resnet-fmnist"), "ResNet", TrainingConfig.defaults());
        String json = Files.readString(store.runFolder(id).resolve(RunStore.RECORD_FILE), StandardCharsets.UTF_8);
        assertThat(json).contains("\"status\" : \"running\"").contains("\"designHash\"").contains("\"optimizer\" : \"sgd\"")
                .contains("\"pid\" : " + ProcessHandle.current().pid()).doesNotContain("alive");
    }
}
