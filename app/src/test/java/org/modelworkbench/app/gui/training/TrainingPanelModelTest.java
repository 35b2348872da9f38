package org.modelworkbench.app.gui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.overlay.ColorScale;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.train.TrainingEvent;

/** The training panel's model without a window: a scripted launcher, a history in memory, a queue for the UI thread. */
class TrainingPanelModelTest {
    static final List<String> NODES = List.of("stem_conv", "stage1_block1", "stage2_block1", "head");

    @TempDir
    Path dir;
    final UiQueue ui = new UiQueue();
    final ScriptedLauncher launcher = new ScriptedLauncher();
    final FakeHistory history = new FakeHistory();
    TrainingPanelModel model;
    Design design;
    final Object document = new Object();

    @BeforeEach
    void open() throws Exception {
        design = Templates.load("resnet-fmnist");
        model = new TrainingPanelModel(new TrainingServices(launcher, history::in), new RunsFolders(dir.resolve("runs")),
                Runnable::run, ui);
        model.targetProperty().set(new TrainingTarget(document, design, design.name(), dir.resolve("net.json")));
        ui.runPending();
    }

    @Test
    void aScriptedRunFillsTheCurvesTheProgressAndTheConfusionMatrix() {
        model.train();
        assertThat(model.getState()).isEqualTo(TrainingPanelModel.State.STARTING);
        assertThat(launcher.requests).hasSize(1);
        assertThat(launcher.requests.get(0).runsFolder()).isEqualTo(dir.resolve("net.runs"));
        assertThat(launcher.requests.get(0).design()).as("the run trains a copy").isNotSameAs(design);

        launcher.emit(Scripts.started("r1", 3, 100));
        launcher.emit(Scripts.epoch(1, 3, 100, 10));
        ui.runUntil(() -> model.liveProperty().get().trainLoss().size() == 10);
        assertThat(model.getState()).isEqualTo(TrainingPanelModel.State.RUNNING);
        assertThat(model.progressProperty().get()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(model.progressTextProperty().get()).startsWith("Epoch 1 of 3 · step 100 of 300 · 1\u2009850 images/s · ");
        assertThat(model.statusTextProperty().get()).startsWith("Training 33 % · epoch 1/3");
        RunCurves live = model.liveProperty().get();
        assertThat(live.runId()).isEqualTo("r1");
        assertThat(live.validationLoss().size()).isEqualTo(1);
        assertThat(live.validationLoss().x(0)).as("validation at the step the epoch ended").isEqualTo(100);

        launcher.emit(Scripts.epoch(2, 3, 100, 10));
        launcher.emit(Scripts.epoch(3, 3, 100, 10));
        launcher.emit(Scripts.finished("completed", 3));
        ui.runUntil(() -> model.getState() == TrainingPanelModel.State.FINISHED);
        assertThat(live.trainLoss().size()).isEqualTo(30);
        assertThat(model.progressProperty().get()).isEqualTo(1);
        assertThat(model.progressTextProperty().get()).isEqualTo("Finished after 3 epochs in 2 min 12 s: test accuracy 89.80 %");
        assertThat(model.confusionProperty().get()).isNotNull();
        assertThat(model.confusionProperty().get().className(6)).isEqualTo("Shirt");
        assertThat(model.canTrainBinding().get()).as("another run can start").isTrue();
    }

    @Test
    void eventsOfAFastRunReachTheUiInAFewBatchesNotOneTaskEach() throws Exception {
        model.train();
        Thread worker = new Thread(() -> {
            launcher.emit(Scripts.started("r1", 1, 5_000));
            for (long s = 1; s <= 5_000; s++) {
                launcher.emit(new TrainingEvent.Progress(1, s, 5_000, 1.0 / s, 0.5, 0.1, 2_000, 5_000 - s));
            }
        });
        long t0 = System.nanoTime();
        int before = ui.posted.get();
        worker.start();
        worker.join();
        ui.runUntil(() -> model.liveProperty().get().trainLoss().size() == 5_000);
        double elapsedMs = (System.nanoTime() - t0) / 1e6;
        int tasks = ui.posted.get() - before;
        assertThat(tasks).as("UI tasks for 5,001 events in %.0f ms", elapsedMs)
                .isLessThanOrEqualTo((int) (elapsedMs / TrainingPanelModel.UI_INTERVAL_MILLIS) + 3);
        assertThat(model.liveProperty().get().trainLoss().y(4_999)).isEqualTo(1.0 / 5_000);
    }

    @Test
    void stopAsksTheJobToCancelAndTheRunEndsAsStopped() {
        model.train();
        launcher.emit(Scripts.started("r1", 3, 100));
        launcher.emit(Scripts.epoch(1, 3, 100, 10));
        ui.runUntil(() -> model.getState() == TrainingPanelModel.State.RUNNING);
        model.stop();
        assertThat(launcher.job().cancels).isEqualTo(1);
        assertThat(model.getState()).isEqualTo(TrainingPanelModel.State.STOPPING);
        model.stop();
        assertThat(launcher.job().cancels).as("asked once").isEqualTo(1);

        launcher.emit(Scripts.finished("cancelled", 1));
        ui.runUntil(() -> model.getState() == TrainingPanelModel.State.FINISHED);
        assertThat(model.progressTextProperty().get()).startsWith("Stopped after 1 epoch in");
        assertThat(model.progressProperty().get()).as("as far as it got").isCloseTo(1 / 3.0,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aCrashedWorkerShowsABannerAndTrainingCanStartAgain() {
        model.train();
        launcher.emit(Scripts.started("r1", 3, 100));
        launcher.emit(new TrainingEvent.Failed("crash", "the worker process ended with exit code 134 (SIGABRT)", 2, 140));
        ui.runUntil(() -> model.getState() == TrainingPanelModel.State.FAILED);
        assertThat(model.failureTitleProperty().get()).isEqualTo("The training worker crashed");
        assertThat(model.failureTextProperty().get()).isEqualTo("the worker process ended with exit code 134 (SIGABRT)"
                + " (epoch 2, step 140). The app keeps running; what the run saved (its record and last checkpoint) is kept.");
        assertThat(model.canTrainBinding().get()).isTrue();
        model.dismissFailure();
        assertThat(model.failureTitleProperty().get()).isEmpty();
    }

    @Test
    void aLossThatBecameNanOrMemoryThatRanOutSaysWhatToTry() {
        model.train();
        launcher.emit(new TrainingEvent.Failed("nan", "the loss became NaN", 1, 37));
        ui.runUntil(() -> model.getState() == TrainingPanelModel.State.FAILED);
        assertThat(model.failureTitleProperty().get()).isEqualTo("Training stopped: the loss is no longer a number");
        assertThat(model.failureTextProperty().get()).contains("lower learning rate");
        model.train();
        launcher.emit(new TrainingEvent.Failed("out-of-memory", "Java heap space", 1, 2));
        ui.runUntil(() -> model.failureTitleProperty().get().contains("out of memory"));
        assertThat(model.failureTextProperty().get()).contains("smaller batch");
    }

    @Test
    void aWorkerThatCannotBeStartedIsReportedLikeAnyFailure() {
        launcher.refuse = new IOException("java: not found");
        model.train();
        ui.runUntil(() -> model.getState() == TrainingPanelModel.State.FAILED);
        assertThat(model.failureTextProperty().get()).isEqualTo("Could not start the training worker: java: not found.");
    }

    @Test
    void aBuildWithoutTheWorkerSaysSoWhenTrainIsPressed() {
        TrainingPanelModel unavailable = new TrainingPanelModel(TrainingServices.unavailable(),
                new RunsFolders(dir.resolve("runs")), Runnable::run, ui);
        unavailable.targetProperty().set(new TrainingTarget(document, design, design.name(), null));
        unavailable.train();
        ui.runUntil(() -> unavailable.getState() == TrainingPanelModel.State.FAILED);
        assertThat(unavailable.failureTextProperty().get()).startsWith(TrainingServices.UNAVAILABLE);
        assertThat(unavailable.history()).isEmpty();
    }

    @Test
    void theHeatMapShowsTheChosenStatisticOfTheLatestInspectionOnTheTrainedDocument() {
        model.train();
        launcher.emit(Scripts.started("r1", 3, 100));
        launcher.emit(Scripts.inspection(1, 50, NODES));
        ui.runUntil(() -> model.liveProperty().get().lastInspection() != null);
        assertThat(model.overlayProperty().get()).as("no statistic chosen").isNull();

        model.statisticProperty().set(InspectionStatistic.GRADIENT_NORM);
        var overlay = model.overlayProperty().get();
        assertThat(overlay.title()).isEqualTo("Gradient norm");
        assertThat(overlay.scale().mapping()).isEqualTo(ColorScale.Mapping.LOG);
        assertThat(overlay.colorOf("stem_conv")).contains(overlay.scale().top());
        assertThat(overlay.colorOf("head")).contains(overlay.scale().bottom());
        assertThat(overlay.tooltip("stem_conv")).isEqualTo("Gradient norm: 1.05 (step 50)");
        assertThat(model.overlayDocumentProperty().get()).isSameAs(document);

        launcher.emit(Scripts.inspection(1, 100, List.of("stage1_block1", "stem_conv")));
        ui.runUntil(() -> model.liveProperty().get().lastInspection().step() == 100);
        assertThat(model.overlayProperty().get().tooltip("stem_conv")).as("the latest sample").contains("step 100");
        assertThat(model.overlayProperty().get().values()).containsOnlyKeys("stage1_block1", "stem_conv");

        model.statisticProperty().set(InspectionStatistic.DEAD_FRACTION);
        assertThat(model.overlayProperty().get().scale().mapping()).isEqualTo(ColorScale.Mapping.LINEAR);
        model.statisticProperty().set(InspectionStatistic.NONE);
        assertThat(model.overlayProperty().get()).isNull();
    }

    @Test
    void theFormMakesTheConfigAndSaysWhatIsWrong() throws IOException {
        assertThat(model.configProblemProperty().get()).isEmpty();
        model.datasetProperty().set(DatasetChoice.IMAGE_FOLDER);
        assertThat(model.configProblemProperty().get()).isEqualTo("Choose the image folder (one sub-folder per class).");
        assertThat(model.canTrainBinding().get()).isFalse();
        model.dataFolderProperty().set(dir.resolve("missing").toString());
        assertThat(model.configProblemProperty().get()).isEqualTo("The data folder " + dir.resolve("missing") + " does not exist.");
        Path images = Files.createDirectories(dir.resolve("images"));
        model.dataFolderProperty().set(images.toString());
        assertThat(model.configProblemProperty().get()).isEmpty();
        model.learningRateProperty().set(0);
        assertThat(model.configProblemProperty().get()).startsWith("The learning rate must be above 0");
        model.learningRateProperty().set(0.1);
        model.labelSmoothingProperty().set(1);
        assertThat(model.configProblemProperty().get()).startsWith("Label smoothing must be");
        model.labelSmoothingProperty().set(0.05);

        model.optimizerProperty().set("adamw");
        assertThat(model.learningRateProperty().get()).as("AdamW's usual rate").isEqualTo(1e-3);
        model.epochsProperty().set(7);
        model.modeProperty().set("fp32-cl");
        var config = model.config();
        assertThat(config.dataset()).isEqualTo("image-folder");
        assertThat(config.dataDir()).isEqualTo(images.toString());
        assertThat(config.optimizer()).isEqualTo("adamw");
        assertThat(config.nesterov()).isFalse();
        assertThat(config.weightDecay()).isEqualTo(0.05);
        assertThat(config.epochs()).isEqualTo(7);
        assertThat(config.labelSmoothing()).isEqualTo(0.05);
        assertThat(config.mode()).isEqualTo("fp32-cl");
        model.optimizerProperty().set("sgd");
        assertThat(model.learningRateProperty().get()).isEqualTo(0.1);
    }

    @Test
    void tickedRunsOfTheHistoryAreReadAndOverlaidAndUntickedOnesLeave() {
        history.add(Scripts.summary("r1", "completed", 0.91, 3, "fp32"), Scripts.wholeRun("r1", 3, 100, NODES), design)
                .add(Scripts.summary("r2", "cancelled", 0.88, 2, "fp32-cl"), Scripts.wholeRun("r2", 2, 100, NODES), design);
        model.refreshHistory();
        ui.runUntil(() -> model.history().size() == 2);
        assertThat(history.folders).contains(dir.resolve("net.runs"));
        assertThat(model.history().get(0).runId()).isEqualTo("r2");

        model.history().forEach(r -> r.setOverlaid(true));
        ui.runUntil(() -> model.overlaid().size() == 2);
        assertThat(model.overlaid()).extracting(RunCurves::runId).containsExactly("r2", "r1");
        assertThat(model.overlaid().get(0).trainLoss().size()).isEqualTo(20);

        model.refreshHistory();
        ui.runUntil(() -> model.history().size() == 2);
        assertThat(model.history()).allMatch(HistoryRow::isOverlaid);
        model.history().get(0).setOverlaid(false);
        assertThat(model.overlaid()).extracting(RunCurves::runId).containsExactly("r1");
    }

    @Test
    void aRecordedRunShowsItsConfusionMatrixAndHeatMap() {
        history.add(Scripts.summary("r1", "completed", 0.91, 3, "fp32"), Scripts.wholeRun("r1", 3, 100, NODES), design);
        model.refreshHistory();
        ui.runUntil(() -> model.history().size() == 1);
        model.statisticProperty().set(InspectionStatistic.WEIGHT_NORM);
        model.show(model.history().get(0));
        ui.runUntil(() -> model.shownProperty().get() != null);
        assertThat(model.confusionProperty().get()).isNotNull();
        assertThat(model.overlayProperty().get().values()).containsOnlyKeys(NODES);
        assertThat(model.overlayDocumentProperty().get()).as("a run of the open document").isSameAs(document);
        assertThat(model.shownProperty().get().block("stage1_block1").get(InspectionStatistic.GRADIENT_NORM).size())
                .isEqualTo(3);
    }

    @Test
    void openingARunsDesignGivesTheSnapshotNamedAfterTheRun() throws Exception {
        Design snapshot = Templates.load("resnet-fmnist");
        history.add(Scripts.summary("r7", "completed", 0.91, 3, "fp32"), Scripts.wholeRun("r7", 1, 10, NODES), snapshot);
        AtomicReference<Design> opened = new AtomicReference<>();
        model.setOnOpenDesign(opened::set);
        model.refreshHistory();
        ui.runUntil(() -> model.history().size() == 1);
        model.openRunDesign(model.history().get(0));
        ui.runUntil(() -> opened.get() != null);
        assertThat(opened.get().name()).isEqualTo(snapshot.name() + " (run r7)");
        assertThat(snapshot.name()).as("the record's snapshot itself is untouched").doesNotContain("(run");
        assertThat(opened.get().size()).isEqualTo(snapshot.size());
    }

    @Test
    void aHistoryThatCannotBeReadSaysWhereAndWhy() {
        TrainingPanelModel broken = new TrainingPanelModel(new TrainingServices(launcher, folder -> {
            throw new IllegalStateException("runs.json is not JSON");
        }), new RunsFolders(dir.resolve("runs")), Runnable::run, ui);
        broken.targetProperty().set(new TrainingTarget(document, design, design.name(), null));
        ui.runPending();
        assertThat(broken.historyProblemProperty().get()).isEqualTo("Could not read the runs in "
                + dir.resolve("runs").resolve(RunsFolders.slug(design.name())) + ": runs.json is not JSON");
    }

    @Test
    void anotherDocumentListsItsOwnRunsAndDropsTheOverlaidOnes() {
        history.add(Scripts.summary("r1", "completed", 0.91, 3, "fp32"), Scripts.wholeRun("r1", 1, 10, NODES), design);
        model.refreshHistory();
        ui.runUntil(() -> model.history().size() == 1);
        model.history().get(0).setOverlaid(true);
        ui.runUntil(() -> model.overlaid().size() == 1);
        List<Path> asked = new ArrayList<>(history.folders);
        model.targetProperty().set(new TrainingTarget(new Object(), design, "Other", dir.resolve("other.json")));
        ui.runUntil(() -> history.folders.size() > asked.size());
        assertThat(model.overlaid()).isEmpty();
        assertThat(history.folders.get(history.folders.size() - 1)).isEqualTo(dir.resolve("other.runs"));
    }
}
