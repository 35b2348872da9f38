package org.modelworkbench.trainer.profile;

import java.util.List;
import org.modelworkbench.blocks.shape.Shape;

/**
 * What a {@link MeasuredProfiler} measures and how often.
 *
 * @param input              N×C×H×W for every image input, or null for the design's own input size
 * @param batch              the batch size of the per-node measurements (replaces N), or null for N
 * @param batches            the batch sizes of the whole-model throughput table
 * @param warmup             runs before each measurement that are not counted
 * @param repeats            counted runs of each measurement (the median of these is reported)
 * @param maxSecondsPerBatch a batch size whose runs would take longer than this (extrapolated from the
 *                           previous size) is skipped with a note
 * @param slowShare          a node is flagged as slow for its cost when it takes at least this share of
 *                           the forward time ...
 * @param slowFactor         ... and at least this many times its share of the MACs
 */
public record ProfileOptions(Shape input, Integer batch, List<Integer> batches, int warmup, int repeats,
                             double maxSecondsPerBatch, double slowShare, double slowFactor) {
    public static final List<Integer> DEFAULT_BATCHES = List.of(1, 8, 32, 128);
    public static final ProfileOptions DEFAULT = new ProfileOptions(null, null, DEFAULT_BATCHES, 3, 10, 60, 0.05, 2.0);

    public ProfileOptions {
        batches = List.copyOf(batches);
        if (batch != null && batch < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, not " + batch);
        }
        for (int b : batches) {
            if (b < 1) {
                throw new IllegalArgumentException("every batch size must be at least 1, not " + b);
            }
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, not " + repeats);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up runs cannot be negative: " + warmup);
        }
        if (!(maxSecondsPerBatch > 0)) {
            throw new IllegalArgumentException("the time limit per batch size must be positive");
        }
    }

    public ProfileOptions withInput(Shape newInput) {
        return new ProfileOptions(newInput, batch, batches, warmup, repeats, maxSecondsPerBatch, slowShare, slowFactor);
    }

    public ProfileOptions withBatch(Integer newBatch) {
        return new ProfileOptions(input, newBatch, batches, warmup, repeats, maxSecondsPerBatch, slowShare, slowFactor);
    }

    public ProfileOptions withBatches(List<Integer> newBatches) {
        return new ProfileOptions(input, batch, newBatches, warmup, repeats, maxSecondsPerBatch, slowShare, slowFactor);
    }

    public ProfileOptions withRepeats(int newRepeats, int newWarmup) {
        return new ProfileOptions(input, batch, batches, newWarmup, newRepeats, maxSecondsPerBatch, slowShare, slowFactor);
    }

    public ProfileOptions withMaxSecondsPerBatch(double seconds) {
        return new ProfileOptions(input, batch, batches, warmup, repeats, seconds, slowShare, slowFactor);
    }
}
