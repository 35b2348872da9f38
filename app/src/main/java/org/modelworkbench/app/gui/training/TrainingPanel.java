package org.modelworkbench.app.gui.training;

import atlantafx.base.controls.Message;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.lifecycle.Disposable;
import org.modelworkbench.editor.lifecycle.Subscriptions;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.trainer.runs.RunSummary;
import org.modelworkbench.visualizers.confusion.ConfusionMatrix;
import org.modelworkbench.visualizers.confusion.ConfusionMatrixView;
import org.modelworkbench.visualizers.curves.ChartSeries;
import org.modelworkbench.visualizers.curves.MetricChart;
import org.modelworkbench.visualizers.curves.SeriesBuffer;

/**
 * The training panel of one workspace, over the window's {@link TrainingPanelModel}: the form and
 * Train / Stop with the run's progress along the top; live loss and accuracy curves (the run
 * started here and the recorded runs ticked in the history) in the middle; at the right the runs
 * kept for the design, the confusion matrix of the run shown, and the curves of the block selected
 * on the canvas. The heat-map chooser colours the canvas's blocks by a statistic of the run's
 * latest inspection.
 *
 * <p>Built for each workspace and disposed with it: every listener it puts on the model, the
 * editor model or the canvas is removed then, and the heat-map it set is cleared.
 */
public final class TrainingPanel extends BorderPane implements Disposable {
    /** A colour per run: the run started here first, then the ticked runs in order. */
    static final List<Color> RUN_COLORS = List.of(Color.web("#0969da"), Color.web("#cf222e"), Color.web("#1a7f37"),
            Color.web("#8250df"), Color.web("#bf8700"), Color.web("#1b7c83"), Color.web("#bc4c00"), Color.web("#6e7781"));

    /** Material Design glyphs (Apache License 2.0), coloured by the app's {@code .app-icon} rule. */
    private static final String PLAY = "M8 5v14l11-7z";
    private static final String STOP = "M6 6h12v12H6z";
    /** Material's "filter_none": two stacked sheets, for overlaying a run. */
    private static final String OVERLAY = "M3 5H1v16c0 1.1.9 2 2 2h16v-2H3V5zm18-4H7c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h14c1.1"
            + " 0 2-.9 2-2V3c0-1.1-.9-2-2-2zm0 16H7V3h14v14z";

    /** The width the side tabs (settings, runs, confusion matrix, block) start with. */
    private static final double SIDE_WIDTH = 340;

    private final TrainingPanelModel model;
    private final Object document;
    private final EditorModel editorModel;
    private final GraphCanvas canvas;
    private final boolean documentLevel;
    private final Subscriptions subscriptions = new Subscriptions();

    private final MetricChart lossChart = new MetricChart("Loss");
    private final MetricChart accuracyChart = new MetricChart("Accuracy");
    private final MetricChart blockChart = new MetricChart("Block statistics");
    private final Label blockTitle = new Label();
    private final ConfusionMatrixView confusionView = new ConfusionMatrixView();
    private final Label confusionSummary = new Label();
    private final TableView<HistoryRow> historyTable = new TableView<>();
    private final TabPane tabs = new TabPane();
    private final Tab settingsTab = new Tab("Settings");
    private final Tab runsTab = new Tab("Runs");
    private final Tab confusionTab = new Tab("Confusion");
    private final Tab blockTab = new Tab("Block");
    private final ToggleButton xSteps = new ToggleButton("Steps");
    private final ToggleButton xEpochs = new ToggleButton("Epochs");
    private final Button trainButton = new Button("Train");
    private final Button stopButton = new Button("Stop");
    private boolean overlaySet;
    private String inspectedNode;

