package org.modelworkbench.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.engine.TestEngine;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.trainer.runs.RunStore;
import org.modelworkbench.trainer.runs.RunSummary;
import org.modelworkbench.trainer.train.Checkpoints;
import org.modelworkbench.trainer.train.TrainingConfig;
import org.modelworkbench.trainer.train.TrainingEvent;

/**
 * The way out and back (issue 14): a template exported with the workbench's weights is trained for one
 * epoch by two DDP processes (gloo, launched on env:// as torchrun would, since Debian's torchrun is broken on
 * Python 3.11) on the bundled Fashion-MNIST sample; the run they write comes back as a workbench run whose
 * events replay and whose checkpoint the probe opens.
 */
class ExportRoundTripTest {

    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    @Test
    void twoDdpRanksTrainAnExportedTemplateAndTheWorkbenchImportsTheirRun(@TempDir Path dir) throws Exception {
        PythonTorch.assumeAvailable();
        Design design = Templates.load("resnet-fmnist");
        // Inspection every 2 steps, so the four steps report per-block statistics twice.
        var tree = org.modelworkbench.trainer.train.TrainingJson.mapper().valueToTree(
                TrainingConfig.defaults().withEpochs(1).withBatchSize(64));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("inspectEvery", 2);
        TrainingConfig config = org.modelworkbench.trainer.train.TrainingJson.mapper().treeToValue(tree,
                TrainingConfig.class);
        Path runs = dir.resolve("resnet-fmnist.runs");
        Path export = dir.resolve("export");
        new PyTorchExport().export(design, config, new PyTorchExport.Weights.Fresh(3), export, runs);

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<Process> ranks = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int rank = 0; rank < 2; rank++) {
            Path log = dir.resolve("rank" + rank + ".log");
            ProcessBuilder pb = new ProcessBuilder(PythonTorch.PYTHON, "train.py", "--limit-batches", "4",
                    "--data", export.resolve(PyTorchExport.SAMPLE).toString(), "--init", "weights.npz",
                    "--device", "cpu")
                    .directory(export.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(Map.of("MASTER_ADDR", "127.0.0.1", "MASTER_PORT", Integer.toString(port),
                    "RANK", Integer.toString(rank), "LOCAL_RANK", Integer.toString(rank), "WORLD_SIZE", "2",
                    "OMP_NUM_THREADS", "1"));
            ranks.add(pb.start());
            logs.add(log);
        }
        for (int rank = 0; rank < 2; rank++) {
            Process p = ranks.get(rank);
            boolean ended = p.waitFor(10, TimeUnit.MINUTES);
            if (!ended) {
                ranks.forEach(Process::destroyForcibly);
            }
            assertThat(ended && p.exitValue() == 0).as("rank %d:\n%s", rank, read(logs.get(rank))).isTrue();
        }
        Path run;
        try (Stream<Path> found = Files.list(export.resolve("runs"))) {
            List<Path> all = found.filter(Files::isDirectory).toList();
            assertThat(all).as("one run folder, written by rank 0 alone").hasSize(1);
            run = all.get(0);
        }
        assertThat(PyTorchExport.runsFolderOf(run)).contains(runs.toAbsolutePath());

        RunImport.Imported imported = new RunImport().importRun(run, new RunStore(runs));

        RunStore store = new RunStore(runs);
        List<RunSummary> history = store.list();
        assertThat(history).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo("completed");
            assertThat(s.epochsRun()).isEqualTo(1);
            assertThat(s.designHash()).isEqualTo(RunStore.designHash(design));
            assertThat(s.testAccuracy()).isBetween(0.0, 1.0);
        });
        List<TrainingEvent> events = store.events(imported.runId());
        assertThat(events.get(0)).isInstanceOf(TrainingEvent.Started.class);
        assertThat(events).anyMatch(e -> e instanceof TrainingEvent.Epoch);
        assertThat(events).filteredOn(e -> e instanceof TrainingEvent.Checkpoint).allSatisfy(e ->
                assertThat(Files.exists(imported.folder().resolve(((TrainingEvent.Checkpoint) e).file()))).isTrue());
        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Finished.class);
        // Per-block statistics under the design's node ids, as the heat-map reads them.
        List<TrainingEvent.Inspection> inspections = events.stream().filter(e -> e instanceof TrainingEvent.Inspection)
                .map(e -> (TrainingEvent.Inspection) e).toList();
        assertThat(inspections).extracting(TrainingEvent.Inspection::step).containsExactly(2L, 4L);
        var blocks = inspections.get(0).blocks();
        assertThat(blocks).extracting(org.modelworkbench.trainer.train.BlockStats::node)
                .startsWith("stem_conv", "stem_bn", "stem_relu", "stage1_block1").endsWith("head");
        assertThat(blocks).filteredOn(b -> b.node().equals("stem_conv")).singleElement().satisfies(b -> {
            assertThat(b.weightNorm()).isPositive();
            assertThat(b.gradNorm()).isPositive();
            assertThat(b.updateRatio()).isBetween(1e-6, 1.0);
        });
        assertThat(blocks).filteredOn(b -> b.node().equals("stem_relu")).singleElement().satisfies(b -> {
            assertThat(b.weightNorm()).isNaN();
            assertThat(b.deadFraction()).isBetween(0.05, 0.95); // a ReLU's dead units are those <= 0
        });
        assertThat(imported.folder().resolve(Checkpoints.BEST)).exists();

        Map<String, Npz.Tensor> best = Npz.read(run.resolve("best.npz"));
        try (ProbeModel probe = ProbeModel.fromRun(imported.folder())) {
            ModelSource.Generated names = new ModelSource().generate(design);
            Map<String, Npz.Tensor> loaded = DjlWeights.of(probe.compiled(), names);
            assertThat(loaded.keySet()).isEqualTo(best.keySet());
            for (String k : best.keySet()) {
                assertThat(loaded.get(k).data()).as(k).containsExactly(best.get(k).data());
            }
            float[] pixels = new float[3 * 28 * 28];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (i % 17) / 17f;
            }
            var predictions = probe.predict(ProbeImages.ofNormalised(pixels, 3, 1, 28, 28), 3);
            assertThat(predictions.predicted()).hasSize(3);
            assertThat(java.util.Arrays.stream(predictions.predicted()).boxed().toList()).allSatisfy(c -> assertThat(c).isBetween(0, 9));
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
