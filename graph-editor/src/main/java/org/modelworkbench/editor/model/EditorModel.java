package org.modelworkbench.editor.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.geometry.Point2D;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.editor.command.Command;
import org.modelworkbench.editor.command.CommandStack;
import org.modelworkbench.editor.command.CompositeCommand;
import org.modelworkbench.editor.edit.AddElements;
import org.modelworkbench.editor.edit.Connect;
import org.modelworkbench.editor.edit.RemoveElements;
import org.modelworkbench.editor.edit.ReplaceNode;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.analysis.DesignTypes;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignChange;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;

/**
 * The presentation model of one open design: the document, its undo history, the selection and
 * the current analysis. Views read its properties and change the design only through
 * {@link #execute(Command)} (or the helpers that build commands), so every edit is undoable and
 * the analysis is refreshed after each one. Use on the FX thread.
 */
public final class EditorModel {
    private final Design design;
    private final BlockLibrary library;
    private final DesignAnalyzer analyzer;
    private final CommandStack commands;
    private final boolean readOnly;
    private final ConnectionRule connectionRule;
    private final int ownOptionsListeners;
    private final CountedObservables.CountingSet<String> selection =
            new CountedObservables.CountingSet<>(FXCollections.observableSet(new LinkedHashSet<>()));
    private final CountedObservables.ReadOnlyValue<DesignAnalysis> analysis =
            new CountedObservables.ReadOnlyValue<>(this, "analysis");
    private final CountedObservables.Property<AnalysisOptions> options =
            new CountedObservables.Property<>(this, "options", AnalysisOptions.DEFAULT);
    /** Followers of the design's changes; the model is the design's one listener on their behalf. */
    private final List<Consumer<DesignChange>> designListeners = new CopyOnWriteArrayList<>();
    private final Consumer<DesignChange> designFanOut = change -> designListeners.forEach(l -> l.accept(change));
    private final ReadOnlyObjectWrapper<org.modelworkbench.blocks.shape.Shape> inputOverride = new ReadOnlyObjectWrapper<>();

    public EditorModel(Design design, BlockLibrary library) {
        this(design, library, new CommandStack(), false);
    }

    /**
     * A model over a design that is part of another document (the inside of a user composite):
     * its edits go on that document's {@code commands}, so one undo history and one unsaved-changes
     * flag cover the whole document.
     */
    public EditorModel(Design design, BlockLibrary library, CommandStack commands) {
        this(design, library, commands, false);
    }

    /**
     * A model to look at but not change (the generated inside of a library composite): every
     * {@link #execute} is refused. Views disable editing when {@link #isReadOnly()}.
     */
    public static EditorModel readOnly(Design design, BlockLibrary library) {
        return new EditorModel(design, library, new CommandStack(), true);
    }

    private EditorModel(Design design, BlockLibrary library, CommandStack commands, boolean readOnly) {
        this.commands = commands;
        this.readOnly = readOnly;
        this.design = design;
        this.library = library;
        this.analyzer = new DesignAnalyzer(design, library, AnalysisOptions.DEFAULT);
        this.connectionRule = new ConnectionRule(this::findType);
        // After the analyzer (which follows the design itself), so followers see an analysis that knows the change.
        design.addListener(designFanOut);
        options.addListener((obs, old, now) -> {
            inputOverride.set(now == null ? null : now.inputOverride());
            analyzer.setOptions(now == null ? AnalysisOptions.DEFAULT : now);
            refresh();
        });
        ownOptionsListeners = options.listenerCount();
        refresh();
    }

    public EditorModel(Design design) {
        this(design, BlockLibrary.standard());
    }

    public Design design() {
        return design;
    }

    public BlockLibrary library() {
        return library;
    }

    public CommandStack commands() {
        return commands;
    }

    /** Selected node ids, in the order they were selected. */
    public ObservableSet<String> selection() {
        return selection;
    }

    public ReadOnlyObjectProperty<DesignAnalysis> analysisProperty() {
        return analysis.readOnly();
    }

    public DesignAnalysis analysis() {
        return analysis.get();
    }

    /** The input size the analysis uses (null override: the design's own input nodes). */
    public ObjectProperty<AnalysisOptions> optionsProperty() {
        return options;
    }

    /**
     * The input size that replaces the design's own while profiling (N×C×H×W), or null when the
     * design's own input sizes are used: every shape on the canvas follows it, so panels and the
     * status bar show that it is on. Change it through {@link #optionsProperty()}.
     */
    public ReadOnlyObjectProperty<org.modelworkbench.blocks.shape.Shape> inputOverrideProperty() {
        return inputOverride.getReadOnlyProperty();
    }

    /** Goes back to the design's own input sizes. */
    public void clearInputOverride() {
        options.set(AnalysisOptions.DEFAULT);
    }

    /** The block type of a node: a library type, a composite of this design, or a boundary port. */
    public Optional<BlockType> typeOf(String nodeId) {
        return design.node(nodeId).flatMap(n -> findType(n.type()));
    }

    /**
     * Resolves a type id as this design sees it: the library's types, the design's own composite
     * blocks ({@code user.<name>}) and, inside a composite, its boundary ports.
     */
    public Optional<BlockType> findType(String typeId) {
        return DesignTypes.find(library, design, typeId);
    }

    /** True for a model that only shows a design (the generated inside of a library composite). */
    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * For the inside of a composite: the shapes arriving at its boundary inputs where the block is
     * used (by port name), so the inside shows the shapes of that use.
     */
    public void setBoundaryInputs(Map<String, Shape> shapes) {
        analyzer.setBoundaryInputs(shapes);
        refresh();
    }

