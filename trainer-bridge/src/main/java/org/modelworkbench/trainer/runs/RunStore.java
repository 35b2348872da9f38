package org.modelworkbench.trainer.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.AtomicFiles;
import org.modelworkbench.projects.files.DesignWriter;
import org.modelworkbench.projects.files.ProjectFileException;
import org.modelworkbench.projects.files.ProjectFiles;
import org.modelworkbench.trainer.train.TrainingConfig;
import org.modelworkbench.trainer.train.TrainingEvent;
import org.modelworkbench.trainer.train.TrainingJson;

/**
 * The runs of one design, kept in one folder: beside a design file {@code foo.json} that is
 * {@code foo.runs/} ({@link #runsFolderFor}); for an untitled design, whatever folder the caller gives.
 * Each run is a folder {@code <yyyyMMdd-HHmmss>-<first 7 hex of the design hash>/} holding
 * <ul>
 * <li>{@code design.json}: the design as it was trained, written by the projects' own serializer,
 *     so it opens as a design; {@link #design} returns exactly it, whatever became of the original;</li>
 * <li>{@code run.json}: the {@link RunRecord}, replaced atomically;</li>
 * <li>{@code events.jsonl}: every {@link TrainingEvent} as one JSON line, appended and flushed as it
 *     happens, so a run killed mid-way reads up to its last whole line;</li>
 * <li>{@code best.params}, {@code last.params}: the checkpoints.</li>
 * </ul>
 */
public final class RunStore implements RunHistory {
    public static final String DESIGN_FILE = "design.json";
    public static final String RECORD_FILE = "run.json";
    public static final String EVENTS_FILE = "events.jsonl";
    public static final String RUNS_SUFFIX = ".runs";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern RUN_ID = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{7}(-\\d+)?");

    private final Path folder;

    public RunStore(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize();
    }

    /** The store beside a design file. */
    public static RunStore forDesignFile(Path designFile) {
        return new RunStore(runsFolderFor(designFile));
    }

    /** {@code foo.json} → {@code foo.runs} in the same folder (any other name gets ".runs" appended). */
    public static Path runsFolderFor(Path designFile) {
        String name = designFile.getFileName().toString();
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return designFile.toAbsolutePath().resolveSibling(base + RUNS_SUFFIX);
    }

    public Path folder() {
        return folder;
    }

