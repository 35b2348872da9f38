package org.modelworkbench.trainer.train;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What a training run reports, in order: {@link Started}, then {@link Progress}, {@link Inspection},
 * {@link Epoch} and {@link Checkpoint} as it goes, and exactly one {@link Finished} or {@link Failed}.
 * The worker writes each event as one JSON line (the "event" property names the kind); the run
 * record keeps the same lines in its metrics file, so a finished run replays like a live one.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TrainingEvent.Started.class, name = "started"),
        @JsonSubTypes.Type(value = TrainingEvent.Progress.class, name = "progress"),
        @JsonSubTypes.Type(value = TrainingEvent.Epoch.class, name = "epoch"),
        @JsonSubTypes.Type(value = TrainingEvent.Inspection.class, name = "inspection"),
        @JsonSubTypes.Type(value = TrainingEvent.Checkpoint.class, name = "checkpoint"),
        @JsonSubTypes.Type(value = TrainingEvent.Finished.class, name = "finished"),
        @JsonSubTypes.Type(value = TrainingEvent.Failed.class, name = "failed"),
        @JsonSubTypes.Type(value = TrainingEvent.Log.class, name = "log")})
public sealed interface TrainingEvent {

    /** The run has its data and model and is about to take its first step. */
    record Started(String runId, String design, String dataset, int trainImages, int validationImages,
                   int testImages, int epochs, long stepsPerEpoch, String mode, int threads,
                   long parameters) implements TrainingEvent {
    }

    /**
     * Every N steps, and at each epoch's last step. Loss and accuracy are the means over the last N
     * steps (fewer at the run's start), so an event soon after the previous one (an epoch's end) is
     * as smooth as the others; images per second are since the previous event. {@code step} counts
     * from 1 over the whole run.
     */
    record Progress(int epoch, long step, long totalSteps, double loss, double accuracy, double learningRate,
                    double imagesPerSecond, double etaSeconds) implements TrainingEvent {
    }

    /** After each epoch's validation; {@code best} marks a new best validation accuracy. */
    record Epoch(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                 double validationAccuracy, double learningRate, double seconds, boolean best)
            implements TrainingEvent {
    }

    /** Per-block statistics sampled at {@code step}. */
    record Inspection(int epoch, long step, List<BlockStats> blocks) implements TrainingEvent {
        public Inspection {
            blocks = List.copyOf(blocks);
        }
    }

    /** A checkpoint was written completely ("best" or "last"); {@code file} is relative to the run folder. */
    record Checkpoint(String kind, String file, int epoch) implements TrainingEvent {
    }

    /**
     * The run ended. {@code status}: "completed", "cancelled" or "early-stopped". Test metrics are of
     * the best checkpoint; {@code confusion[actual][predicted]} counts test images.
     */
    record Finished(String status, double testAccuracy, double testLoss, int[][] confusion, List<String> classes,
                    double wallSeconds, int epochsRun) implements TrainingEvent {
    }

    /**
     * The run stopped on an error. {@code kind}: "nan" (the loss became NaN or infinite), "out-of-memory",
     * "crash" (the worker died: a native crash or a kill), "data" (the dataset), "design" (it does
     * not compile) or "error" (anything else). The message names what went wrong and where.
     */
    record Failed(String kind, String message, int epoch, long step) implements TrainingEvent {
    }

    /** A line worth showing the user (e.g. the chosen execution mode and why). */
    record Log(String message) implements TrainingEvent {
    }
}
