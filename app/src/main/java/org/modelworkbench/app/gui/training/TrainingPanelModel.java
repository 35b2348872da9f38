package org.modelworkbench.app.gui.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.modelworkbench.editor.overlay.ColorScale;
import org.modelworkbench.editor.overlay.NodeOverlay;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.runs.RunHistory;
import org.modelworkbench.trainer.runs.RunSummary;
import org.modelworkbench.trainer.train.BlockStats;
import org.modelworkbench.trainer.train.TrainingConfig;
import org.modelworkbench.trainer.train.TrainingEvent;
import org.modelworkbench.trainer.worker.TrainingJob;
import org.modelworkbench.trainer.worker.TrainingRequest;
import org.modelworkbench.visualizers.confusion.ConfusionMatrix;

/**
 * The training panel's presentation model, one per window (runs go on while the user moves between
 * composites or opens another design; each workspace's {@link TrainingPanel} shows this model):
 * the training form, the run started from it and its progress, the runs kept for the open design
 * and which of them are overlaid, the confusion matrix and the heat-map of the run shown.
 *
 * <p>Threads: events of a run arrive on the launcher's thread and reach this model through an
 * {@link EventPump}, in batches at most ten a second; starting a run, reading the history and
 * loading a recorded run happen on {@code background}. Everything else, and every property, lives
 * on the UI thread. No JavaFX nodes: the model is tested without a window.
 */
public final class TrainingPanelModel {
    /** Where the run started from this panel is. */
    public enum State { IDLE, STARTING, RUNNING, STOPPING, FINISHED, FAILED }

    public static final List<String> OPTIMIZERS = List.of("sgd", "adamw");
    public static final List<String> SCHEDULES = List.of("one-cycle", "cosine", "constant");
    public static final List<String> MODES = List.of("auto", "fp32", "fp32-cl", "bf16-autocast");
    static final double SGD_LEARNING_RATE = 0.1;
    static final double ADAMW_LEARNING_RATE = 1e-3;
    static final double ADAMW_WEIGHT_DECAY = 0.05;
    /** The least time between two batches of events handed to the UI. */
    static final long UI_INTERVAL_MILLIS = 100;

    private final TrainingServices services;
    private final RunsFolders folders;
    private final Executor background;
    private final Consumer<Runnable> ui;

