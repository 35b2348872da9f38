package org.modelworkbench.trainer.runs;

import java.io.IOException;
import java.util.List;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.train.TrainingEvent;

/** The runs kept for one design, newest first; what the training panel's history reads. */
public interface RunHistory {
    List<RunSummary> list() throws IOException;

    /** The run's events as recorded, in order (a live run: those written so far). */
    List<TrainingEvent> events(String runId) throws IOException;

    /** Exactly the design the run trained, from its snapshot. */
    Design design(String runId) throws IOException;
}
