package org.modelworkbench.app.gui.visualize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.modelworkbench.app.gui.child.ChildProcess;
import org.modelworkbench.app.gui.profile.MeasureProcess;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.ProjectFileException;
import org.modelworkbench.projects.files.ProjectFiles;
import org.modelworkbench.trainer.worker.ComputeJvm;
import org.modelworkbench.visualizers.bundle.Bundle;

/**
 * Probes a design for a visualizer in a child JVM, {@code workbench visualize KIND SOURCE --data-only},
 * and reads back the bundle it writes; the GUI process never loads libtorch (a crash ends the child).
 * Same Java, class path, data folder and allocator as the measuring child. {@link #run} blocks: call it
 * off the FX thread; {@link #cancel} kills the child from any thread. Failures come back as
 * {@link Outcome.Failed} with a sentence a person can read.
 */
public final class VisualizeProcess implements VisualizePanelModel.Prober {
    static final String MAIN_CLASS = "org.modelworkbench.app.Main";

    /**
     * What to probe.
     *
     * @param kind      the view kind
     * @param design    the design to probe (a copy), when {@code runFolder} is null
     * @param runFolder a run folder: its design snapshot with its best checkpoint
     * @param untrained fresh weights for {@code design} (ignored for a run folder)
     * @param node      the node to look at, or null for the view's default
     * @param images    how many test images, 0 for the view's default
     * @param image     the test-set index of the first image, or null for the first test images
     * @param options   the view's own options the probe needs (key → value)
     * @param compare   a second source probed on the same images, shown side by side: a run folder, or
     *                  "untrained" for the same design with fresh weights; null for none
     */
    public record Request(String kind, Design design, Path runFolder, boolean untrained, String node, int images,
                          Integer image, Map<String, String> options, String compare) {
        public Request {
            Objects.requireNonNull(kind);
            if (design == null && runFolder == null) {
                throw new IllegalArgumentException("a design or a run folder to probe");
            }
            options = Map.copyOf(options);
        }

        public Request(String kind, Design design, Path runFolder, boolean untrained, String node, int images,
                       Integer image, Map<String, String> options) {
            this(kind, design, runFolder, untrained, node, images, image, options, null);
        }
    }

    /** How a probe ended. */
    public sealed interface Outcome {
        /** @param compare the second source's bundle, or null */
        record Probed(Bundle bundle, Bundle compare, List<String> notes, double seconds) implements Outcome {
        }

        record Failed(String message) implements Outcome {
        }

        record Cancelled() implements Outcome {
        }
    }

    private final MeasureProcess.Launch launch;
    private final ChildProcess child = new ChildProcess("visualizing");

    public VisualizeProcess(MeasureProcess.Launch launch) {
        this.launch = Objects.requireNonNull(launch);
    }

    /** The child's command line: the source is the run folder or {@code designFile}. */
    List<String> command(Request r, Path designFile, Path out) {
        List<String> cmd = new ArrayList<>(List.of(launch.java().toString(), "-Dai.djl.offline=true"));
        cmd.addAll(ComputeJvm.OPTIONS);
        cmd.addAll(List.of("-Dmodelworkbench.dataDir=" + launch.dataDir(), "-cp", launch.classPath(), MAIN_CLASS,
                "visualize", r.kind(), r.runFolder() != null ? r.runFolder().toString() : designFile.toString(),
                "--data-only", "--out", out.toString()));
        if (r.runFolder() == null) {
            cmd.add("--untrained"); // a design handed over as a file has no runs beside it
        }
        if (r.node() != null) {
            cmd.addAll(List.of("--node", r.node()));
        }
        if (r.images() > 0) {
            cmd.addAll(List.of("--images", Integer.toString(r.images())));
        }
        if (r.image() != null) {
            cmd.addAll(List.of("--image", Integer.toString(r.image())));
        }
        r.options().forEach((k, v) -> cmd.addAll(List.of("--option", k + "=" + v)));
        if (r.compare() != null) {
            cmd.addAll(List.of("--compare", r.compare()));
        }
        return cmd;
    }

    /** Runs the child to its end (or until {@link #cancel}); never throws. */
    @Override
    public Outcome run(Request request, ChildProcess.Listener listener) {
        Path folder = null;
        long start = System.nanoTime();
        try {
            folder = Files.createTempDirectory(launch.tempDir(), "workbench-visualize");
            Path file = folder.resolve("design.json");
            if (request.design() != null) {
                ProjectFiles.write(request.design(), file);
            }
            Path out = folder.resolve("bundle");
            ChildProcess.Result r;
            try {
                r = child.run(command(request, file, out), launch.environment(), listener);
            } catch (IOException e) {
                return child.isCancelled() ? new Outcome.Cancelled()
                        : new Outcome.Failed("The visualizer's process could not start (" + launch.java() + "): " + e.getMessage());
            }
            if (r.cancelled()) {
                return new Outcome.Cancelled();
            }
            if (r.exitCode() != 0) {
                return new Outcome.Failed(ChildProcess.failure("The probe failed", "visualizer's process", r.exitCode(), r.tail()));
            }
            List<String> notes = r.tail().stream().filter(l -> l.startsWith("note: ")).map(l -> l.substring(6)).toList();
            Bundle compare = request.compare() == null ? null : Bundle.read(out.resolve("compare"));
            return new Outcome.Probed(Bundle.read(out), compare, notes, (System.nanoTime() - start) / 1e9);
        } catch (ProjectFileException | IOException e) {
            return new Outcome.Failed("The visualizer's data could not be passed between the processes: " + e.getMessage());
        } finally {
            ChildProcess.deleteQuietly(folder);
        }
    }

    @Override
    public void cancel() {
        child.cancel();
    }
}