    private final ObjectProperty<DatasetChoice> dataset = new SimpleObjectProperty<>(this, "dataset", DatasetChoice.FASHION_MNIST);
    private final StringProperty dataFolder = new SimpleStringProperty(this, "dataFolder", "");
    private final IntegerProperty epochs = new SimpleIntegerProperty(this, "epochs", TrainingConfig.defaults().epochs());
    private final IntegerProperty batchSize = new SimpleIntegerProperty(this, "batchSize", TrainingConfig.defaults().batchSize());
    private final StringProperty optimizer = new SimpleStringProperty(this, "optimizer", TrainingConfig.defaults().optimizer());
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate",
            TrainingConfig.defaults().learningRate());
    private final StringProperty schedule = new SimpleStringProperty(this, "schedule", TrainingConfig.defaults().schedule());
    private final DoubleProperty labelSmoothing = new SimpleDoubleProperty(this, "labelSmoothing",
            TrainingConfig.defaults().labelSmoothing());
    private final StringProperty mode = new SimpleStringProperty(this, "mode", TrainingConfig.defaults().mode());
    private final ReadOnlyStringWrapper configProblem = new ReadOnlyStringWrapper(this, "configProblem", "");

    private final ObjectProperty<TrainingTarget> target = new SimpleObjectProperty<>(this, "target");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final BooleanBinding canTrain;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyStringWrapper logText = new ReadOnlyStringWrapper(this, "logText", "");
    private final ReadOnlyStringWrapper failureTitle = new ReadOnlyStringWrapper(this, "failureTitle", "");
    private final ReadOnlyStringWrapper failureText = new ReadOnlyStringWrapper(this, "failureText", "");
    private final ReadOnlyObjectWrapper<RunCurves> live = new ReadOnlyObjectWrapper<>(this, "live");
    private final ReadOnlyObjectWrapper<RunCurves> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ObservableList<HistoryRow> history = FXCollections.observableArrayList();
    private final ObservableList<RunCurves> overlaid = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper historyProblem = new ReadOnlyStringWrapper(this, "historyProblem", "");
    private final ObjectProperty<InspectionStatistic> statistic = new SimpleObjectProperty<>(this, "statistic",
            InspectionStatistic.NONE);
    private final ReadOnlyObjectWrapper<NodeOverlay> overlay = new ReadOnlyObjectWrapper<>(this, "overlay");
    private final ReadOnlyObjectWrapper<Object> overlayDocument = new ReadOnlyObjectWrapper<>(this, "overlayDocument");
    private final ReadOnlyObjectWrapper<ConfusionMatrix> confusion = new ReadOnlyObjectWrapper<>(this, "confusion");
    private final ObjectProperty<FolderPicker> folderPicker = new SimpleObjectProperty<>(this, "folderPicker",
            FolderPicker.standard());

    private Consumer<Design> onOpenDesign = d -> { };
    /** The run started here last (null before the first). */
    private Run current;
    /** Recorded runs read for the overlay or the confusion matrix, by run id. */
    private final Map<String, RunCurves> loaded = new HashMap<>();
    private Path historyFolder;
    private long historyToken;

    /** A run started from this panel: its curves, the document it trained, and its events' way in. */
    private final class Run {
        final RunCurves curves = new RunCurves(null, "this run");
        final Object document;
        final EventPump<TrainingEvent> pump;
        TrainingJob job;
        boolean stopRequested;
        boolean ended;

        Run(Object document) {
            this.document = document;
            this.pump = new EventPump<>(ui, batch -> applyBatch(this, batch), UI_INTERVAL_MILLIS);
        }
    }

    /**
     * @param services   the launcher and the run histories
     * @param folders    where a design's runs are kept
     * @param background runs blocking work (starting a worker, reading run records) off the UI thread
     * @param ui         runs a task on the UI thread ({@code Platform::runLater})
     */
    public TrainingPanelModel(TrainingServices services, RunsFolders folders, Executor background, Consumer<Runnable> ui) {
        this.services = Objects.requireNonNull(services);
        this.folders = Objects.requireNonNull(folders);
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
        running.bind(Bindings.createBooleanBinding(() -> state.get() == State.STARTING || state.get() == State.RUNNING
                || state.get() == State.STOPPING, state));
        canTrain = target.isNotNull().and(configProblem.isEmpty()).and(running.not());
        Runnable check = () -> configProblem.set(checkConfig());
        for (javafx.beans.Observable o : List.of(dataset, dataFolder, epochs, batchSize, learningRate, labelSmoothing)) {
            o.addListener(x -> check.run());
        }
        check.run();
        optimizer.addListener((o, was, now) -> {
            // The other optimizer's usual rate becomes this one's (0.1 for SGD, 0.001 for AdamW).
            if ("adamw".equals(now) && learningRate.get() == SGD_LEARNING_RATE) {
                learningRate.set(ADAMW_LEARNING_RATE);
            } else if ("sgd".equals(now) && learningRate.get() == ADAMW_LEARNING_RATE) {
                learningRate.set(SGD_LEARNING_RATE);
            }
        });
        target.addListener((o, was, now) -> targetChanged(was, now));
        statistic.addListener(o -> updateOverlay());
        shown.addListener((o, was, now) -> {
            confusion.set(now == null ? null : now.confusion());
            updateOverlay();
        });
    }

    // ------------------------------------------------------------------ the form

    public ObjectProperty<DatasetChoice> datasetProperty() {
        return dataset;
    }

    /** The dataset's folder as typed or chosen ("" for the usual places). */
    public StringProperty dataFolderProperty() {
        return dataFolder;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    /** "sgd" or "adamw"; switching moves the learning rate between their usual values. */
    public StringProperty optimizerProperty() {
        return optimizer;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    /** "one-cycle", "cosine" or "constant". */
    public StringProperty scheduleProperty() {
        return schedule;
    }

    public DoubleProperty labelSmoothingProperty() {
        return labelSmoothing;
    }

    /** "auto" (measured at start-up), "fp32", "fp32-cl" or "bf16-autocast". */
    public StringProperty modeProperty() {
        return mode;
    }

    /** What is wrong with the form, in a sentence; "" when it can be trained. */
    public ReadOnlyStringProperty configProblemProperty() {
        return configProblem.getReadOnlyProperty();
    }

    /** How the dataset folder is asked for (tests set their own). */
    public ObjectProperty<FolderPicker> folderPickerProperty() {
        return folderPicker;
    }

    private String checkConfig() {
        String folder = dataFolder.get() == null ? "" : dataFolder.get().strip();
        if (dataset.get() == null) {
            return "Choose a dataset.";
        }
        if (dataset.get().needsFolder() && folder.isEmpty()) {
            return "Choose the image folder (one sub-folder per class).";
        }
        if (!folder.isEmpty()) {
            try {
                if (!Files.isDirectory(Path.of(folder))) {
                    return "The data folder " + folder + " does not exist.";
                }
            } catch (InvalidPathException e) {
                return "The data folder \"" + folder + "\" is not a valid path.";
            }
        }
        if (epochs.get() < 1) {
            return "Epochs must be at least 1.";
        }
        if (batchSize.get() < 1) {
            return "The batch size must be at least 1.";
        }
        if (!(learningRate.get() > 0) || learningRate.get() > 10) {
            return "The learning rate must be above 0 and at most 10 (e.g. 0.1 for SGD, 0.001 for AdamW).";
        }
        if (!(labelSmoothing.get() >= 0) || labelSmoothing.get() >= 1) {
            return "Label smoothing must be at least 0 and below 1 (e.g. 0.1).";
        }
        return "";
    }

    /** The config the form describes (the rest as {@link TrainingConfig#defaults()}). */
    public TrainingConfig config() {
        TrainingConfig d = TrainingConfig.defaults();
        String folder = dataFolder.get() == null || dataFolder.get().isBlank() ? null : dataFolder.get().strip();
        boolean adamw = "adamw".equals(optimizer.get());
        return new TrainingConfig(dataset.get().id(), folder, epochs.get(), batchSize.get(), optimizer.get(),
                learningRate.get(), d.momentum(), d.nesterov() && !adamw, adamw ? ADAMW_WEIGHT_DECAY : d.weightDecay(),
                schedule.get(), d.warmupEpochs(), labelSmoothing.get(), d.dropPath(), d.earlyStopPatience(), d.seed(),
                d.augment(), d.validationFraction(), d.progressEvery(), d.inspectEvery(), mode.get(), d.threads(),
                d.limitBatches());
    }

    // ------------------------------------------------------------------ what is trained

    /** The open document's design (set by the window; null when none is open). */
    public ObjectProperty<TrainingTarget> targetProperty() {
        return target;
    }

    /** What "Open this run's design" does with the run's design, renamed (the window opens it as a new document). */
    public void setOnOpenDesign(Consumer<Design> onOpenDesign) {
        this.onOpenDesign = Objects.requireNonNull(onOpenDesign);
    }

    private void targetChanged(TrainingTarget was, TrainingTarget now) {
        Path folder = now == null ? null : folders.forDesign(now.file(), now.templateId(), now.name());
        if (Objects.equals(folder, historyFolder)) {
            return;
        }
        historyFolder = folder;
        historyToken++;
        history.clear();
        overlaid.clear();
        loaded.clear();
        historyProblem.set("");
        if (shown.get() != live.get()) {
            shown.set(live.get());
        }
        updateOverlay();
        refreshHistory();
    }

    // ------------------------------------------------------------------ a run

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State getState() {
        return state.get();
    }

    /** True from Train until the run has ended. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True when Train would start a run: a design is open, the form is right and no run is going. */
    public BooleanBinding canTrainBinding() {
        return canTrain;
    }

    /** 0 … 1 through the run; -1 while it starts (indeterminate). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "Epoch 3 of 10 · step 1 234 of 4 690 · 2 140 images/s · 3 min 12 s left", or how the run ended. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** A short line for the status bar ("Training 26 % · epoch 3/10 · 3 min 12 s left"). */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** The run's last log line (e.g. the execution mode it chose and why). */
    public ReadOnlyStringProperty logTextProperty() {
        return logText.getReadOnlyProperty();
    }

    /** The banner's title while a failure is shown; "" otherwise. */
    public ReadOnlyStringProperty failureTitleProperty() {
        return failureTitle.getReadOnlyProperty();
    }

    /** The banner's text: what failed, where, and what to try. */
    public ReadOnlyStringProperty failureTextProperty() {
        return failureText.getReadOnlyProperty();
    }

    public void dismissFailure() {
        failureTitle.set("");
        failureText.set("");
    }

    /** The curves of the run started here (null before the first). */
    public ReadOnlyObjectProperty<RunCurves> liveProperty() {
        return live.getReadOnlyProperty();
    }

    /** Bumped whenever curves gained points (charts redraw then). */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** Starts training the open design with the form's config (does nothing unless {@link #canTrainBinding()}). */
    public void train() {
        if (!canTrain.get()) {
            return;
        }
        TrainingTarget t = target.get();
        TrainingConfig config = config();
        Path runsFolder = folders.forDesign(t.file(), t.templateId(), t.name());
        Run run = new Run(t.document());
        current = run;
        dismissFailure();
        logText.set("");
        live.set(run.curves);
        shown.set(run.curves);
        state.set(State.STARTING);
        progress.set(-1);
        progressText.set("Starting the training worker…");
        statusText.set("Training: starting…");
        revision.set(revision.get() + 1);
        // The run trains a copy: later edits never reach it.
        TrainingRequest request = new TrainingRequest(t.design().copy(), t.name(), runsFolder, config);
        background.execute(() -> {
            try {
                TrainingJob job = services.launcher().start(request, run.pump::post);
                job.done().whenComplete((last, error) -> run.pump.post(last != null ? last
                        : new TrainingEvent.Failed("crash", error == null ? "the worker ended without reporting how"
                                : message(error), 0, 0)));
                ui.accept(() -> jobStarted(run, job));
            } catch (IOException | RuntimeException e) {
                run.pump.post(new TrainingEvent.Failed("error", "Could not start the training worker: " + message(e), 0, 0));
            }
        });
    }

    private void jobStarted(Run run, TrainingJob job) {
        run.job = job;
        if (run.stopRequested && !run.ended) {
            cancel(job);
        }
        refreshHistory();
    }

    /** Asks the run to stop (it reports "cancelled" within a second). */
    public void stop() {
        Run run = current;
        if (run == null || run.ended || run.stopRequested) {
            return;
        }
        run.stopRequested = true;
        state.set(State.STOPPING);
        progressText.set("Stopping…");
        if (run.job != null) {
            cancel(run.job);
        }
    }

    private void cancel(TrainingJob job) {
        try {
            job.cancel();
        } catch (RuntimeException e) {
            failureTitle.set("Could not stop the run");
            failureText.set(message(e));
        }
    }

    /** The window closes: a run still going is stopped. */
    public void shutdown() {
        stop();
    }

    /** One batch of a run's events, on the UI thread. */
    private void applyBatch(Run run, List<TrainingEvent> batch) {
        boolean inspected = false;
        for (TrainingEvent e : batch) {
            if (run.ended) {
                // After the last word (e.g. the same Finished again from the job's completion).
                break;
            }
            run.curves.apply(e);
            if (run != current) {
                continue;
            }
            if (e instanceof TrainingEvent.Started s) {
                if (state.get() == State.STARTING) {
                    state.set(State.RUNNING);
                }
                logText.set("Training " + s.design() + " on " + s.dataset() + ": " + TrainingText.count(s.trainImages())
                        + " images, " + TrainingText.count(s.parameters()) + " parameters, mode " + s.mode());
            } else if (e instanceof TrainingEvent.Inspection) {
                inspected = true;
            } else if (e instanceof TrainingEvent.Log l) {
                logText.set(l.message());
            } else if (e instanceof TrainingEvent.Finished f) {
                run.ended = true;
                finished(run, f);
            } else if (e instanceof TrainingEvent.Failed f) {
                run.ended = true;
                failed(f);
            } else if (state.get() == State.STARTING) {
                state.set(State.RUNNING);
            }
        }
        if (run != current) {
            return;
        }
        TrainingEvent.Progress p = run.curves.lastProgress();
        if (p != null && !run.ended) {
            double fraction = p.totalSteps() > 0 ? Math.min(1, (double) p.step() / p.totalSteps()) : -1;
            progress.set(fraction);
            int total = run.curves.started() == null ? 0 : run.curves.started().epochs();
            if (state.get() != State.STOPPING) {
                progressText.set(TrainingText.progress(p, total));
            }
            statusText.set("Training " + (fraction >= 0 ? Math.round(fraction * 100) + " %" : "")
                    + " · epoch " + p.epoch() + (total > 0 ? "/" + total : "")
                    + (p.etaSeconds() >= 0 ? " · " + TrainingText.duration(p.etaSeconds()) + " left" : ""));
        }
        revision.set(revision.get() + 1);
        if (shown.get() == run.curves) {
            confusion.set(run.curves.confusion());
            if (inspected) {
                updateOverlay();
            }
        }
    }

    private void finished(Run run, TrainingEvent.Finished f) {
        state.set(State.FINISHED);
        String accuracy = Double.isNaN(f.testAccuracy()) ? "" : ": test accuracy " + TrainingText.percent(f.testAccuracy());
        String after = " after " + f.epochsRun() + (f.epochsRun() == 1 ? " epoch" : " epochs") + " in "
                + TrainingText.duration(f.wallSeconds());
        String text = switch (f.status()) {
            case "cancelled" -> "Stopped" + after + accuracy;
            case "early-stopped" -> "Stopped early (no better validation accuracy)" + after + accuracy;
            default -> "Finished" + after + accuracy;
        };
        progress.set("cancelled".equals(f.status()) ? progress.get() : 1);
        if (progress.get() < 0) {
            progress.set(0);
        }
        progressText.set(text);
        statusText.set(text);
        refreshHistory();
    }

    private void failed(TrainingEvent.Failed f) {
        state.set(State.FAILED);
        failureTitle.set(TrainingText.failureTitle(f));
        failureText.set(TrainingText.failureText(f));
        if (progress.get() < 0) {
            progress.set(0);
        }
        progressText.set(TrainingText.failureTitle(f));
        statusText.set("Training failed");
        refreshHistory();
    }

    // ------------------------------------------------------------------ the runs kept

    /** The open design's runs, newest first (re-read after each run and when the design's file changes). */
    public ObservableList<HistoryRow> history() {
        return history;
    }

    /** Why the history could not be read or a run not opened; "" when all is well. */
    public ReadOnlyStringProperty historyProblemProperty() {
        return historyProblem.getReadOnlyProperty();
    }

    private String pendingShow;
    private Consumer<Path> onExportRun = folder -> { };

    /** The recorded runs whose curves are drawn beside the live run's, in the order they were ticked. */
    public ObservableList<RunCurves> overlaid() {
        return overlaid;
    }

    /**
     * Reads the open design's runs again and, once they are in, draws run {@code runId}'s curves and shows its
     * confusion matrix (a run that just came in from elsewhere, such as an imported PyTorch run).
     */
    public void refreshHistoryShowing(String runId) {
        pendingShow = runId;
        refreshHistory();
    }

    /** Reads the open design's runs again (off the UI thread). */
    public void refreshHistory() {
        Path folder = historyFolder;
        long token = ++historyToken;
        if (folder == null) {
            history.clear();
            return;
        }
        background.execute(() -> {
            try {
                List<RunSummary> runs = services.histories().apply(folder).list();
                ui.accept(() -> {
                    if (token == historyToken) {
                        setHistory(runs);
                    }
                });
            } catch (IOException | RuntimeException e) {
                ui.accept(() -> {
                    if (token == historyToken) {
                        historyProblem.set("Could not read the runs in " + folder + ": " + message(e));
                    }
                });
            }
        });
    }

    private void setHistory(List<RunSummary> runs) {
        Map<String, Boolean> was = new HashMap<>();
        history.forEach(r -> was.put(r.runId(), r.isOverlaid()));
        List<HistoryRow> rows = new ArrayList<>();
        for (RunSummary s : runs) {
            HistoryRow row = new HistoryRow(s);
            row.setOverlaid(was.getOrDefault(s.runId(), false));
            row.overlaidProperty().addListener((o, before, now) -> overlayRun(row, now));
            rows.add(row);
        }
        history.setAll(rows);
        historyProblem.set("");
        String wanted = pendingShow;
        pendingShow = null;
        rows.stream().filter(r -> r.runId().equals(wanted)).findFirst().ifPresent(r -> {
            r.setOverlaid(true);
            show(r);
        });
    }

    private void overlayRun(HistoryRow row, boolean on) {
        if (!on) {
            overlaid.removeIf(c -> row.runId().equals(c.runId()));
            return;
        }
        load(row.runId(), curves -> {
            if (row.isOverlaid() && !overlaid.contains(curves)) {
                overlaid.add(curves);
            }
        });
    }

    /**
     * Shows a run's confusion matrix and heat-map: a recorded run (read if need be), or with null
     * the run started here.
     */
    public void show(HistoryRow row) {
        if (row == null) {
            shown.set(live.get());
            return;
        }
        load(row.runId(), shown::set);
    }

    /** The run whose confusion matrix, heat-map and block curves are shown. */
    public ReadOnlyObjectProperty<RunCurves> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** A run's curves: the live run's, one read before, or read now off the UI thread. */
    private void load(String runId, Consumer<RunCurves> then) {
        RunCurves l = live.get();
        if (l != null && runId.equals(l.runId())) {
            then.accept(l);
            return;
        }
        RunCurves known = loaded.get(runId);
        if (known != null) {
            then.accept(known);
            return;
        }
        Path folder = historyFolder;
        long token = historyToken;
        background.execute(() -> {
            try {
                List<TrainingEvent> events = services.histories().apply(folder).events(runId);
                RunCurves curves = RunCurves.replay(runId, "run " + runId, events);
                ui.accept(() -> {
                    if (folder.equals(historyFolder)) {
                        loaded.put(runId, curves);
                        then.accept(curves);
                    }
                });
            } catch (IOException | RuntimeException e) {
                ui.accept(() -> historyProblem.set("Could not read run " + runId + ": " + message(e)));
            }
        });
    }

    /** What "Export…" in the Runs list does with a run's folder (the window exports it to PyTorch). */
    public void setOnExportRun(Consumer<Path> onExportRun) {
        this.onExportRun = Objects.requireNonNull(onExportRun);
    }

    /** Hands a recorded run's folder to the export (see {@link #setOnExportRun}). */
    public void exportRun(HistoryRow row) {
        Path folder = historyFolder;
        if (row != null && folder != null) {
            onExportRun.accept(folder.resolve(row.runId()));
        }
    }

    /** Opens exactly the design the run trained, as a new document named "<design> (run <id>)". */
    public void openRunDesign(HistoryRow row) {
        Path folder = historyFolder;
        if (row == null || folder == null) {
            return;
        }
        String runId = row.runId();
        background.execute(() -> {
            try {
                RunHistory h = services.histories().apply(folder);
                Design design = h.design(runId);
                ui.accept(() -> onOpenDesign.accept(RunDesigns.asNewDocument(design, runId)));
            } catch (IOException | RuntimeException e) {
                ui.accept(() -> historyProblem.set("Could not open the design of run " + runId + ": " + message(e)));
            }
        });
    }

    // ------------------------------------------------------------------ results and inspection

    /** The test set's confusion matrix of the run shown, once it finished. */
    public ReadOnlyObjectProperty<ConfusionMatrix> confusionProperty() {
        return confusion.getReadOnlyProperty();
    }

    /** The statistic the canvas is coloured by ({@link InspectionStatistic#NONE}: no heat-map). */
    public ObjectProperty<InspectionStatistic> statisticProperty() {
        return statistic;
    }

    /** The heat-map of the run shown, from its latest inspection; null when no statistic is chosen. */
    public ReadOnlyObjectProperty<NodeOverlay> overlayProperty() {
        return overlay.getReadOnlyProperty();
    }

    /** The document whose canvas the heat-map belongs on (its node ids are the run's). */
    public ReadOnlyObjectProperty<Object> overlayDocumentProperty() {
        return overlayDocument.getReadOnlyProperty();
    }

    private void updateOverlay() {
        RunCurves run = shown.get();
        InspectionStatistic stat = statistic.get();
        if (run == null || stat == null || stat == InspectionStatistic.NONE) {
            overlay.set(null);
            overlayDocument.set(null);
            return;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> tips = new HashMap<>();
        TrainingEvent.Inspection last = run.lastInspection();
        if (last != null) {
            for (BlockStats b : last.blocks()) {
                double v = stat.of(b);
                if (Double.isFinite(v) && (!stat.log() || v > 0)) {
                    values.put(b.node(), v);
                    tips.put(b.node(), stat.title() + ": " + NodeOverlay.number(v) + " (step "
                            + TrainingText.count(last.step()) + ")");
                }
            }
        }
        ColorScale.Mapping mapping = stat.log() ? ColorScale.Mapping.LOG : ColorScale.Mapping.LINEAR;
        overlay.set(new NodeOverlay(stat.title(), "", values, ColorScale.fit(values.values(), mapping), tips));
        Run r = current;
        TrainingTarget t = target.get();
        overlayDocument.set(r != null && run == r.curves ? r.document : t == null ? null : t.document());
    }

    private static String message(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null || t.getMessage().isBlank() ? t.toString() : t.getMessage();
    }
}
