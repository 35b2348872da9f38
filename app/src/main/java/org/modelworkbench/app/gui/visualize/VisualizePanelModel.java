package org.modelworkbench.app.gui.visualize;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.modelworkbench.app.gui.training.RunsFolders;
import org.modelworkbench.app.gui.training.TrainingTarget;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.runs.RunStore;
import org.modelworkbench.trainer.runs.RunSummary;
import org.modelworkbench.trainer.train.Checkpoints;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.io.Csv;
import org.modelworkbench.visualizers.render.Png;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.View;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.Views;

/**
 * The visualizer panel's state, testable without a window: which view of which node of the open
 * design, with which weights (a run of it, or fresh ones); probing in a child process
 * ({@link VisualizeProcess}) with progress and cancel; then the view's panels drawn from the probe's
 * bundle on a background thread whenever an option changes (the newest request wins, older results
 * are dropped). Clicking a figure either picks a query (the view redraws) or a node (the editor
 * selects it). All properties change on the FX thread.
 */
public final class VisualizePanelModel {
    /** Which weights to probe with. */
    public sealed interface Weights {
        /** The newest run of exactly this design (same hash) that kept a checkpoint; untrained when there is none. */
        record Latest() implements Weights {
            @Override
            public String toString() {
                return "Newest run of this design";
            }
        }

        /** No second model (the compare choice only). */
        record None() implements Weights {
            @Override
            public String toString() {
                return "Nothing";
            }
        }

        record Untrained() implements Weights {
            @Override
            public String toString() {
                return "Untrained (fresh weights)";
            }
        }

        /** A run of the document's runs folder: its own design snapshot and best checkpoint. */
        record Run(Path folder, RunSummary summary) implements Weights {
            @Override
            public String toString() {
                String acc = Double.isNaN(summary.testAccuracy()) ? summary.status()
                        : String.format(java.util.Locale.ROOT, "%.2f %%", 100 * summary.testAccuracy());
                return "Run " + summary.runId() + " (" + acc + ")";
            }
        }
    }

    /** What probes a design: the child process in the app, a stand-in in tests. */
    public interface Prober {
        /** Blocks until the probe ends; never throws. */
        VisualizeProcess.Outcome run(VisualizeProcess.Request request, org.modelworkbench.app.gui.child.ChildProcess.Listener listener);

        /** Ends a running probe from any thread. */
        void cancel();
    }

    /** One drawn panel: the view's panel and its pixels. */
    public record Drawn(Panel panel, BufferedImage image) {
    }

    private final Prober process;
    private final RunsFolders runsFolders;
    private final Executor background;
    private final Executor ui;
    private final ObjectProperty<TrainingTarget> target = new SimpleObjectProperty<>(this, "target");
    private final StringProperty kind = new SimpleStringProperty(this, "kind");
    private final StringProperty node = new SimpleStringProperty(this, "node");
    private final ObjectProperty<Weights> weights = new SimpleObjectProperty<>(this, "weights", new Weights.Latest());
    private final ObservableList<Weights> weightChoices = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> images = new SimpleObjectProperty<>(this, "images", 0);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<Bundle> bundle = new ReadOnlyObjectWrapper<>(this, "bundle");
    private final ReadOnlyObjectWrapper<Bundle> compareBundle = new ReadOnlyObjectWrapper<>(this, "compareBundle");
    private final ObjectProperty<Weights> compare = new SimpleObjectProperty<>(this, "compare", new Weights.None());
    private final ObservableList<Weights> compareChoices = FXCollections.observableArrayList();
    private final ObjectProperty<ViewOptions> options = new SimpleObjectProperty<>(this, "options", ViewOptions.defaults());
    private final ObservableList<Drawn> drawn = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final BooleanProperty drawing = new SimpleBooleanProperty(this, "drawing");
    private final DoubleProperty lastSeconds = new SimpleDoubleProperty(this, "lastSeconds");
    private final AtomicLong generation = new AtomicLong();
    private Consumer<String> onSelectNode = id -> { };
    /** True while a probe's result replaces the bundle and options together (one drawing, no stale mix). */
    private boolean replacing;
    /** The newest reading of the runs; older answers are dropped. */
    private long choicesToken;

