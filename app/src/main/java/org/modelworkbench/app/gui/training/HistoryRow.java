package org.modelworkbench.app.gui.training;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.modelworkbench.trainer.runs.RunSummary;

/** One run in the history list, with whether its curves are overlaid on the charts. */
public final class HistoryRow {
    private final RunSummary summary;
    private final BooleanProperty overlaid = new SimpleBooleanProperty(this, "overlaid");

    public HistoryRow(RunSummary summary) {
        this.summary = summary;
    }

    public RunSummary summary() {
        return summary;
    }

    public String runId() {
        return summary.runId();
    }

    /** The run's curves are drawn beside the live run's. */
    public BooleanProperty overlaidProperty() {
        return overlaid;
    }

    public boolean isOverlaid() {
        return overlaid.get();
    }

    public void setOverlaid(boolean value) {
        overlaid.set(value);
    }
}
