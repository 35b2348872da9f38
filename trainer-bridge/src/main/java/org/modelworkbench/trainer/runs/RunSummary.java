package org.modelworkbench.trainer.runs;

import java.time.Instant;
import org.modelworkbench.trainer.train.TrainingConfig;

/**
 * One run as the history lists it.
 *
 * @param status       "running", "completed", "cancelled", "early-stopped" or "failed" (a run whose
 *                     worker died without a last word reads as "failed")
 * @param testAccuracy NaN until the run finished
 * @param mode         the execution mode the run actually used (e.g. "bf16-autocast" where the
 *                     config said "auto"); null until the worker chose it
 */
public record RunSummary(String runId, String designName, String designHash, Instant started, String status,
                         double testAccuracy, double bestValidationAccuracy, int epochsRun, double wallSeconds,
                         TrainingConfig config, String mode) {

    /** A summary whose execution mode is not known (yet). */
    public RunSummary(String runId, String designName, String designHash, Instant started, String status,
                      double testAccuracy, double bestValidationAccuracy, int epochsRun, double wallSeconds,
                      TrainingConfig config) {
        this(runId, designName, designHash, started, status, testAccuracy, bestValidationAccuracy, epochsRun,
                wallSeconds, config, null);
    }

    /**
     * The mode to show: the one that ran, else the configured one ("auto" for a run that ended
     * before choosing), else "".
     */
    public String shownMode() {
        if (mode != null && !mode.isBlank()) {
            return mode;
        }
        return config == null || config.mode() == null ? "" : config.mode();
    }
}
