package org.modelworkbench.trainer.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.DesignCompileException;
import org.modelworkbench.trainer.compile.DesignCompiler;
import org.modelworkbench.trainer.data.DatasetException;
import org.modelworkbench.trainer.data.DatasetLocator;
import org.modelworkbench.trainer.data.ImageDataset;
import org.modelworkbench.trainer.data.Normalization;
import org.modelworkbench.trainer.engine.CpuFeatures;
import org.modelworkbench.trainer.engine.ExecutionHooks;
import org.modelworkbench.trainer.engine.ExecutionMode;
import org.modelworkbench.trainer.engine.ExecutionModes;
import org.modelworkbench.trainer.engine.LibTorch;
import org.modelworkbench.trainer.engine.ModeUnavailableException;
import org.modelworkbench.trainer.engine.TrainingStep;

/**
 * Training speed of one design in one execution mode, measured the way {@code bench/pytorch_train.py}
 * measures PyTorch, so that the two can be compared side by side: full training steps (forward,
 * label-smoothed cross-entropy, backward, SGD with Nesterov momentum 0.9 and weight decay 5e-4) over a
 * fixed set of batches taken in turn, a few warm-up steps left out of the timing. Fashion-MNIST images
 * (the first {@value #BATCHES} batches of the training set, normalised) when the design reads 1×28×28,
 * otherwise random images.
 */
public final class TrainBenchmark {
    /** Distinct batches cycled through; both benchmarks use the same number. */
    public static final int BATCHES = 8;
    static final float LEARNING_RATE = 0.05f;
    static final float MOMENTUM = 0.9f;
    static final float WEIGHT_DECAY = 5e-4f;
    static final float LABEL_SMOOTHING = 0.1f;

    private TrainBenchmark() {
    }

    /**
     * @param dataFolder Fashion-MNIST's folder; null: Debian's, else the bundled sample
     * @param threads    intra-op threads for this (the calling) thread; 0 leaves the engine's setting
     */
    public record Settings(ExecutionMode mode, int batch, int warmup, int steps, int threads, Path dataFolder, int seed) {
        public Settings {
            if (batch < 1 || warmup < 0 || steps < 1 || threads < 0) {
                throw new IllegalArgumentException("batch and steps must be at least 1, warm-up and threads at least 0");
            }
        }
    }

    /** The figures of one run; images per second are over the timed steps, step times in milliseconds. */
    public record Result(String design, String mode, int batch, int warmup, int steps, int threads, String data,
                         long parameters, double imagesPerSecond, double medianStepMs, double minStepMs,
                         double maxStepMs, double firstLoss, double lastLoss, String allocator, String cpu) {
    }

    /** Runs on the calling thread; the engine must have been started. */
    public static Result run(Design design, String name, Settings s)
            throws DesignCompileException, ModeUnavailableException, DatasetException {
        CompiledDesign model = new DesignCompiler().compile(design, null);
        ExecutionHooks hooks = ExecutionModes.hooks(s.mode(), model.program());
        long[] dims = model.inputShapes()[0].getShape().clone();
        dims[0] = s.batch();
        long classes = model.block().getOutputShapes(new Shape[] {new Shape(dims)})[0].get(1);
        int imageSize = (int) (dims[1] * dims[2] * dims[3]);
        float[][] images = new float[BATCHES][];
        long[][] labels = new long[BATCHES][];
        String data = data(dims, classes, s, images, labels, imageSize);

        if (s.threads() > 0) {
            // libtorch keeps the OpenMP thread count per calling thread: set it where the steps run.
            JniUtils.setNumThreads(s.threads());
        }
        int threads = JniUtils.getNumThreads();
        Engine.getEngine("PyTorch").setRandomSeed(s.seed());
        double[] ms = new double[s.steps()];
        double first = Double.NaN;
        double last = Double.NaN;
        try (NDManager base = NDManager.newBaseManager()) {
            model.initialize(base);
            hooks.prepareModel(model.block());
            ParameterStore store = new ParameterStore(base, false);
            try (TrainingStep step = new TrainingStep(model.block(), hooks, store, LABEL_SMOOTHING, base)) {
                for (int i = 0; i < s.warmup() + s.steps(); i++) {
                    int b = i % BATCHES;
                    long t0 = System.nanoTime();
                    float loss;
                    try (NDManager sm = base.newSubManager()) {
                        NDArray x = sm.create(images[b], new Shape(dims));
                        NDArray y = sm.create(labels[b]);
                        loss = step.run(sm, x, y, LEARNING_RATE, MOMENTUM, WEIGHT_DECAY);
                    }
                    long t1 = System.nanoTime();
                    if (!Float.isFinite(loss)) {
                        throw new IllegalStateException("the loss became " + loss + " at step " + (i + 1));
                    }
                    if (i >= s.warmup()) {
                        ms[i - s.warmup()] = (t1 - t0) / 1e6;
                        if (Double.isNaN(first)) {
                            first = loss;
                        }
                        last = loss;
                    }
                }
            }
        }
        double total = Arrays.stream(ms).sum();
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return new Result(name, s.mode().label(), s.batch(), s.warmup(), s.steps(), threads, data,
                model.trainableParameterCount(), s.batch() * s.steps() / (total / 1000), median, sorted[0],
                sorted[sorted.length - 1], first, last, LibTorch.allocator(), CpuFeatures.current().describe());
    }

    /** Fills the batches; returns where the data came from. */
    private static String data(long[] dims, long classes, Settings s, float[][] images, long[][] labels, int imageSize)
            throws DatasetException {
        int batch = s.batch();
        if (dims[1] == 1 && dims[2] == 28 && dims[3] == 28 && classes == 10) {
            DatasetLocator.Located found = new DatasetLocator().fashionMnist(s.dataFolder());
            ImageDataset train = found.splits().train();
            float[] mean = Normalization.FASHION_MNIST.mean();
            float[] std = Normalization.FASHION_MNIST.std();
            for (int b = 0; b < BATCHES; b++) {
                images[b] = new float[batch * imageSize];
                labels[b] = new long[batch];
                for (int i = 0; i < batch; i++) {
                    int index = (b * batch + i) % train.size();
                    float[] img = train.image(index);
                    for (int p = 0; p < imageSize; p++) {
                        images[b][i * imageSize + p] = (img[p] - mean[0]) / std[0];
                    }
                    labels[b][i] = train.label(index);
                }
            }
            return "fashion-mnist (" + found.source().words() + ")";
        }
        Random random = new Random(s.seed());
        for (int b = 0; b < BATCHES; b++) {
            images[b] = new float[batch * imageSize];
            labels[b] = new long[batch];
            for (int i = 0; i < images[b].length; i++) {
                images[b][i] = (float) random.nextGaussian();
            }
            for (int i = 0; i < batch; i++) {
                labels[b][i] = random.nextInt((int) classes);
            }
        }
        return "random";
    }
}
