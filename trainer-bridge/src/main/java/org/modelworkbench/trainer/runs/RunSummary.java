package org.modelworkbench.trainer.runs;

import java.time.Instant;
import org.modelworkbench.trainer.train.TrainingConfig;

/**
 * One run as the history lists it.
 *
 * @param status       "running", "completed", "cancelled", "early-stopped" or "failed" (a run whose
 *                     worker died without a last word reads as "failed")
 * @param testAccuracy NaN until the run finished
 */
public record RunSummary(String runId, String designName, String designHash, Instant started, String status,
                         double testAccuracy, double bestValidationAccuracy, int epochsRun, double wallSeconds,
                         TrainingConfig config) {
}
