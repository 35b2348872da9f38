package org.modelworkbench.app.visualize;

import java.nio.file.Path;

/**
 * Which weights a design is probed with when the source is a design rather than a run folder.
 *
 * @param kind       what to use
 * @param checkpoint the checkpoint file ({@link Kind#CHECKPOINT})
 * @param seed       the seed of fresh weights ({@link Kind#UNTRAINED}, and the fallback of {@link Kind#LATEST_RUN})
 */
public record WeightsChoice(Kind kind, Path checkpoint, long seed) {
    public enum Kind {
        /** The newest run of exactly this design that kept a checkpoint; fresh weights when there is none. */
        LATEST_RUN,
        CHECKPOINT,
        UNTRAINED
    }

    public static WeightsChoice latestRun(long fallbackSeed) {
        return new WeightsChoice(Kind.LATEST_RUN, null, fallbackSeed);
    }

    public static WeightsChoice checkpoint(Path file) {
        return new WeightsChoice(Kind.CHECKPOINT, file, 0);
    }

    public static WeightsChoice untrained(long seed) {
        return new WeightsChoice(Kind.UNTRAINED, null, seed);
    }
}
