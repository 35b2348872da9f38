package org.modelworkbench.app.gui.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.modelworkbench.app.folders.AppFolders;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.ProjectFileException;
import org.modelworkbench.projects.files.ProjectFiles;
import org.modelworkbench.trainer.profile.MeasuredProfile;
import org.modelworkbench.trainer.profile.ProfileJson;
import org.modelworkbench.trainer.worker.ComputeJvm;

/**
 * Measures a design in a child JVM, {@code workbench profile <file> --measure --json}, so that
 * libtorch is never loaded into the editor's process: a native crash or an out-of-memory kill ends
 * the child, and the editor reports it. The child runs on the same Java and class path, with the
 * same data folder (libtorch is unpacked there once), offline, and with tcmalloc preloaded when the
 * system has it (never jemalloc: libtorch runs about 5 times slower with it).
 *
 * <p>{@link #run} blocks: call it off the FX thread. {@link #cancel} may be called from any thread and
 * kills the child. Every failure comes back as an {@link Outcome.Failed} with a message a person can
 * read; nothing is thrown.
 */
public final class MeasureProcess {
    /** The allocator libtorch is fastest with on Linux (Debian package libtcmalloc-minimal4). */
    public static final Path TCMALLOC = Path.of("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4");
    static final String MAIN_CLASS = "org.modelworkbench.app.Main";
    private static final Pattern PROGRESS = Pattern.compile("^measuring (\\d{1,3})%: (.*)$");
    private static final int TAIL = 20;

    /**
     * How to start the child.
     *
     * @param java        the java executable
     * @param classPath   the class path (the app's own)
     * @param dataDir     the app's data folder, passed on so that the child finds the unpacked engine
     * @param tempDir     where the design is written for the child (a fresh folder is made inside it)
     * @param environment variables to set or, with a null value, remove in the child's environment
     */
    public record Launch(Path java, String classPath, Path dataDir, Path tempDir, Map<String, String> environment) {
        public Launch {
            Objects.requireNonNull(java);
            Objects.requireNonNull(classPath);
            Objects.requireNonNull(dataDir);
            Objects.requireNonNull(tempDir);
            environment = new HashMap<>(environment); // may hold null values (removals)
        }

        /** This JVM's java, class path and data folder; tcmalloc preloaded where the system has it. */
        public static Launch current() {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Map<String, String> env = new HashMap<>();
            env.put("LD_PRELOAD", preload(System.getenv("LD_PRELOAD"), Files.isReadable(TCMALLOC)));
            return new Launch(java, System.getProperty("java.class.path"), AppFolders.standard().data(),
                    Path.of(System.getProperty("java.io.tmpdir")), env);
        }

        /**
         * The child's LD_PRELOAD: the parent's without any jemalloc, plus tcmalloc when it is installed
         * and not there yet; null (removed) when nothing is left.
         */
        static String preload(String parent, boolean tcmallocInstalled) {
            List<String> libs = new ArrayList<>();
            if (parent != null) {
                for (String lib : parent.split("[:\\s]+")) {
                    if (!lib.isBlank() && !lib.contains("jemalloc")) {
                        libs.add(lib);
                    }
                }
            }
            if (tcmallocInstalled && libs.stream().noneMatch(l -> l.contains("tcmalloc"))) {
                libs.add(TCMALLOC.toString());
            }
            return libs.isEmpty() ? null : String.join(":", libs);
        }
    }

    /**
     * What to measure.
     *
     * @param design  a copy of the design (the caller's thread may go on editing the original)
     * @param input   the input size for every image input, or null for the design's own
     * @param batch   the batch size of the per-node figures
     * @param batches the batch sizes of the throughput table
     */
    public record Request(Design design, Shape input, int batch, List<Integer> batches, int repeats, int warmup) {
        public Request {
            Objects.requireNonNull(design);
            batches = List.copyOf(batches);
        }
    }

    /** How a measurement ended. */
    public sealed interface Outcome {
        record Measured(MeasuredProfile profile, double seconds) implements Outcome {
        }

        record Failed(String message) implements Outcome {
        }

        record Cancelled() implements Outcome {
        }
    }

    /** Progress of the child, as it reports it (on the reading thread). */
    @FunctionalInterface
    public interface Listener {
        void progress(double fraction, String stage);
    }

    private final Launch launch;
    private volatile Process process;
    private volatile boolean cancelled;

    public MeasureProcess(Launch launch) {
        this.launch = Objects.requireNonNull(launch);
    }

