package org.modelworkbench.trainer.runs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.modelworkbench.trainer.train.TrainingConfig;

/**
 * A run's {@code run.json}: what was trained, how, on what machine, and how it ended. Written when
 * the run is created, updated by the worker as it goes (each epoch, and at the end), always
 * atomically. Times are ISO-8601 instants; {@code ended} is null while it runs.
 *
 * @param designHash SHA-256 (hex) of the design snapshot's canonical JSON ({@code design.json})
 * @param status     "running", "completed", "cancelled", "early-stopped" or "failed"
 * @param owner      the process that last wrote the record while the run was live: a "running" record
 *                   whose owner is gone (and whose events have no last word) reads as "failed"
 */
public record RunRecord(String id, String designName, String designHash, TrainingConfig config, String started,
                        String ended, String status, double testAccuracy, double bestValidationAccuracy, int epochsRun,
                        double wallSeconds, Host host, Owner owner) {

    /** The machine and the way it ran: CPU model, logical cores, execution mode, threads, allocator. */
    public record Host(String cpuModel, int cores, String mode, int threads, String allocator) {
    }

    /** A process, told apart from a later one with the same id by its start time. */
    public record Owner(long pid, String processStarted) {
        /** The calling process. */
        public static Owner current() {
            ProcessHandle self = ProcessHandle.current();
            return new Owner(self.pid(), self.info().startInstant().map(Object::toString).orElse(null));
        }

        /** Whether that very process still runs (not a property of the record). */
        @JsonIgnore
        public boolean isAlive() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> processStarted == null
                            || h.info().startInstant().map(Object::toString).map(processStarted::equals).orElse(true))
                    .isPresent();
        }
    }

    public RunRecord withStatus(String newStatus, String newEnded) {
        return new RunRecord(id, designName, designHash, config, started, newEnded, newStatus, testAccuracy,
                bestValidationAccuracy, epochsRun, wallSeconds, host, owner);
    }

    public RunRecord withProgress(int newEpochsRun, double newBestValidation) {
        return new RunRecord(id, designName, designHash, config, started, ended, status, testAccuracy, newBestValidation,
                newEpochsRun, wallSeconds, host, owner);
    }

    public RunRecord withResult(String newStatus, String newEnded, double newTestAccuracy, int newEpochsRun,
                                double newWallSeconds) {
        return new RunRecord(id, designName, designHash, config, started, newEnded, newStatus, newTestAccuracy,
                bestValidationAccuracy, newEpochsRun, newWallSeconds, host, owner);
    }

    public RunRecord withHost(Host newHost, Owner newOwner) {
        return new RunRecord(id, designName, designHash, config, started, ended, status, testAccuracy,
                bestValidationAccuracy, epochsRun, wallSeconds, newHost, newOwner);
    }
}
