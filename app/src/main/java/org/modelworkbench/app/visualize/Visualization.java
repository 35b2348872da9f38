package org.modelworkbench.app.visualize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.modelworkbench.app.cli.DesignSource;
import org.modelworkbench.app.folders.DataFolder;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.ProjectFileException;
import org.modelworkbench.trainer.data.DatasetException;
import org.modelworkbench.trainer.data.DatasetLocator;
import org.modelworkbench.trainer.engine.DjlRuntime;
import org.modelworkbench.trainer.probe.ImageSelection;
import org.modelworkbench.trainer.probe.ProbeException;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.trainer.runs.RunStore;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.io.Csv;
import org.modelworkbench.visualizers.render.Composite;
import org.modelworkbench.visualizers.render.Png;
import org.modelworkbench.visualizers.render.Theme;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.View;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.Views;

/**
 * One visualization from source to files: opens the model with its weights, picks the test images,
 * lets the view's {@link BundleMaker} probe it, writes the bundle (the raw tensors) and, unless only the
 * data is wanted, the view's panels as PNG and CSV. With a comparison source, both are probed on the same
 * images and each panel is drawn side by side. Needs the engine (the CLI, the GUI's child process).
 */
public final class Visualization {
    /** Progress from 0 to 1 with what is happening. */
    @FunctionalInterface
    public interface Progress {
        void at(double fraction, String stage);
    }

    /** The model or its data could not be probed; the message says why, for the user. */
    public static final class Failure extends Exception {
        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The comparison source that means "the same design with fresh weights". */
    public static final String UNTRAINED = "untrained";

    private final Path dataFolder;
    private final Integer image;
    private final Progress progress;
    private final List<String> notes = new ArrayList<>();

    /**
     * @param dataFolder Fashion-MNIST's folder; null: Debian's package, else the bundled sample
     * @param image      the test image to start from (shown first); null: the first test images
     */
    public Visualization(Path dataFolder, Integer image, Progress progress) {
        this.dataFolder = dataFolder;
        this.image = image;
        this.progress = progress == null ? (f, s) -> { } : progress;
    }

    /** What the user should know about the last run (weights used, images adapted…). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Probes, writes and returns the files written (the data folder first). */
    public List<Path> run(String source, WeightsChoice weights, String compare, VisualizeRequest request,
                          ViewOptions options, Path out, boolean dataOnly) throws IOException, Failure {
        View view = Views.of(request.kind());
        List<Path> written = new ArrayList<>();
        boolean comparing = compare != null && !compare.isBlank();
        Bundle a = probe(source, weights, request, 0, comparing ? 0.5 : 1);
        Bundle b = null;
        if (comparing) {
            boolean untrained = UNTRAINED.equals(compare);
            WeightsChoice other = untrained ? WeightsChoice.untrained(weights.seed()) : WeightsChoice.latestRun(weights.seed());
            b = probe(untrained ? source : compare, other, request, 0.5, 1);
        }
        if (dataOnly) {
            a.write(out);
            written.add(out.resolve(Bundle.INDEX));
            if (b != null) {
                b.write(out.resolve("compare"));
                written.add(out.resolve("compare").resolve(Bundle.INDEX));
            }
            return written;
        }
        Files.createDirectories(out);
        a.write(out.resolve("data"));
        written.add(out.resolve("data").resolve(Bundle.INDEX));
        if (b != null) {
            b.write(out.resolve("data-compare"));
            written.add(out.resolve("data-compare").resolve(Bundle.INDEX));
        }
        progress.at(1, "drawing");
        written.addAll(writeFigures(view, a, b, options, out));
        return written;
    }

    /**
     * The panels of {@code view} for one bundle, or for two side by side, as {@code name.png} and
     * {@code name[-table].csv} (the second bundle's tables as {@code name[-table]-compare.csv}).
     */
    public static List<Path> writeFigures(View view, Bundle a, Bundle b, ViewOptions options, Path out) throws IOException {
        List<Path> written = new ArrayList<>();
        List<Panel> pa = view.render(a, options);
        List<Panel> pb = b == null ? List.of() : view.render(b, options);
        for (int i = 0; i < pa.size(); i++) {
            Panel p = pa.get(i);
            Path png = out.resolve(p.name() + ".png");
            if (b != null && i < pb.size()) {
                Composite both = Composite.row(List.of(p.figure(), pb.get(i).figure()),
                        List.of(caption(a), caption(b)), p.title(), Theme.LIGHT);
                Png.write(both, png);
                written.add(png);
                written.addAll(writeTables(pb.get(i), out, "-compare"));
            } else {
                Png.write(p.figure(), png);
                written.add(png);
            }
            written.addAll(writeTables(p, out, ""));
        }
        return written;
    }

