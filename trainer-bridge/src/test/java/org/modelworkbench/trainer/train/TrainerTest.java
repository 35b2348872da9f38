package org.modelworkbench.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.trainer.data.DatasetLocator;
import org.modelworkbench.trainer.data.FashionMnist;
import org.modelworkbench.trainer.engine.ExecutionHooks;
import org.modelworkbench.trainer.engine.TestEngine;
import org.modelworkbench.trainer.train.TrainingEvent.Checkpoint;
import org.modelworkbench.trainer.train.TrainingEvent.Epoch;
import org.modelworkbench.trainer.train.TrainingEvent.Failed;
import org.modelworkbench.trainer.train.TrainingEvent.Finished;
import org.modelworkbench.trainer.train.TrainingEvent.Inspection;
import org.modelworkbench.trainer.train.TrainingEvent.Log;
import org.modelworkbench.trainer.train.TrainingEvent.Progress;
import org.modelworkbench.trainer.train.TrainingEvent.Started;

/** Short runs of the training loop on the bundled Fashion-MNIST sample (2,000 training, 500 test images). */
class TrainerTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    static Trainer trainer() {
        // Debian's full Fashion-MNIST is never looked at: the tests see what CI sees.
        return new Trainer(ExecutionHooks.fp32(), new DatasetLocator(Path.of("/nonexistent/fashion-mnist")));
    }

    static List<TrainingEvent> run(Trainer t, Design d, TrainingConfig c, Path folder) {
        List<TrainingEvent> events = new ArrayList<>();
        TrainingEvent last = t.run(d, d.name(), c, "run-1", folder, events::add);
        assertThat(events).last().isSameAs(last);
        return events;
    }

    @Test
    void aShortRunReportsInTheDocumentedOrderAndItsLossFalls() throws Exception {
        List<TrainingEvent> events = run(trainer(), TinyDesigns.convNet(), TinyDesigns.quick(2, 20), dir);

        assertThat(events.get(0)).isInstanceOfSatisfying(Started.class, s -> {
            assertThat(s.trainImages()).isEqualTo(1800);
            assertThat(s.validationImages()).isEqualTo(200);
            assertThat(s.testImages()).isEqualTo(500);
            assertThat(s.stepsPerEpoch()).isEqualTo(20);
            assertThat(s.mode()).isEqualTo("fp32");
            assertThat(s.parameters()).isEqualTo((8 * 9 + 8) + 16 + (16 * 8 * 9 + 16) + (784 * 10 + 10));
        });
        List<String> kinds = events.stream().filter(e -> !(e instanceof Log)).map(e -> e.getClass().getSimpleName()).toList();
        // Steps 5, 10 (inspected, then reported), 15, 20 (inspected, then reported); then the epoch's end.
        List<String> epoch = List.of("Progress", "Inspection", "Progress", "Progress", "Inspection", "Progress",
                "Epoch", "Checkpoint", "Checkpoint");
        assertThat(kinds.subList(1, 1 + epoch.size())).containsExactlyElementsOf(epoch);
        assertThat(kinds).last().isEqualTo("Finished");
        assertThat(kinds.stream().filter(k -> k.equals("Finished") || k.equals("Failed"))).hasSize(1);

        List<Progress> progress = events.stream().filter(Progress.class::isInstance).map(Progress.class::cast).toList();
        assertThat(progress).hasSize(8);
        assertThat(progress).extracting(Progress::step).containsExactly(5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L);
        assertThat(progress).allSatisfy(p -> {
            assertThat(p.totalSteps()).isEqualTo(40);
            assertThat(p.imagesPerSecond()).isPositive();
            assertThat(p.learningRate()).isEqualTo(0.05);
        });
        assertThat(progress.get(7).loss()).as("loss of the last 5 steps vs the first 5: %s", losses(events)).isLessThan(progress.get(0).loss() - 0.5);
        assertThat(progress.get(7).etaSeconds()).isZero();

        List<Epoch> epochs = events.stream().filter(Epoch.class::isInstance).map(Epoch.class::cast).toList();
        assertThat(epochs).extracting(Epoch::epoch).containsExactly(1, 2);
        assertThat(epochs.get(0).best()).isTrue();
        assertThat(epochs).allSatisfy(e -> assertThat(e.validationAccuracy()).isBetween(0.5, 1.0));

        assertThat(events).filteredOn(Checkpoint.class::isInstance).map(e -> (Checkpoint) e)
                .extracting(Checkpoint::kind).startsWith("last", "best").contains("last");
        assertThat(dir.resolve("last.params")).isNotEmptyFile();
        assertThat(dir.resolve("best.params")).isNotEmptyFile();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("last.params", "best.params");
        }

        Finished f = (Finished) events.get(events.size() - 1);
        assertThat(f.status()).isEqualTo("completed");
        assertThat(f.epochsRun()).isEqualTo(2);
        assertThat(f.classes()).isEqualTo(FashionMnist.CLASS_NAMES);
        assertThat(f.testAccuracy()).isBetween(0.5, 1.0);
        assertThat(Arrays.stream(f.confusion()).flatMapToInt(Arrays::stream).sum()).isEqualTo(500);
        int diagonal = 0;
        for (int i = 0; i < 10; i++) {
            diagonal += f.confusion()[i][i];
        }
        assertThat(diagonal / 500.0).isEqualTo(f.testAccuracy());
    }

    @Test
    void inspectionsGiveEveryTopLevelNodeItsWeightGradientUpdateAndActivationStatistics() {
        List<TrainingEvent> events = run(trainer(), TinyDesigns.convNet(), TinyDesigns.quick(1, 10), dir);

        Inspection i = events.stream().filter(Inspection.class::isInstance).map(Inspection.class::cast).findFirst().orElseThrow();
        assertThat(i.step()).isEqualTo(10);
        assertThat(i.blocks()).extracting(BlockStats::node).containsExactly("conv1", "bn1", "relu1", "conv2", "relu2", "flat", "fc");
        Map<String, BlockStats> by = new java.util.HashMap<>();
        i.blocks().forEach(b -> by.put(b.node(), b));
        for (String weighted : List.of("conv1", "bn1", "conv2", "fc")) {
            BlockStats b = by.get(weighted);
            assertThat(b.weightNorm()).as(weighted).isPositive();
            assertThat(b.gradNorm()).as(weighted).isPositive();
            assertThat(b.updateRatio()).as(weighted).isBetween(1e-6, 1.0);
        }
        assertThat(by.get("relu1").weightNorm()).isNaN();
        assertThat(by.get("relu1").updateRatio()).isNaN();
        // BN normalises: mean about 0, std about 1 in training mode; ReLU zeroes about half of that.
        assertThat(by.get("bn1").activationMean()).isCloseTo(0, org.assertj.core.api.Assertions.within(0.05));
        assertThat(by.get("bn1").activationStd()).isCloseTo(1, org.assertj.core.api.Assertions.within(0.05));
        assertThat(by.get("relu1").deadFraction()).isBetween(0.3, 0.7);
        assertThat(by.get("relu1").activationMean()).isPositive();
        assertThat(by.get("fc").deadFraction()).isZero();
        assertThat(by.get("flat").deadFraction()).as("flatten keeps ReLU's zeros, counted as exact zeros")
                .isEqualTo(by.get("relu2").deadFraction());
    }

    @Test
    void theSameSeedGivesTheSameRun(@TempDir Path second) throws Exception {
        TrainingConfig c = TinyDesigns.quick(1, 6).withDataset("fashion-mnist-sample", null);
        List<TrainingEvent> a = run(trainer(), TinyDesigns.convNet(), c, dir);
        List<TrainingEvent> b = run(trainer(), TinyDesigns.convNet(), c, second);

        assertThat(losses(b)).containsExactlyElementsOf(losses(a));
        assertThat(Files.readAllBytes(second.resolve("last.params"))).isEqualTo(Files.readAllBytes(dir.resolve("last.params")));
        assertThat(((Finished) b.get(b.size() - 1)).testAccuracy()).isEqualTo(((Finished) a.get(a.size() - 1)).testAccuracy());
    }

    static List<Double> losses(List<TrainingEvent> events) {
        return events.stream().filter(Progress.class::isInstance).map(e -> ((Progress) e).loss()).toList();
    }

    @Test
    void noNativeArrayOutlivesItsStepInTrainingInspectionOrEvaluation() {
        NDManager system;
        try (NDManager probe = NDManager.newBaseManager()) {
            system = probe.getParentManager();
        }
        List<Integer> arrays = new ArrayList<>();
        TrainingConfig c = new TrainingConfig("fashion-mnist-sample", null, 4, 32, "adamw", 0.01, 0.9, false, 0.05,
                "cosine", 1, 0.1, 0, 0, 3, true, 0.1, 2, 2, "fp32", 0, 3);
        trainer().run(TinyDesigns.convNet(), "tiny", c, "r", dir, e -> {
            if (e instanceof Epoch) {
                arrays.add(system.getManagedArrays().size());
            }
        });

        // Parameters, BatchNorm buffers and AdamW's moments: the same arrays after every epoch.
        assertThat(arrays).hasSize(4).containsOnly(arrays.get(0));
    }

    @Test
    void withoutImprovementForThePatienceTheRunStopsEarlyAndTestsTheBestEpochsWeights() throws Exception {
        // A learning rate too small to change anything: epoch 1 stays the best, the next two do not beat it.
        TrainingConfig c = new TrainingConfig("fashion-mnist-sample", null, 10, 32, "sgd", 1e-12, 0, false, 0,
                "constant", 0, 0, 0, 2, 5, false, 0.1, 5, 0, "fp32", 0, 3);
        List<TrainingEvent> events = run(trainer(), TinyDesigns.linearNet(), c, dir);

        assertThat(events).filteredOn(Epoch.class::isInstance).map(e -> ((Epoch) e).best()).containsExactly(true, false, false);
        assertThat(events).last().isInstanceOfSatisfying(Finished.class, f -> {
            assertThat(f.status()).isEqualTo("early-stopped");
            assertThat(f.epochsRun()).isEqualTo(3);
            assertThat(f.testAccuracy()).isBetween(0.0, 1.0);
        });
        assertThat(events).filteredOn(Checkpoint.class::isInstance).map(e -> ((Checkpoint) e).kind())
                .containsExactly("last", "best", "last", "last");
    }

    @Test
    void aDivergingLossEndsTheRunAsFailedNanNamingTheStep() {
        TrainingConfig c = TinyDesigns.quick(1, 30).withOptimizer("sgd", 1e6, 0).withSchedule("constant", 0);
        List<TrainingEvent> events = run(trainer(), TinyDesigns.linearNet(), c, dir);

        assertThat(events).last().isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo("nan");
            assertThat(f.epoch()).isEqualTo(1);
            assertThat(f.step()).isBetween(2L, 30L);
            assertThat(f.message()).contains("step " + f.step()).contains("epoch 1").contains("learning rate");
        });
    }

    @Test
    void cancellingStopsBeforeTheNextBatchWithFinishedCancelled() {
        Trainer t = trainer();
        AtomicLong cancelledAt = new AtomicLong();
        List<TrainingEvent> events = new ArrayList<>();
        TrainingEvent last = t.run(TinyDesigns.convNet(), "tiny", TinyDesigns.quick(3, 0), "r", dir, e -> {
            events.add(e);
            if (e instanceof Progress p && p.step() == 10) {
                cancelledAt.set(System.nanoTime());
                t.cancel();
            }
        });
        double seconds = (System.nanoTime() - cancelledAt.get()) / 1e9;

        assertThat(last).isInstanceOfSatisfying(Finished.class, f -> {
            assertThat(f.status()).isEqualTo("cancelled");
            assertThat(f.epochsRun()).isZero();
            assertThat(f.testAccuracy()).isNaN();
        });
        assertThat(events.stream().filter(Progress.class::isInstance)).hasSize(2);
        assertThat(seconds).isLessThan(1.0);
    }

    @Test
    void aDesignWhoseInputDoesNotFitTheImagesIsRefusedNamingTheInput() {
        DesignBuilder b = new DesignBuilder("rgb");
        String x = b.input("image", 3, 32, 32);
        b.add("head", "head.classifier", Map.of("classes", 10), x);
        List<TrainingEvent> events = run(trainer(), b.build(), TinyDesigns.quick(1, 2), dir);

        assertThat(events).singleElement().isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo("data");
            assertThat(f.message()).contains("'image'").contains("3×32×32").contains("1×28×28");
        });
    }

    @Test
    void aDesignWithTheWrongNumberOfClassesIsRefusedNamingItsOutput() {
        DesignBuilder b = new DesignBuilder("thousand");
        String x = b.input("input", 1, 28, 28);
        b.add("head", "head.classifier", Map.of("classes", 1000), x);
        List<TrainingEvent> events = run(trainer(), b.build(), TinyDesigns.quick(1, 2), dir);

        assertThat(events).singleElement().isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo("design");
            assertThat(f.message()).contains("head.").contains("10 classes");
        });
    }

    @Test
    void badSettingsAreRefusedBeforeAnythingRunsNamingEachSetting() {
        TrainingConfig c = TinyDesigns.quick(0, 2).withOptimizer("rmsprop", -1, 0);
        List<TrainingEvent> events = run(trainer(), TinyDesigns.convNet(), c, dir);

        assertThat(events).singleElement().isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo("error");
            assertThat(f.message()).contains("epochs").contains("'rmsprop'").contains("learning rate");
        });
    }
}
