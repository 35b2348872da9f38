package org.modelworkbench.app.gui.profile;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.modelworkbench.app.format.Numbers;
import org.modelworkbench.editor.lifecycle.Disposable;
import org.modelworkbench.editor.lifecycle.Subscriptions;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.profile.ProfileView;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.trainer.profile.BatchProfile;
import org.modelworkbench.trainer.profile.MeasuredProfile;

/**
 * The profile panel's "Measure" action: runs the design in a child process ({@link MeasureProcess},
 * never in the editor's own), shows progress with a Cancel, and puts the measured columns beside the
 * static ones and a throughput table below them. A failure of the child becomes a message in the
 * panel. The measurement belongs to the design as it was: an edit afterwards marks it as out of date.
 */
public final class ProfileMeasurement implements Disposable {
    static final List<Integer> BATCH_CHOICES = List.of(1, 8, 32, 128);
    static final List<Integer> THROUGHPUT_BATCHES = List.of(1, 8, 32, 128);
    static final int REPEATS = 10;
    static final int WARMUP = 3;

    private final EditorModel model;
    private final ProfileView view;
    private final MeasureProcess.Launch launch;
    private final Subscriptions subscriptions = new Subscriptions();
    private final Button measure = new Button("Measure");
    private final Button cancel = new Button("Cancel");
    private final ChoiceBox<Integer> batch = new ChoiceBox<>();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private MeasureProcess current;
    private long measuredRevision = -1;

