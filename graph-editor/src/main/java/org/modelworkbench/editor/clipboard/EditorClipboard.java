package org.modelworkbench.editor.clipboard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import org.modelworkbench.editor.canvas.FreeSpace;
import org.modelworkbench.editor.command.Command;
import org.modelworkbench.editor.command.CompositeCommand;
import org.modelworkbench.editor.edit.AddElements;
import org.modelworkbench.editor.edit.RemoveElements;
import org.modelworkbench.editor.group.DefineComposite;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.BoundaryBlocks;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;
import org.modelworkbench.projects.files.DesignReader;
import org.modelworkbench.projects.files.DesignWriter;
import org.modelworkbench.projects.files.ProjectFileException;

/**
 * Copy, cut, paste and duplicate of the selected blocks and the wires among them, each one undo
 * step. What is copied is a fragment in the project file format (a complete, valid project file
 * holding the blocks, their wires and the user composites they use), put on the system clipboard as
 * text, so it can be pasted into another design, another window, or a text editor; when the system
 * clipboard cannot be used (headless, or off the FX thread) an in-memory clipboard stands in.
 *
 * <p>Pasted blocks keep their ids where these are free, otherwise get the next free {@code id_N};
 * they land 40 px right and down of the copied ones, 40 px further for each further paste of the
 * same copy (a cut pastes in place first), or, where that would put a block on another, at the
 * nearest spot around it where none does ({@link FreeSpace}); they become the selection. A composite block the
 * fragment brings along is added to the design unless the design already has the same one; a
 * different one of the same name is pasted under a new name ({@code Name_2}).
 * <pre>
 *   EditorClipboard.copy(model);       // Ctrl+C
 *   EditorClipboard.cut(model);        // Ctrl+X
 *   EditorClipboard.paste(model);      // Ctrl+V
 *   EditorClipboard.duplicate(model);  // Ctrl+D
 * </pre>
 */
public final class EditorClipboard {
    /** Offset of each paste from the previous one. */
    public static final double OFFSET = 40;
    /** The step of the search for room (the canvas grid). */
    private static final double GRID = org.modelworkbench.editor.canvas.GraphCanvas.GRID;

    private static final String MIME = "application/x-model-workbench-fragment+json";

    private static String memory;
    private static String lastCopied;
    private static int pastes;

    private EditorClipboard() {
    }

    /** Copies the selected blocks; false when nothing is selected. */
    public static boolean copy(EditorModel model) {
        List<String> ids = copyable(model);
        if (ids.isEmpty()) {
            return false;
        }
        put(fragment(model.design(), ids));
        pastes = 0;
        return true;
    }

    /** Copies the selected blocks and deletes them, as one undo step ("Cut …"); false when nothing is selected. */
    public static boolean cut(EditorModel model) {
        List<String> ids = copyable(model);
        if (ids.isEmpty() || model.isReadOnly()) {
            return false;
        }
        put(fragment(model.design(), ids));
        pastes = -1; // the first paste goes where the blocks were
        List<String> all = new ArrayList<>(model.selection());
        model.selection().clear();
        model.execute(new RemoveElements(model.design(), all, List.of(), "Cut " + what(all)));
        return true;
    }

    /** Pastes what was copied, as one undo step, and selects it; returns the new ids (empty when nothing to paste). */
    public static List<String> paste(EditorModel model) {
        if (model.isReadOnly()) {
            return List.of();
        }
        String text = get();
        if (text == null) {
            return List.of();
        }
        if (text.equals(lastCopied)) {
            pastes++;
        } else {
            lastCopied = text;
            pastes = 1;
        }
        try {
            return paste(model, text, OFFSET * pastes, OFFSET * pastes, "Paste", true);
        } catch (ProjectFileException e) {
            return List.of(); // text that is not a fragment: nothing to paste
        }
    }

    /**
     * Pastes what was copied with its top-left block at a design point (the canvas's "Paste here"),
     * or at the nearest spot around it where no block lands on another; one undo step.
     */
    public static List<String> pasteAt(EditorModel model, double x, double y) {
        String text = get();
        if (model.isReadOnly() || text == null) {
            return List.of();
        }
        try {
            Design f = new DesignReader(model.library(), org.modelworkbench.projects.files.Migrations.STANDARD)
                    .read(text, "the clipboard");
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            for (Node n : f.nodes()) {
                minX = Math.min(minX, n.x());
                minY = Math.min(minY, n.y());
            }
            if (f.size() == 0) {
                return List.of();
            }
            return paste(model, text, Math.round((x - minX) / GRID) * GRID, Math.round((y - minY) / GRID) * GRID, "Paste", true);
        } catch (ProjectFileException e) {
            return List.of();
        }
    }