    private static List<Path> writeTables(Panel p, Path out, String suffix) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Csv> t : p.tables().entrySet()) {
            Path csv = out.resolve(p.name() + (t.getKey().isEmpty() ? "" : "-" + t.getKey()) + suffix + ".csv");
            t.getValue().write(csv);
            written.add(csv);
        }
        return written;
    }

    private static String caption(Bundle b) {
        return b.string(CommonData.DESIGN, "?") + " — " + b.string(CommonData.WEIGHTS, "?");
    }

    /** Opens the source, runs its maker on the chosen images and returns the bundle. */
    public Bundle probe(String source, WeightsChoice weights, VisualizeRequest request, double from, double to)
            throws Failure {
        BundleMaker maker = BundleMakers.of(request.kind());
        progress.at(from, "starting the engine");
        try {
            DjlRuntime.start(DataFolder.standard().djlCache());
        } catch (RuntimeException | LinkageError e) {
            throw new Failure("the PyTorch engine could not start: " + e.getMessage(), e);
        }
        progress.at(from + 0.1 * (to - from), "opening " + source);
        try (ProbeModel model = open(source, weights)) {
            notes.add(model.design().name() + ": " + model.weightsSource());
            int count = request.images() > 0 ? request.images() : maker.defaultImages();
            ImageSelection selection;
            if (image != null) {
                int[] indices = new int[count];
                for (int i = 0; i < count; i++) {
                    indices[i] = image + i;
                }
                selection = ImageSelection.indices(indices);
            } else {
                selection = maker.selection(count);
            }
            progress.at(from + 0.2 * (to - from), "reading the test images");
            ProbeImages images = ProbeImages.fashionMnist(new DatasetLocator(), dataFolder, selection, model);
            notes.addAll(images.notes());
            Bundle.Builder bundle = Bundle.builder(request.kind());
            CommonData.add(bundle, model, images);
            progress.at(from + 0.3 * (to - from), "probing " + model.design().name());
            maker.make(model, images, request.withDataFolder(dataFolder).withOpener(other -> {
                try {
                    return open(other, WeightsChoice.latestRun(weights.seed()));
                } catch (Failure f) {
                    throw new ProbeException(f.getMessage(), f);
                }
            }), bundle);
            progress.at(to, "probed " + model.design().name());
            return bundle.build();
        } catch (ProbeException e) {
            throw new Failure(e.getMessage(), e);
        } catch (DatasetException e) {
            throw new Failure(e.getMessage(), e);
        }
    }

    private ProbeModel open(String source, WeightsChoice weights) throws ProbeException, Failure {
        Path path = Path.of(source);
        if (Files.isDirectory(path) && Files.isRegularFile(path.resolve(RunStore.DESIGN_FILE))) {
            if (weights.kind() == WeightsChoice.Kind.UNTRAINED) {
                try {
                    Design d = org.modelworkbench.projects.files.ProjectFiles.read(path.resolve(RunStore.DESIGN_FILE));
                    return ProbeModel.untrained(d, weights.seed());
                } catch (ProjectFileException e) {
                    throw new Failure(e.getMessage(), e);
                }
            }
            return ProbeModel.fromRun(path);
        }
        Design design;
        try {
            design = DesignSource.load(source);
        } catch (ProjectFileException e) {
            throw new Failure(e.getMessage(), e);
        }
        return switch (weights.kind()) {
            case CHECKPOINT -> ProbeModel.fromCheckpoint(design, weights.checkpoint());
            case UNTRAINED -> ProbeModel.untrained(design, weights.seed());
            case LATEST_RUN -> {
                Path run = latestRun(source, design);
                if (run == null) {
                    notes.add("no run of '" + design.name() + "' kept a checkpoint: fresh weights (seed " + weights.seed()
                            + "); train it first (workbench train " + source + ") to see a trained model");
                    yield ProbeModel.untrained(design, weights.seed());
                }
                yield ProbeModel.fromRun(run);
            }
        };
    }

    /** The newest run of exactly this design (same hash) that kept a checkpoint, or null. */
    static Path latestRun(String source, Design design) {
        Path folder = DesignSource.file(source).map(RunStore::runsFolderFor).orElse(DataFolder.standard().runsOf(source));
        return new RunStore(folder).newestWithCheckpoint(RunStore.designHash(design)).orElse(null);
    }
}