    /**
     * @param measurable false where measuring makes no sense (inside a composite block): the button is
     *                   then disabled and says why
     */
    public ProfileMeasurement(EditorModel model, ProfileView view, MeasureProcess.Launch launch, boolean measurable) {
        this.model = Objects.requireNonNull(model);
        this.view = Objects.requireNonNull(view);
        this.launch = Objects.requireNonNull(launch);

        batch.getItems().setAll(BATCH_CHOICES);
        batch.setValue(8);
        batch.setId("measureBatch");
        batch.setTooltip(new Tooltip("Batch size of the per-block measurements (the throughput table measures "
                + "1, 8, 32 and 128 as far as memory and time allow)"));
        Label batchLabel = new Label("Batch");
        batchLabel.setLabelFor(batch);
        batchLabel.getStyleClass().add("profile-input-label");

        measure.setId("measureProfile");
        measure.setMnemonicParsing(false);
        measure.setTooltip(new Tooltip("Run the design on the CPU (PyTorch engine, in a separate process) and "
                + "measure every block's forward and forward+backward time, throughput and peak memory"));
        if (measurable) {
            measure.disableProperty().bind(running.getReadOnlyProperty());
        } else {
            measure.setDisable(true); // a disabled button shows no tooltip: the status says why
        }
        measure.setOnAction(e -> start());

        cancel.setId("cancelMeasure");
        cancel.getStyleClass().add("flat");
        cancel.setOnAction(e -> cancelRun());
        cancel.visibleProperty().bind(running.getReadOnlyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());

        progress.setId("measureProgress");
        progress.setPrefWidth(110);
        progress.visibleProperty().bind(running.getReadOnlyProperty());
        progress.managedProperty().bind(progress.visibleProperty());

        status.setId("measureStatus");
        status.getStyleClass().add("profile-measure-status");
        status.setWrapText(true);
        status.setMaxWidth(420);
        status.setMinWidth(Region.USE_PREF_SIZE);

        HBox controls = new HBox(6, batchLabel, batch, measure, progress, cancel);
        controls.setAlignment(Pos.CENTER_RIGHT);
        VBox box = new VBox(3, controls, status);
        box.setAlignment(Pos.TOP_RIGHT);
        box.setMinWidth(Region.USE_PREF_SIZE);
        view.addShellControls(box);
        if (!measurable) {
            showStatus("Measuring runs the whole design: leave the composite block to measure", false);
        }

        subscriptions.onChange(model.analysisProperty(), (obs, old, now) -> markIfOutOfDate());
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Starts a measurement of the design as it is now (does nothing while one runs). */
    public void start() {
        if (running.get() || measure.isDisabled() || subscriptions.isDisposed()) {
            return;
        }
        AnalysisOptions options = model.optionsProperty().get();
        MeasureProcess.Request request = new MeasureProcess.Request(model.design().copy(),
                options == null ? null : options.inputOverride(), batch.getValue(), THROUGHPUT_BATCHES, REPEATS, WARMUP);
        long revision = model.design().revision();
        MeasureProcess process = new MeasureProcess(launch);
        current = process;
        running.set(true);
        progress.setProgress(0);
        showStatus("Starting the engine in a separate process…", false);
        Thread worker = new Thread(() -> {
            MeasureProcess.Outcome outcome = process.run(request, (fraction, stage) ->
                    Platform.runLater(() -> {
                        if (current == process) {
                            progress.setProgress(fraction);
                            showStatus(capitalised(stage), false);
                        }
                    }));
            Platform.runLater(() -> finish(process, outcome, revision));
        }, "profile-measure");
        worker.setDaemon(true);
        worker.start();
    }

    private void finish(MeasureProcess process, MeasureProcess.Outcome outcome, long revision) {
        if (current != process) {
            return;
        }
        current = null;
        running.set(false);
        if (subscriptions.isDisposed()) {
            return;
        }
        if (outcome instanceof MeasureProcess.Outcome.Measured m) {
            measuredRevision = revision;
            view.setMeasuredValues(MeasuredColumns.of(m.profile()));
            view.setFooter(throughput(m.profile()));
            showStatus(String.format(Locale.ROOT, "Measured in %.0f s", m.seconds()), false);
            markIfOutOfDate();
        } else if (outcome instanceof MeasureProcess.Outcome.Failed f) {
            showStatus(f.message(), true);
        } else {
            showStatus("Measurement cancelled", false);
        }
    }

    /** Kills the measuring process, if one runs. */
    public void cancelRun() {
        MeasureProcess p = current;
        if (p != null) {
            p.cancel();
        }
    }

    private void markIfOutOfDate() {
        if (measuredRevision >= 0 && model.design().revision() != measuredRevision && !running.get()) {
            showStatus("The design changed since it was measured: Measure again for current figures", false);
        }
    }

    private void showStatus(String text, boolean error) {
        status.setText(text);
        status.getStyleClass().remove("error");
        if (error) {
            status.getStyleClass().add("error");
        }
        status.setTooltip(text.isEmpty() ? null : new Tooltip(text));
    }

    /** The status line (tests read it). */
    String statusText() {
        return status.getText();
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The whole model per batch size, as a small grid. */
    static GridPane throughput(MeasuredProfile p) {
        GridPane grid = new GridPane();
        grid.setId("throughputTable");
        grid.getStyleClass().add("profile-throughput");
        grid.setHgap(18);
        grid.setVgap(2);
        String[] headers = {"Batch", "Forward", "Images/s", "Fwd+bwd", "Images/s (training)", "GMAC/s", "Peak memory"};
        for (int c = 0; c < headers.length; c++) {
            Label h = new Label(headers[c]);
            h.getStyleClass().add("profile-card-title");
            grid.add(h, c, 0);
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHalignment(HPos.RIGHT);
            grid.getColumnConstraints().add(cc);
        }
        int r = 1;
        for (BatchProfile b : p.batches()) {
            grid.add(new Label(Integer.toString(b.batch())), 0, r);
            if (!b.measured()) {
                Label skipped = new Label("skipped: " + b.skipped());
                grid.add(skipped, 1, r, headers.length - 1, 1);
                GridPane.setHalignment(skipped, HPos.LEFT);
            } else {
                grid.add(new Label(MeasuredColumns.ms(b.forward())), 1, r);
                grid.add(new Label(rate(b.forwardImagesPerSecond())), 2, r);
                grid.add(new Label(MeasuredColumns.ms(b.forwardBackward())), 3, r);
                grid.add(new Label(rate(b.trainingImagesPerSecond())), 4, r);
                grid.add(new Label(b.forwardGmacPerSecond() == null ? "—"
                        : String.format(Locale.ROOT, "%.1f", b.forwardGmacPerSecond())), 5, r);
                grid.add(new Label(b.peakRssBytes() == null ? "—" : Numbers.bytes(b.peakRssBytes())
                        + (b.stepMemoryBytes() == null ? "" : " (+" + Numbers.bytes(b.stepMemoryBytes()) + ")")), 6, r);
            }
            r++;
        }
        Tooltip.install(grid, new Tooltip("Whole model, median of " + p.repeats() + " runs. Peak memory: "
                + p.memoryMethod() + "; in brackets what the runs added."));
        return grid;
    }

    private static String rate(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }

    @Override
    public void dispose() {
        cancelRun();
        subscriptions.dispose();
    }
}