    /** Re-reads the analysis (after a change made elsewhere, e.g. inside one of the design's composites). */
    public void refreshAnalysis() {
        afterChange();
    }

    /**
     * Follows the design's changes (nodes, wires, composites) through the model, so that
     * {@link #listenerCount()} sees the follower; remove it with {@link #removeDesignListener}.
     */
    public void addDesignListener(Consumer<DesignChange> listener) {
        designListeners.add(listener);
    }

    public void removeDesignListener(Consumer<DesignChange> listener) {
        designListeners.remove(listener);
    }

    /**
     * How many listeners follow this model now: on its analysis, options and selection and, through
     * {@link #addDesignListener}, its design. The model's own bookkeeping is not counted. A view that
     * is disposed takes its listeners with it, so this number returns to where it was.
     */
    public int listenerCount() {
        return analysis.listenerCount() + selection.listenerCount() + options.listenerCount() - ownOptionsListeners
                + designListeners.size();
    }

    /** Stops following the design (a closed composite view); the model is not used afterwards. */
    public void dispose() {
        design.removeListener(designFanOut);
        analyzer.close();
    }

    public void execute(Command command) {
        if (readOnly) {
            throw new IllegalStateException("this view is read-only: the inside of a library block follows from its "
                    + "hyper-parameters; change them on the block itself");
        }
        if (command instanceof CompositeCommand c && c.isEmpty()) {
            return;
        }
        commands.execute(command);
        afterChange();
    }

    public void undo() {
        commands.undo();
        afterChange();
    }

    public void redo() {
        commands.redo();
        afterChange();
    }

    /** Adds a block with default parameters at (x, y), selects it, and returns its id. */
    public String addNode(String typeId, double x, double y) {
        BlockType type = findType(typeId).orElseThrow(() -> new IllegalArgumentException("unknown block type " + typeId));
        String id = design.uniqueId(shortName(typeId));
        Node node = new Node(id, typeId, new LinkedHashMap<>(type.defaults().asMap()), x, y);
        execute(new AddElements(design, List.of(node), List.of(), "Add " + type.displayName()));
        selection.clear();
        selection.add(id);
        return id;
    }

    /**
     * Applies the quick fix of a layout mismatch: inserts the permute on the wire (one undo step),
     * selects it and returns its id.
     */
    public String insertPermute(org.modelworkbench.projects.analysis.Problem.LayoutFix fix) {
        org.modelworkbench.editor.edit.InsertPermute command = new org.modelworkbench.editor.edit.InsertPermute(design, fix);
        execute(command);
        selection.clear();
        selection.add(command.permuteId());
        return command.permuteId();
    }

    /** Why the wire may not be drawn, or empty when it may. */
    public Optional<String> canConnect(PortRef from, PortRef to) {
        return connectionRule.check(design, from, to);
    }

    /** Draws a wire (replacing one already into that input) unless refused; returns the refusal. */
    public Optional<String> connect(PortRef from, PortRef to) {
        Optional<String> refusal = canConnect(from, to);
        if (refusal.isEmpty()) {
            execute(new Connect(design, new Edge(from, to)));
        }
        return refusal;
    }

    public void disconnect(Edge edge) {
        execute(new RemoveElements(design, List.of(), List.of(edge), "Disconnect " + edge.from() + " from " + edge.to()));
    }

    /** Deletes the selected nodes and their wires as one step. */
    public void deleteSelection() {
        if (selection.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(selection);
        String what = ids.size() == 1 ? ids.get(0) : ids.size() + " blocks";
        selection.clear();
        execute(new RemoveElements(design, ids, List.of(), "Delete " + what));
    }

    /**
     * Sets one hyper-parameter after validating it against the block type (the whole set must stay
     * valid); one undo step.
     */
    public void setParameter(String nodeId, String name, Object value) throws InvalidParameterException {
        Node node = design.node(nodeId).orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
        BlockType type = findType(node.type()).orElseThrow(() -> new IllegalArgumentException("unknown type"));
        Object canonical = type.param(name).coerce(value);
        Node changed = node.withParam(name, canonical);
        type.resolve(changed.params());
        if (!changed.params().equals(node.params())) {
            execute(new ReplaceNode(design, changed, "Set " + name + " of " + nodeId));
        }
    }

    /** Moves nodes to new positions as one step (one drag gesture). */
    public void moveNodes(Map<String, Point2D> positions) {
        moveNodes(positions, null);
    }

    /** Moves nodes as one step named {@code description} (e.g. "Auto-layout"); null names it "Move …". */
    public void moveNodes(Map<String, Point2D> positions, String description) {
        List<Command> steps = new ArrayList<>();
        for (Map.Entry<String, Point2D> e : positions.entrySet()) {
            design.node(e.getKey()).ifPresent(n -> {
                if (n.x() != e.getValue().getX() || n.y() != e.getValue().getY()) {
                    steps.add(new ReplaceNode(design, n.at(e.getValue().getX(), e.getValue().getY()), "Move " + n.id()));
                }
            });
        }
        if (!steps.isEmpty()) {
            execute(new CompositeCommand(description != null ? description
                    : steps.size() == 1 ? steps.get(0).description() : "Move " + steps.size() + " blocks", steps));
        }
    }

    /** "conv.conv2d" → "conv2d", "resnet.basic_block" → "basic_block". */
    static String shortName(String typeId) {
        int dot = typeId.lastIndexOf('.');
        return typeId.substring(dot + 1);
    }

    private void afterChange() {
        selection.removeIf(id -> design.node(id).isEmpty());
        refresh();
    }

    private void refresh() {
        analysis.set(analyzer.analysis());
    }
}
