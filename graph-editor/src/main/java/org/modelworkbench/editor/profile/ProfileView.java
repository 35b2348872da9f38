package org.modelworkbench.editor.profile;

import org.modelworkbench.editor.lifecycle.Disposable;
import org.modelworkbench.editor.lifecycle.Subscriptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.SetChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.modelworkbench.blocks.io.InputBlocks;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.analysis.Problem;
import org.modelworkbench.projects.analysis.Totals;
import org.modelworkbench.projects.design.Node;

/**
 * The cost profile of the design: totals (parameters, MACs, FLOPs, activation memory) at the
 * chosen input size, and a sortable table of every block's costs. Selecting rows selects the blocks
 * in the editor and selecting blocks elsewhere selects their rows.
 */
public class ProfileView extends VBox implements Disposable {
    /** What this view follows in the model; removed on {@link #dispose()}. */
    private final Subscriptions subscriptions = new Subscriptions();

    /** One block's line in the table; numbers are -1 when the block could not be evaluated. */
    public record Row(String nodeId, String type, String output, long params, long macs, long flops,
                      long activationBytes, List<Problem> problems) {
        public boolean evaluated() {
            return params >= 0;
        }
    }

    private final EditorModel model;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final SortedList<Row> sorted = new SortedList<>(rows);
    private final TableView<Row> table = new TableView<>();
    private final TextField inputSize = new TextField();
    private final Label inputError = new Label();
    private final Label paramsTotal = new Label();
    private final Label paramsExact = new Label();
    private final Label macsTotal = new Label();
    private final Label macsExact = new Label();
    private final Label flopsTotal = new Label();
    private final Label flopsExact = new Label();
    private final Label memoryTotal = new Label();
    private final Label memoryExact = new Label();
    private final Label summary = new Label();
    /** Where a shell puts its own controls (e.g. a Measure button), at the right of the notes row. */
    private final HBox shellControls = new HBox(6);
    private final Label measuredCaption = new Label();
    private final StackPane footer = new StackPane();
    private MeasuredValues measured;
    private TableColumn<Row, Long> shareColumn;
    private final List<TableColumn<Row, Double>> measuredColumns = new ArrayList<>();
    private final javafx.beans.InvalidationListener widthFollower = o -> fillLastColumn();
    private boolean syncing;
    private DesignAnalysis shownAnalysis;
    private long totalMacs;
    private long maxMacs;
    private final Set<ShareCell> shareCells = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
    private boolean selectionQueued;
    private List<TableColumn<Row, String>> textColumns = List.of();
    private boolean fitQueued;
    /** Text columns never grow past this (longer texts end in "…" and show whole in a tooltip). */
    static final double MAX_TEXT_COLUMN = 360;