    /** The folder of a run (which need not exist). */
    public Path runFolder(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("'" + runId + "' is not a run id (yyyyMMdd-HHmmss-hash)");
        }
        return folder.resolve(runId);
    }

    /** SHA-256 (hex) of the design's canonical JSON, as saved in its snapshot. */
    public static String designHash(Design design) {
        return sha256(DesignWriter.toJson(design));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * Starts a run: claims a new run folder, writes the design snapshot and a record with status
     * "running" owned by this process. Returns the run id.
     */
    public String create(Design design, String designName, TrainingConfig config) throws IOException {
        String id = claim(design, Instant.now());
        String hash = designHash(design);
        writeRecord(folder.resolve(id), new RunRecord(id, designName == null ? design.name() : designName, hash, config,
                Instant.now().toString(), null, "running", Double.NaN, Double.NaN, 0, 0, null,
                RunRecord.Owner.current()));
        return id;
    }

    /**
     * Claims a new run folder named for {@code started} and writes the design snapshot into it; the run
     * is listed once {@link #writeRecord(String, RunRecord)} gives it a record. For runs made elsewhere
     * (an imported PyTorch run), whose files are put in place before the record.
     */
    public String claim(Design design, Instant started) throws IOException {
        String json = DesignWriter.toJson(design);
        String hash = sha256(json);
        Files.createDirectories(folder);
        String base = STAMP.format(started.atZone(ZoneId.systemDefault())) + "-" + hash.substring(0, 7);
        String id = base;
        for (int n = 2; ; n++) {
            try {
                Files.createDirectory(folder.resolve(id)); // claims the name, even against another process
                break;
            } catch (FileAlreadyExistsException e) {
                id = base + "-" + n;
            }
        }
        writeAtomically(folder.resolve(id).resolve(DESIGN_FILE), json);
        return id;
    }

    /** Replaces a run's record atomically. */
    public void writeRecord(String runId, RunRecord record) throws IOException {
        writeRecord(runFolder(runId), record);
    }

    /**
     * The newest run of exactly the design with this hash that kept a checkpoint (best or last), if any;
     * an unreadable store has none.
     */
    public java.util.Optional<Path> newestWithCheckpoint(String designHash) {
        try {
            for (RunSummary s : list()) {
                Path dir = runFolder(s.runId());
                if (designHash.equals(s.designHash()) && org.modelworkbench.trainer.train.Checkpoints.exist(dir)) {
                    return java.util.Optional.of(dir);
                }
            }
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    /** The record as written (a dead run's status is not inferred here; see {@link #summary}). */
    public RunRecord record(String runId) throws IOException {
        return readRecord(runFolder(runId));
    }

    static RunRecord readRecord(Path run) throws IOException {
        Path file = run.resolve(RECORD_FILE);
        try {
            return TrainingJson.mapper().readValue(file.toFile(), RunRecord.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not a run record (" + e.getOriginalMessage() + ")", e);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new NoSuchFileException(file.toString(), null, "no run record");
        }
    }

    /** Replaces the record atomically. */
    static void writeRecord(Path run, RunRecord record) throws IOException {
        writeAtomically(run.resolve(RECORD_FILE),
                TrainingJson.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(record) + "\n");
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = AtomicFiles.createTempBeside(file);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            AtomicFiles.replace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** One run as the history lists it, with a dead run's status inferred. */
    public RunSummary summary(String runId) throws IOException {
        Path run = runFolder(runId);
        RunRecord r = readRecord(run);
        String status = r.status();
        double test = r.testAccuracy();
        int epochs = r.epochsRun();
        double wall = r.wallSeconds();
        if ("running".equals(status)) {
            TrainingEvent last = lastEvent(run);
            if (last instanceof TrainingEvent.Finished f) {
                status = f.status();
                test = f.testAccuracy();
                epochs = f.epochsRun();
                wall = f.wallSeconds();
            } else if (last instanceof TrainingEvent.Failed) {
                status = "failed";
            } else if (r.owner() == null || !r.owner().isAlive()) {
                status = "failed"; // the worker died without a last word (a kill, a native crash)
            }
        }
        return new RunSummary(r.id(), r.designName(), r.designHash(), Instant.parse(r.started()), status, test,
                r.bestValidationAccuracy(), epochs, wall, r.config(), r.host() == null ? null : r.host().mode());
    }

    /** Every run with a readable record, newest first; folders that are not runs are skipped. */
    @Override
    public List<RunSummary> list() throws IOException {
        List<RunSummary> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(folder, Files::isDirectory)) {
            for (Path d : dirs) {
                String id = d.getFileName().toString();
                if (RUN_ID.matcher(id).matches() && Files.isRegularFile(d.resolve(RECORD_FILE))) {
                    try {
                        out.add(summary(id));
                    } catch (IOException e) {
                        // An unreadable record (a disk problem, a hand edit) hides one run, not the history.
                    }
                }
            }
        }
        out.sort(Comparator.comparing(RunSummary::started).thenComparing(RunSummary::runId).reversed());
        return out;
    }

    @Override
    public List<TrainingEvent> events(String runId) throws IOException {
        return readEvents(runFolder(runId));
    }

    /**
     * The events of a run folder. A line cut short by a kill (the last one, or one the launcher closed
     * off after it) is left out.
     */
    static List<TrainingEvent> readEvents(Path run) throws IOException {
        Path file = run.resolve(EVENTS_FILE);
        List<TrainingEvent> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return events;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(TrainingJson.event(line));
            } catch (JsonProcessingException e) {
                // skipped: a partial line
            }
        }
        return events;
    }

    private static TrainingEvent lastEvent(Path run) throws IOException {
        List<TrainingEvent> events = readEvents(run);
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    /** Exactly the design the run trained, read from its snapshot. */
    @Override
    public Design design(String runId) throws IOException {
        Path file = runFolder(runId).resolve(DESIGN_FILE);
        try {
            return ProjectFiles.read(file);
        } catch (ProjectFileException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The canonical JSON text of the snapshot, byte for byte as saved. */
    public String designJson(String runId) throws IOException {
        return Files.readString(runFolder(runId).resolve(DESIGN_FILE), StandardCharsets.UTF_8);
    }
}
