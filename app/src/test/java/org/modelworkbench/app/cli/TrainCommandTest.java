package org.modelworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.files.ProjectFiles;
import org.modelworkbench.trainer.runs.RunStore;
import org.modelworkbench.trainer.train.TrainingEvent;

/** {@code workbench train}: one real worker run in --json, and what is refused before any worker starts. */
class TrainCommandTest {
    @TempDir
    Path dir;

    Path tinyDesign() throws Exception {
        DesignBuilder b = new DesignBuilder("tiny");
        String x = b.input("input", 1, 28, 28);
        x = b.add("conv", "conv.conv2d", Map.of("out_channels", 4, "kernel", 3, "stride", 2, "padding", 1), x);
        x = b.add("relu", "activation.relu", Map.of(), x);
        x = b.add("flat", "tensor.flatten", Map.of(), x);
        b.add("fc", "linear.linear", Map.of("out_features", 10), x);
        Path file = dir.resolve("tiny.json");
        ProjectFiles.write(b.build(), file);
        return file;
    }

    @Test
    void trainJsonPrintsOneEventPerLineEndingWithFinishedAndKeepsTheRunBesideTheDesign() throws Exception {
        Path file = tinyDesign();
        CliRun r = CliRun.of("train", file.toString(), "--dataset", "fashion-mnist-sample", "--epochs", "1",
                "--limit-batches", "2", "--batch", "32", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        ObjectMapper m = new ObjectMapper();
        List<String> kinds = new ArrayList<>();
        for (String line : r.outLines()) {
            JsonNode event = m.readTree(line);
            kinds.add(event.get("event").asText());
        }
        assertThat(kinds.stream().filter(k -> !k.equals("log"))).startsWith("started", "progress")
                .contains("epoch", "checkpoint").endsWith("finished");
        JsonNode finished = m.readTree(r.outLines().get(r.outLines().size() - 1));
        assertThat(finished.get("status").asText()).isEqualTo("completed");
        assertThat(finished.get("testAccuracy").asDouble()).isBetween(0.0, 1.0);

        RunStore store = RunStore.forDesignFile(file);
        assertThat(store.folder()).isEqualTo(dir.resolve("tiny.runs"));
        assertThat(store.list()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo("completed");
            assertThat(s.config().limitBatches()).isEqualTo(2);
            assertThat(s.designName()).isEqualTo("tiny");
        });
        assertThat(store.events(store.list().get(0).runId())).last().isInstanceOf(TrainingEvent.Finished.class);
    }

    @Test
    void badSettingsAreRefusedNamingEachBeforeAnyWorkerStarts() throws Exception {
        CliRun r = CliRun.of("train", "resnet-fmnist", "--epochs", "0", "--optimizer", "rmsprop", "--runs", dir.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).anySatisfy(l -> assertThat(l).contains("epochs"))
                .anySatisfy(l -> assertThat(l).contains("'rmsprop'"));
        assertThat(r.out()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).as("no run was created").isEmpty();
        }
    }

    @Test
    void anUnknownDesignIsReportedInOneLine() {
        CliRun r = CliRun.of("train", "no-such-template", "--runs", dir.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().satisfies(l -> assertThat(l).startsWith("error: ").contains("templates"));
    }

    @Test
    void theReportReadsLikeATrainingLog() {
        TrainingReport report = new TrainingReport();
        assertThat(report.line(new TrainingEvent.Started("r", "ResNet", "fashion-mnist", 54000, 6000, 10000, 3, 421,
                "fp32", 2, 272186))).hasValue("training ResNet on fashion-mnist: 54,000 training, 6,000 validation, "
                + "10,000 test images; 3 epochs of 421 steps; fp32, 2 threads; 272,186 parameters");
        assertThat(report.line(new TrainingEvent.Progress(1, 120, 1263, 0.62345, 0.781, 0.0412, 1180.4, 872)))
                .hasValue("epoch 1/3  step 120/1,263  loss 0.6235  acc 78.10 %  lr 0.0412  1,180 img/s  ETA 14:32");
        assertThat(report.line(new TrainingEvent.Epoch(3, 0.31, 0.9, 0.25, 0.9188, 4e-7, 272, true)))
                .hasValue("epoch 3/3 done in 4:32: train loss 0.3100 acc 90.00 %, validation loss 0.2500 acc 91.88 % (best)");
        assertThat(report.line(new TrainingEvent.Inspection(1, 50, List.of()))).isEmpty();
        assertThat(report.line(new TrainingEvent.Finished("completed", 0.9123, 0.2512, new int[0][0], List.of(), 823, 3)))
                .hasValue("test accuracy: 91.23 % (loss 0.2512) with the weights of epoch 3; 3 epochs in 13:43");
        assertThat(TrainingReport.duration(3725)).isEqualTo("1:02:05");
        assertThat(TrainingReport.rate(0.1)).isEqualTo("0.1");
        assertThat(TrainingReport.rate(4e-7)).isEqualTo("4.00e-07");
    }
}
