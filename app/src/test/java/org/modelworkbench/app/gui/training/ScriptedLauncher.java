package org.modelworkbench.app.gui.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.modelworkbench.trainer.train.TrainingEvent;
import org.modelworkbench.trainer.worker.TrainingJob;
import org.modelworkbench.trainer.worker.TrainingLauncher;
import org.modelworkbench.trainer.worker.TrainingRequest;

/**
 * A launcher for tests: it starts no worker, remembers each request, and lets the test play the
 * run's events ({@link #emit}) from whatever thread it likes, as a worker's reader thread would.
 * A Finished or Failed also completes the job's {@code done()}, as a real job does.
 */
public final class ScriptedLauncher implements TrainingLauncher {
    public final List<TrainingRequest> requests = new CopyOnWriteArrayList<>();
    /** Events played during start() itself, before the job is returned. */
    public final List<TrainingEvent> onStart = new CopyOnWriteArrayList<>();
    public volatile IOException refuse;
    private volatile Consumer<TrainingEvent> listener;
    private volatile Job job;

    /** The job of the last run started. */
    public Job job() {
        return job;
    }

    @Override
    public TrainingJob start(TrainingRequest request, Consumer<TrainingEvent> listener) throws IOException {
        if (refuse != null) {
            throw refuse;
        }
        requests.add(request);
        this.listener = listener;
        Job j = new Job("run-" + requests.size(), request.runsFolder());
        this.job = j;
        onStart.forEach(this::emit);
        return j;
    }

    /** Plays events of the last run started, in order, on the calling thread. */
    public void emit(TrainingEvent... events) {
        emit(List.of(events));
    }

    public void emit(List<? extends TrainingEvent> events) {
        for (TrainingEvent e : events) {
            listener.accept(e);
            if (e instanceof TrainingEvent.Finished || e instanceof TrainingEvent.Failed) {
                job.done.complete(e);
            }
        }
    }

    /** A job that records whether it was asked to stop. */
    public static final class Job implements TrainingJob {
        final String runId;
        final Path folder;
        final CompletableFuture<TrainingEvent> done = new CompletableFuture<>();
        public volatile int cancels;

        Job(String runId, Path folder) {
            this.runId = runId;
            this.folder = folder;
        }

        @Override
        public String runId() {
            return runId;
        }

        @Override
        public Path runFolder() {
            return folder;
        }

        @Override
        public void cancel() {
            cancels++;
        }

        @Override
        public CompletableFuture<TrainingEvent> done() {
            return done;
        }
    }
}
