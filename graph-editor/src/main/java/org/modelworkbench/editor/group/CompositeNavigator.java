package org.modelworkbench.editor.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.modelworkbench.blocks.shape.Shape;
import javafx.geometry.Point2D;
import org.modelworkbench.editor.layout.AutoLayout;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Node;

/**
 * The breadcrumb of open composites: the document's model at the root, then one level per
 * composite opened inside the level above. The canvas, inspector and panels show
 * {@link #currentModel()}; a breadcrumb bar shows {@link #path()} and calls {@link #goTo(int)}.
 *
 * <p>A user composite opens as an {@link EditorModel} over its definition's inside that shares the
 * document's command stack: its edits are undone with the rest, make the document dirty, and change
 * the block everywhere it is used (the outer analysis follows). A library composite opens
 * read-only ({@link Level#readOnly()}): its inside is generated from the node's hyper-parameters
 * and input shapes, so the user looks at it and changes the hyper-parameters on the node itself.
 *
 * <p>After every command, undo or redo (at any level) the open levels are checked from the root
 * down: a level whose node or definition is gone is closed (with everything below it), a library
 * inside whose node or input shapes changed is generated again, and the boundary shapes of user
 * insides follow the shapes where the block is used.
 */
public final class CompositeNavigator {

    /** One open level: the model shown, and the node of the level above it was opened from (null at the root). */
    public record Level(EditorModel model, String nodeId, String title, boolean readOnly, CompositeInside inside) {
        public boolean isRoot() {
            return nodeId == null;
        }
    }

    private final EditorModel root;
    private final ObservableList<Level> path = FXCollections.observableArrayList();
    private final ObservableList<Level> readOnlyPath = FXCollections.unmodifiableObservableList(path);
    private final ReadOnlyObjectWrapper<Level> current = new ReadOnlyObjectWrapper<>();
    private final InvalidationListener onCommand = o -> revalidate();
    private boolean closed;

    public CompositeNavigator(EditorModel root) {
        this.root = root;
        Level top = new Level(root, null, root.design().name(), root.isReadOnly(), null);
        path.add(top);
        current.set(top);
        root.commands().revisionProperty().addListener(onCommand);
    }

    /** Root first, the level shown last. */
    public ObservableList<Level> path() {
        return readOnlyPath;
    }

    public ReadOnlyObjectProperty<Level> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public Level current() {
        return current.get();
    }

    /** The model the editor should show now. */
    public EditorModel currentModel() {
        return current.get().model();
    }

    public EditorModel rootModel() {
        return root;
    }

    /** True when the level shown cannot be edited (the inside of a library composite). */
    public boolean isReadOnly() {
        return current.get().readOnly();
    }

    /** Why a node of the current level cannot be opened, or null when it can. */
    public String whyNotOpen(String nodeId) {
        try {
            CompositeInside.of(currentModel(), nodeId);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Opens a composite node of the current level (double-click, or Enter on a selected composite)
     * and shows its inside.
     *
     * @throws IllegalArgumentException saying why it cannot be opened
     */
    public Level open(String nodeId) {
        Level parent = current.get();
        Level level = levelFor(parent, CompositeInside.of(parent.model(), nodeId), nodeId);
        path.add(level);
        current.set(level);
        return level;
    }

    /** Back to the level above (Backspace / Alt+Up); nothing at the root. */
    public void back() {
        if (path.size() > 1) {
            goTo(path.size() - 2);
        }
    }

    /** Shows level {@code depth} of the path (0 = the document), closing the levels below it. */
    public void goTo(int depth) {
        if (depth < 0 || depth >= path.size()) {
            throw new IndexOutOfBoundsException("no level " + depth + " in a path of " + path.size());
        }
        truncate(depth + 1);
    }

    /** Closes every level and stops following the document. */
    public void close() {
        truncate(1);
        root.commands().revisionProperty().removeListener(onCommand);
        closed = true;
    }

    private Level levelFor(Level parent, CompositeInside inside, String nodeId) {
        EditorModel model;
        if (inside.readOnly() || parent.readOnly()) {
            if (inside.definition() == null) {
                tidy(inside.design());
            }
            model = EditorModel.readOnly(inside.design(), parent.model().library());
        } else {
            model = new EditorModel(inside.design(), parent.model().library(), root.commands());
            model.setBoundaryInputs(inside.boundaryInputs());
        }
        return new Level(model, nodeId, inside.title(), inside.readOnly() || parent.readOnly(), inside);
    }

    /**
     * Lays a generated inside out with ELK (a few milliseconds for the dozen blocks of a library
     * composite); it is a snapshot that belongs to no document, so no command is involved.
     */
    private static void tidy(Design generated) {
        Map<String, Point2D> positions = AutoLayout.compute(generated, null, AutoLayout.defaultSizes());
        for (Map.Entry<String, Point2D> e : positions.entrySet()) {
            generated.node(e.getKey()).ifPresent(n -> generated.replaceNode(n.at(e.getValue().getX(), e.getValue().getY())));
        }
    }

    private void truncate(int size) {
        if (size >= path.size()) {
            current.set(path.get(path.size() - 1));
            return;
        }
        List<Level> removed = new ArrayList<>(path.subList(size, path.size()));
        current.set(path.get(size - 1));
        path.remove(size, path.size());
        for (Level l : removed) {
            l.model().dispose();
        }
    }

    /** Follows a command (anywhere in the document) down the open levels. */
    private void revalidate() {
        if (closed) {
            return;
        }
        root.refreshAnalysis();
        for (int i = 1; i < path.size(); i++) {
            Level parent = path.get(i - 1);
            Level level = path.get(i);
            parent.model().refreshAnalysis();
            CompositeInside now;
            try {
                now = CompositeInside.of(parent.model(), level.nodeId());
            } catch (IllegalArgumentException e) {
                truncate(i);
                return;
            }
            if (level.inside().definition() != null) {
                if (now.definition() != level.inside().definition()) {
                    truncate(i); // another definition (or none) under that node now
                    return;
                }
                level.model().setBoundaryInputs(now.boundaryInputs());
                level.model().refreshAnalysis();
            } else if (now.definition() != null || !sameGeneration(level.inside(), now)) {
                Level fresh = levelFor(parent, now, level.nodeId());
                boolean shown = current.get() == level;
                List<Level> below = new ArrayList<>(path.subList(i, path.size()));
                path.remove(i, path.size());
                below.forEach(l -> l.model().dispose());
                path.add(fresh);
                if (shown || current.get() == null || !path.contains(current.get())) {
                    current.set(fresh);
                }
                return;
            }
        }
    }

    /** Same node type, hyper-parameters and input shapes: the generated inside would be the same. */
    private static boolean sameGeneration(CompositeInside a, CompositeInside b) {
        Node x = a.node();
        Node y = b.node();
        Map<String, Shape> sa = a.boundaryInputs();
        Map<String, Shape> sb = b.boundaryInputs();
        return x.type().equals(y.type()) && x.params().equals(y.params()) && Objects.equals(sa, sb);
    }
}