    /**
     * @param background where probes and drawings run (off the FX thread)
     * @param ui         where their results are applied ({@code Platform::runLater} in the app)
     */
    public VisualizePanelModel(Prober process, RunsFolders runsFolders, Executor background, Executor ui) {
        this.process = Objects.requireNonNull(process);
        this.runsFolders = Objects.requireNonNull(runsFolders);
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
        kind.set(Views.kinds().isEmpty() ? null : Views.kinds().get(0));
        target.addListener((o, was, now) -> refreshWeightChoices());
        options.addListener((o, was, now) -> {
            if (!replacing) {
                redraw();
            }
        });
    }

    // ----- properties

    public ObjectProperty<TrainingTarget> targetProperty() {
        return target;
    }

    public StringProperty kindProperty() {
        return kind;
    }

    /** The node to probe; null: the view's default. */
    public StringProperty nodeProperty() {
        return node;
    }

    public ObjectProperty<Weights> weightsProperty() {
        return weights;
    }

    /** Latest, untrained, then every run of the document's runs folder, newest first. */
    public ObservableList<Weights> weightChoices() {
        return weightChoices;
    }

    /** How many test images to probe; 0: the view's default. */
    public ObjectProperty<Integer> imagesProperty() {
        return images;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What went wrong with the last probe or drawing, in words; empty when nothing. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Bundle> bundleProperty() {
        return bundle.getReadOnlyProperty();
    }

    /** The second model's bundle when comparing, else null. */
    public ReadOnlyObjectProperty<Bundle> compareBundleProperty() {
        return compareBundle.getReadOnlyProperty();
    }

    /** What to show beside the probed model: nothing, the same design untrained, or a run. */
    public ObjectProperty<Weights> compareProperty() {
        return compare;
    }

    /** Nothing, untrained, then every run with a checkpoint. */
    public ObservableList<Weights> compareChoices() {
        return compareChoices;
    }

    public ObjectProperty<ViewOptions> optionsProperty() {
        return options;
    }

    public ObservableList<Drawn> drawn() {
        return drawn;
    }

    /** What the probe said about the weights and images used. */
    public ObservableList<String> notes() {
        return notes;
    }

    public BooleanProperty drawingProperty() {
        return drawing;
    }

    /** The view of the current kind. */
    public View view() {
        return Views.of(kind.get());
    }

    /** Where a click on a figure that names a node goes (the editor selects it). */
    public void setOnSelectNode(Consumer<String> c) {
        onSelectNode = c == null ? id -> { } : c;
    }

    // ----- actions

    /** Sets the view and node and probes: what the node's context menu does. */
    public void open(String viewKind, String nodeId) {
        kind.set(viewKind);
        node.set(nodeId);
        probe();
    }

    /** Re-reads the runs of the target's design off the FX thread (the list follows when they are read). */
    public void refreshWeightChoices() {
        TrainingTarget t = target.get();
        long token = ++choicesToken;
        if (t == null) {
            applyChoices(List.of());
            return;
        }
        Path folder = runsFolders.forDesign(t.file(), t.templateId(), t.name());
        background.execute(() -> {
            List<Weights> runs = new ArrayList<>();
            RunStore store = new RunStore(folder);
            try {
                for (RunSummary s : store.list()) {
                    Path dir = store.runFolder(s.runId());
                    if (Checkpoints.exist(dir)) {
                        runs.add(new Weights.Run(dir, s));
                    }
                }
            } catch (IOException e) {
                // an unreadable runs folder offers no runs; the other choices still work
            }
            ui.execute(() -> {
                if (token == choicesToken) {
                    applyChoices(runs);
                }
            });
        });
    }

    private void applyChoices(List<Weights> runs) {
        List<Weights> list = new ArrayList<>(List.of(new Weights.Latest(), new Weights.Untrained()));
        list.addAll(runs);
        if (!list.equals(weightChoices)) {
            Weights chosen = weights.get();
            weightChoices.setAll(list);
            weights.set(list.contains(chosen) ? chosen : list.get(0));
        }
        List<Weights> others = new ArrayList<>(list);
        others.set(0, new Weights.None());
        if (!others.equals(compareChoices)) {
            Weights compared = compare.get();
            compareChoices.setAll(others);
            compare.set(others.contains(compared) ? compared : others.get(0));
        }
    }

    /** Probes the target in a child process; the view is drawn when it answers. */
    public void probe() {
        TrainingTarget t = target.get();
        if (running.get()) {
            return;
        }
        if (t == null) {
            error.set("Open a design to visualize.");
            return;
        }
        String k = kind.get();
        Design design = t.design().copy();
        Path run = runFolder(t, design);
        boolean fresh = run == null;
        VisualizeProcess.Request request = new VisualizeProcess.Request(k, fresh ? design : null, run, fresh,
                node.get(), images.get() == null ? 0 : images.get(), null, Map.of(), compareSource());
        running.set(true);
        error.set("");
        progress.set(-1);
        status.set("Starting the probe…");
        background.execute(() -> {
            VisualizeProcess.Outcome outcome = process.run(request, (f, stage) -> ui.execute(() -> {
                progress.set(f);
                status.set(stage);
            }));
            ui.execute(() -> finished(outcome, k, fresh));
        });
    }

    public void cancel() {
        process.cancel();
    }

    /** What a click at figure pixel (x, y) of panel {@code index} means: a new query or a node to select. */
    public void pick(int index, double x, double y) {
        if (index < 0 || index >= drawn.size()) {
            return;
        }
        Panel p = drawn.get(index).panel();
        var query = p.picker().queryAt(x, y);
        if (query.isPresent()) {
            options.set(options.get().withQuery(query.get().row(), query.get().col()));
            return;
        }
        p.picker().nodeAt(x, y).ifPresent(onSelectNode);
    }

    /** Follows a node selected in the editor: shows that layer if the view has it. */
    public void followSelection(String nodeId) {
        Bundle b = bundle.get();
        if (b == null || nodeId == null) {
            return;
        }
        List<String> layers = view().layers(b);
        for (String l : layers) {
            if (l.equals(nodeId) || l.startsWith(nodeId + ".")) {
                options.set(options.get().withLayer(l));
                return;
            }
        }
    }

    /** Writes panel {@code index} as PNG. */
    public void savePng(int index, Path file) throws IOException {
        Png.write(drawn.get(index).image(), file);
    }

    /** Writes panel {@code index}'s tables as CSV: the main one to {@code file}, others beside it. */
    public List<Path> saveCsv(int index, Path file) throws IOException {
        List<Path> written = new ArrayList<>();
        String stem = file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        for (Map.Entry<String, Csv> t : drawn.get(index).panel().tables().entrySet()) {
            Path f = t.getKey().isEmpty() ? file : file.resolveSibling(stem + "-" + t.getKey() + ".csv");
            t.getValue().write(f);
            written.add(f);
        }
        return written;
    }

    // ----- internals

    private Path runFolder(TrainingTarget t, Design design) {
        Weights w = weights.get();
        if (w instanceof Weights.Run r) {
            return r.folder();
        }
        if (w instanceof Weights.Untrained) {
            return null;
        }
        String hash = RunStore.designHash(design);
        for (Weights c : weightChoices) {
            if (c instanceof Weights.Run r && hash.equals(r.summary().designHash())) {
                return r.folder();
            }
        }
        return null;
    }

    /** The --compare argument for the chosen comparison, or null. */
    private String compareSource() {
        Weights c = compare.get();
        if (c instanceof Weights.Run r) {
            return r.folder().toString();
        }
        return c instanceof Weights.Untrained ? "untrained" : null;
    }

    private void finished(VisualizeProcess.Outcome outcome, String k, boolean fresh) {
        running.set(false);
        progress.set(0);
        if (outcome instanceof VisualizeProcess.Outcome.Probed p) {
            notes.setAll(p.notes());
            if (fresh && weights.get() instanceof Weights.Latest) {
                notes.add(0, "No run of this exact design kept a checkpoint: untrained weights. Train it, "
                        + "or choose a run under Weights.");
            }
            status.set(String.format(java.util.Locale.ROOT, "Probed in %.1f s", p.seconds()));
            lastSeconds.set(p.seconds());
            ViewOptions o = ViewOptions.defaults().withOpacity(options.get().opacity());
            // The layer the probe chose (the block asked for, or the view's default), shown as the choice.
            String probed = p.bundle().string("node", null);
            if (probed != null && Views.of(p.bundle().kind()).layers(p.bundle()).contains(probed)) {
                o = o.withLayer(probed);
            }
            // Options first, then the bundle: the controls rebuilt for the new bundle must never see the
            // old bundle's layer.
            replacing = true;
            try {
                options.set(o);
                kind.set(k);
                compareBundle.set(p.compare());
                bundle.set(p.bundle());
            } finally {
                replacing = false;
            }
            redraw();
        } else if (outcome instanceof VisualizeProcess.Outcome.Failed f) {
            status.set("");
            error.set(f.message());
        } else {
            status.set("Cancelled");
        }
    }

    /**
     * Two panels as one figure, each captioned with its design and weights; a click is asked of the panel
     * it falls in (in that panel's own pixels). The tables are the first model's.
     */
    static Panel sideBySide(Panel a, Panel b, Bundle ba, Bundle bb) {
        org.modelworkbench.visualizers.render.Composite both = org.modelworkbench.visualizers.render.Composite.row(
                List.of(a.figure(), b.figure()), List.of(caption(ba), caption(bb)), null,
                org.modelworkbench.visualizers.render.Theme.LIGHT);
        org.modelworkbench.visualizers.views.Picker picker = new org.modelworkbench.visualizers.views.Picker() {
            @Override
            public java.util.Optional<org.modelworkbench.visualizers.render.Cell> queryAt(double x, double y) {
                return both.locate(x, y).flatMap(l -> (l.panel() == 0 ? a : b).picker().queryAt(l.x(), l.y()));
            }

            @Override
            public java.util.Optional<String> nodeAt(double x, double y) {
                return both.locate(x, y).flatMap(l -> (l.panel() == 0 ? a : b).picker().nodeAt(l.x(), l.y()));
            }
        };
        return new Panel(a.name(), a.title(), both, a.tables(), a.caption(), picker);
    }

    private static String caption(Bundle b) {
        return b.string("design", "?") + " — " + b.string("weights", "?");
    }

    /** Draws the current bundle with the current options off the FX thread; the newest request wins. */
    public void redraw() {
        Bundle b = bundle.get();
        if (b == null) {
            drawn.clear();
            return;
        }
        View v = Views.of(b.kind());
        ViewOptions o = options.get();
        Bundle other = compareBundle.get();
        long g = generation.incrementAndGet();
        drawing.set(true);
        background.execute(() -> {
            List<Drawn> result = new ArrayList<>();
            String failure = null;
            try {
                List<Panel> left = v.render(b, o);
                List<Panel> right = other == null ? List.of() : v.render(other, o);
                for (int i = 0; i < left.size(); i++) {
                    Panel p = i < right.size() ? sideBySide(left.get(i), right.get(i), b, other) : left.get(i);
                    result.add(new Drawn(p, p.figure().render()));
                }
            } catch (RuntimeException e) {
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            String why = failure;
            ui.execute(() -> {
                if (g != generation.get()) {
                    return; // a newer drawing is on its way
                }
                drawing.set(false);
                if (why != null) {
                    error.set("The view could not be drawn: " + why);
                } else {
                    error.set("");
                    drawn.setAll(result);
                }
            });
        });
    }
}
