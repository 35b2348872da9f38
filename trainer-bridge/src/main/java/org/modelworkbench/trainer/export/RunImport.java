package org.modelworkbench.trainer.export;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.ProjectFileException;
import org.modelworkbench.projects.files.ProjectFiles;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.DesignCompileException;
import org.modelworkbench.trainer.compile.DesignCompiler;
import org.modelworkbench.trainer.runs.RunRecord;
import org.modelworkbench.trainer.runs.RunStore;
import org.modelworkbench.trainer.train.Checkpoints;
import org.modelworkbench.trainer.train.TrainingEvent;
import org.modelworkbench.trainer.train.TrainingJson;

/**
 * Brings a run that the exported train.py wrote (design.json, run.json, events.jsonl, best.npz /
 * last.npz) into a workbench run store as a run like any other: its events as they were (checkpoint
 * events naming the converted files), its checkpoints converted to DJL's parameter files through the
 * compiled design, so the history, the curves and every visualizer read it unchanged.
 */
public final class RunImport {
    private final BlockLibrary library;

    public RunImport(BlockLibrary library) {
        this.library = library;
    }

    public RunImport() {
        this(BlockLibrary.standard());
    }

    /** What came in. */
    public record Imported(String runId, Path folder, Design design, RunRecord record, int events,
                           List<String> checkpoints) {
    }

    /** The design a PyTorch run folder trained, read from its snapshot. */
    public static Design design(Path run) throws ExportException {
        Path file = run.resolve(RunStore.DESIGN_FILE);
        if (!Files.isRegularFile(file)) {
            throw new ExportException(run + " is not a run folder of an exported model: it has no "
                    + RunStore.DESIGN_FILE + " (train.py writes runs under runs/<id>/)");
        }
        try {
            return ProjectFiles.read(file);
        } catch (ProjectFileException e) {
            throw new ExportException("the design snapshot of " + run + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Imports {@code run} into {@code store}; nothing is left in the store when it fails. */
    public Imported importRun(Path run, RunStore store) throws ExportException {
        Design design = design(run);
        RunRecord record = record(run);
        List<TrainingEvent> events = events(run);
        List<String> checkpoints = new ArrayList<>();
        for (String kind : List.of("best", "last")) {
            if (Files.isRegularFile(run.resolve(kind + ".npz"))) {
                checkpoints.add(kind);
            }
        }
        if (checkpoints.isEmpty()) {
            throw new ExportException(run + " has no checkpoint (best.npz or last.npz): the run stopped before its "
                    + "first epoch ended, so there are no weights to bring back");
        }
        Instant started;
        try {
            started = record.started() == null ? Instant.now() : Instant.parse(record.started());
        } catch (DateTimeParseException e) {
            throw new ExportException(run.resolve(RunStore.RECORD_FILE) + ": 'started' is not a time: " + record.started());
        }
        String id;
        try {
            id = store.claim(design, started);
        } catch (IOException e) {
            throw new ExportException("cannot create a run in " + store.folder() + ": " + e.getMessage(), e);
        }
        Path target = store.runFolder(id);
        try {
            convert(design, run, target, checkpoints);
            StringBuilder lines = new StringBuilder();
            for (TrainingEvent e : events) {
                if (e instanceof TrainingEvent.Checkpoint c) {
                    e = new TrainingEvent.Checkpoint(c.kind(), c.file().replaceAll("\\.npz$", ".params"), c.epoch());
                }
                lines.append(TrainingJson.line(e)).append('\n');
            }
            Files.writeString(target.resolve(RunStore.EVENTS_FILE), lines.toString(), StandardCharsets.UTF_8);
            String status = "running".equals(record.status()) ? "failed" : record.status();
            RunRecord adopted = new RunRecord(id, record.designName() == null ? design.name() : record.designName(),
                    RunStore.designHash(design), record.config(), started.toString(),
                    record.ended(), status, record.testAccuracy(), record.bestValidationAccuracy(), record.epochsRun(),
                    record.wallSeconds(), record.host(), null);
            store.writeRecord(id, adopted);
            return new Imported(id, target, design, adopted, events.size(), checkpoints);
        } catch (ExportException | IOException | RuntimeException e) {
            deleteQuietly(target);
            if (e instanceof ExportException x) {
                throw x;
            }
            throw new ExportException("cannot import " + run + ": " + e.getMessage(), e);
        }
    }

    private static RunRecord record(Path run) throws ExportException {
        Path file = run.resolve(RunStore.RECORD_FILE);
        if (!Files.isRegularFile(file)) {
            throw new ExportException(run + " has no " + RunStore.RECORD_FILE + ": not a run folder train.py wrote");
        }
        try {
            return TrainingJson.mapper().readValue(file.toFile(), RunRecord.class);
        } catch (JsonProcessingException e) {
            throw new ExportException(file + " is not a run record: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ExportException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every event; a line that does not read is an error naming it, except a last line cut short by a kill. */
    private static List<TrainingEvent> events(Path run) throws ExportException {
        Path file = run.resolve(RunStore.EVENTS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new ExportException(run + " has no " + RunStore.EVENTS_FILE + ": the metrics of the run are missing");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExportException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<TrainingEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(TrainingJson.event(line));
            } catch (JsonProcessingException e) {
                if (i < lines.size() - 1) {
                    throw new ExportException(file + ", line " + (i + 1) + ": not a training event ("
                            + e.getOriginalMessage() + ")", e);
                }
            }
        }
        return events;
    }

    /** best.npz / last.npz → best.params / last.params through the compiled design. */
    private void convert(Design design, Path run, Path target, List<String> kinds) throws ExportException, IOException {
        ModelSource.Generated names = new ModelSource(library).generate(design);
        CompiledDesign compiled;
        try {
            compiled = new DesignCompiler(library).compile(design, null);
        } catch (DesignCompileException e) {
            throw new ExportException("the run's design cannot be compiled: " + e.getMessage(), e);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            compiled.initialize(manager);
            for (String kind : kinds) {
                Path npz = run.resolve(kind + ".npz");
                Map<String, Npz.Tensor> tensors = Npz.read(npz);
                DjlWeights.load(compiled, names, tensors, npz.toString());
                Checkpoints.save(compiled.block(), target.resolve(kind.equals("best") ? Checkpoints.BEST : Checkpoints.LAST));
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var walk = Files.walk(folder)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a half-imported folder without a record is not listed
        }
    }
}