    /** The command line of the child for {@code request}, the design written to {@code designFile}. */
    List<String> command(Request request, Path designFile) {
        List<String> cmd = new ArrayList<>(List.of(launch.java().toString(), "-Dai.djl.offline=true"));
        cmd.addAll(ComputeJvm.OPTIONS);
        cmd.addAll(List.of("-Dmodelworkbench.dataDir=" + launch.dataDir(), "-cp", launch.classPath(), MAIN_CLASS,
                "profile", designFile.toString(), "--measure", "--json",
                "--batch", Integer.toString(request.batch()),
                "--batches", request.batches().stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--repeats", Integer.toString(request.repeats()), "--warmup", Integer.toString(request.warmup())));
        if (request.input() != null) {
            cmd.add("--input");
            cmd.add(request.input().toAscii());
        }
        return cmd;
    }

    /** Runs the child to its end (or until {@link #cancel}); never throws. */
    public Outcome run(Request request, Listener listener) {
        Path folder = null;
        long start = System.nanoTime();
        try {
            folder = Files.createTempDirectory(launch.tempDir(), "workbench-measure");
            Path file = folder.resolve("design.json");
            ProjectFiles.write(request.design(), file);
            return runChild(command(request, file), listener, start);
        } catch (ProjectFileException | IOException e) {
            return new Outcome.Failed("The design could not be handed to the measuring process: " + e.getMessage());
        } finally {
            deleteQuietly(folder);
        }
    }

    private Outcome runChild(List<String> command, Listener listener, long start) {
        ProcessBuilder pb = new ProcessBuilder(command);
        launch.environment().forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p;
        synchronized (this) {
            if (cancelled) {
                return new Outcome.Cancelled();
            }
            try {
                p = pb.start();
            } catch (IOException e) {
                return new Outcome.Failed("The measuring process could not start (" + launch.java() + "): "
                        + e.getMessage());
            }
            process = p;
        }
        Thread hook = new Thread(() -> kill(p), "measure-child-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            p.getOutputStream().close();
            // Standard output on a thread of its own (not a shared pool, which may have a single worker).
            CompletableFuture<String> out = new CompletableFuture<>();
            Thread reader = new Thread(() -> out.complete(readAll(p.getInputStream())), "measure-child-stdout");
            reader.setDaemon(true);
            reader.start();
            Deque<String> tail = new ArrayDeque<>();
            readErrors(p.getErrorStream(), listener, tail);
            int code = p.waitFor();
            String json = out.join();
            if (cancelled) {
                return new Outcome.Cancelled();
            }
            if (code != 0) {
                return new Outcome.Failed(failure(code, tail));
            }
            try {
                return new Outcome.Measured(ProfileJson.read(json), (System.nanoTime() - start) / 1e9);
            } catch (IOException e) {
                return new Outcome.Failed("The measuring process answered something that is not a measured profile: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(p);
            return new Outcome.Cancelled();
        } catch (IOException e) {
            // Killing the child closes its streams under the reader.
            return cancelled ? new Outcome.Cancelled()
                    : new Outcome.Failed("Reading the measuring process failed: " + e.getMessage());
        } finally {
            kill(p);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /** Kills the child (and anything it started); the running {@link #run} returns Cancelled. */
    public void cancel() {
        Process p;
        synchronized (this) {
            cancelled = true;
            p = process;
        }
        if (p != null) {
            kill(p);
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    private static void kill(Process p) {
        if (p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static void readErrors(InputStream err, Listener listener, Deque<String> tail) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher m = PROGRESS.matcher(line);
                if (m.matches()) {
                    listener.progress(Math.min(100, Integer.parseInt(m.group(1))) / 100.0, m.group(2));
                } else if (!line.isBlank() && !line.startsWith("SLF4J")) {
                    tail.addLast(line);
                    if (tail.size() > TAIL) {
                        tail.removeFirst();
                    }
                }
            }
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A person's sentence for a child that ended with {@code code}: its own error line if it wrote one. */
    static String failure(int code, Deque<String> tail) {
        for (var it = tail.descendingIterator(); it.hasNext(); ) {
            String line = it.next();
            if (line.startsWith("error: ")) {
                String m = line.substring("error: ".length());
                return "Measuring failed: " + m;
            }
        }
        String why = switch (code) {
            case 134 -> "the engine aborted (exit code 134)";
            case 137 -> "the process was killed, probably for lack of memory (exit code 137)";
            case 139 -> "the engine crashed (exit code 139)";
            default -> "the measuring process ended with exit code " + code;
        };
        List<String> last = new ArrayList<>(tail);
        String detail = last.isEmpty() ? "" : ": " + String.join(" / ", last.subList(Math.max(0, last.size() - 3), last.size()));
        return "Measuring failed: " + why + detail;
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // nothing to delete
        }
    }
}