    /**
     * @param model         the window's training model
     * @param document      the document the workspace shows (the heat-map of a run is drawn only on
     *                      the canvas of the document it trained)
     * @param editorModel   the model the workspace shows (its selection picks the block whose curves are shown)
     * @param canvas        the workspace's canvas, whose blocks the heat-map colours
     * @param documentLevel the workspace shows the document's own design, not a composite's inside
     *                      (whose node ids are not the run's)
     */
    public TrainingPanel(TrainingPanelModel model, Object document, EditorModel editorModel, GraphCanvas canvas,
                         boolean documentLevel) {
        this.model = Objects.requireNonNull(model);
        this.document = document;
        this.editorModel = editorModel;
        this.canvas = canvas;
        this.documentLevel = documentLevel;
        setId("training-panel");
        getStyleClass().add("training-panel");

        setTop(new VBox(banner(), header()));
        SplitPane split = new SplitPane(charts(), sideTabs());
        split.setId("training-split");
        SplitPane.setResizableWithParent(split.getItems().get(1), false);
        // The side tabs keep their width; the curves take what is left.
        subscriptions.onChange(split.widthProperty(), (o, was, w) -> {
            if (was.doubleValue() <= 0 && w.doubleValue() > 0) {
                split.setDividerPositions(Math.max(0.45, 1 - SIDE_WIDTH / w.doubleValue()));
            }
        });
        setCenter(split);

        followCharts();
        followOverlay();
        followSelection();
        followResults();
    }

    // ------------------------------------------------------------------ top: failure banner, Train / Stop, progress

    private Node banner() {
        Message message = new Message();
        message.setId("training-failure");
        message.getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
        bind(message.titleProperty(), model.failureTitleProperty());
        bind(message.descriptionProperty(), model.failureTextProperty());
        bind(message.visibleProperty(), model.failureTitleProperty().isNotEmpty());
        bind(message.managedProperty(), model.failureTitleProperty().isNotEmpty());
        message.setOnClose(e -> model.dismissFailure());
        VBox.setMargin(message, new Insets(6, 8, 0, 8));
        return message;
    }

    private Node header() {
        trainButton.setId("training-train");
        trainButton.setGraphic(icon(PLAY, 12));
        trainButton.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
        trainButton.setTooltip(new Tooltip("Train the open design with these settings"));
        trainButton.setOnAction(e -> model.train());
        trainButton.setMinWidth(Region.USE_PREF_SIZE);
        bind(trainButton.disableProperty(), model.canTrainBinding().not());

        stopButton.setId("training-stop");
        stopButton.setGraphic(icon(STOP, 10));
        stopButton.setTooltip(new Tooltip("Stop the run (it keeps what it saved)"));
        stopButton.setOnAction(e -> model.stop());
        stopButton.setMinWidth(Region.USE_PREF_SIZE);
        bind(stopButton.disableProperty(), model.runningProperty().not()
                .or(model.stateProperty().isEqualTo(TrainingPanelModel.State.STOPPING)));

        ProgressBar bar = new ProgressBar();
        bar.setId("training-progress");
        bar.setPrefWidth(160);
        bar.setMinWidth(120);
        bind(bar.progressProperty(), model.progressProperty());
        // Nothing to show before the first run.
        bind(bar.visibleProperty(), model.liveProperty().isNotNull());
        Label text = new Label();
        text.setId("training-progress-text");
        text.getStyleClass().add("training-progress-text");
        text.setMinWidth(0);
        // Two lines where the panel is narrow: the step, then speed and time left.
        text.setWrapText(true);
        text.setMaxHeight(Double.MAX_VALUE);
        bind(text.textProperty(), model.progressTextProperty().map(t -> t.isEmpty() ? "Not trained yet" : t));
        // The run's own words (the dataset, the mode it chose and why) on hovering the progress.
        Tooltip log = new Tooltip();
        log.setId("training-log");
        log.setWrapText(true);
        log.setMaxWidth(420);
        bind(log.textProperty(), model.logTextProperty().map(t -> t.isEmpty() ? "No run yet" : t));
        text.setTooltip(log);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);

        ComboBox<InspectionStatistic> statistic = new ComboBox<>();
        statistic.setId("training-statistic");
        statistic.getItems().setAll(InspectionStatistic.values());
        statistic.setTooltip(new Tooltip("Colour the blocks on the canvas by a statistic of the latest inspection"));
        statistic.setPrefWidth(170);
        statistic.setMinWidth(Region.USE_PREF_SIZE);
        link(statistic.valueProperty(), model.statisticProperty());
        Label heat = new Label("Heat map");
        heat.setLabelFor(statistic);
        heat.setMinWidth(Region.USE_PREF_SIZE);

