package org.modelworkbench.app.gui.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.DesignWriter;
import org.modelworkbench.projects.files.ProjectFileException;
import org.modelworkbench.projects.files.ProjectFiles;

/**
 * Keeps a copy of unsaved work in the app data folder so that a crash loses at most one interval
 * of edits. Each running window writes {@code <session>.json} (the design, in the project format)
 * and {@code <session>.meta.json} (the file it belongs to, the time, the process id). A clean exit
 * deletes both; files left by a process that is no longer running are offered for recovery at
 * the next start.
 *
 * <p>{@link #update} runs on the FX thread but does no disk work there: it serializes the design
 * (a cheap snapshot of a value, so later edits cannot tear it) and hands the text to one background
 * writer thread, which writes in order. A failed write is logged and reported once: to the failure
 * listener ({@link #setOnFailure}; the window shows it in the status bar), or, without one, as the
 * result of the next {@link #update} or {@link #flush}.
 */
public final class Autosave {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String META = ".meta.json";
    private static final System.Logger LOG = System.getLogger(Autosave.class.getName());
    /** How long {@link #discard} and {@link #flush} wait for the writer (a write is milliseconds). */
    private static final long WAIT_SECONDS = 10;

    /** Unsaved work left behind by an earlier session. */
    public record Entry(Path designFile, Path metaFile, String name, Path originalPath, Instant savedAt, long pid) {
        /** Where the design was saved before, or "never saved". */
        public String originText() {
            return originalPath == null ? "never saved" : originalPath.toString();
        }
    }

    private final Path folder;
    private final Executor writer;
    private final String session = UUID.randomUUID().toString();
    /** The document and revision last handed to the writer; reset by the writer when that write failed. */
    private volatile long writtenRevision = -1;
    private volatile Document writtenDocument;
    private final AtomicReference<String> unreportedFailure = new AtomicReference<>();
    private volatile Consumer<String> onFailure;

    /** Writes on its own background thread. */
    public Autosave(Path folder) {
        this(folder, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "autosave-writer");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Writes with {@code writer}, which must run tasks one at a time in order (tests pass their own). */
    Autosave(Path folder, Executor writer) {
        this.folder = folder;
        this.writer = writer;
    }

    public Path folder() {
        return folder;
    }

    Path designFile() {
        return folder.resolve(session + ".json");
    }

    Path metaFile() {
        return folder.resolve(session + META);
    }

    /**
     * Who hears of a failed background write (called on the writer thread, with a message such as
     * "autosave to … failed: …"). Without a listener the failure is returned by the next
     * {@link #update} or {@link #flush}.
     */
    public void setOnFailure(Consumer<String> listener) {
        this.onFailure = listener;
    }

    /**
     * Queues a write of the document if it has changes not yet autosaved; removes this session's
     * autosave when there is nothing unsaved. Returns the failure of an earlier background write
     * that no listener was told about.
     */
    public Optional<String> update(Document doc) {
        Optional<String> earlier = takeFailure(); // taken first: never the fate of the write queued below
        if (doc == null || !doc.isDirty()) {
            if (writtenDocument != null) {
                discard();
            }
            return earlier;
        }
        long revision = doc.model().commands().revisionProperty().get();
        if (doc == writtenDocument && revision == writtenRevision) {
            return earlier;
        }
        String design = DesignWriter.toJson(doc.model().design());
        ObjectNode meta = JSON.createObjectNode();
        meta.put("name", doc.model().design().name());
        if (doc.path() != null) {
            meta.put("path", doc.path().toAbsolutePath().toString());
        } else {
            meta.putNull("path");
        }
        meta.put("savedAt", Instant.now().toString());
        meta.put("pid", ProcessHandle.current().pid());
        writtenDocument = doc;
        writtenRevision = revision;
        writer.execute(() -> write(design, meta));
        return earlier;
    }

    /** On the writer thread. */
    private void write(String design, ObjectNode meta) {
        try {
            Files.createDirectories(folder);
            writeAtomically(designFile(), design);
            writeAtomically(metaFile(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(meta));
        } catch (IOException | RuntimeException e) {
            writtenDocument = null; // try again at the next update
            writtenRevision = -1;
            String problem = "autosave to " + folder + " failed: " + e.getMessage();
            LOG.log(System.Logger.Level.WARNING, problem, e);
            Consumer<String> listener = onFailure;
            if (listener != null) {
                listener.accept(problem);
            } else {
                unreportedFailure.set(problem);
            }
        }
    }

    private Optional<String> takeFailure() {
        return Optional.ofNullable(unreportedFailure.getAndSet(null));
    }

    /** Waits until every queued write is done; returns a failure no listener was told about. */
    public Optional<String> flush() {
        awaitWriter(() -> { });
        return takeFailure();
    }

    /**
     * Deletes this session's autosave (after a save, or on a clean exit). The deletion is queued
     * behind any write in flight and waited for, so no late write brings the files back.
     */
    public void discard() {
        writtenDocument = null;
        writtenRevision = -1;
        awaitWriter(() -> {
            deleteQuietly(designFile());
            deleteQuietly(metaFile());
        });
    }

    private void awaitWriter(Runnable task) {
        try {
            CompletableFuture.runAsync(task, writer).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "autosave writer failed or did not finish in " + WAIT_SECONDS + " s", e);
        }
    }

    /** Autosaves of sessions that are no longer running, newest first. */
    public List<Entry> recoverable() {
        List<Entry> list = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return list;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + META)) {
            for (Path meta : files) {
                String id = meta.getFileName().toString();
                id = id.substring(0, id.length() - META.length());
                if (id.equals(session)) {
                    continue;
                }
                Path design = folder.resolve(id + ".json");
                try {
                    JsonNode m = JSON.readTree(Files.readString(meta, StandardCharsets.UTF_8));
                    long pid = m.path("pid").asLong(-1);
                    if (pid > 0 && pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue; // another window is running and owns this autosave
                    }
                    if (!Files.isRegularFile(design)) {
                        deleteQuietly(meta);
                        continue;
                    }
                    String path = m.path("path").isTextual() ? m.path("path").asText() : null;
                    Instant at;
                    try {
                        at = Instant.parse(m.path("savedAt").asText());
                    } catch (RuntimeException e) {
                        at = Files.getLastModifiedTime(design).toInstant();
                    }
                    list.add(new Entry(design, meta, m.path("name").asText("Untitled"),
                            path == null ? null : Path.of(path), at, pid));
                } catch (IOException | RuntimeException e) {
                    // An unreadable note: still offer the design itself.
                    if (Files.isRegularFile(design)) {
                        list.add(new Entry(design, meta, design.getFileName().toString(), null, Instant.EPOCH, -1));
                    }
                }
            }
        } catch (IOException e) {
            return list;
        }
        list.sort(Comparator.comparing(Entry::savedAt).reversed());
        return list;
    }

    public static Design read(Entry entry) throws ProjectFileException {
        return ProjectFiles.read(entry.designFile());
    }

    public static void delete(Entry entry) {
        deleteQuietly(entry.designFile());
        deleteQuietly(entry.metaFile());
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".autosave", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // Left behind: offered for recovery next time, which is the safe side.
        }
    }
}
