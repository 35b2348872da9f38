package org.modelworkbench.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.DesignWriter;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.data.FashionMnist;
import org.modelworkbench.trainer.runs.RunRecord;
import org.modelworkbench.trainer.runs.RunStore;
import org.modelworkbench.trainer.runs.RunSummary;
import org.modelworkbench.trainer.train.TrainingConfig;
import org.modelworkbench.trainer.train.TrainingEvent;
import org.modelworkbench.trainer.train.TrainingJson;

/**
 * The exported train.py, run by Debian's Python on a stand-in model.py (a tiny CNN honouring the
 * model API), writes a run folder the workbench reads: every events.jsonl line is a {@link TrainingEvent},
 * run.json is a {@link RunRecord}, the hash is the design's. Skipped where /usr/bin/python3 lacks torch.
 */
class PyTorchTrainScriptTest {
    static final String PYTHON = PythonTorch.PYTHON;
    static final String RESOURCES = "/org/modelworkbench/trainer/export/python/";

    static final String STAND_IN_MODEL = """
            import numpy as np
            import torch
            from torch import nn

            INPUT_SHAPE = (1, 28, 28)


            class Design(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.conv = nn.Conv2d(1, 4, 3, padding=1)
                    self.bn = nn.BatchNorm2d(4)
                    self.fc = nn.Linear(4, 10)

                def forward(self, x):
                    return self.fc(torch.relu(self.bn(self.conv(x))).mean((2, 3)))


            def build_model():
                return Design()


            def save_weights(model, path):
                np.savez(path, **{k: v.detach().float().cpu().numpy() for k, v in model.state_dict().items()
                                  if not k.endswith("num_batches_tracked")})


            def load_weights(model, path):
                with np.load(path) as z:
                    model.load_state_dict({k: torch.from_numpy(z[k]) for k in z.files}, strict=False)
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void pythonWithTorch() {
        PythonTorch.assumeAvailable();
    }

    /** The package as the export writes it, with the stand-in model and {@code config}. */
    private Path pack(Design design, TrainingConfig config) throws IOException {
        Path pkg = dir.resolve("pkg");
        Path sample = pkg.resolve("data/fashion-mnist-sample");
        Files.createDirectories(sample);
        copy(RESOURCES + "train.py", pkg.resolve("train.py"));
        for (String f : List.of(FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, FashionMnist.TEST_IMAGES,
                FashionMnist.TEST_LABELS)) {
            copy(FashionMnist.SAMPLE_RESOURCE + f + ".gz", sample.resolve(f + ".gz"));
        }
        Files.writeString(pkg.resolve("model.py"), STAND_IN_MODEL);
        Files.writeString(pkg.resolve("design.json"), DesignWriter.toJson(design));
        Files.writeString(pkg.resolve("config.json"), TrainingJson.mapper().writeValueAsString(config));
        return pkg;
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = PyTorchTrainScriptTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.copy(in, to);
        }
    }

    private static Process start(Path pkg, Path log, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "train.py", "--device", "cpu"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder b = new ProcessBuilder(command).directory(pkg.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        b.environment().put("OMP_NUM_THREADS", "1");
        b.environment().putAll(env);
        return b.start();
    }

    private static int finish(Process p, Path log) throws Exception {
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("train.py did not end in 300 s:\n" + Files.readString(log));
        }
        return p.exitValue();
    }

    /** The only run folder's events, each line read as the workbench reads it. */
    private static List<TrainingEvent> events(Path run) throws IOException {
        List<TrainingEvent> events = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(RunStore.EVENTS_FILE), StandardCharsets.UTF_8)) {
            events.add(TrainingJson.event(line)); // throws on a line the workbench cannot read
        }
        return events;
    }

    private static Path onlyRun(Path runs) throws IOException {
        try (var s = Files.list(runs)) {
            List<Path> all = s.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    @Test
    void oneProcessWritesARunTheWorkbenchReads() throws Exception {
        Design design = Templates.load("resnet-fmnist");
        TrainingConfig config = TrainingConfig.defaults().withDataset("fashion-mnist-sample", null).withEpochs(2)
                .withBatchSize(32);
        Path pkg = pack(design, config);
        Path log = dir.resolve("train.log");
        int code = finish(start(pkg, log, Map.of(), "--out", dir.resolve("runs").toString(), "--limit-batches", "3"),
                log);
        assertThat(code).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("test accuracy: ");

        Path run = onlyRun(dir.resolve("runs"));
        RunStore store = new RunStore(dir.resolve("runs"));
        String id = run.getFileName().toString();
        assertThat(id).matches("\\d{8}-\\d{6}-" + RunStore.designHash(design).substring(0, 7));
        RunRecord record = store.record(id);
        assertThat(record.designHash()).isEqualTo(RunStore.designHash(design));
        assertThat(record.designName()).isEqualTo(design.name());
        assertThat(record.config()).isEqualTo(config.withLimitBatches(3));
        assertThat(record.host().mode()).isEqualTo("pytorch-cpu-fp32");
        assertThat(record.owner().pid()).isPositive();
        RunSummary summary = store.list().get(0);
        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.epochsRun()).isEqualTo(2);
        assertThat(store.designJson(id)).isEqualTo(DesignWriter.toJson(design));

        List<TrainingEvent> events = events(run);
        assertThat(events.get(0)).isInstanceOfSatisfying(TrainingEvent.Started.class, s -> {
            assertThat(s.runId()).isEqualTo(id);
            assertThat(s.trainImages()).isEqualTo(1800);
            assertThat(s.validationImages()).isEqualTo(200);
            assertThat(s.testImages()).isEqualTo(500);
            assertThat(s.stepsPerEpoch()).isEqualTo(3);
            assertThat(s.parameters()).isEqualTo(4 * 9 + 4 + 4 + 4 + 4 * 10 + 10);
        });
        assertThat(events).filteredOn(TrainingEvent.Epoch.class::isInstance).hasSize(2);
        assertThat(events).filteredOn(TrainingEvent.Progress.class::isInstance)
                .allSatisfy(e -> assertThat(((TrainingEvent.Progress) e).totalSteps()).isEqualTo(6));
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(TrainingEvent.Finished.class, f -> {
            assertThat(f.status()).isEqualTo("completed");
            assertThat(f.classes()).isEqualTo(FashionMnist.CLASS_NAMES);
            assertThat(Arrays.stream(f.confusion()).flatMapToInt(Arrays::stream).sum()).isEqualTo(500);
            assertThat(f.testAccuracy()).isEqualTo(summary.testAccuracy());
        });
        assertThat(run.resolve("best.npz")).isRegularFile();
        assertThat(run.resolve("last.npz")).isRegularFile();
        try (var s = Files.list(run)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void anExportedTemplateTrainsAndItsRunReadsBack() throws Exception {
        assumeTrue(PythonSources.resource("primitives/conv.conv2d.py").isPresent(),
                "the Python block classes are not in this tree yet");
        Design design = Templates.load("resnet-fmnist");
        TrainingConfig config = TrainingConfig.defaults().withDataset("fashion-mnist-sample", null).withEpochs(1)
                .withBatchSize(32);
        Path pkg = dir.resolve("export");
        PyTorchExport.Result exported = new PyTorchExport().export(design, config, new PyTorchExport.Weights.None(),
                pkg);
        Path log = dir.resolve("train.log");
        int code = finish(start(pkg, log, Map.of(), "--out", dir.resolve("runs").toString(), "--limit-batches", "2"),
                log);
        assertThat(code).as(Files.readString(log)).isZero();

        Path run = onlyRun(dir.resolve("runs"));
        List<TrainingEvent> events = events(run);
        assertThat(events.get(0)).isInstanceOfSatisfying(TrainingEvent.Started.class,
                s -> assertThat(s.parameters()).isEqualTo(exported.parameters()));
        assertThat(events).filteredOn(TrainingEvent.Log.class::isInstance)
                .noneMatch(e -> ((TrainingEvent.Log) e).message().contains("was it edited"));
        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Finished.class);
        RunRecord record = new RunStore(dir.resolve("runs")).record(run.getFileName().toString());
        assertThat(record.designHash()).isEqualTo(RunStore.designHash(design));
        assertThat(record.status()).isEqualTo("completed");
    }

    @Test
    void twoRanksLaunchedByHandShareOneRunFolder() throws Exception {
        Design design = Templates.load("resnet-fmnist");
        TrainingConfig config = TrainingConfig.defaults().withDataset("fashion-mnist-sample", null).withEpochs(1)
                .withBatchSize(32);
        Path pkg = pack(design, config);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<Process> ranks = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            ranks.add(start(pkg, dir.resolve("rank" + r + ".log"), Map.of("MASTER_ADDR", "127.0.0.1", "MASTER_PORT",
                    String.valueOf(port), "RANK", String.valueOf(r), "WORLD_SIZE", "2", "LOCAL_RANK",
                    String.valueOf(r)), "--out", dir.resolve("runs").toString(), "--limit-batches", "4"));
        }
        for (int r = 0; r < 2; r++) {
            Path log = dir.resolve("rank" + r + ".log");
            assertThat(finish(ranks.get(r), log)).as(Files.readString(log)).isZero();
        }
        assertThat(Files.readString(dir.resolve("rank0.log"))).contains("16 per process × 2");

        List<TrainingEvent> events = events(onlyRun(dir.resolve("runs")));
        assertThat(events).filteredOn(TrainingEvent.Started.class::isInstance).hasSize(1);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(TrainingEvent.Finished.class, f ->
                assertThat(Arrays.stream(f.confusion()).flatMapToInt(Arrays::stream).sum()).isEqualTo(500));
    }

    @Test
    void aDataProblemEndsTheRunWithAFailedEvent() throws Exception {
        Design design = Templates.load("resnet-fmnist");
        Path pkg = pack(design, TrainingConfig.defaults().withDataset("cifar-10", null));
        Path log = dir.resolve("train.log");
        assertThat(finish(start(pkg, log, Map.of(), "--out", dir.resolve("runs").toString()), log)).isEqualTo(1);
        assertThat(Files.readString(log)).contains("error: cifar-10: no data folder given");

        Path run = onlyRun(dir.resolve("runs"));
        List<TrainingEvent> events = events(run);
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).isInstanceOfSatisfying(TrainingEvent.Failed.class,
                f -> assertThat(f.kind()).isEqualTo("data"));
        assertThat(new RunStore(dir.resolve("runs")).list().get(0).status()).isEqualTo("failed");
    }
}
