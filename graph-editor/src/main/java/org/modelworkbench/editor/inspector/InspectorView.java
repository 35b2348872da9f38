package org.modelworkbench.editor.inspector;

import org.modelworkbench.editor.lifecycle.Disposable;
import org.modelworkbench.editor.lifecycle.Subscriptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.SetChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Paper;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.profile.CostFormat;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.analysis.Problem;
import org.modelworkbench.projects.analysis.Totals;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Node;

/**
 * Details of the selection. One block: its id, type, description and paper, input and output
 * shapes, costs, problems, and an editor for every hyper-parameter (validated; a valid edit is one
 * undoable {@link EditorModel#setParameter} step, an invalid one is shown and not applied). Several
 * blocks: their count and summed costs. None: the design summary. Follows the analysis, so the
 * values shown always match the design, also after undo and redo.
 */
public class InspectorView extends VBox implements Disposable {
    /** What this view follows in the model; removed on {@link #dispose()}. */
    private final Subscriptions subscriptions = new Subscriptions();
    private final EditorModel model;
    private final VBox content = new VBox();
    private final ScrollPane scroll = new ScrollPane(content);
    private Consumer<String> onOpenUrl;
    private boolean refreshQueued;

    /** What is built now: "" for the design summary, "*" for a multi-selection, else the node id and type. */
    private String builtFor;
    private final List<ParamEditor> editors = new ArrayList<>();
    private final Map<String, Label> inputShapes = new LinkedHashMap<>();
    private final Map<String, Label> outputShapes = new LinkedHashMap<>();
    private GridPane shapeGrid;
    private Label params;
    private Label macs;
    private Label flops;
    private Label activations;
    private VBox problemBox;