    /** Copies and pastes the selection in one step ("Duplicate …"), leaving the clipboard alone; returns the new ids. */
    public static List<String> duplicate(EditorModel model) {
        List<String> ids = copyable(model);
        if (ids.isEmpty() || model.isReadOnly()) {
            return List.of();
        }
        try {
            return paste(model, fragment(model.design(), ids), OFFSET, OFFSET, "Duplicate", true);
        } catch (ProjectFileException e) {
            throw new IllegalStateException("a copied fragment could not be read back: " + e.getMessage(), e);
        }
    }

    /** True when there is something to paste. */
    public static boolean canPaste() {
        String text = get();
        return text != null && text.contains("\"formatVersion\"");
    }

    /**
     * The fragment for these nodes: a project file with the nodes, the wires among them, and the
     * user composites they use (directly or inside each other).
     */
    public static String fragment(Design design, Collection<String> nodeIds) {
        Set<String> ids = new HashSet<>(nodeIds);
        Design f = new Design("Copied from " + design.compositeScope().name());
        for (Node n : design.nodes()) {
            if (ids.contains(n.id()) && !BoundaryBlocks.isBoundary(n.type())) {
                f.addNode(n);
            }
        }
        for (Edge e : design.edges()) {
            if (f.node(e.from().node()).isPresent() && f.node(e.to().node()).isPresent()) {
                f.connect(e);
            }
        }
        Set<String> used = new LinkedHashSet<>();
        for (Node n : f.nodes()) {
            CompositeDefinition.nameOf(n.type()).ifPresent(used::add);
        }
        List<String> todo = new ArrayList<>(used);
        while (!todo.isEmpty()) {
            String name = todo.remove(todo.size() - 1);
            design.composite(name).ifPresent(d -> d.uses().stream().filter(used::add).forEach(todo::add));
        }
        for (String name : used) {
            design.composite(name).ifPresent(d -> f.putComposite(d.copy()));
        }
        return DesignWriter.toJson(f);
    }

    /**
     * Pastes a fragment (as from {@link #fragment}) into the model's design, moved by (dx, dy), as
     * one undo step named {@code verb} ("Paste 3 blocks"), and selects the pasted blocks.
     *
     * @throws ProjectFileException when the text is not a valid fragment
     */
    public static List<String> pasteFragment(EditorModel model, String text, double dx, double dy, String verb)
            throws ProjectFileException {
        return paste(model, text, dx, dy, verb, false);
    }

    /** As {@link #pasteFragment}; with {@code findRoom}, moved further (see {@link FreeSpace}) until no block lands on another. */
    private static List<String> paste(EditorModel model, String text, double dx, double dy, String verb, boolean findRoom)
            throws ProjectFileException {
        Design f = new DesignReader(model.library(), org.modelworkbench.projects.files.Migrations.STANDARD)
                .read(text, "the clipboard");
        if (f.size() == 0) {
            return List.of();
        }
        Design design = model.design();
        if (findRoom) {
            Point2D room = FreeSpace.offset(FreeSpace.footprints(f.nodes(), f, model::findType, dx, dy),
                    FreeSpace.footprints(design, model::findType), GRID);
            dx += room.getX();
            dy += room.getY();
        }
        List<Command> steps = new ArrayList<>();
        Map<String, String> renamed = definitions(design, f, steps);

        Set<String> taken = new HashSet<>(design.nodeOrder());
        Map<String, String> ids = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (Node n : f.nodes()) {
            String id = freeId(n.id(), taken);
            ids.put(n.id(), id);
            nodes.add(new Node(id, retype(n.type(), renamed), n.params(), n.x() + dx, n.y() + dy));
        }
        List<Edge> edges = new ArrayList<>();
        for (Edge e : f.edges()) {
            edges.add(new Edge(new PortRef(ids.get(e.from().node()), e.from().port()),
                    new PortRef(ids.get(e.to().node()), e.to().port())));
        }
        List<String> pasted = nodes.stream().map(Node::id).toList();
        steps.add(new AddElements(design, nodes, edges, verb + " " + what(pasted)));
        model.selection().clear();
        model.execute(new CompositeCommand(verb + " " + what(pasted), steps));
        model.selection().addAll(pasted);
        return pasted;
    }

