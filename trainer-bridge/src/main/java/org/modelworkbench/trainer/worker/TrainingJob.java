package org.modelworkbench.trainer.worker;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.modelworkbench.trainer.train.TrainingEvent;

/** A training run in progress in a worker process. */
public interface TrainingJob {
    String runId();

    /** The run's folder (design snapshot, record, metrics, checkpoints). */
    Path runFolder();

    /** Asks the run to stop; a {@link TrainingEvent.Finished} with status "cancelled" follows within a second. */
    void cancel();

    /**
     * Completes with the run's last event: {@link TrainingEvent.Finished} or {@link TrainingEvent.Failed}
     * (a worker that dies, from a native crash to kill -9, completes it with a Failed of kind "crash").
     */
    CompletableFuture<TrainingEvent> done();
}