    public InspectorView(EditorModel model) {
        this.model = Objects.requireNonNull(model);
        setId("inspector");
        getStyleClass().add("inspector");
        getStylesheets().add(Objects.requireNonNull(InspectorView.class.getResource("inspector.css")).toExternalForm());
        content.getStyleClass().add("inspector-content");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("inspector-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().add(scroll);

        subscriptions.onChange(model.analysisProperty(), (obs, old, now) -> refresh());
        subscriptions.onSetChange(model.selection(), (SetChangeListener<String>) change -> {
            // Commit what is being typed for a node that is no longer the one shown.
            String shown = shownNodeId();
            if (shown != null && !(model.selection().size() == 1 && model.selection().contains(shown))) {
                commitAll();
            }
            // Select-all adds thousands of ids one by one: show the outcome once, not every step.
            if (!refreshQueued) {
                refreshQueued = true;
                Platform.runLater(() -> {
                    refreshQueued = false;
                    if (subscriptions.isDisposed()) {
                        return;
                    }
                    refresh();
                });
            }
        });
        refresh();
    }

    /** Called with the paper's URL when its link is clicked; without a handler the URL is copied. */
    public void setOnOpenUrl(Consumer<String> handler) {
        this.onOpenUrl = handler;
    }

    /** Commits every pending edit (as Enter would); invalid ones stay shown and are not applied. */
    public void commitAll() {
        for (ParamEditor e : List.copyOf(editors)) {
            e.commit();
        }
    }

    EditorModel model() {
        return model;
    }

    private String shownNodeId() {
        if (builtFor == null || builtFor.isEmpty() || builtFor.equals("*")) {
            return null;
        }
        return builtFor.substring(0, builtFor.indexOf('\n'));
    }

    /** Rebuilds for a new subject, or updates the values shown for the same one. */
    void refresh() {
        DesignAnalysis analysis = model.analysis();
        if (model.selection().size() == 1) {
            String id = model.selection().iterator().next();
            Optional<Node> node = model.design().node(id);
            Optional<BlockType> type = model.typeOf(id);
            if (node.isPresent() && type.isPresent()) {
                String key = id + "\n" + type.get().id();
                if (!key.equals(builtFor)) {
                    buildNode(node.get(), type.get());
                    builtFor = key;
                }
                updateNode(node.get(), type.get(), analysis);
                return;
            }
            if (node.isPresent()) {
                builtFor = null;
                buildUnknown(node.get(), analysis);
                return;
            }
        }
        if (model.selection().size() > 1) {
            builtFor = "*";
            buildMulti(analysis);
        } else {
            builtFor = "";
            buildDesign(analysis);
        }
    }

    // ---- one block -------------------------------------------------------------------------------

    private void buildNode(Node node, BlockType type) {
        editors.clear();
        inputShapes.clear();
        outputShapes.clear();

        Label title = new Label(type.displayName());
        title.setId("inspectorTitle");
        title.getStyleClass().add("inspector-title");
        title.setWrapText(true);

        Label nodeId = new Label(node.id());
        nodeId.setId("inspectorNodeId");
        nodeId.getStyleClass().add("inspector-node-id");
        Label typeId = new Label(type.id());
        typeId.setId("inspectorTypeId");
        typeId.getStyleClass().add("inspector-type-id");
        // Id, type id and tag keep their whole width and wrap onto the next line when the panel is
        // narrow (an HBox squeezed "invertedresidual_12" to "inverte…").
        FlowPane ids = new FlowPane(8, 2);
        ids.setId("inspectorIds");
        ids.setAlignment(Pos.BASELINE_LEFT);
        ids.setRowValignment(javafx.geometry.VPos.BASELINE);
        ids.getChildren().addAll(whole(nodeId, ids), whole(typeId, ids));
        if (type.isComposite()) {
            Label tag = new Label("composite");
            tag.getStyleClass().add("inspector-tag");
            ids.getChildren().add(whole(tag, ids));
        }

        Label description = new Label(type.description());
        description.setId("inspectorDescription");
        description.getStyleClass().add("inspector-description");
        description.setWrapText(true);
        description.setMinHeight(Label.USE_PREF_SIZE);

        VBox header = new VBox(4, title, ids, description);
        header.getStyleClass().add("inspector-header");
        Paper paper = type.paper();
        if (paper != null && !paper.citation().isEmpty()) {
            if (paper.url().isEmpty()) {
                Label cite = new Label(paper.citation());
                cite.setId("inspectorPaper");
                cite.getStyleClass().add("inspector-paper-text");
                cite.setWrapText(true);
                cite.setMinHeight(Label.USE_PREF_SIZE);
                header.getChildren().add(cite);
            } else {
                Hyperlink link = new Hyperlink(paper.citation());
                link.setId("inspectorPaper");
                link.getStyleClass().add("inspector-paper");
                link.setWrapText(true);
                link.setMinHeight(Label.USE_PREF_SIZE);
                link.setTooltip(tooltip(paper.url()));
                link.setOnAction(e -> openUrl(paper.url()));
                header.getChildren().add(link);
            }
        }

        shapeGrid = grid();
        VBox shapes = section("Shapes", shapeGrid);

        params = value("cost-params");
        macs = value("cost-macs");
        flops = value("cost-flops");
        activations = value("cost-activations");
        GridPane costs = grid();
        addRow(costs, 0, "Parameters", params);
        addRow(costs, 1, "MACs", macs);
        addRow(costs, 2, "FLOPs", flops);
        addRow(costs, 3, "Activations", activations);
        VBox costSection = section("Costs", costs);

        problemBox = new VBox(4);
        problemBox.setId("inspectorProblems");
        VBox problems = section("Problems", problemBox);
        problems.getStyleClass().add("inspector-problems");
        problems.managedProperty().bind(problems.visibleProperty());
        problems.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(problemBox.getChildren()));

        GridPane paramGrid = new GridPane();
        paramGrid.setId("inspectorParams");
        paramGrid.getStyleClass().add("inspector-grid");
        paramGrid.setHgap(8);
        paramGrid.setVgap(2);
        ColumnConstraints nameCol = new ColumnConstraints();
        nameCol.setMinWidth(Label.USE_PREF_SIZE);
        ColumnConstraints editorCol = new ColumnConstraints();
        editorCol.setHgrow(Priority.ALWAYS);
        editorCol.setFillWidth(true);
        editorCol.setMinWidth(80);
        ColumnConstraints unitCol = new ColumnConstraints();
        unitCol.setMinWidth(Label.USE_PREF_SIZE);
        paramGrid.getColumnConstraints().setAll(nameCol, editorCol, unitCol);
        int row = 0;
        for (ParamSpec spec : type.params()) {
            ParamEditor editor = ParamEditor.create(this, node.id(), spec);
            editors.add(editor);
            Label name = new Label(spec.name());
            name.getStyleClass().add("inspector-param-name");
            name.setTooltip(tooltip(ParamEditor.help(spec)));
            name.setLabelFor(editor.control());
            Label unit = new Label(spec.unit());
            unit.getStyleClass().add("inspector-unit");
            GridPane.setHalignment(name, HPos.LEFT);
            paramGrid.add(name, 0, row);
            paramGrid.add(editor.control(), 1, row);
            paramGrid.add(unit, 2, row);
            row++;
            paramGrid.add(editor.errorLabel(), 1, row, 2, 1);
            row++;
        }
        VBox paramSection = type.params().isEmpty()
                ? section("Hyper-parameters", muted("This block has no hyper-parameters."))
                : section("Hyper-parameters", paramGrid);

        content.getChildren().setAll(header, problems, shapes, costSection, paramSection);
    }

