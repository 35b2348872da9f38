package org.modelworkbench.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.modelworkbench.blocks.io.InputBlocks;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.DesignBlock;
import org.modelworkbench.trainer.compile.DesignCompileException;
import org.modelworkbench.trainer.compile.DesignCompiler;
import org.modelworkbench.trainer.data.DatasetException;
import org.modelworkbench.trainer.data.DatasetLocator;
import org.modelworkbench.trainer.data.DjlBatches;
import org.modelworkbench.trainer.data.ImageDataset;
import org.modelworkbench.trainer.engine.DjlRuntime;
import org.modelworkbench.trainer.engine.ExecutionHooks;
import org.modelworkbench.trainer.engine.ExecutionMode;
import org.modelworkbench.trainer.train.TrainingEvent.Checkpoint;
import org.modelworkbench.trainer.train.TrainingEvent.Epoch;
import org.modelworkbench.trainer.train.TrainingEvent.Failed;
import org.modelworkbench.trainer.train.TrainingEvent.Finished;
import org.modelworkbench.trainer.train.TrainingEvent.Inspection;
import org.modelworkbench.trainer.train.TrainingEvent.Log;
import org.modelworkbench.trainer.train.TrainingEvent.Progress;
import org.modelworkbench.trainer.train.TrainingEvent.Started;

/**
 * The training loop (ours, not DJL's {@code EasyTrain}, which cannot be cancelled): one design, one
 * dataset, one {@link TrainingConfig}, on the calling thread, reporting {@link TrainingEvent}s in the
 * documented order. Every step runs in its own {@link NDScope} and sub-manager, so that neither a
 * training step, nor an inspection, nor an evaluation batch leaves a native array behind; the cancel
 * flag is read before every batch, in training and in evaluation. One trainer runs one run; the DJL
 * engine must have been started ({@link DjlRuntime#start}) first.
 *
 * <p>After each epoch: validation on the held-out share of the training images, {@code last.params},
 * and {@code best.params} when the validation accuracy improved (without a validation share every
 * epoch counts as the best). At the end the best weights are tested.
 */
public final class Trainer {
    private final ExecutionHooks hooks;
    private final DatasetLocator locator;
    private final BlockLibrary library;
    private volatile boolean cancelled;

    /** Plain fp32, Fashion-MNIST found the usual way. */
    public Trainer() {
        this(ExecutionHooks.fp32());
    }

    public Trainer(ExecutionHooks hooks) {
        this(hooks, new DatasetLocator());
    }

    /** @param locator where "fashion-mnist" is looked for (tests point it away from Debian's folder) */
    public Trainer(ExecutionHooks hooks, DatasetLocator locator) {
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.locator = Objects.requireNonNull(locator, "locator");
        this.library = BlockLibrary.standard();
    }

    /** The execution mode every step runs in. */
    public ExecutionMode mode() {
        return hooks.mode();
    }

    /** Asks the run to stop before its next batch (from any thread); it ends with Finished "cancelled". */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Trains {@code design} and returns the last event, a {@link Finished} or a {@link Failed}, after
     * giving it and every event before it to {@code listener}. Never throws for a problem of the design,
     * the data, the settings or the arithmetic: they end as a Failed naming what went wrong and where.
     *
     * @param runFolder where the checkpoints go (created if missing)
     */
    public TrainingEvent run(Design design, String designName, TrainingConfig config, String runId, Path runFolder,
                             Consumer<TrainingEvent> listener) {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(runFolder, "runFolder");
        Objects.requireNonNull(listener, "listener");
        Session s = new Session(design, designName, config, runId, runFolder, listener);
        TrainingEvent last;
        try {
            last = s.train();
        } catch (Stop e) {
            last = new Failed(e.kind, e.getMessage(), s.epoch, s.step);
        } catch (OutOfMemoryError e) {
            last = new Failed("out-of-memory", "out of Java heap at epoch " + s.epoch + ", step " + s.step + ": "
                    + e.getMessage(), s.epoch, s.step);
        } catch (RuntimeException e) {
            last = failure(e, s.epoch, s.step);
        }
        listener.accept(last);
        return last;
    }