    public ProfileView(EditorModel model) {
        this.model = Objects.requireNonNull(model);
        setId("profile");
        getStyleClass().add("profile");
        getStylesheets().add(Objects.requireNonNull(ProfileView.class.getResource("profile.css")).toExternalForm());

        HBox cards = new HBox(10,
                card("Parameters", "totalParams", paramsTotal, paramsExact),
                card("MACs", "totalMacs", macsTotal, macsExact),
                card("FLOPs", "totalFlops", flopsTotal, flopsExact),
                card("Activation memory (training)", "totalActivations", memoryTotal, memoryExact));
        cards.getStyleClass().add("profile-cards");

        Label convention = new Label(CostFormat.CONVENTION);
        convention.setId("costConvention");
        convention.getStyleClass().add("profile-convention");
        convention.setWrapText(true);
        convention.setMinHeight(Region.USE_PREF_SIZE);

        Label sizeLabel = new Label("Input size");
        sizeLabel.getStyleClass().add("profile-input-label");
        sizeLabel.setLabelFor(inputSize);
        inputSize.setId("inputSize");
        inputSize.getStyleClass().add("profile-input");
        inputSize.setPrefColumnCount(20);
        inputSize.setTooltip(new Tooltip("N×C×H×W, e.g. 1x3x224x224: replaces the size of every image input. "
                + "Leave empty for the design's own input size. Enter applies, Escape restores."));
        inputSize.setOnAction(e -> applyInputSize());
        inputSize.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                applyInputSize();
            }
        });
        inputSize.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                showOptions();
                e.consume();
            }
        });
        inputError.setId("inputSizeError");
        inputError.getStyleClass().add("profile-error");
        inputError.setWrapText(true);
        inputError.setMinWidth(0);
        inputError.setMinHeight(Region.USE_PREF_SIZE);
        inputError.setMaxWidth(240);
        inputError.managedProperty().bind(inputError.textProperty().isNotEmpty());
        inputError.visibleProperty().bind(inputError.managedProperty());
        // The input size sits beside the totals it changes.
        VBox sizeBox = new VBox(3, sizeLabel, inputSize, inputError);
        sizeBox.getStyleClass().add("profile-size");
        sizeBox.setMinWidth(Region.USE_PREF_SIZE);
        cards.getChildren().add(sizeBox);

        summary.setId("profileSummary");
        summary.getStyleClass().add("profile-summary");
        summary.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(convention, Priority.ALWAYS);
        convention.setMaxWidth(Double.MAX_VALUE);
        shellControls.setId("profileShellControls");
        shellControls.setAlignment(Pos.CENTER_RIGHT);
        shellControls.setMinWidth(Region.USE_PREF_SIZE);
        shellControls.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(shellControls.getChildren()));
        HBox notes = new HBox(16, overrideChip(), convention, summary, shellControls);
        notes.setAlignment(Pos.TOP_LEFT);
        notes.getStyleClass().add("profile-notes");

        measuredCaption.setId("measuredCaption");
        measuredCaption.getStyleClass().add("profile-measured-caption");
        measuredCaption.setWrapText(true);
        measuredCaption.setMinHeight(Region.USE_PREF_SIZE);
        measuredCaption.managedProperty().bind(measuredCaption.textProperty().isNotEmpty());
        measuredCaption.visibleProperty().bind(measuredCaption.managedProperty());

        VBox top = new VBox(6, cards, notes, measuredCaption);
        top.getStyleClass().add("profile-top");

        buildTable();
        VBox.setVgrow(table, Priority.ALWAYS);
        footer.setId("profileFooter");
        footer.getStyleClass().add("profile-footer");
        footer.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(footer.getChildren()));
        footer.visibleProperty().bind(footer.managedProperty());
        getChildren().addAll(top, table, footer);

        subscriptions.onChange(model.analysisProperty(), (obs, old, now) -> refresh());
        subscriptions.onChange(model.optionsProperty(), (obs, old, now) -> showOptions());
        subscriptions.onSetChange(model.selection(), (SetChangeListener<String>) c -> {
            // Select-all adds thousands of ids one by one: follow the outcome once, not every step.
            if (!syncing && !selectionQueued) {
                selectionQueued = true;
                Platform.runLater(() -> {
                    selectionQueued = false;
                    if (subscriptions.isDisposed()) {
                        return;
                    }
                    selectRowsFromModel(true);
                });
            }
        });
        // Widths are measured in the fonts the table draws with: again once it is on screen.
        sceneProperty().addListener((obs, old, now) -> queueFitColumns());
        table.skinProperty().addListener((obs, old, now) -> queueFitColumns());
        showOptions();
        refresh();
    }

    /** The table (for keyboard focus from the app). */
    public TableView<Row> table() {
        return table;
    }

    /** The rows in the order shown (sorted as the user chose). */
    public List<Row> visibleRows() {
        return List.copyOf(table.getItems());
    }

    // ---- measured values (filled by a shell) --------------------------------------------------------

    /**
     * Shows values measured outside the kit as columns after "% MACs" (null removes them). Cells of
     * nodes without a value show "—" and sort as the smallest (last when sorted slowest first); cells
     * of flagged nodes are marked and say why in their tooltip.
     */
    public void setMeasuredValues(MeasuredValues values) {
        measured = values;
        table.getColumns().removeAll(measuredColumns);
        measuredColumns.clear();
        if (values != null) {
            for (MeasuredValues.Column c : values.columns()) {
                measuredColumns.add(measuredColumn(c));
            }
            table.getColumns().addAll(measuredColumns);
        }
        measuredCaption.setText(values == null ? "" : values.caption());
        followColumnWidths();
        table.refresh();
    }

    public MeasuredValues measuredValues() {
        return measured;
    }

    /** Adds a shell's controls (a Measure button, its progress) at the right of the notes row. */
    public void addShellControls(javafx.scene.Node... controls) {
        shellControls.getChildren().addAll(controls);
    }

    /** Shows a shell's content below the table (e.g. a throughput table), or nothing for null. */
    public void setFooter(javafx.scene.Node content) {
        if (content == null) {
            footer.getChildren().clear();
        } else {
            footer.getChildren().setAll(content);
        }
    }

    private TableColumn<Row, Double> measuredColumn(MeasuredValues.Column c) {
        Label header = new Label(c.title());
        header.setMinWidth(Region.USE_PREF_SIZE);
        if (!c.description().isEmpty()) {
            Tooltip tip = new Tooltip(c.description());
            tip.setWrapText(true);
            tip.setMaxWidth(380);
            header.setTooltip(tip);
        }
        TableColumn<Row, Double> col = new TableColumn<>();
        col.setGraphic(header);
        col.setId("col-measured-" + c.id());
        col.getStyleClass().addAll("numeric", "measured-column");
        col.setCellValueFactory(d -> {
            MeasuredValues v = measured;
            var value = v == null ? java.util.OptionalDouble.empty() : v.value(d.getValue().nodeId(), c.id());
            return new ReadOnlyObjectWrapper<>(value.isPresent() ? value.getAsDouble() : null);
        });
        col.setComparator(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        col.setCellFactory(x -> new MeasuredCell(c.format()));
        col.setPrefWidth(88);
        col.setMinWidth(76);
        return col;
    }

    /** The last column fills what the others leave; every other column's width change refits it. */
    private void followColumnWidths() {
        List<TableColumn<Row, ?>> cols = table.getColumns();
        for (TableColumn<Row, ?> c : cols) {
            c.widthProperty().removeListener(widthFollower);
        }
        for (int i = 0; i < cols.size() - 1; i++) {
            cols.get(i).widthProperty().addListener(widthFollower);
        }
        // Only the last column stretches; one that was last before goes back to its own width.
        if (shareColumn != null && cols.get(cols.size() - 1) != shareColumn) {
            shareColumn.setPrefWidth(120);
        }
        for (TableColumn<Row, Double> c : measuredColumns) {
            if (c != cols.get(cols.size() - 1)) {
                c.setPrefWidth(88);
            }
        }
        fillLastColumn();
    }

    /** A measured number, "—" when the node has none; marked when the node is flagged. */
    private final class MeasuredCell extends TableCell<Row, Double> {
        private final MeasuredValues.Format format;
        private final Tooltip tip = new Tooltip();

        MeasuredCell(MeasuredValues.Format format) {
            this.format = format;
            tip.setWrapText(true);
            tip.setMaxWidth(380);
        }

        @Override
        protected void updateItem(Double item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("flagged");
            Row row = getTableRow() == null ? null : getTableRow().getItem();
            if (empty || row == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(item == null ? "—" : format.format(item));
            var flag = measured == null ? Optional.<String>empty() : measured.flag(row.nodeId());
            if (flag.isPresent()) {
                getStyleClass().add("flagged");
                tip.setText(row.nodeId() + ": " + flag.get());
                setTooltip(tip);
            } else {
                setTooltip(null);
            }
        }
    }

    // ---- totals and input size -------------------------------------------------------------------

    private static VBox card(String title, String id, Label big, Label exact) {
        Label t = new Label(title);
        t.getStyleClass().add("profile-card-title");
        big.setId(id);
        big.getStyleClass().add("profile-card-value");
        exact.setId(id + "Exact");
        exact.getStyleClass().add("profile-card-exact");
        VBox box = new VBox(1, t, big, exact);
        box.getStyleClass().add("profile-card");
        box.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    /**
     * "Input overridden: 1×3×160×160 · Reset", shown while the input size replaces the design's own
     * (every shape on the canvas follows it, so it must not go unnoticed).
     */
    private HBox overrideChip() {
        Label text = new Label();
        text.setId("inputOverrideText");
        text.getStyleClass().add("override-text");
        text.setMinWidth(Region.USE_PREF_SIZE);
        text.textProperty().bind(model.inputOverrideProperty().map(s -> "Input overridden: " + s).orElse(""));
        javafx.scene.control.Button reset = new javafx.scene.control.Button("Reset");
        reset.setId("inputOverrideReset");
        reset.getStyleClass().addAll("override-reset", "flat", "small");
        reset.setMinWidth(Region.USE_PREF_SIZE);
        reset.setMnemonicParsing(false);
        reset.setTooltip(new Tooltip("Use the design's own input size again"));
        reset.setOnAction(e -> model.clearInputOverride());
        HBox chip = new HBox(6, text, reset);
        chip.setId("inputOverrideChip");
        chip.getStyleClass().add("override-chip");
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.setMinWidth(Region.USE_PREF_SIZE);
        chip.setMaxHeight(Region.USE_PREF_SIZE);
        chip.managedProperty().bind(model.inputOverrideProperty().isNotNull());
        chip.visibleProperty().bind(chip.managedProperty());
        model.inputOverrideProperty().addListener((obs, old, now) -> setOverridden(now != null));
        setOverridden(model.inputOverrideProperty().get() != null);
        return chip;
    }

    private void setOverridden(boolean on) {
        inputSize.getStyleClass().remove("overridden");
        if (on) {
            inputSize.getStyleClass().add("overridden");
        }
    }

    private void applyInputSize() {
        String text = inputSize.getText() == null ? "" : inputSize.getText().strip();
        AnalysisOptions next;
        try {
            next = text.isEmpty() ? AnalysisOptions.DEFAULT : new AnalysisOptions(Shape.parse(text));
        } catch (IllegalArgumentException ex) {
            String m = ex.getMessage() == null ? "not a valid input size" : ex.getMessage();
            inputError.setText(Character.toUpperCase(m.charAt(0)) + m.substring(1));
            if (!inputSize.getStyleClass().contains("invalid")) {
                inputSize.getStyleClass().add("invalid");
            }
            return;
        }
        clearInputError();
        if (!next.equals(model.optionsProperty().get())) {
            model.optionsProperty().set(next);
        } else {
            showOptions();
        }
    }

    private void clearInputError() {
        inputError.setText("");
        inputSize.getStyleClass().remove("invalid");
    }

    private void showOptions() {
        AnalysisOptions o = model.optionsProperty().get();
        inputSize.setText(o == null || o.inputOverride() == null ? "" : o.inputOverride().toAscii());
        clearInputError();
    }

    /** The design's own input sizes, as the field's prompt. */
    private String ownInputText(DesignAnalysis analysis) {
        Set<String> sizes = new LinkedHashSet<>();
        for (Node n : model.design().nodes()) {
            if (n.type().equals(InputBlocks.IMAGE_ID)) {
                Object b = n.params().get("batch");
                Object c = n.params().get("channels");
                Object h = n.params().get("height");
                Object w = n.params().get("width");
                if (b != null && c != null && h != null && w != null) {
                    sizes.add(b + "x" + c + "x" + h + "x" + w);
                } else if (analysis != null && analysis.node(n.id()) != null && analysis.node(n.id()).evaluated()
                        && !analysis.node(n.id()).outputs().isEmpty() && model.optionsProperty().get().inputOverride() == null) {
                    sizes.add(analysis.node(n.id()).outputs().get(0).toAscii());
                }
            }
        }
        return sizes.isEmpty() ? "the design's input" : String.join(", ", sizes) + " (design)";
    }

    // ---- table -----------------------------------------------------------------------------------

    private void buildTable() {
        table.setId("profileTable");
        // "dense" and "striped" are AtlantaFX table variants (plain style classes: no dependency).
        table.getStyleClass().addAll("profile-table", "dense", "striped");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        Label placeholder = new Label("The design has no blocks yet.");
        placeholder.getStyleClass().add("profile-placeholder");
        table.setPlaceholder(new StackPane(placeholder));

        TableColumn<Row, String> node = textColumn("Node", "col-node", Row::nodeId, 150);
        node.setCellFactory(c -> new NodeCell());
        node.getStyleClass().add("node-column");
        TableColumn<Row, String> type = textColumn("Type", "col-type", Row::type, 170);
        type.setCellFactory(c -> new FullTextCell());
        TableColumn<Row, String> output = textColumn("Output shape", "col-output", Row::output, 120);
        output.setCellFactory(c -> new FullTextCell());
        output.getStyleClass().add("shape-column");
        TableColumn<Row, Long> params = numberColumn("Params", "col-params", Row::params, CostFormat::grouped, 100);
        TableColumn<Row, Long> macs = numberColumn("MACs", "col-macs", Row::macs, CostFormat::si, 80);
        TableColumn<Row, Long> flops = numberColumn("FLOPs", "col-flops", Row::flops, CostFormat::si, 80);
        TableColumn<Row, Long> memory = numberColumn("Activations", "col-activations", Row::activationBytes,
                CostFormat::bytes, 105);
        // The share of MACs sorts as the MACs do; cells work it out from the current totals.
        TableColumn<Row, Long> share = new TableColumn<>("% MACs");
        share.setId("col-share");
        share.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().macs()));
        share.setCellFactory(c -> new ShareCell());
        share.setPrefWidth(120);
        share.setMinWidth(100);
        share.getStyleClass().add("numeric");
        table.getColumns().setAll(List.of(node, type, output, params, macs, flops, memory, share));
        textColumns = List.of(node, type, output);
        shareColumn = share;
        followColumnWidths();

        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setRowFactory(t -> new ProblemRow());

        table.widthProperty().addListener(o -> fillLastColumn());
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<Row>) c -> selectModelFromRows());
        // Sorting rebuilds the table's selection: keep it on the model's blocks.
        table.comparatorProperty().addListener((obs, old, now) -> selectRowsFromModel(false));
    }

    private static TableColumn<Row, String> textColumn(String title, String id, Function<Row, String> value,
                                                       double width) {
        TableColumn<Row, String> col = new TableColumn<>(title);
        col.setId(id);
        col.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        col.setPrefWidth(width);
        return col;
    }

    private static TableColumn<Row, Long> numberColumn(String title, String id, Function<Row, Long> value,
                                                       Function<Long, String> format, double width) {
        TableColumn<Row, Long> col = new TableColumn<>(title);
        col.setId(id);
        col.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item < 0 ? "—" : format.apply(item));
            }
        });
        col.setPrefWidth(width);
        col.setMinWidth(width); // headers and typical values whole: never squeezed
        col.getStyleClass().add("numeric");
        return col;
    }

    private Row row(NodeAnalysis na) {
        String id = na.nodeId();
        String type = model.typeOf(id).map(BlockType::displayName)
                .orElse(model.design().node(id).map(Node::type).orElse("?"));
        if (na.evaluated()) {
            return new Row(id, type, CostFormat.shapes(na.outputs()), na.params(), na.macs(), na.flops(),
                    na.activationBytes(), na.problems());
        }
        return new Row(id, type, "—", -1, -1, -1, -1, na.problems());
    }

    private void refresh() {
        DesignAnalysis analysis = model.analysis();
        List<Row> next = new ArrayList<>();
        List<Integer> changes = new ArrayList<>();
        boolean incremental = false;
        if (analysis != null) {
            Totals t = analysis.totals();
            paramsTotal.setText(CostFormat.si(t.params()));
            paramsExact.setText(CostFormat.grouped(t.params()));
            macsTotal.setText(CostFormat.si(t.macs()));
            macsExact.setText(CostFormat.grouped(t.macs()));
            flopsTotal.setText(CostFormat.si(t.flops()));
            flopsExact.setText(CostFormat.grouped(t.flops()));
            memoryTotal.setText(CostFormat.bytes(t.activationBytes()));
            memoryExact.setText(CostFormat.bytes(t.inferenceActivationBytes()) + " at inference");
            // Bars are scaled to the costliest block, so that the differences show.
            long max = 0;
            for (NodeAnalysis na : analysis.nodes().values()) {
                max = Math.max(max, na.macs());
            }
            boolean scaleChanged = t.macs() != totalMacs || max != maxMacs;
            totalMacs = t.macs();
            maxMacs = max;
            if (shownAnalysis != null && analysis.order().equals(shownAnalysis.order())
                    && rows.size() == analysis.order().size()) {
                // Same blocks in the same order: replace only the rows whose results changed
                // (the analyzer keeps the result object of every block it did not re-evaluate).
                List<String> order = analysis.order();
                for (int i = 0; i < order.size(); i++) {
                    NodeAnalysis na = analysis.node(order.get(i));
                    if (na != shownAnalysis.node(order.get(i)) && na != null) {
                        Row row = row(na);
                        if (!row.equals(rows.get(i))) {
                            changes.add(i);
                            next.add(row);
                        }
                    }
                }
                incremental = true;
            } else {
                for (String id : analysis.order()) {
                    NodeAnalysis na = analysis.node(id);
                    if (na != null) {
                        next.add(row(na));
                    }
                }
            }
            if (scaleChanged && incremental) {
                for (ShareCell cell : List.copyOf(shareCells)) {
                    cell.redraw();
                }
            }
            int problems = analysis.problems().size();
            int blocks = analysis.order().size();
            long evaluated = analysis.nodes().values().stream().filter(NodeAnalysis::evaluated).count();
            summary.setText(blocks + (blocks == 1 ? " block" : " blocks")
                    + (problems == 0 ? "" : " · " + problems + (problems == 1 ? " problem" : " problems"))
                    + (evaluated == blocks ? "" : " · totals cover " + evaluated + " of " + blocks));
            summary.getStyleClass().remove("has-problems");
            if (problems > 0) {
                summary.getStyleClass().add("has-problems");
            }
            inputSize.setPromptText(ownInputText(analysis));
        }
        shownAnalysis = analysis;
        if (incremental && changes.isEmpty()) {
            return;
        }
        syncing = true;
        try {
            if (incremental) {
                for (int i = 0; i < changes.size(); i++) {
                    rows.set(changes.get(i), next.get(i));
                }
            } else {
                rows.setAll(next);
            }
        } finally {
            syncing = false;
        }
        queueFitColumns();
        selectRowsFromModel(false);
    }

    // ---- column widths ---------------------------------------------------------------------------

    private void queueFitColumns() {
        if (!fitQueued) {
            fitQueued = true;
            Platform.runLater(() -> {
                fitQueued = false;
                fitColumns();
            });
        }
    }

    /**
     * Sizes the node, type and shape columns to their header and their widest value (up to
     * {@link #MAX_TEXT_COLUMN}), measured in the fonts the table draws them with, so that ids like
     * "invertedresidual_12" and shapes like "1×1280×7×7" show whole. They do not shrink below that
     * when the panel narrows; the table scrolls sideways instead.
     */
    void fitColumns() {
        if (getScene() == null || table.getSkin() == null) {
            return;
        }
        applyCss();
        boolean guessed = false;
        for (TableColumn<Row, String> col : textColumns) {
            javafx.scene.text.Font font = cellFont(col);
            guessed |= font == null;
            if (font == null) {
                font = guessFont(col);
            }
            double widest = 0;
            Set<String> seen = new HashSet<>();
            for (Row r : rows) {
                String v = col.getCellObservableValue(r) == null ? null : col.getCellObservableValue(r).getValue();
                if (v != null && seen.add(v)) {
                    widest = Math.max(widest, textWidth(v, font));
                }
            }
            double extra = 2 * cellPadding(col) + (col.getId().equals("col-node") ? 18 : 0); // the "!" mark
            double header = headerWidth(col);
            double w = Math.ceil(Math.min(MAX_TEXT_COLUMN, Math.max(header, widest + extra)));
            if (Math.abs(col.getPrefWidth() - w) > 0.5) {
                col.setPrefWidth(w);
            }
            col.setMinWidth(w);
        }
        fillLastColumn();
        if (guessed && !rows.isEmpty() && refits++ < 3) {
            // No cells drawn yet to take the font from: measure again after the next pulse.
            queueFitColumns();
        }
    }

    private int refits;

    /**
     * The last column takes the width left over, so the columns fill the table while they fit;
     * when they do not, the table scrolls sideways rather than squeezing or hiding a column
     * (JavaFX's constrained policies do neither reliably once columns have minimum widths).
     */
    private void fillLastColumn() {
        List<TableColumn<Row, ?>> cols = table.getColumns();
        if (cols.isEmpty()) {
            return;
        }
        TableColumn<Row, ?> last = cols.get(cols.size() - 1);
        double used = 0;
        for (TableColumn<Row, ?> c : cols) {
            if (c != last) {
                used += c.getWidth();
            }
        }
        double room = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - 18; // a vertical scroll bar
        double w = Math.max(last.getMinWidth(), Math.floor(room - used));
        if (Math.abs(last.getPrefWidth() - w) > 0.5) {
            last.setPrefWidth(w);
        }
    }

    private javafx.scene.text.Font cellFont(TableColumn<Row, String> col) {
        for (javafx.scene.Node n : table.lookupAll(".table-cell")) {
            if (n instanceof TableCell<?, ?> cell && cell.getTableColumn() == col) {
                return cell.getFont();
            }
        }
        return null;
    }

    private javafx.scene.text.Font guessFont(TableColumn<Row, String> col) {
        javafx.scene.text.Font base = javafx.scene.text.Font.getDefault();
        return col.getStyleClass().contains("node-column") || col.getStyleClass().contains("shape-column")
                ? javafx.scene.text.Font.font("monospace", base.getSize()) : base;
    }

    private double cellPadding(TableColumn<Row, String> col) {
        for (javafx.scene.Node n : table.lookupAll(".table-cell")) {
            if (n instanceof TableCell<?, ?> cell && cell.getTableColumn() == col) {
                return Math.max(cell.getPadding().getLeft(), cell.getPadding().getRight()) + 1;
            }
        }
        return 8;
    }

    /** The header's label and sort arrow. */
    private double headerWidth(TableColumn<Row, String> col) {
        javafx.scene.Node header = table.lookup("#" + col.getId());
        javafx.scene.text.Font font = javafx.scene.text.Font.getDefault();
        if (header instanceof javafx.scene.Parent p && p.lookup(".label") instanceof Label l) {
            font = l.getFont();
        }
        return textWidth(col.getText(), font) + 30;
    }

    private final javafx.scene.text.Text measure = new javafx.scene.text.Text();

    private double textWidth(String s, javafx.scene.text.Font font) {
        measure.setFont(font);
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

    // ---- selection both ways ---------------------------------------------------------------------

    private void selectModelFromRows() {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            Set<String> wanted = table.getSelectionModel().getSelectedItems().stream()
                    .filter(Objects::nonNull).map(Row::nodeId).collect(Collectors.toCollection(LinkedHashSet::new));
            model.selection().retainAll(wanted);
            for (String id : wanted) {
                model.selection().add(id);
            }
        } finally {
            syncing = false;
        }
    }

    private void selectRowsFromModel(boolean reveal) {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            Set<String> wanted = new HashSet<>(model.selection());
            var sm = table.getSelectionModel();
            Set<String> have = sm.getSelectedItems().stream().filter(Objects::nonNull).map(Row::nodeId)
                    .collect(Collectors.toSet());
            if (have.equals(wanted)) {
                return;
            }
            sm.clearSelection();
            int first = -1;
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < table.getItems().size(); i++) {
                if (wanted.contains(table.getItems().get(i).nodeId())) {
                    indices.add(i);
                }
            }
            if (!indices.isEmpty()) {
                first = indices.get(0);
                int[] rest = indices.subList(1, indices.size()).stream().mapToInt(Integer::intValue).toArray();
                sm.selectIndices(first, rest);
                if (reveal) {
                    revealRow(first);
                }
            }
        } finally {
            syncing = false;
        }
    }

    private void revealRow(int index) {
        // Scroll only when the row is out of sight, keeping a little context above it.
        var flow = table.lookup(".virtual-flow");
        if (flow instanceof javafx.scene.control.skin.VirtualFlow<?> vf) {
            var firstCell = vf.getFirstVisibleCell();
            var lastCell = vf.getLastVisibleCell();
            if (firstCell != null && lastCell != null && index > firstCell.getIndex() && index < lastCell.getIndex()) {
                return;
            }
        }
        table.scrollTo(Math.max(0, index - 2));
    }

    // ---- cells -----------------------------------------------------------------------------------

    private static final class ProblemRow extends TableRow<Row> {
        @Override
        protected void updateItem(Row item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("problem-row");
            getStyleClass().remove("not-evaluated-row");
            if (!empty && item != null) {
                if (!item.problems().isEmpty()) {
                    getStyleClass().add("problem-row");
                } else if (!item.evaluated()) {
                    getStyleClass().add("not-evaluated-row");
                }
            }
        }
    }

    /** A text cell that ends in "…" when narrow and carries its whole text in a tooltip. */
    private static final class FullTextCell extends TableCell<Row, String> {
        private final Tooltip tip = new Tooltip();

        FullTextCell() {
            setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
            } else {
                setText(item);
                tip.setText(item);
                setTooltip(tip);
            }
        }
    }

    private static final class NodeCell extends TableCell<Row, String> {
        private final Label mark = new Label("!");
        private final Tooltip tip = new Tooltip();

        NodeCell() {
            mark.getStyleClass().add("problem-mark");
            tip.setWrapText(true);
            tip.setMaxWidth(380);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            Row row = getTableRow() == null ? null : getTableRow().getItem();
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            setText(item);
            // The id first, whole (a narrow column ends it in "…"), then why the row is marked.
            if (row != null && !row.problems().isEmpty()) {
                setGraphic(mark);
                tip.setText(item + "\n" + row.problems().stream().map(p -> (p.port() == null ? "" : "input '" + p.port() + "': ")
                        + p.message()).collect(Collectors.joining("\n")));
            } else if (row != null && !row.evaluated()) {
                setGraphic(null);
                tip.setText(item + "\nNot evaluated: a block upstream has a problem.");
            } else {
                setGraphic(null);
                tip.setText(item);
            }
            setTooltip(tip);
        }
    }

    /** The share of MACs as a number and a thin bar (scaled to the costliest block). */
    private final class ShareCell extends TableCell<Row, Long> {
        private static final double TRACK = 44;
        private final Region bar = new Region();
        private final Label text = new Label();
        private final StackPane track = new StackPane(bar);
        private final HBox box = new HBox(6, track, text);

        ShareCell() {
            bar.getStyleClass().add("share-bar");
            track.getStyleClass().add("share-track");
            track.setAlignment(Pos.CENTER_LEFT);
            track.setPrefWidth(TRACK);
            track.setMinWidth(TRACK);
            track.setMaxWidth(TRACK);
            track.setMaxHeight(6);
            track.setPrefHeight(6);
            text.getStyleClass().add("share-text");
            text.setMinWidth(Region.USE_PREF_SIZE);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            box.getChildren().add(0, spacer);
            box.setAlignment(Pos.CENTER_RIGHT);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            shareCells.add(this);
        }

        @Override
        protected void updateItem(Long macs, boolean empty) {
            super.updateItem(macs, empty);
            redraw();
        }

        /** Shows the item against the current totals (called again when the totals change). */
        void redraw() {
            Long macs = getItem();
            if (isEmpty() || macs == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            track.setVisible(macs >= 0);
            if (macs < 0) {
                text.setText("—");
                bar.setMaxWidth(0);
            } else {
                text.setText(CostFormat.percent(totalMacs == 0 ? 0 : (double) macs / totalMacs));
                double length = maxMacs == 0 ? 0 : (double) macs / maxMacs;
                bar.setMaxWidth(Math.max(macs > 0 ? 2 : 0, TRACK * Math.min(1, length)));
            }
            bar.setPrefWidth(bar.getMaxWidth());
            setText(text.getText());
            setGraphic(box);
        }
    }

    /** Stops following the model (the view is no longer shown); call once the view is dropped. */
    @Override
    public void dispose() {
        subscriptions.dispose();
    }
}