    private void updateNode(Node node, BlockType type, DesignAnalysis analysis) {
        NodeAnalysis na = analysis == null ? null : analysis.node(node.id());
        shapeGrid.getChildren().clear();
        inputShapes.clear();
        outputShapes.clear();
        int row = 0;
        if (na != null) {
            for (int i = 0; i < na.inputPorts().size(); i++) {
                String port = na.inputPorts().get(i);
                Shape s = na.inputs().size() == na.inputPorts().size() ? na.inputs().get(i) : null;
                Label v = shapeLabel("shape-in-" + port, s, s == null ? null : na.inputLayouts().get(i));
                inputShapes.put(port, v);
                addRow(shapeGrid, row++, "in  " + port, v);
            }
            for (int i = 0; i < na.outputPorts().size(); i++) {
                String port = na.outputPorts().get(i);
                Label v = shapeLabel("shape-out-" + port, na.evaluated() ? at(na.outputs(), i) : null,
                        na.evaluated() && i < na.outputLayouts().size() ? na.outputLayouts().get(i) : null);
                outputShapes.put(port, v);
                addRow(shapeGrid, row++, "out  " + port, v);
            }
        }
        if (row == 0) {
            shapeGrid.add(muted("No ports."), 0, 0, 2, 1);
        }
        boolean ok = na != null && na.evaluated();
        params.setText(ok ? CostFormat.count(na.params()) : "—");
        macs.setText(ok ? CostFormat.count(na.macs()) : "—");
        flops.setText(ok ? CostFormat.count(na.flops()) : "—");
        activations.setText(ok ? CostFormat.bytes(na.activationBytes()) : "—");

        problemBox.getChildren().clear();
        if (na != null) {
            for (Problem p : na.problems()) {
                Label l = new Label((p.port() == null ? "" : "input '" + p.port() + "': ") + p.message());
                l.getStyleClass().add("inspector-problem");
                l.setWrapText(true);
                l.setMinHeight(Label.USE_PREF_SIZE);
                problemBox.getChildren().add(l);
            }
            if (!ok && na.problems().isEmpty()) {
                Label l = muted("Not evaluated: a block upstream has a problem.");
                l.setWrapText(true);
                problemBox.getChildren().add(l);
            }
        }
        for (ParamEditor e : editors) {
            e.show(shownValue(node, e.spec(), na));
        }
    }

    /** The value, with what an "auto" resolved to: "auto (3)". */
    static Object shownValue(Node node, ParamSpec spec, NodeAnalysis na) {
        Object v = currentValue(node, spec);
        if (ParamSpec.AUTO.equals(v) && na != null && na.bound() != null) {
            Object resolved = na.bound().asMap().get(spec.name());
            if (resolved != null && !ParamSpec.AUTO.equals(resolved) && spec.kind() != org.modelworkbench.blocks.param.ParamKind.CHOICE) {
                return ParamSpec.AUTO + " (" + resolved + ")";
            }
        }
        return v;
    }