        HBox bar2 = new HBox(8, trainButton, stopButton, new Separator(Orientation.VERTICAL), bar, text, heat, statistic);
        bar2.setId("training-header");
        bar2.getStyleClass().add("training-header");
        bar2.setAlignment(Pos.CENTER_LEFT);
        bar2.setPadding(new Insets(6, 8, 6, 8));
        return bar2;
    }

    // ------------------------------------------------------------------ left: the form

    private Node form() {
        GridPane grid = new GridPane();
        grid.setId("training-form");
        grid.getStyleClass().add("training-form");
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(8, 10, 8, 10));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        fields.setMinWidth(90);
        grid.getColumnConstraints().setAll(labels, fields);

        ComboBox<DatasetChoice> dataset = new ComboBox<>();
        dataset.setId("training-dataset");
        dataset.getItems().setAll(DatasetChoice.values());
        link(dataset.valueProperty(), model.datasetProperty());

        TextField folder = new TextField();
        folder.setId("training-data-folder");
        link(folder.textProperty(), model.dataFolderProperty());
        bind(folder.promptTextProperty(), model.datasetProperty().map(DatasetChoice::folderPrompt));
        Tooltip folderTip = new Tooltip();
        folderTip.setWrapText(true);
        folderTip.setMaxWidth(320);
        bind(folderTip.textProperty(), model.datasetProperty().map(DatasetChoice::folderHint));
        folder.setTooltip(folderTip);
        Button choose = new Button("…");
        choose.setId("training-choose-folder");
        choose.setTooltip(new Tooltip("Choose the dataset's folder"));
        choose.setMinWidth(Region.USE_PREF_SIZE);
        choose.setOnAction(e -> {
            String now = model.dataFolderProperty().get();
            Path initial = now == null || now.isBlank() ? null : Path.of(now.strip());
            model.folderPickerProperty().get().pick(getScene() == null ? null : getScene().getWindow(),
                    "Dataset folder", initial).ifPresent(p -> model.dataFolderProperty().set(p.toString()));
        });
        HBox folderRow = new HBox(4, folder, choose);
        HBox.setHgrow(folder, Priority.ALWAYS);

        Spinner<Integer> epochs = new Spinner<>(1, 10_000, 10);
        epochs.setId("training-epochs");
        epochs.setEditable(true);
        link(epochs.getValueFactory().valueProperty(), model.epochsProperty(), Number::intValue, v -> v);
        Spinner<Integer> batch = new Spinner<>(1, 8192, 128, 16);
        batch.setId("training-batch");
        batch.setEditable(true);
        link(batch.getValueFactory().valueProperty(), model.batchSizeProperty(), Number::intValue, v -> v);

        ComboBox<String> optimizer = choice("training-optimizer", TrainingPanelModel.OPTIMIZERS,
                o -> "sgd".equals(o) ? "SGD (Nesterov)" : "AdamW");
        link(optimizer.valueProperty(), model.optimizerProperty());

        TextField lr = new TextField();
        lr.setId("training-learning-rate");
        TextFormatter<Double> lrFormat = new TextFormatter<>(new NumberText(), model.learningRateProperty().get());
        lr.setTextFormatter(lrFormat);
        link(lrFormat.valueProperty(), model.learningRateProperty(), Number::doubleValue, v -> v);

        ComboBox<String> schedule = choice("training-schedule", TrainingPanelModel.SCHEDULES, s -> switch (s) {
            case "one-cycle" -> "One-cycle";
            case "cosine" -> "Cosine";
            default -> "Constant";
        });
        link(schedule.valueProperty(), model.scheduleProperty());

        Spinner<Double> smoothing = new Spinner<>(0.0, 0.5, 0.1, 0.05);
        smoothing.setId("training-label-smoothing");
        smoothing.setEditable(true);
        link(smoothing.getValueFactory().valueProperty(), model.labelSmoothingProperty(), Number::doubleValue, v -> v);

        ComboBox<String> mode = choice("training-mode", TrainingPanelModel.MODES, m -> switch (m) {
            case "auto" -> "Auto (measured)";
            case "fp32" -> "FP32";
            case "fp32-cl" -> "FP32 channels-last";
            default -> "BF16 autocast";
        });
        mode.setTooltip(new Tooltip("Auto measures the modes this machine runs fastest at start-up and falls back to FP32"));
        link(mode.valueProperty(), model.modeProperty());

        Label problem = new Label();
        problem.setId("training-config-problem");
        problem.getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
        problem.setWrapText(true);
        bind(problem.textProperty(), model.configProblemProperty());
        bind(problem.visibleProperty(), model.configProblemProperty().isNotEmpty());
        bind(problem.managedProperty(), model.configProblemProperty().isNotEmpty());

        int r = 0;
        row(grid, r++, "Dataset", dataset);
        row(grid, r++, "Folder", folderRow);
        row(grid, r++, "Epochs", epochs);
        row(grid, r++, "Batch", batch);
        row(grid, r++, "Optimizer", optimizer);
        row(grid, r++, "Learning rate", lr);
        row(grid, r++, "Schedule", schedule);
        row(grid, r++, "Label smoothing", smoothing);
        row(grid, r++, "Mode", mode);
        grid.add(problem, 0, r, 2, 1);

        ScrollPane scroll = new ScrollPane(grid);
        scroll.setId("training-form-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return scroll;
    }

    private static void row(GridPane grid, int row, String label, Node field) {
        Label l = new Label(label);
        l.setMinWidth(Region.USE_PREF_SIZE);
        if (field instanceof javafx.scene.control.Control c) {
            l.setLabelFor(c);
            c.setMaxWidth(Double.MAX_VALUE);
        }
        grid.add(l, 0, row);
        grid.add(field, 1, row);
    }

    private static ComboBox<String> choice(String id, List<String> values, Function<String, String> names) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String v) {
                return v == null ? "" : names.apply(v);
            }

            @Override
            public String fromString(String s) {
                return values.stream().filter(v -> names.apply(v).equals(s)).findFirst().orElse(s);
            }
        });
        return box;
    }

    /** Numbers as a person types them: "0.1", "1e-3", "0,05" (a decimal comma is read as a point). */
    private static final class NumberText extends StringConverter<Double> {
        @Override
        public String toString(Double v) {
            if (v == null) {
                return "";
            }
            return v != 0 && Math.abs(v) < 1e-3 ? String.format(Locale.ROOT, "%.0e", v).replace("e-0", "e-")
                    : String.format(Locale.ROOT, "%s", stripZeros(v));
        }

        @Override
        public Double fromString(String s) {
            return Double.valueOf(s.strip().replace(',', '.'));
        }

        private static String stripZeros(double v) {
            String s = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
            return s;
        }
    }

    // ------------------------------------------------------------------ middle: the curves

    private Node charts() {
        lossChart.setId("training-loss-chart");
        accuracyChart.setId("training-accuracy-chart");
        accuracyChart.percentProperty().set(true);
        lossChart.emptyTextProperty().set("No run yet");
        accuracyChart.emptyTextProperty().set("No run yet");
        lossChart.setMinHeight(100);
        accuracyChart.setMinHeight(100);

        ToggleGroup x = new ToggleGroup();
        xSteps.setToggleGroup(x);
        xEpochs.setToggleGroup(x);
        xSteps.setId("training-x-steps");
        xEpochs.setId("training-x-epochs");
        xSteps.setSelected(true);
        xSteps.getStyleClass().addAll(atlantafx.base.theme.Styles.LEFT_PILL, atlantafx.base.theme.Styles.SMALL);
        xEpochs.getStyleClass().addAll(atlantafx.base.theme.Styles.RIGHT_PILL, atlantafx.base.theme.Styles.SMALL);
        xSteps.setTooltip(new Tooltip("Curves over training steps"));
        xEpochs.setTooltip(new Tooltip("Curves over epochs"));
        // One of the two stays pressed.
        x.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true);
            }
        });
        ToggleButton logLoss = new ToggleButton("Log loss");
        logLoss.setId("training-log-loss");
        logLoss.getStyleClass().add(atlantafx.base.theme.Styles.SMALL);
        logLoss.setTooltip(new Tooltip("Loss on a logarithmic scale"));
        lossChart.logYProperty().bind(logLoss.selectedProperty());
        Label over = new Label("Over");
        over.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
        HBox tools = new HBox(6, over, new HBox(xSteps, xEpochs), logLoss);
        tools.setAlignment(Pos.CENTER_RIGHT);

        ChartsPane pair = new ChartsPane(lossChart, accuracyChart);
        VBox box = new VBox(4, tools, pair);
        VBox.setVgrow(pair, Priority.ALWAYS);
        box.setId("training-charts");
        box.setPadding(new Insets(4, 8, 6, 8));
        box.setMinWidth(240);
        return box;
    }

    /** Two charts side by side where the area is wide, one above the other where it is not. */
    private static final class ChartsPane extends Region {
        private final MetricChart a;
        private final MetricChart b;

        ChartsPane(MetricChart a, MetricChart b) {
            this.a = a;
            this.b = b;
            getChildren().addAll(a, b);
            setMinSize(200, 200);
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth();
            double h = getHeight();
            double gap = 10;
            if (w > 1.6 * h) {
                double half = Math.floor((w - gap) / 2);
                a.resizeRelocate(0, 0, half, h);
                b.resizeRelocate(half + gap, 0, w - half - gap, h);
            } else {
                double half = Math.floor((h - gap) / 2);
                a.resizeRelocate(0, 0, w, half);
                b.resizeRelocate(0, half + gap, w, h - half - gap);
            }
        }
    }

    private void followCharts() {
        subscriptions.onInvalidated(model.liveProperty(), o -> rebuildSeries());
        subscriptions.onListChange(model.overlaid(), (ListChangeListener<RunCurves>) c -> rebuildSeries());
        subscriptions.onInvalidated(model.revisionProperty(), o -> {
            lossChart.refresh();
            accuracyChart.refresh();
            blockChart.refresh();
            updateHints();
        });
        xSteps.selectedProperty().addListener(o -> {
            rebuildSeries();
            rebuildBlockSeries();
        });
        rebuildSeries();
    }

    /** The runs drawn: the live one first, then the ticked ones; each its own colour. */
    private List<RunCurves> drawnRuns() {
        List<RunCurves> runs = new ArrayList<>();
        if (model.liveProperty().get() != null) {
            runs.add(model.liveProperty().get());
        }
        for (RunCurves c : model.overlaid()) {
            if (!runs.contains(c)) {
                runs.add(c);
            }
        }
        return runs;
    }

    private void rebuildSeries() {
        List<ChartSeries> loss = new ArrayList<>();
        List<ChartSeries> acc = new ArrayList<>();
        List<RunCurves> runs = drawnRuns();
        boolean several = runs.size() > 1;
        for (int i = 0; i < runs.size(); i++) {
            RunCurves r = runs.get(i);
            Color color = RUN_COLORS.get(i % RUN_COLORS.size());
            String who = several ? r.label() + " · " : "";
            String key = "run" + i;
            double scale = xScale(r);
            loss.add(new ChartSeries(key + "-train-loss", who + "train", r.trainLoss(), color, false, scale));
            loss.add(new ChartSeries(key + "-val-loss", who + "validation", r.validationLoss(), color, true, scale));
            acc.add(new ChartSeries(key + "-train-acc", who + "train", r.trainAccuracy(), color, false, scale));
            acc.add(new ChartSeries(key + "-val-acc", who + "validation", r.validationAccuracy(), color, true, scale));
        }
        String x = xSteps.isSelected() ? "step" : "epoch";
        lossChart.xLabelProperty().set(x);
        accuracyChart.xLabelProperty().set(x);
        lossChart.series().setAll(loss);
        accuracyChart.series().setAll(acc);
        updateHints();
    }

    /** Drawn x per step: 1 over steps, 1 / steps per epoch over epochs (when the run said it). */
    private double xScale(RunCurves r) {
        long spe = r.stepsPerEpoch();
        return xSteps.isSelected() || spe <= 0 ? 1 : 1.0 / spe;
    }

    /** The x axis reaches the end of the longest run shown, known from its start. */
    private void updateHints() {
        double hint = Double.NaN;
        for (RunCurves r : drawnRuns()) {
            long total = r.totalSteps();
            if (total > 0) {
                double end = total * xScale(r);
                hint = Double.isNaN(hint) ? end : Math.max(hint, end);
            }
        }
        lossChart.xMaxHintProperty().set(hint);
        accuracyChart.xMaxHintProperty().set(hint);
    }

    // ------------------------------------------------------------------ right: runs, confusion, block

    private Node sideTabs() {
        tabs.setId("training-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        settingsTab.setId("training-tab-settings");
        runsTab.setId("training-tab-runs");
        confusionTab.setId("training-tab-confusion");
        blockTab.setId("training-tab-block");
        settingsTab.setContent(form());
        runsTab.setContent(runsPane());
        confusionTab.setContent(confusionPane());
        blockTab.setContent(blockPane());
        tabs.getTabs().setAll(settingsTab, runsTab, confusionTab, blockTab);
        tabs.setMinWidth(260);
        tabs.setPrefWidth(SIDE_WIDTH);
        return tabs;
    }

    private Node runsPane() {
        historyTable.setId("training-history");
        historyTable.setEditable(true);
        historyTable.setPlaceholder(new Label("No runs of this design yet"));
        historyTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<HistoryRow, Boolean> show = new TableColumn<>("");
        show.setCellValueFactory(c -> c.getValue().overlaidProperty());
        show.setCellFactory(CheckBoxTableCell.forTableColumn(show));
        show.setEditable(true);
        show.setPrefWidth(30);
        show.setMinWidth(30);
        show.setMaxWidth(30);
        // The glyph the header had ("⧉") is missing from common fonts: a drawn icon instead.
        Label overlayHeader = new Label(null, icon(OVERLAY, 12));
        show.setGraphic(tip(overlayHeader, "Overlay the run's curves on the charts"));
        historyTable.getColumns().add(show);
        // One column, two lines a run: the side pane is too narrow for a column per fact.
        TableColumn<HistoryRow, HistoryRow> run = new TableColumn<>();
        run.setGraphic(tip(new Label("Run"), "When the run started and how it ended; then its test accuracy, epochs"
                + " and the execution mode it ran in. Hover a run for everything known of it."));
        run.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cd.getValue()));
        run.setCellFactory(c -> new RunCell());
        run.setEditable(false);
        historyTable.getColumns().add(run);
        historyTable.getColumns().forEach(c -> c.setSortable(false));
        historyTable.setItems(model.history());
        historyTable.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> model.show(row));

        Button open = new Button("Open design");
        open.setId("training-open-design");
        open.setTooltip(new Tooltip("Open exactly the design this run trained, as a new document"));
        open.disableProperty().bind(historyTable.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> model.openRunDesign(historyTable.getSelectionModel().getSelectedItem()));
        Button export = new Button("Export…");
        export.setId("training-export-run");
        export.setTooltip(new Tooltip("Export this run to PyTorch: its design, its recipe and its best weights, "
                + "with train.py for torchrun"));
        export.disableProperty().bind(historyTable.getSelectionModel().selectedItemProperty().isNull());
        export.setOnAction(e -> model.exportRun(historyTable.getSelectionModel().getSelectedItem()));
        Button refresh = new Button("Refresh");
        refresh.setId("training-refresh-history");
        refresh.setOnAction(e -> model.refreshHistory());
        Label problem = new Label();
        problem.setId("training-history-problem");
        problem.getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
        problem.setWrapText(true);
        bind(problem.textProperty(), model.historyProblemProperty());
        bind(problem.visibleProperty(), model.historyProblemProperty().isNotEmpty());
        bind(problem.managedProperty(), model.historyProblemProperty().isNotEmpty());
        HBox buttons = new HBox(6, open, export, refresh);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, historyTable, problem, buttons);
        VBox.setVgrow(historyTable, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        return box;
    }

    private static Region icon(String path, double size) {
        javafx.scene.shape.SVGPath svg = new javafx.scene.shape.SVGPath();
        svg.setContent(path);
        Region r = new Region();
        r.setShape(svg);
        r.getStyleClass().add("app-icon");
        r.setMinSize(size, size);
        r.setPrefSize(size, size);
        r.setMaxSize(size, size);
        return r;
    }

    private static <T extends javafx.scene.control.Control> T tip(T control, String text) {
        control.setTooltip(new Tooltip(text));
        return control;
    }

    /** A kept run in two lines: start time and a status chip; test accuracy, epochs and the mode that ran. */
    static final class RunCell extends javafx.scene.control.TableCell<HistoryRow, HistoryRow> {
        private final Label started = new Label();
        private final Label status = new Label();
        private final Label details = new Label();
        private final VBox box;
        private final Tooltip tooltip = new Tooltip();

        RunCell() {
            started.getStyleClass().add("run-started");
            started.setStyle("-fx-font-weight: bold;");
            status.getStyleClass().add("run-status");
            details.getStyleClass().addAll("run-details", atlantafx.base.theme.Styles.TEXT_SMALL,
                    atlantafx.base.theme.Styles.TEXT_MUTED);
            details.setMinWidth(0);
            started.setMinWidth(Region.USE_PREF_SIZE);
            status.setMinWidth(Region.USE_PREF_SIZE);
            HBox first = new HBox(6, started, status);
            first.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(1, first, details);
            tooltip.setShowDelay(javafx.util.Duration.millis(400));
            setText(null);
        }

        @Override
        protected void updateItem(HistoryRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            RunSummary s = row.summary();
            ZoneId zone = ZoneId.systemDefault();
            started.setText(TrainingText.runStarted(s, zone));
            status.setText(s.status());
            status.setStyle(chipStyle(s.status()));
            details.setText(TrainingText.runDetails(s));
            tooltip.setText(TrainingText.runTooltip(s, zone));
            setGraphic(box);
            setTooltip(tooltip);
        }

        /** A small rounded chip in the status's colour (the theme's looked-up colours). */
        private static String chipStyle(String status) {
            String tone = switch (status == null ? "" : status) {
                case "completed" -> "success";
                case "failed" -> "danger";
                case "cancelled", "early-stopped" -> "warning";
                case "running" -> "accent";
                default -> "neutral";
            };
            return "-fx-font-size: 10.5px; -fx-padding: 0 6 0 6; -fx-background-radius: 8;"
                    + " -fx-background-color: -color-" + tone + "-muted; -fx-text-fill: -color-fg-default;";
        }
    }

    private Node confusionPane() {
        confusionView.setId("training-confusion");
        bind(confusionView.matrixProperty(), model.confusionProperty());
        CheckBox counts = new CheckBox("Counts");
        counts.setId("training-confusion-counts");
        counts.setTooltip(new Tooltip("Show image counts instead of each actual class's share"));
        confusionView.showPercentProperty().bind(counts.selectedProperty().not());
        confusionSummary.setId("training-confusion-summary");
        confusionSummary.setWrapText(true);
        confusionSummary.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_SMALL);
        HBox top = new HBox(8, confusionSummary, counts);
        HBox.setHgrow(confusionSummary, Priority.ALWAYS);
        confusionSummary.setMaxWidth(Double.MAX_VALUE);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, top, confusionView);
        VBox.setVgrow(confusionView, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        return box;
    }

    private Node blockPane() {
        blockChart.setId("training-block-chart");
        blockChart.titleProperty().set("");
        blockChart.logYProperty().set(true);
        blockChart.emptyTextProperty().set("No statistics of this block yet");
        blockTitle.setId("training-block-title");
        blockTitle.setWrapText(true);
        blockTitle.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_SMALL);
        VBox box = new VBox(4, blockTitle, blockChart);
        VBox.setVgrow(blockChart, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        return box;
    }

    private void followResults() {
        subscriptions.onChange(model.confusionProperty(), (o, was, now) -> {
            showConfusionSummary(now);
            if (now != null && was == null && model.shownProperty().get() == model.liveProperty().get()) {
                // The run just finished: its confusion matrix is what to look at now.
                tabs.getSelectionModel().select(confusionTab);
            }
        });
        showConfusionSummary(model.confusionProperty().get());
    }

    private void showConfusionSummary(ConfusionMatrix m) {
        if (m == null) {
            confusionSummary.setText("Test set, when a run finishes");
            return;
        }
        StringBuilder b = new StringBuilder("Test accuracy ").append(TrainingText.percent(m.accuracy()))
                .append(" of ").append(TrainingText.count(m.total())).append(" images");
        List<ConfusionMatrix.Confusion> worst = m.mostConfused(1);
        if (!worst.isEmpty()) {
            ConfusionMatrix.Confusion w = worst.get(0);
            b.append(" · most confused: ").append(m.className(w.actual())).append(" → ").append(m.className(w.predicted()))
                    .append(" (").append(w.count()).append(')');
        }
        confusionSummary.setText(b.toString());
    }

    // ------------------------------------------------------------------ the canvas: heat-map and the selected block

    private void followOverlay() {
        Runnable apply = () -> {
            boolean mine = documentLevel && model.overlayDocumentProperty().get() == document && document != null;
            if (mine && model.overlayProperty().get() != null) {
                canvas.setOverlay(model.overlayProperty().get());
                overlaySet = true;
            } else if (overlaySet) {
                canvas.clearOverlay();
                overlaySet = false;
            }
        };
        subscriptions.onInvalidated(model.overlayProperty(), o -> apply.run());
        subscriptions.onInvalidated(model.overlayDocumentProperty(), o -> apply.run());
        apply.run();
    }

    private void followSelection() {
        Runnable selected = () -> {
            var sel = editorModel.selection();
            String node = sel.size() == 1 ? sel.iterator().next() : null;
            if (!Objects.equals(node, inspectedNode)) {
                inspectedNode = node;
                rebuildBlockSeries();
                RunCurves shown = model.shownProperty().get();
                if (node != null && shown != null && !shown.block(node).isEmpty()
                        && model.statisticProperty().get() != InspectionStatistic.NONE) {
                    tabs.getSelectionModel().select(blockTab);
                }
            }
        };
        subscriptions.onSetChange(editorModel.selection(), (SetChangeListener<String>) c -> selected.run());
        subscriptions.onInvalidated(model.shownProperty(), o -> rebuildBlockSeries());
        subscriptions.onInvalidated(model.revisionProperty(), o -> {
            // The block's first statistics may have just come in.
            RunCurves shown = model.shownProperty().get();
            if (inspectedNode != null && shown != null && blockChart.series().isEmpty() && !shown.block(inspectedNode).isEmpty()) {
                rebuildBlockSeries();
            }
        });
        selected.run();
        rebuildBlockSeries();
    }

    private void rebuildBlockSeries() {
        RunCurves shown = model.shownProperty().get();
        List<ChartSeries> series = new ArrayList<>();
        if (inspectedNode == null) {
            blockTitle.setText("Select a block on the canvas to see its weight and gradient norms, update ratio "
                    + "and activations over the run.");
        } else if (shown == null || shown.block(inspectedNode).isEmpty()) {
            blockTitle.setText(inspectedNode + ": no statistics of this block in the run shown"
                    + (shown == null ? " (none yet)" : ""));
        } else {
            blockTitle.setText(inspectedNode + " · " + (shown.runId() == null ? "this run" : "run " + shown.runId()));
            int i = 0;
            for (InspectionStatistic s : InspectionStatistic.measured()) {
                SeriesBuffer data = shown.block(inspectedNode).get(s);
                if (data != null) {
                    series.add(new ChartSeries("block-" + s.name().toLowerCase(Locale.ROOT), s.title(), data,
                            RUN_COLORS.get(i % RUN_COLORS.size()), false, xScale(shown)));
                }
                i++;
            }
        }
        blockChart.xLabelProperty().set(xSteps.isSelected() ? "step" : "epoch");
        blockChart.series().setAll(series);
    }

    // ------------------------------------------------------------------ for the window and tests

    /** Gives Train the keyboard (after "Train…"). */
    public void focusTrain() {
        trainButton.requestFocus();
    }

    public MetricChart lossChart() {
        return lossChart;
    }

    public MetricChart accuracyChart() {
        return accuracyChart;
    }

    public MetricChart blockChart() {
        return blockChart;
    }

    public ConfusionMatrixView confusionView() {
        return confusionView;
    }

    public TabPane tabs() {
        return tabs;
    }

    @Override
    public void dispose() {
        if (subscriptions.isDisposed()) {
            return;
        }
        subscriptions.dispose();
        historyTable.setItems(javafx.collections.FXCollections.observableArrayList());
        if (overlaySet) {
            canvas.clearOverlay();
            overlaySet = false;
        }
    }

    // ------------------------------------------------------------------ bindings that leave with the panel

    /** Binds a property of this panel to the model, unbound on dispose. */
    private <T> void bind(Property<T> target, ObservableValue<? extends T> source) {
        target.bind(source);
        subscriptions.add(target::unbind);
    }

    /** Keeps a field of this panel and a property of the model in step, both ways, until dispose. */
    private <T> void link(Property<T> field, Property<T> source) {
        link(field, source, v -> v, v -> v);
    }

    private <V, M> void link(Property<V> field, Property<M> source, Function<M, V> toField, Function<V, M> toModel) {
        boolean[] busy = {false};
        field.setValue(toField.apply(source.getValue()));
        subscriptions.onChange(source, (o, was, now) -> {
            if (!busy[0]) {
                busy[0] = true;
                try {
                    field.setValue(toField.apply(now));
                } finally {
                    busy[0] = false;
                }
            }
        });
        // The field is this panel's own: its listener leaves with it.
        field.addListener((o, was, now) -> {
            if (!busy[0] && now != null) {
                busy[0] = true;
                try {
                    source.setValue(toModel.apply(now));
                } finally {
                    busy[0] = false;
                }
            }
        });
    }
}
