package org.modelworkbench.app.gui.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.runs.RunHistory;
import org.modelworkbench.trainer.runs.RunSummary;
import org.modelworkbench.trainer.train.TrainingEvent;

/** Runs kept in memory, for the tests; remembers which folders it was asked about. */
public final class FakeHistory implements RunHistory {
    public final List<Path> folders = new CopyOnWriteArrayList<>();
    private final List<RunSummary> runs = new CopyOnWriteArrayList<>();
    private final Map<String, List<TrainingEvent>> events = new LinkedHashMap<>();
    private final Map<String, Design> designs = new LinkedHashMap<>();

    /** Keeps a run (newest first: add the oldest first). */
    public synchronized FakeHistory add(RunSummary summary, List<TrainingEvent> runEvents, Design design) {
        runs.add(0, summary);
        events.put(summary.runId(), List.copyOf(runEvents));
        designs.put(summary.runId(), design);
        return this;
    }

    /** This history, for whatever folder is asked (the folder is noted). */
    public RunHistory in(Path folder) {
        folders.add(folder);
        return this;
    }

    @Override
    public List<RunSummary> list() {
        return new ArrayList<>(runs);
    }

    @Override
    public synchronized List<TrainingEvent> events(String runId) throws IOException {
        List<TrainingEvent> e = events.get(runId);
        if (e == null) {
            throw new IOException("no run " + runId);
        }
        return e;
    }

    @Override
    public synchronized Design design(String runId) throws IOException {
        Design d = designs.get(runId);
        if (d == null) {
            throw new IOException("no design for run " + runId);
        }
        return d;
    }
}
