package org.modelworkbench.trainer.train;

/**
 * Everything that decides a training run, saved in its run record. Built with {@link #defaults()}
 * and the {@code with…} copies.
 *
 * @param dataset           "fashion-mnist", "cifar-10" or "image-folder"
 * @param dataDir           the folder to read it from; null: the usual places, then the bundled sample
 * @param epochs            passes over the training images
 * @param batchSize         images per step
 * @param optimizer         "sgd" (momentum, Nesterov when {@code nesterov}) or "adamw"
 * @param learningRate      the peak learning rate of the schedule
 * @param momentum          SGD momentum, or AdamW's beta1
 * @param nesterov          Nesterov momentum (PyTorch's formulation) for SGD
 * @param weightDecay       L2 for SGD (PyTorch's coupled form), decoupled for AdamW
 * @param schedule          "constant", "cosine" or "one-cycle"
 * @param warmupEpochs      linear warm-up from lr/25 (cosine and constant; one-cycle has its own)
 * @param labelSmoothing    0 for none
 * @param dropPath          the largest stochastic-depth rate (applied where the design has drop-path blocks)
 * @param earlyStopPatience epochs without a better validation accuracy before stopping; 0: never
 * @param seed              initialisation, shuffling, augmentation and dropout
 * @param augment           random crop (padding 2 for 28 px, 4 for 32 px) and horizontal flip
 * @param validationFraction share of the training images held out for validation each epoch
 * @param progressEvery     steps between progress events
 * @param inspectEvery      steps between inspection samples; 0: off
 * @param mode              "auto" (measured choice), "fp32", "fp32-cl" or "bf16-autocast"
 * @param threads           intra-op threads; 0: the physical cores
 * @param limitBatches      at most this many training batches per epoch; 0: all (for smoke runs and tests)
 */
public record TrainingConfig(String dataset, String dataDir, int epochs, int batchSize, String optimizer,
                             double learningRate, double momentum, boolean nesterov, double weightDecay,
                             String schedule, double warmupEpochs, double labelSmoothing, double dropPath,
                             int earlyStopPatience, long seed, boolean augment, double validationFraction,
                             int progressEvery, int inspectEvery, String mode, int threads, int limitBatches) {

    /** One-cycle SGD with Nesterov momentum: the recipe the reference measurements used. */
    public static TrainingConfig defaults() {
        return new TrainingConfig("fashion-mnist", null, 10, 128, "sgd", 0.1, 0.9, true, 5e-4,
                "one-cycle", 0, 0.1, 0, 0, 42, true, 0.1, 20, 50, "auto", 0, 0);
    }

    public TrainingConfig withDataset(String dataset, String dataDir) {
        return new TrainingConfig(dataset, dataDir, epochs, batchSize, optimizer, learningRate, momentum, nesterov,
                weightDecay, schedule, warmupEpochs, labelSmoothing, dropPath, earlyStopPatience, seed, augment,
                validationFraction, progressEvery, inspectEvery, mode, threads, limitBatches);
    }

    public TrainingConfig withEpochs(int epochs) {
        return new TrainingConfig(dataset, dataDir, epochs, batchSize, optimizer, learningRate, momentum, nesterov,
                weightDecay, schedule, warmupEpochs, labelSmoothing, dropPath, earlyStopPatience, seed, augment,
                validationFraction, progressEvery, inspectEvery, mode, threads, limitBatches);
    }

    public TrainingConfig withBatchSize(int batchSize) {
        return new TrainingConfig(dataset, dataDir, epochs, batchSize, optimizer, learningRate, momentum, nesterov,
                weightDecay, schedule, warmupEpochs, labelSmoothing, dropPath, earlyStopPatience, seed, augment,
                validationFraction, progressEvery, inspectEvery, mode, threads, limitBatches);
    }

    public TrainingConfig withOptimizer(String optimizer, double learningRate, double weightDecay) {
        return new TrainingConfig(dataset, dataDir, epochs, batchSize, optimizer, learningRate, momentum, nesterov,
                weightDecay, schedule, warmupEpochs, labelSmoothing, dropPath, earlyStopPatience, seed, augment,
                validationFraction, progressEvery, inspectEvery, mode, threads, limitBatches);
    }

    public TrainingConfig withSchedule(String schedule, double warmupEpochs) {
        return new TrainingConfig(dataset, dataDir, epochs, batchSize, optimizer, learningRate, momentum, nesterov,
                weightDecay, schedule, warmupEpochs, labelSmoothing, dropPath, earlyStopPatience, seed, augment,
                validationFraction, progressEvery, inspectEvery, mode, threads, limitBatches);
    }

    public TrainingConfig withMode(String mode, int threads) {
        return new TrainingConfig(dataset, dataDir, epochs, batchSize, optimizer, learningRate, momentum, nesterov,
                weightDecay, schedule, warmupEpochs, labelSmoothing, dropPath, earlyStopPatience, seed, augment,
                validationFraction, progressEvery, inspectEvery, mode, threads, limitBatches);
    }

    public TrainingConfig withLimitBatches(int limitBatches) {
        return new TrainingConfig(dataset, dataDir, epochs, batchSize, optimizer, learningRate, momentum, nesterov,
                weightDecay, schedule, warmupEpochs, labelSmoothing, dropPath, earlyStopPatience, seed, augment,
                validationFraction, progressEvery, inspectEvery, mode, threads, limitBatches);
    }
}