    private void buildUnknown(Node node, DesignAnalysis analysis) {
        editors.clear();
        Label title = new Label(node.id());
        title.setId("inspectorTitle");
        title.getStyleClass().add("inspector-title");
        Label typeId = new Label(node.type());
        typeId.getStyleClass().add("inspector-type-id");
        VBox problems = new VBox(4);
        NodeAnalysis na = analysis == null ? null : analysis.node(node.id());
        if (na != null) {
            for (Problem p : na.problems()) {
                Label l = new Label(p.message());
                l.getStyleClass().add("inspector-problem");
                l.setWrapText(true);
                problems.getChildren().add(l);
            }
        }
        content.getChildren().setAll(new VBox(4, title, typeId), section("Problems", problems));
    }

    static Object currentValue(Node node, ParamSpec spec) {
        Object v = node.params().get(spec.name());
        return v != null ? v : spec.defaultValue();
    }

    private static Shape at(List<Shape> list, int i) {
        return i < list.size() ? list.get(i) : null;
    }

    void openUrl(String url) {
        if (onOpenUrl != null) {
            onOpenUrl.accept(url);
        } else {
            ClipboardContent c = new ClipboardContent();
            c.putString(url);
            Clipboard.getSystemClipboard().setContent(c);
        }
    }

    // ---- several blocks --------------------------------------------------------------------------

    private void buildMulti(DesignAnalysis analysis) {
        editors.clear();
        long p = 0;
        long m = 0;
        long a = 0;
        int problems = 0;
        Map<String, Integer> types = new LinkedHashMap<>();
        for (String id : model.selection()) {
            NodeAnalysis na = analysis == null ? null : analysis.node(id);
            if (na != null) {
                p += na.params();
                m += na.macs();
                a += na.activationBytes();
                problems += na.problems().size();
            }
            String name = model.typeOf(id).map(BlockType::displayName)
                    .orElse(model.design().node(id).map(Node::type).orElse("?"));
            types.merge(name, 1, Integer::sum);
        }
        Label title = new Label(model.selection().size() + " blocks selected");
        title.setId("inspectorTitle");
        title.getStyleClass().add("inspector-title");
        Label hint = muted("Select a single block to edit its hyper-parameters.");
        hint.setWrapText(true);

        GridPane costs = grid();
        Label pl = value("cost-params");
        pl.setText(CostFormat.count(p));
        Label ml = value("cost-macs");
        ml.setText(CostFormat.count(m));
        Label fl = value("cost-flops");
        fl.setText(CostFormat.count(2 * m));
        Label al = value("cost-activations");
        al.setText(CostFormat.bytes(a));
        addRow(costs, 0, "Parameters", pl);
        addRow(costs, 1, "MACs", ml);
        addRow(costs, 2, "FLOPs", fl);
        addRow(costs, 3, "Activations", al);
        if (problems > 0) {
            Label pr = value("cost-problems");
            pr.setText(problems == 1 ? "1 problem" : problems + " problems");
            pr.getStyleClass().add("inspector-problem");
            addRow(costs, 4, "Problems", pr);
        }

        FlowPane chips = new FlowPane(6, 6);
        chips.setId("inspectorTypes");
        types.forEach((name, count) -> {
            Label chip = new Label(count + " × " + name);
            chip.getStyleClass().add("inspector-chip");
            chips.getChildren().add(whole(chip, chips));
        });
        content.getChildren().setAll(new VBox(4, title, hint), section("Summed costs", costs),
                section("Block types", chips));
    }

    // ---- the design ------------------------------------------------------------------------------