    /** Adds the fragment's composites the design lacks (renaming clashes); returns old name → new name. */
    private static Map<String, String> definitions(Design design, Design f, List<Command> steps) {
        Map<String, String> renamed = new LinkedHashMap<>();
        Set<String> names = new HashSet<>(design.compositeScope().composites().keySet());
        List<CompositeDefinition> toAdd = new ArrayList<>();
        for (CompositeDefinition d : f.composites().values()) {
            Optional<CompositeDefinition> existing = design.composite(d.name());
            if (existing.isPresent() && sameContent(existing.get(), d)) {
                continue;
            }
            String name = d.name();
            if (existing.isPresent()) {
                String base = name.replaceAll("_\\d+$", "");
                for (int k = 2; names.contains(name); k++) {
                    name = base + "_" + k;
                }
                renamed.put(d.name(), name);
            }
            names.add(name);
            toAdd.add(d);
        }
        for (CompositeDefinition d : toAdd) {
            String name = renamed.getOrDefault(d.name(), d.name());
            Design inside = new Design(name);
            inside.setDescription(d.inside().description());
            for (Node n : d.inside().nodes()) {
                inside.addNode(new Node(n.id(), retype(n.type(), renamed), n.params(), n.x(), n.y()));
            }
            d.inside().edges().forEach(inside::connect);
            steps.add(new DefineComposite(design, new CompositeDefinition(name, inside, d.inputs(), d.outputs())));
        }
        return renamed;
    }

    private static boolean sameContent(CompositeDefinition a, CompositeDefinition b) {
        return a.inputs().equals(b.inputs()) && a.outputs().equals(b.outputs())
                && new HashSet<>(a.inside().nodes()).equals(new HashSet<>(b.inside().nodes()))
                && new HashSet<>(a.inside().edges()).equals(new HashSet<>(b.inside().edges()));
    }

    private static String retype(String type, Map<String, String> renamed) {
        return CompositeDefinition.nameOf(type).filter(renamed::containsKey)
                .map(n -> CompositeDefinition.typeIdOf(renamed.get(n))).orElse(type);
    }

    /** The id if free, else the next free {@code base_N} (conv1_2 → conv1_3, not conv1_2_2). */
    private static String freeId(String id, Set<String> taken) {
        String result = id;
        if (taken.contains(id)) {
            String base = id.replaceAll("_\\d+$", "");
            base = Node.isValidId(base) ? base : id;
            for (int k = 2; taken.contains(result); k++) {
                result = base + "_" + k;
            }
        }
        taken.add(result);
        return result;
    }

    private static List<String> copyable(EditorModel model) {
        List<String> ids = new ArrayList<>();
        for (String id : model.selection()) {
            model.design().node(id).filter(n -> !BoundaryBlocks.isBoundary(n.type())).ifPresent(n -> ids.add(id));
        }
        return ids;
    }

    private static String what(List<String> ids) {
        return ids.size() == 1 ? ids.get(0) : ids.size() + " blocks";
    }

    // ---- the system clipboard, with an in-memory stand-in ------------------------------------

    private static void put(String text) {
        memory = text;
        lastCopied = text;
        if (Platform.isFxApplicationThread()) {
            try {
                ClipboardContent content = new ClipboardContent();
                content.putString(text);
                content.put(format(), text);
                Clipboard.getSystemClipboard().setContent(content);
            } catch (RuntimeException e) {
                // no usable system clipboard: the in-memory copy serves this application
            }
        }
    }

    /** The fragment to paste: the system clipboard's, else (no usable system clipboard) the in-memory one. */
    private static String get() {
        if (Platform.isFxApplicationThread()) {
            try {
                Clipboard cb = Clipboard.getSystemClipboard();
                Object ours = cb.getContent(format());
                if (ours instanceof String s) {
                    return s;
                }
                if (cb.hasString()) {
                    String s = cb.getString();
                    // text copied elsewhere since: paste it only if it is a fragment
                    return s != null && s.contains("\"formatVersion\"") ? s : null;
                }
            } catch (RuntimeException e) {
                // fall through to the in-memory copy
            }
        }
        return memory;
    }

    private static DataFormat format() {
        DataFormat f = DataFormat.lookupMimeType(MIME);
        return f != null ? f : new DataFormat(MIME);
    }

    /** Forgets the in-memory clipboard and the paste count (tests). */
    static void reset() {
        memory = null;
        lastCopied = null;
        pastes = 0;
    }
}
