package org.modelworkbench.app.gui.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.modelworkbench.app.gui.child.ChildProcess;
import org.modelworkbench.app.gui.profile.MeasureProcess;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.ProjectFileException;
import org.modelworkbench.projects.files.ProjectFiles;
import org.modelworkbench.trainer.worker.ComputeJvm;

/**
 * Exports a design to PyTorch and imports a PyTorch run back, each in a child JVM running the CLI
 * ({@code workbench export pytorch}, {@code workbench import pytorch}): both load libtorch (weights are
 * read and written through the compiled design), which never loads into the editor's process.
 * {@link #export} and {@link #importRun} block: call them off the FX thread; {@link #cancel} kills the child.
 */
public final class PyTorchProcess {
    static final String MAIN_CLASS = "org.modelworkbench.app.Main";

    /** How a child ended: its report (standard output) or a sentence saying why it failed. */
    public record Outcome(boolean ok, boolean cancelled, String text) {
    }

    private final MeasureProcess.Launch launch;
    private volatile ChildProcess child;

    public PyTorchProcess(MeasureProcess.Launch launch) {
        this.launch = Objects.requireNonNull(launch);
    }

    /**
     * Writes {@code design} as a PyTorch package into {@code out}, with the newest weights among the runs in
     * {@code runsFolder} (none when it has none), remembering that folder for the way back.
     */
    public Outcome export(Design design, Path out, Path runsFolder, ChildProcess.Listener listener) {
        Path temp = null;
        try {
            temp = Files.createTempDirectory(launch.tempDir(), "workbench-export");
            Path file = temp.resolve("design.json");
            ProjectFiles.write(design, file);
            return run("exporting", List.of("export", "pytorch", file.toString(), "--out", out.toString(), "--runs",
                    runsFolder.toString(), "--weights", "latest"), "The export failed", listener);
        } catch (IOException | ProjectFileException e) {
            return new Outcome(false, false, "The design could not be handed to the export: " + e.getMessage());
        } finally {
            ChildProcess.deleteQuietly(temp);
        }
    }

    /** Writes a recorded run (its design, recipe and best weights) as a PyTorch package into {@code out}. */
    public Outcome exportRun(Path runFolder, Path out, ChildProcess.Listener listener) {
        return run("exporting", List.of("export", "pytorch", runFolder.toString(), "--out", out.toString()),
                "The export failed", listener);
    }

    /** Imports the run folder {@code run} (written by an exported train.py) into {@code runsFolder}. */
    public Outcome importRun(Path run, Path runsFolder, ChildProcess.Listener listener) {
        return run("importing", List.of("import", "pytorch", run.toString(), "--runs", runsFolder.toString()),
                "The import failed", listener);
    }

    private Outcome run(String verb, List<String> arguments, String what, ChildProcess.Listener listener) {
        List<String> cmd = new ArrayList<>(List.of(launch.java().toString(), "-Dai.djl.offline=true"));
        cmd.addAll(ComputeJvm.OPTIONS);
        cmd.addAll(List.of("-Dmodelworkbench.dataDir=" + launch.dataDir(), "-cp", launch.classPath(), MAIN_CLASS));
        cmd.addAll(arguments);
        ChildProcess process = new ChildProcess(verb);
        child = process;
        try {
            ChildProcess.Result r = process.run(cmd, launch.environment(), listener);
            if (r.cancelled()) {
                return new Outcome(false, true, "Cancelled");
            }
            if (r.exitCode() != 0) {
                return new Outcome(false, false, ChildProcess.failure(what, verb.replace("ing", "") + " process",
                        r.exitCode(), r.tail()));
            }
            return new Outcome(true, false, r.stdout().strip());
        } catch (IOException e) {
            return new Outcome(false, false, what + ": its process could not start (" + launch.java() + "): "
                    + e.getMessage());
        }
    }

    public void cancel() {
        ChildProcess c = child;
        if (c != null) {
            c.cancel();
        }
    }
}
