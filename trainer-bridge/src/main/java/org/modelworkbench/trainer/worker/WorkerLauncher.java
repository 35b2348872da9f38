package org.modelworkbench.trainer.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.modelworkbench.projects.files.DesignWriter;
import org.modelworkbench.trainer.engine.DjlRuntime;
import org.modelworkbench.trainer.runs.RunRecorder;
import org.modelworkbench.trainer.runs.RunStore;
import org.modelworkbench.trainer.train.Checkpoints;
import org.modelworkbench.trainer.train.TrainingConfig;
import org.modelworkbench.trainer.train.TrainingEvent;
import org.modelworkbench.trainer.train.TrainingJson;

/**
 * Runs each training in a child JVM ({@link WorkerMain}), so that a native crash, an out-of-memory
 * or a kill takes down the worker and never the app. The child is this JVM's {@code java} with the
 * same class path, offline DJL with its cache in the folder given, the thread counts set before the
 * engine starts, and tcmalloc preloaded when the system has it (as fast as PyTorch with it, about a
 * third slower without; jemalloc is never used: 5× slower). The run folder is created here (design
 * snapshot and record) before the child starts; the child records everything after that.
 */
public final class WorkerLauncher implements TrainingLauncher {
    /** Debian's {@code libtcmalloc-minimal4}. */
    public static final Path TCMALLOC = Path.of("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4");
    /** How long a cancelled worker may take to say its last word before it is killed. */
    public static final long CANCEL_GRACE_MILLIS = 1000;
    private static final int STDERR_LINES = 40;

    private final Path djlCache;
    private final List<String> jvmOptions;
    private final Path tcmalloc;

    /** @param djlCache DJL's cache folder (the app's data folder; libtorch is unpacked there once) */
    public WorkerLauncher(Path djlCache) {
        this(djlCache, List.of(), TCMALLOC);
    }

    /**
     * @param jvmOptions extra options for the child JVM (e.g. a heap limit)
     * @param tcmalloc   the allocator library to preload when it exists
     */
    public WorkerLauncher(Path djlCache, List<String> jvmOptions, Path tcmalloc) {
        this.djlCache = Objects.requireNonNull(djlCache, "djlCache").toAbsolutePath().normalize();
        this.jvmOptions = List.copyOf(jvmOptions);
        this.tcmalloc = tcmalloc;
    }

    public Path djlCache() {
        return djlCache;
    }

    /** Whether runs get tcmalloc. */
    public boolean tcmallocAvailable() {
        return tcmalloc != null && Files.isReadable(tcmalloc);
    }

