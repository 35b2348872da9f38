package org.modelworkbench.trainer.runs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.Consumer;
import org.modelworkbench.trainer.train.TrainingEvent;
import org.modelworkbench.trainer.train.TrainingJson;

/**
 * Writes a live run into its folder: every event appended to {@code events.jsonl} and flushed at
 * once (a kill loses at most the line being written), the record updated atomically when the run
 * starts (host, owner), after each epoch and at its end. The worker uses one; the launcher uses
 * {@link #recordEnd} when the worker died without a last word.
 */
public final class RunRecorder implements Consumer<TrainingEvent>, AutoCloseable {
    private final Path run;
    private final OutputStream events;
    private RunRecord record;

    private RunRecorder(Path run, RunRecord record) throws IOException {
        this.run = run;
        this.record = record;
        this.events = Files.newOutputStream(run.resolve(RunStore.EVENTS_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** Opens a run folder made by {@link RunStore#create}; this process becomes the run's owner. */
    public static RunRecorder open(Path runFolder, RunRecord.Host host) throws IOException {
        RunRecord r = RunStore.readRecord(runFolder).withHost(host, RunRecord.Owner.current());
        RunStore.writeRecord(runFolder, r);
        return new RunRecorder(runFolder, r);
    }

    public Path folder() {
        return run;
    }

    @Override
    public synchronized void accept(TrainingEvent event) {
        try {
            events.write((TrainingJson.line(event) + "\n").getBytes(StandardCharsets.UTF_8));
            events.flush();
            RunRecord next = update(record, event);
            if (next != record) {
                record = next;
                RunStore.writeRecord(run, record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the run in " + run + ": " + e.getMessage(), e);
        }
    }

    static RunRecord update(RunRecord r, TrainingEvent event) {
        if (event instanceof TrainingEvent.Started s) {
            RunRecord.Host h = r.host();
            return r.withHost(new RunRecord.Host(h == null ? null : h.cpuModel(), h == null ? 0 : h.cores(), s.mode(),
                    s.threads(), h == null ? null : h.allocator()), r.owner());
        }
        if (event instanceof TrainingEvent.Epoch e) {
            double best = Double.isNaN(r.bestValidationAccuracy()) ? e.validationAccuracy()
                    : Math.max(r.bestValidationAccuracy(), Double.isNaN(e.validationAccuracy()) ? -1 : e.validationAccuracy());
            return r.withProgress(e.epoch(), best);
        }
        if (event instanceof TrainingEvent.Finished f) {
            return r.withResult(f.status(), Instant.now().toString(), f.testAccuracy(), f.epochsRun(), f.wallSeconds());
        }
        if (event instanceof TrainingEvent.Failed) {
            double wall = (System.currentTimeMillis() - Instant.parse(r.started()).toEpochMilli()) / 1000.0;
            return r.withResult("failed", Instant.now().toString(), Double.NaN, r.epochsRun(), wall);
        }
        return r;
    }

    @Override
    public synchronized void close() throws IOException {
        events.close();
    }

    /**
     * Ends a run whose worker can no longer speak: removes the temporary files it left mid-write, appends
     * {@code last} (a Failed, or a Finished the launcher made) unless the events already end with a
     * last word, and updates the record.
     */
    public static void recordEnd(Path runFolder, TrainingEvent last) throws IOException {
        removeTemporaryFiles(runFolder);
        var events = RunStore.readEvents(runFolder);
        if (!events.isEmpty() && (events.get(events.size() - 1) instanceof TrainingEvent.Finished
                || events.get(events.size() - 1) instanceof TrainingEvent.Failed)) {
            return;
        }
        RunRecord r = RunStore.readRecord(runFolder);
        try (OutputStream out = Files.newOutputStream(runFolder.resolve(RunStore.EVENTS_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            // A line cut short by the kill gets its own line end, so this event stays readable.
            long size = Files.size(runFolder.resolve(RunStore.EVENTS_FILE));
            String prefix = size > 0 && !endsWithNewline(runFolder.resolve(RunStore.EVENTS_FILE)) ? "\n" : "";
            out.write((prefix + TrainingJson.line(last) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        RunStore.writeRecord(runFolder, update(r, last));
    }

    /** A worker killed while writing a checkpoint or the record leaves its temporary file (".name.xyz.tmp"). */
    private static void removeTemporaryFiles(Path runFolder) throws IOException {
        try (var files = Files.newDirectoryStream(runFolder, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(".") && n.endsWith(".tmp");
        })) {
            for (Path p : files) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, ch.size() - 1);
            return b.get(0) == '\n';
        }
    }
}
