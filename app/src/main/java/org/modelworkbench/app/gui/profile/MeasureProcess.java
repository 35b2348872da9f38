package org.modelworkbench.app.gui.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.modelworkbench.app.folders.AppFolders;
import org.modelworkbench.app.gui.child.ChildProcess;
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
            return current(AppFolders.standard().data());
        }

        /** This JVM's java and class path with the data folder {@code dataDir}; tcmalloc preloaded where the system has it. */
        public static Launch current(Path dataDir) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Map<String, String> env = new HashMap<>();
            env.put("LD_PRELOAD", preload(System.getenv("LD_PRELOAD"), Files.isReadable(TCMALLOC)));
            return new Launch(java, System.getProperty("java.class.path"), dataDir,
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
    private final ChildProcess child = new ChildProcess("measuring");

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
            ChildProcess.deleteQuietly(folder);
        }
    }

    private Outcome runChild(List<String> command, Listener listener, long start) {
        ChildProcess.Result r;
        try {
            r = child.run(command, launch.environment(), listener::progress);
        } catch (IOException e) {
            return child.isCancelled() ? new Outcome.Cancelled()
                    : new Outcome.Failed("The measuring process could not start (" + launch.java() + "): " + e.getMessage());
        }
        if (r.cancelled()) {
            return new Outcome.Cancelled();
        }
        if (r.exitCode() != 0) {
            return new Outcome.Failed(ChildProcess.failure("Measuring failed", "measuring process", r.exitCode(), r.tail()));
        }
        try {
            return new Outcome.Measured(ProfileJson.read(r.stdout()), (System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            return new Outcome.Failed("The measuring process answered something that is not a measured profile: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Kills the child (and anything it started); the running {@link #run} returns Cancelled. */
    public void cancel() {
        child.cancel();
    }

    public boolean isCancelled() {
        return child.isCancelled();
    }
}
