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
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.DesignCompileException;

/**
 * The real measurement behind {@link ModeSelector}: for each mode a fresh model with the same seed,
 * the logits of one fixed batch in evaluation mode (compared with fp32's) and two warm-up steps; then
 * a few timed training steps (forward, loss, backward; no update, so every mode times the same
 * weights), interleaved across the modes. Images per second come from each mode's median step. A candidate whose second warm-up step takes
 * three times fp32's is stopped there. The whole check aims to stay within {@code budgetSeconds}.
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

    /** A mode that passed its warm-up and is being timed. */
    private record Running(ExecutionMode mode, TrainingStep step, NDManager manager, double deviation, double[] seconds) {
    }

    @Override
    public List<ModeSelector.Trial> measure(ModeSelector.ModelSource source, int batch, List<ExecutionMode> modes)
            throws DesignCompileException {
        Engine engine = Engine.getEngine("PyTorch");
        Map<ExecutionMode, ModeSelector.Trial> results = new EnumMap<>(ExecutionMode.class);
        List<Running> running = new ArrayList<>();
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
            // Set-up and warm-up, one mode after the other; every model stays alive for the timing.
            for (ExecutionMode mode : modes) {
                // The same seed right before initialisation: every mode starts from the same weights.
                engine.setRandomSeed(SEED);
                CompiledDesign model = source.compile();
                ExecutionHooks hooks;
                try {
                    hooks = ExecutionModes.hooks(mode, model.program());
                } catch (ModeUnavailableException e) {
                    results.put(mode, ModeSelector.Trial.skipped(mode, "unavailable: " + e.getMessage()));
                    continue;
                }
                NDManager models = base.newSubManager();
                try {
                    model.initialize(models);
                    hooks.prepareModel(model.block());
                    TrainingStep step = new TrainingStep(model.block(), hooks, new ParameterStore(models, false), 0.1f,
                            models);
                    float[] logits = step.evaluate(images);
                    double deviation = 0;
                    if (reference == null) {
                        reference = logits;
                    } else {
                        deviation = relativeDifference(logits, reference);
                    }
                    // Two warm-up steps: the first creates oneDNN's kernels for every layer shape, which for
                    // bf16 costs many times a step; the second is close to the steady state.
                    time(models, step, images, labels);
                    double warmup = time(models, step, images, labels);
                    if (mode == ExecutionMode.FP32) {
                        fp32Warmup = warmup;
                        // Large models: fewer timed steps, so that the check stays near its budget.
                        double perMode = budgetSeconds / modes.size();
                        timedSteps = (int) Math.max(1, Math.min(maxTimedSteps, Math.floor(perMode / warmup) - 3));
                    } else if (warmup > 3 * fp32Warmup) {
                        results.put(mode, new ModeSelector.Trial(mode, batch / warmup, deviation, false, String.format(
                                Locale.ROOT, "stopped: its second step took %.2f s against fp32's %.2f s", warmup,
                                fp32Warmup)));
                        models.close();
                        continue;
                    }
                    running.add(new Running(mode, step, models, deviation, new double[timedSteps]));
                } catch (RuntimeException e) {
                    models.close();
                    if (mode == ExecutionMode.FP32) {
                        throw e;
                    }
                    results.put(mode, ModeSelector.Trial.skipped(mode, "failed: " + e.getMessage()));
                }
            }
            // Timed steps interleaved, mode after mode in turn, so that a busy spell of a shared machine
            // slows every mode alike instead of whichever happened to be running.
            for (int i = 0; i < timedSteps; i++) {
                for (int k = 0; k < running.size(); k++) {
                    Running r = running.get((i + k) % running.size());
                    if (results.containsKey(r.mode())) {
                        continue;
                    }
                    try {
                        r.seconds()[i] = time(r.manager(), r.step(), images, labels);
                    } catch (RuntimeException e) {
                        if (r.mode() == ExecutionMode.FP32) {
                            throw e;
                        }
                        results.put(r.mode(), ModeSelector.Trial.skipped(r.mode(), "failed: " + e.getMessage()));
                    }
                }
            }
            for (Running r : running) {
                results.putIfAbsent(r.mode(), ModeSelector.Trial.measured(r.mode(), batch / median(r.seconds()),
                        r.deviation()));
            }
        } // closing the base manager frees every model's manager with it
        List<ModeSelector.Trial> trials = new ArrayList<>();
        for (ExecutionMode m : modes) {
            trials.add(results.get(m));
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
