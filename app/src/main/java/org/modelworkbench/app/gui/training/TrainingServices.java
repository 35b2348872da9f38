package org.modelworkbench.app.gui.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.runs.RunHistory;
import org.modelworkbench.trainer.runs.RunSummary;
import org.modelworkbench.trainer.train.TrainingEvent;
import org.modelworkbench.trainer.worker.TrainingJob;
import org.modelworkbench.trainer.worker.TrainingLauncher;
import org.modelworkbench.trainer.worker.TrainingRequest;

/**
 * What the training panel needs from the trainer: a launcher that starts runs, and the run history
 * kept in a runs folder ({@code histories.apply(runsFolder)}, see {@link RunsFolders}).
 *
 * @param launcher  starts training runs (a worker process)
 * @param histories the runs kept in a folder
 */
public record TrainingServices(TrainingLauncher launcher, Function<Path, RunHistory> histories) {
    /** Why nothing can be trained in a build without the worker. */
    public static final String UNAVAILABLE = "The training worker is not available in this build of Model Workbench.";

    public TrainingServices {
        Objects.requireNonNull(launcher);
        Objects.requireNonNull(histories);
    }

    /**
     * For a build without the training worker: Train reports at once that the worker is not
     * available (a Failed event, shown as any failure is), and no runs are listed.
     */
    public static TrainingServices unavailable() {
        return new TrainingServices(TrainingServices::reportUnavailable, folder -> NO_RUNS);
    }

    private static TrainingJob reportUnavailable(TrainingRequest request, Consumer<TrainingEvent> listener) {
        TrainingEvent.Failed failed = new TrainingEvent.Failed("error", UNAVAILABLE, 0, 0);
        listener.accept(failed);
        return new TrainingJob() {
            @Override
            public String runId() {
                return "";
            }

            @Override
            public Path runFolder() {
                return request.runsFolder();
            }

            @Override
            public void cancel() {
                // Nothing runs.
            }

            @Override
            public CompletableFuture<TrainingEvent> done() {
                return CompletableFuture.completedFuture(failed);
            }
        };
    }

    /** The history of a build that records no runs. */
    private static final RunHistory NO_RUNS = new RunHistory() {
        @Override
        public List<RunSummary> list() {
            return List.of();
        }

        @Override
        public List<TrainingEvent> events(String runId) throws IOException {
            throw new IOException("no run " + runId + ": " + UNAVAILABLE);
        }

        @Override
        public Design design(String runId) throws IOException {
            throw new IOException("no run " + runId + ": " + UNAVAILABLE);
        }
    };
}
