package org.modelworkbench.trainer.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.DesignCompileException;

/**
 * The real measurement behind {@link ModeSelector}: for each mode a fresh model with the same seed,
 * the logits of one fixed batch in evaluation mode (compared with fp32's), then a warm-up step and a
 * few timed training steps (forward, loss, backward; no update, so every mode times the same weights).
 * Images per second come from the median step. A candidate whose warm-up already takes three times
 * fp32's is stopped there. The whole check aims to stay within {@code budgetSeconds}.
 */
final class MeasuredTrials implements ModeSelector.Trials {
    static final int SEED = 20_240_611;
    private final double budgetSeconds;
    private final int maxTimedSteps;

    MeasuredTrials() {
        this(8, 3);
    }

    MeasuredTrials(double budgetSeconds, int maxTimedSteps) {
        this.budgetSeconds = budgetSeconds;
        this.maxTimedSteps = maxTimedSteps;
    }

    @Override
    public List<ModeSelector.Trial> measure(ModeSelector.ModelSource source, int batch, List<ExecutionMode> modes)
            throws DesignCompileException {
        Engine engine = Engine.getEngine("PyTorch");
        List<ModeSelector.Trial> trials = new ArrayList<>();
        float[] reference = null;
        double fp32Warmup = 0;
        int timedSteps = maxTimedSteps;
        try (NDManager base = NDManager.newBaseManager()) {
            CompiledDesign first = source.compile();
            long[] dims = first.inputShapes()[0].getShape().clone();
            dims[0] = batch;
            long classes = first.block().getOutputShapes(new Shape[] {new Shape(dims)})[0].get(1);
            engine.setRandomSeed(SEED + 1);
            NDArray images = base.randomNormal(new Shape(dims));
            NDArray labels = base.randomInteger(0, classes, new Shape(batch), DataType.INT64);
            for (ExecutionMode mode : modes) {
                // The same seed right before initialisation: every mode starts from the same weights.
                engine.setRandomSeed(SEED);
                CompiledDesign model = source.compile();
                ExecutionHooks hooks;
                try {
                    hooks = ExecutionModes.hooks(mode, model.program());
                } catch (ModeUnavailableException e) {
                    trials.add(ModeSelector.Trial.skipped(mode, "unavailable: " + e.getMessage()));
                    continue;
                }
                try (NDManager models = base.newSubManager()) {
                    model.initialize(models);
                    hooks.prepareModel(model.block());
                    ParameterStore store = new ParameterStore(models, false);
                    try (TrainingStep step = new TrainingStep(model.block(), hooks, store, 0.1f, models)) {
                        float[] logits = step.evaluate(images);
                        double deviation = 0;
                        if (reference == null) {
                            reference = logits;
                        } else {
                            deviation = relativeDifference(logits, reference);
                        }
                        double warmup = time(models, step, images, labels);
                        if (mode == ExecutionMode.FP32) {
                            fp32Warmup = warmup;
                            // Large models: fewer timed steps, so that the check stays near its budget.
                            double perMode = budgetSeconds / modes.size();
                            timedSteps = (int) Math.max(1, Math.min(maxTimedSteps, Math.floor(perMode / warmup) - 1));
                        } else if (warmup > 3 * fp32Warmup) {
                            trials.add(new ModeSelector.Trial(mode, batch / warmup, deviation, false, String.format(
                                    Locale.ROOT, "stopped: its first step took %.2f s against fp32's %.2f s", warmup,
                                    fp32Warmup)));
                            continue;
                        }
                        double[] seconds = new double[timedSteps];
                        for (int i = 0; i < seconds.length; i++) {
                            seconds[i] = time(models, step, images, labels);
                        }
                        trials.add(ModeSelector.Trial.measured(mode, batch / median(seconds), deviation));
                    }
                } catch (RuntimeException e) {
                    trials.add(ModeSelector.Trial.skipped(mode, "failed: " + e.getMessage()));
                    if (mode == ExecutionMode.FP32) {
                        throw e;
                    }
                }
            }
        }
        return trials;
    }

    /** Seconds of one training step; a non-finite loss counts as a failure. */
    private static double time(NDManager models, TrainingStep step, NDArray images, NDArray labels) {
        long t0 = System.nanoTime();
        float loss;
        try (NDManager s = models.newSubManager()) {
            NDArray x = images.duplicate();
            x.attach(s);
            NDArray y = labels.duplicate();
            y.attach(s);
            loss = step.run(s, x, y, 0, 0, 0);
        }
        if (!Float.isFinite(loss)) {
            throw new IllegalStateException("the training loss is " + loss);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** max |a − b| / max |b|; a huge number when either has a non-finite value. */
    static double relativeDifference(float[] a, float[] b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < b.length; i++) {
            if (!Float.isFinite(a[i]) || !Float.isFinite(b[i])) {
                return 1e9;
            }
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / Math.max(scale, 1e-12);
    }
}