    private void buildDesign(DesignAnalysis analysis) {
        editors.clear();
        Design d = model.design();
        Label title = new Label(d.name() == null || d.name().isBlank() ? "Untitled design" : d.name());
        title.setId("inspectorTitle");
        title.getStyleClass().add("inspector-title");
        title.setWrapText(true);
        VBox header = new VBox(4, title);
        if (d.description() != null && !d.description().isBlank()) {
            Label description = new Label(d.description());
            description.setId("inspectorDescription");
            description.getStyleClass().add("inspector-description");
            description.setWrapText(true);
            description.setMinHeight(Label.USE_PREF_SIZE);
            header.getChildren().add(description);
        }
        GridPane stats = grid();
        Label nodes = value("design-nodes");
        nodes.setText(CostFormat.grouped(d.size()));
        Label edges = value("design-edges");
        edges.setText(CostFormat.grouped(d.edges().size()));
        addRow(stats, 0, "Blocks", nodes);
        addRow(stats, 1, "Connections", edges);
        int row = 2;
        if (analysis != null) {
            Totals t = analysis.totals();
            Label pl = value("cost-params");
            pl.setText(CostFormat.count(t.params()));
            Label ml = value("cost-macs");
            ml.setText(CostFormat.count(t.macs()));
            Label fl = value("cost-flops");
            fl.setText(CostFormat.count(t.flops()));
            Label al = value("cost-activations");
            al.setText(CostFormat.bytes(t.activationBytes()));
            addRow(stats, row++, "Parameters", pl);
            addRow(stats, row++, "MACs", ml);
            addRow(stats, row++, "FLOPs", fl);
            addRow(stats, row++, "Activations", al);
            Label pr = value("design-problems");
            int n = analysis.problems().size();
            pr.setText(n == 0 ? "none" : Integer.toString(n));
            if (n > 0) {
                pr.getStyleClass().add("inspector-problem");
            }
            addRow(stats, row, "Problems", pr);
        }
        Label hint = muted("Select a block to see its shapes and costs and to edit its hyper-parameters.");
        hint.setWrapText(true);
        content.getChildren().setAll(header, section("Design", stats), hint);
    }

    // ---- building blocks -------------------------------------------------------------------------

    private static VBox section(String title, javafx.scene.Node body) {
        Label t = new Label(title.toUpperCase(java.util.Locale.ROOT));
        t.getStyleClass().add("inspector-section-title");
        VBox box = new VBox(6, t, body);
        box.getStyleClass().add("inspector-section");
        return box;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.getStyleClass().add("inspector-grid");
        g.setHgap(12);
        g.setVgap(3);
        ColumnConstraints key = new ColumnConstraints();
        key.setMinWidth(Label.USE_PREF_SIZE);
        ColumnConstraints val = new ColumnConstraints();
        val.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().setAll(key, val);
        return g;
    }

    private static void addRow(GridPane g, int row, String key, Label value) {
        Label k = new Label(key);
        k.getStyleClass().add("inspector-key");
        g.add(k, 0, row);
        g.add(value, 1, row);
    }

    private static Label value(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("inspector-value");
        return l;
    }

    private static Label shapeLabel(String id, Shape s, org.modelworkbench.blocks.shape.Layout layout) {
        Label l = new Label(s == null ? "—" : org.modelworkbench.blocks.shape.Layout.label(s, layout));
        l.setId(id);
        l.getStyleClass().addAll("inspector-value", "inspector-shape");
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("inspector-muted");
        return l;
    }

    /**
     * A label in a flow: at its whole width when the line has room for it (else on a line of its
     * own), shortened with "…" only when it is wider than the panel, and then whole in a tooltip.
     */
    private static Label whole(Label l, FlowPane flow) {
        l.setMnemonicParsing(false);
        l.maxWidthProperty().bind(flow.widthProperty());
        l.minWidthProperty().bind(javafx.beans.binding.Bindings.min(flow.widthProperty(),
                javafx.beans.binding.Bindings.createDoubleBinding(() -> l.prefWidth(-1), l.textProperty(), l.fontProperty())));
        if (l.getTooltip() == null) {
            l.setTooltip(tooltip(l.getText()));
        }
        return l;
    }

    static Tooltip tooltip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(380);
        t.setShowDelay(Duration.millis(400));
        t.setShowDuration(Duration.seconds(30));
        return t;
    }

    /** Stops following the model (the view is no longer shown); call once the view is dropped. */
    @Override
    public void dispose() {
        subscriptions.dispose();
    }
}