    /** The child's command line for a run with {@code config}. */
    public List<String> command(TrainingConfig config) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.addAll(ComputeJvm.OPTIONS);
        cmd.add("-D" + DjlRuntime.OFFLINE_PROPERTY + "=true");
        cmd.add("-D" + DjlRuntime.CACHE_PROPERTY + "=" + djlCache);
        int threads = config.threads() > 0 ? config.threads() : HostInfo.physicalCores();
        cmd.add("-Dai.djl.pytorch.num_threads=" + threads);
        cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WorkerMain.class.getName());
        return cmd;
    }

    /** The child's LD_PRELOAD: tcmalloc first when present; any jemalloc inherited is dropped. */
    String preload(String inherited) {
        List<String> libs = new ArrayList<>();
        if (tcmallocAvailable()) {
            libs.add(tcmalloc.toString());
        }
        if (inherited != null) {
            Arrays.stream(inherited.split("[: ]")).filter(s -> !s.isBlank() && !s.contains("jemalloc"))
                    .filter(s -> !libs.contains(s)).forEach(libs::add);
        }
        return String.join(":", libs);
    }

    @Override
    public TrainingJob start(TrainingRequest request, Consumer<TrainingEvent> listener) throws IOException {
        Objects.requireNonNull(request.runsFolder(), "runsFolder: where the run is kept (beside the design file, "
                + "or for an untitled design a folder in the app's data)");
        RunStore store = new RunStore(request.runsFolder());
        String runId = store.create(request.design(), request.designName(), request.config());
        Path runFolder = store.runFolder(runId);
        ProcessBuilder pb = new ProcessBuilder(command(request.config()));
        Map<String, String> env = pb.environment();
        String preload = preload(env.get("LD_PRELOAD"));
        if (preload.isEmpty()) {
            env.remove("LD_PRELOAD");
        } else {
            env.put("LD_PRELOAD", preload);
        }
        env.put(DjlRuntime.CACHE_PROPERTY, djlCache.toString());
        List<TrainingEvent> notes = new ArrayList<>();
        if (!tcmallocAvailable()) {
            notes.add(new TrainingEvent.Log("tcmalloc was not found (" + tcmalloc + "): training runs about a "
                    + "third slower with the system allocator; install Debian's libtcmalloc-minimal4 for full speed"));
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            TrainingEvent.Failed failed = new TrainingEvent.Failed("crash", "the training worker could not be started: "
                    + e.getMessage(), 0, 0);
            RunRecorder.recordEnd(runFolder, failed);
            throw new IOException(failed.message(), e);
        }
        WorkerRequest wr = new WorkerRequest(DesignWriter.toTree(request.design()), request.designName(),
                runFolder.toString(), null, request.config(), djlCache.toString());
        Job job = new Job(runId, runFolder, process, listener, notes);
        try {
            job.send(TrainingJson.mapper().writeValueAsString(wr));
        } catch (JsonProcessingException e) {
            process.destroyForcibly();
            throw new IOException("the training request could not be written: " + e.getMessage(), e);
        }
        job.startReading();
        return job;
    }

    /** One running worker. */
    private static final class Job implements TrainingJob {
        private final String runId;
        private final Path runFolder;
        private final Process process;
        private final Consumer<TrainingEvent> listener;
        private final List<TrainingEvent> notes;
        private final CompletableFuture<TrainingEvent> done = new CompletableFuture<>();
        private final Deque<String> stderr = new ArrayDeque<>();
        private final OutputStream stdin;
        private final long started = System.nanoTime();
        private volatile boolean cancelRequested;
        private volatile int lastCheckpointEpoch;
        private volatile boolean stdinOpen = true;

        /** @param notes the launcher's own remarks, delivered first on the reader thread like every event */
        Job(String runId, Path runFolder, Process process, Consumer<TrainingEvent> listener, List<TrainingEvent> notes) {
            this.notes = List.copyOf(notes);
            this.runId = runId;
            this.runFolder = runFolder;
            this.process = process;
            this.listener = listener;
            this.stdin = process.getOutputStream();
        }

        synchronized void send(String line) {
            if (!stdinOpen) {
                return;
            }
            try {
                stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                stdinOpen = false; // the worker is gone; its exit is handled by the reader
            }
        }

        void startReading() {
            Thread err = new Thread(this::readStderr, "training worker stderr " + runId);
            err.setDaemon(true);
            err.start();
            Thread out = new Thread(() -> readEvents(err), "training worker " + runId);
            out.setDaemon(true);
            out.start();
        }

        private void readStderr() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    keep(line);
                }
            } catch (IOException e) {
                // the pipe closed with the process
            }
        }

        private void keep(String line) {
            synchronized (stderr) {
                stderr.addLast(line);
                while (stderr.size() > STDERR_LINES) {
                    stderr.removeFirst();
                }
            }
        }

        private void readEvents(Thread stderrReader) {
            notes.forEach(this::deliver);
            TrainingEvent last = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    TrainingEvent e;
                    try {
                        e = TrainingJson.event(line);
                    } catch (JsonProcessingException notAnEvent) {
                        keep(line); // a native library printed to stdout: keep it with the diagnostics
                        continue;
                    }
                    if (e instanceof TrainingEvent.Checkpoint c && c.kind().equals("last")) {
                        lastCheckpointEpoch = c.epoch();
                    }
                    last = e;
                    deliver(e);
                }
            } catch (IOException e) {
                keep("reading the worker's output failed: " + e.getMessage());
            }
            int code;
            try {
                code = process.waitFor();
                stderrReader.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                code = -1;
            }
            closeStdin();
            if (last instanceof TrainingEvent.Finished || last instanceof TrainingEvent.Failed) {
                done.complete(last);
                return;
            }
            TrainingEvent end = cancelRequested
                    ? new TrainingEvent.Finished("cancelled", Double.NaN, Double.NaN, new int[0][0], List.of(),
                            (System.nanoTime() - started) / 1e9, lastCheckpointEpoch)
                    : crash(code);
            try {
                RunRecorder.recordEnd(runFolder, end);
            } catch (IOException | RuntimeException e) {
                keep("the run record could not be closed: " + e.getMessage());
            }
            deliver(end);
            done.complete(end);
        }

        private void deliver(TrainingEvent e) {
            try {
                listener.accept(e);
            } catch (RuntimeException ex) {
                keep("the event listener failed: " + ex);
            }
        }

        private TrainingEvent.Failed crash(int code) {
            List<String> tail;
            synchronized (stderr) {
                tail = stderr.stream().filter(l -> !l.isBlank()).toList();
            }
            String how = switch (code) {
                case 137 -> "exit code 137: killed (kill -9, or the system ran out of memory)";
                case 134 -> "exit code 134: aborted by a native error";
                case 139 -> "exit code 139: a native crash (segmentation fault)";
                case 3 -> "exit code 3: the worker ran out of Java heap";
                default -> "exit code " + code;
            };
            boolean oom = tail.stream().anyMatch(l -> l.contains("OutOfMemoryError") || l.contains("out of memory"));
            Path last = runFolder.resolve(Checkpoints.LAST);
            String kept = lastCheckpointEpoch > 0 && Files.exists(last)
                    ? "the last checkpoint, of epoch " + lastCheckpointEpoch + ", is kept in " + last
                    : "no checkpoint had been written yet; the run's record is in " + runFolder;
            String diagnostics = tail.isEmpty() ? "" : "; its last words: "
                    + tail.subList(Math.max(0, tail.size() - 3), tail.size()).stream().collect(Collectors.joining(" | "));
            return new TrainingEvent.Failed("crash", "the training worker stopped unexpectedly (" + how + ")"
                    + (oom ? ", out of memory" : "") + "; " + kept + diagnostics, lastCheckpointEpoch, 0);
        }

        private synchronized void closeStdin() {
            stdinOpen = false;
            try {
                stdin.close();
            } catch (IOException ignored) {
                // already closed by the dead process
            }
        }

        @Override
        public String runId() {
            return runId;
        }

        @Override
        public Path runFolder() {
            return runFolder;
        }

        /** Writes "cancel"; a worker that has not ended a second later is killed. */
        @Override
        public void cancel() {
            if (done.isDone()) {
                return;
            }
            cancelRequested = true;
            send("cancel");
            CompletableFuture.delayedExecutor(CANCEL_GRACE_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            });
        }

        @Override
        public CompletableFuture<TrainingEvent> done() {
            return done;
        }
    }
}