    private static Failed failure(RuntimeException e, int epoch, long step) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String where = epoch > 0 ? " (at epoch " + epoch + ", step " + step + ")" : "";
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("can't allocate") || lower.contains("cannot allocate") || lower.contains("out of memory")) {
            return new Failed("out-of-memory", "out of memory" + where + ": " + message
                    + "; try a smaller batch or a smaller design", epoch, step);
        }
        return new Failed("error", message + where, epoch, step);
    }

    /** Ends a run with a Failed of {@code kind}. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String kind;

        Stop(String kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    /** Metrics of one evaluation pass; confusion[actual][predicted]. */
    private record Evaluation(double loss, double accuracy, int[][] confusion) {
    }

    /** One run's state. */
    private final class Session {
        final Design design;
        final String designName;
        final TrainingConfig config;
        final String runId;
        final Path folder;
        final Consumer<TrainingEvent> listener;
        final long started = System.nanoTime();
        int epoch;
        long step;

        Session(Design design, String designName, TrainingConfig config, String runId, Path folder,
                Consumer<TrainingEvent> listener) {
            this.design = design;
            this.designName = designName == null ? design.name() : designName;
            this.config = config;
            this.runId = runId;
            this.folder = folder;
            this.listener = listener;
        }

        double wall() {
            return (System.nanoTime() - started) / 1e9;
        }

        TrainingEvent train() {
            TrainingConfigCheck.check(config);
            if (DjlRuntime.cacheDir() == null) {
                throw new IllegalStateException("the DJL engine has not been started (DjlRuntime.start)");
            }
            String inputId = imageInput();
            Shape in = DesignAnalyzer.analyze(design, AnalysisOptions.DEFAULT).node(inputId).outputs().get(0);
            int c = in.dim(1);
            int h = in.dim(2);
            int w = in.dim(3);
            TrainingData data;
            try {
                data = TrainingData.load(config, locator, c, h, w);
            } catch (DatasetException e) {
                throw new Stop("data", e.getMessage());
            }
            ImageDataset train = data.train();
            if (train.channels() != c || train.height() != h || train.width() != w) {
                throw new Stop("data", "the design's input '" + inputId + "' takes " + c + "×" + h + "×" + w + " images; "
                        + config.dataset() + " images are " + train.channels() + "×" + train.height() + "×" + train.width()
                        + ": set the input block to " + train.channels() + " channels, " + train.height() + "×"
                        + train.width());
            }
            int classes = train.numClasses();
            List<String> dropPathBlocks = config.dropPath() > 0 ? DropPathRates.blocks(design, library) : List.of();
            CompiledDesign model;
            try {
                model = new DesignCompiler(library).compile(DropPathRates.apply(design, config.dropPath(), library),
                        Shape.of(config.batchSize(), c, h, w));
            } catch (DesignCompileException e) {
                throw new Stop("design", e.getMessage());
            }
            checkOutput(model, classes);
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new Stop("error", "cannot create the run folder " + folder + ": " + e.getMessage());
            }

            Engine engine = Engine.getEngine("PyTorch");
            engine.setRandomSeed((int) (config.seed() ^ (config.seed() >>> 32)));
            try (NDManager manager = NDManager.newBaseManager()) {
                DesignBlock block = model.block();
                model.initialize(manager);
                // Before the parameters are collected: a mode may swap them for arrays with other strides.
                hooks.prepareModel(block);
                List<String> names = new ArrayList<>();
                List<NDArray> params = new ArrayList<>();
                for (Pair<String, Parameter> p : block.getParameters()) {
                    if (p.getValue().requiresGradient()) {
                        NDArray array = p.getValue().getArray();
                        array.setRequiresGradient(true);
                        names.add(p.getKey());
                        params.add(array);
                    }
                }
                DjlBatches batches = new DjlBatches(train, config.batchSize(), true, train.size() >= config.batchSize(),
                        data.augmentations(), data.normalization(), config.seed());
                long stepsPerEpoch = batches.batchesPerEpoch();
                if (config.limitBatches() > 0) {
                    stepsPerEpoch = Math.min(stepsPerEpoch, config.limitBatches());
                }
                if (stepsPerEpoch == 0) {
                    throw new Stop("data", config.dataset() + " has no training images left after holding out "
                            + config.validationFraction() + " for validation");
                }
                if (cancelled) {
                    return new Finished("cancelled", Double.NaN, Double.NaN, new int[0][0], data.classNames(), wall(), 0);
                }
                listener.accept(new Started(runId, designName, config.dataset(), train.size(),
                        data.validation() == null ? 0 : data.validation().size(), data.test().size(), config.epochs(),
                        stepsPerEpoch, hooks.mode().label(), JniUtils.getNumThreads(), model.trainableParameterCount()));
                data.notes().forEach(n -> listener.accept(new Log(n)));
                if (!dropPathBlocks.isEmpty()) {
                    listener.accept(new Log(String.format(Locale.ROOT,
                            "drop-path rising linearly from 0 to %.3g over %d blocks (%s … %s)", config.dropPath(),
                            dropPathBlocks.size(), dropPathBlocks.get(0), dropPathBlocks.get(dropPathBlocks.size() - 1))));
                } else if (config.dropPath() > 0) {
                    listener.accept(new Log("drop-path " + config.dropPath() + " asked for, but the design has no block "
                            + "with a drop-path rate"));
                }
                try (Optimizer optimizer = Optimizer.of(config, params, manager)) {
                    return epochs(new Loop(engine, manager, block, batches, stepsPerEpoch, optimizer, params,
                            new Inspector(model.program(), names), data));
                }
            }
        }

        private String imageInput() {
            List<String> inputs = design.nodes().stream().filter(n -> n.type().equals(InputBlocks.IMAGE_ID))
                    .map(Node::id).toList();
            if (inputs.size() != 1) {
                throw new Stop("design", inputs.isEmpty()
                        ? "the design has no image input: add an Image input block to feed it"
                        : "the design has " + inputs.size() + " image inputs " + inputs + "; training feeds one");
            }
            NodeAnalysis a = DesignAnalyzer.analyze(design, AnalysisOptions.DEFAULT).node(inputs.get(0));
            if (a == null || a.outputs().isEmpty() || a.outputs().get(0).rank() != 4) {
                throw new Stop("design", "the image input '" + inputs.get(0) + "' has no N×C×H×W shape");
            }
            return inputs.get(0);
        }

        private void checkOutput(CompiledDesign model, int classes) {
            var outs = model.program().outputShapes();
            var names = model.program().outputNames();
            if (outs.size() != 1) {
                throw new Stop("design", "the design has " + outs.size() + " outputs " + names
                        + "; training needs exactly one, the class logits");
            }
            Shape o = outs.get(0);
            if (o.rank() != 2 || o.dim(1) != classes) {
                throw new Stop("design", "the design's output '" + names.get(0) + "' is " + o.toAscii() + "; "
                        + config.dataset() + " needs N×" + classes + " class logits (" + classes
                        + " classes): set the classifier's classes to " + classes);
            }
        }

        /** What the epochs share. */
        private record Loop(Engine engine, NDManager manager, DesignBlock block, DjlBatches batches, long stepsPerEpoch,
                            Optimizer optimizer, List<NDArray> params, Inspector inspector, TrainingData data) {
        }

        private TrainingEvent epochs(Loop loop) {
            ParameterStore store = new ParameterStore(loop.manager, false);
            long totalSteps = config.epochs() * loop.stepsPerEpoch;
            LearningRateSchedule schedule = LearningRateSchedule.of(config, loop.stepsPerEpoch);
            double bestAccuracy = Double.NEGATIVE_INFINITY;
            int bestEpoch = 0;
            int epochsRun = 0;
            String status = "completed";
            long stepNanos = 0;
            // The reported means are over the last progressEvery steps (see RecentSteps).
            RecentSteps recent = new RecentSteps(config.progressEvery());
            // since the last progress event, for the speed
            long images = 0;
            long windowNanos = 0;
            double lr = schedule.at(0);
            for (epoch = 1; epoch <= config.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                double epochLoss = 0;
                long epochCorrect = 0;
                long epochImages = 0;
                Iterator<DjlBatches.Batch> it = loop.batches.epoch(epoch - 1, loop.manager);
                for (long b = 0; b < loop.stepsPerEpoch; b++) {
                    if (cancelled) {
                        return cancelledEvent(epochsRun, loop.data.classNames());
                    }
                    step++;
                    lr = schedule.at(step - 1);
                    boolean inspect = config.inspectEvery() > 0 && step % config.inspectEvery() == 0;
                    long t = System.nanoTime();
                    float loss;
                    long right;
                    int n;
                    try (NDScope scope = new NDScope(); NDManager sm = loop.manager.newSubManager()) {
                        DjlBatches.Batch batch = it.next();
                        batch.images().attach(sm);
                        batch.labels().attach(sm);
                        n = batch.size();
                        NDArray logits;
                        try (GradientCollector collector = loop.engine.newGradientCollector()) {
                            logits = forward(loop.block, store, batch.images(), true, inspect ? loop.inspector : null);
                            NDArray l = Losses.crossEntropy(logits, batch.labels(), config.labelSmoothing());
                            loss = l.getFloat();
                            if (!Float.isFinite(loss)) {
                                throw new Stop("nan", String.format(Locale.ROOT,
                                        "the loss became %s at epoch %d, step %d (learning rate %.3g): the weights "
                                                + "diverged; lower the learning rate, or add normalisation or warm-up",
                                        Float.isNaN(loss) ? "NaN" : "infinite", epoch, step, lr));
                            }
                            collector.backward(l);
                        }
                        right = logits.argMax(1).eq(batch.labels()).sum().getLong();
                        double[] weightSq = null;
                        double[] gradSq = null;
                        if (inspect) {
                            weightSq = new double[loop.params.size()];
                            gradSq = new double[loop.params.size()];
                            for (int i = 0; i < weightSq.length; i++) {
                                NDArray p = loop.params.get(i);
                                weightSq[i] = Optimizer.squaredNorm(p, sm);
                                gradSq[i] = Optimizer.squaredNorm(Optimizer.on(sm, p.getGradient()), sm);
                            }
                        }
                        double[] updateSq = loop.optimizer.step(lr, sm, inspect);
                        if (inspect) {
                            listener.accept(new Inspection(epoch, step, loop.inspector.stats(weightSq, gradSq, updateSq)));
                        }
                    }
                    long dt = System.nanoTime() - t;
                    stepNanos += dt;
                    windowNanos += dt;
                    recent.add(loss, right, n);
                    images += n;
                    epochLoss += (double) loss * n;
                    epochCorrect += right;
                    epochImages += n;
                    if (step % config.progressEvery() == 0 || b == loop.stepsPerEpoch - 1) {
                        double seconds = windowNanos / 1e9;
                        double eta = (totalSteps - step) * (stepNanos / 1e9 / step);
                        listener.accept(new Progress(epoch, step, totalSteps, recent.loss(), recent.accuracy(),
                                lr, seconds > 0 ? images / seconds : 0, eta));
                        images = 0;
                        windowNanos = 0;
                    }
                }
                double valLoss = Double.NaN;
                double valAccuracy = Double.NaN;
                if (loop.data.validation() != null) {
                    Evaluation v = evaluate(loop, store, loop.data.validation());
                    if (v == null) {
                        return cancelledEvent(epochsRun, loop.data.classNames());
                    }
                    valLoss = v.loss;
                    valAccuracy = v.accuracy;
                }
                epochsRun = epoch;
                double score = Double.isNaN(valAccuracy) ? epoch : valAccuracy;
                boolean best = score > bestAccuracy;
                if (best) {
                    bestAccuracy = score;
                    bestEpoch = epoch;
                }
                listener.accept(new Epoch(epoch, epochLoss / epochImages, (double) epochCorrect / epochImages, valLoss,
                        valAccuracy, lr, (System.nanoTime() - epochStart) / 1e9, best));
                save(loop.block, Checkpoints.LAST);
                if (best) {
                    save(loop.block, Checkpoints.BEST);
                }
                if (config.earlyStopPatience() > 0 && epoch - bestEpoch >= config.earlyStopPatience()
                        && epoch < config.epochs()) {
                    status = "early-stopped";
                    listener.accept(new Log("stopped early: no better validation accuracy for "
                            + config.earlyStopPatience() + " epoch" + (config.earlyStopPatience() == 1 ? "" : "s")
                            + " (best: epoch " + bestEpoch + ")"));
                    break;
                }
            }
            int lastEpoch = epochsRun;
            epoch = lastEpoch;
            if (bestEpoch != lastEpoch) {
                try {
                    Checkpoints.load(loop.block, loop.manager, folder.resolve(Checkpoints.BEST));
                } catch (IOException e) {
                    throw new Stop("error", "cannot read the best checkpoint back: " + e.getMessage());
                }
                hooks.prepareModel(loop.block);
            }
            Evaluation test = evaluate(loop, store, loop.data.test());
            if (test == null) {
                return cancelledEvent(epochsRun, loop.data.classNames());
            }
            return new Finished(status, test.accuracy, test.loss, test.confusion, loop.data.classNames(), wall(), epochsRun);
        }

        private Finished cancelledEvent(int epochsRun, List<String> classes) {
            return new Finished("cancelled", Double.NaN, Double.NaN, new int[0][0], classes, wall(), epochsRun);
        }

        private NDArray forward(DesignBlock block, ParameterStore store, NDArray images, boolean training,
                                Inspector inspector) {
            NDArray x = hooks.prepareInput(images);
            if (inspector != null) {
                inspector.begin();
                block.setObserver(inspector);
            }
            try (ExecutionHooks.Scope s = hooks.forward()) {
                return hooks.toFloat32(block.forward(store, new NDList(x), training).singletonOrThrow());
            } finally {
                if (inspector != null) {
                    block.setObserver(null);
                }
            }
        }

        /** Mean loss (no smoothing), accuracy and confusion over {@code data}; null when cancelled. */
        private Evaluation evaluate(Loop loop, ParameterStore store, ImageDataset data) {
            int classes = data.numClasses();
            int[][] confusion = new int[classes][classes];
            DjlBatches eval = DjlBatches.forEvaluation(data, config.batchSize() * 2, loop.data.normalization());
            Iterator<DjlBatches.Batch> it = eval.epoch(0, loop.manager);
            double lossSum = 0;
            long right = 0;
            long seen = 0;
            while (it.hasNext()) {
                if (cancelled) {
                    return null;
                }
                try (NDScope scope = new NDScope(); NDManager sm = loop.manager.newSubManager()) {
                    DjlBatches.Batch batch = it.next();
                    batch.images().attach(sm);
                    batch.labels().attach(sm);
                    NDArray logits = forward(loop.block, store, batch.images(), false, null);
                    lossSum += (double) Losses.crossEntropy(logits, batch.labels(), 0).getFloat() * batch.size();
                    long[] predicted = logits.argMax(1).toLongArray();
                    long[] actual = batch.labels().toLongArray();
                    for (int i = 0; i < predicted.length; i++) {
                        confusion[(int) actual[i]][(int) predicted[i]]++;
                        if (predicted[i] == actual[i]) {
                            right++;
                        }
                    }
                    seen += predicted.length;
                }
            }
            return new Evaluation(lossSum / seen, (double) right / seen, confusion);
        }

        private void save(DesignBlock block, String name) {
            try {
                Checkpoints.save(block, folder.resolve(name));
            } catch (IOException e) {
                throw new Stop("error", "cannot write the checkpoint " + folder.resolve(name) + ": " + e.getMessage());
            }
            listener.accept(new Checkpoint(name.equals(Checkpoints.BEST) ? "best" : "last", name, epoch));
        }
    }
}
