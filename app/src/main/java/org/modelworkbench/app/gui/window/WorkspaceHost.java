package org.modelworkbench.app.gui.window;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;
import org.modelworkbench.app.gui.document.Document;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.group.CompositeNavigator;
import org.modelworkbench.editor.lifecycle.Subscriptions;
import org.modelworkbench.editor.palette.PaletteView;
import org.modelworkbench.projects.analysis.UserBlockType;

/**
 * Owns what the window shows of the open document and the lifecycle of it all: per document, the
 * palette and the {@link CompositeNavigator} (which composites are open); per level shown, a
 * {@link Workspace} with its views and the window's added {@link WorkspacePanel}s. Showing another
 * level or document disposes the workspace shown before, and closing the document also lets the
 * navigator and the palette's follower go, so the models keep only the listeners of what is shown.
 */
final class WorkspaceHost {
    private final BorderPane holder = new BorderPane();
    private final ReadOnlyObjectWrapper<Workspace> workspace = new ReadOnlyObjectWrapper<>(this, "workspace");
    private final List<WorkspacePanel> panels = new ArrayList<>();
    private final StatusBarView statusBar;
    private final Consumer<String> openUrl;
    private final BooleanProperty snapToGrid;
    private final BooleanProperty minimapShown;
    private Runnable onLeaveInside = () -> { };

    /** Per open document: what is followed for it, removed when it closes. */
    private Document document;
    private PaletteView palette;
    private CompositeNavigator navigator;
    private Subscriptions documentSubscriptions;

    WorkspaceHost(StatusBarView statusBar, Consumer<String> openUrl, BooleanProperty snapToGrid, BooleanProperty minimapShown) {
        this.statusBar = statusBar;
        this.openUrl = openUrl;
        this.snapToGrid = snapToGrid;
        this.minimapShown = minimapShown;
    }

    /** The node the workspaces are shown in. */
    Node root() {
        return holder;
    }

    ReadOnlyObjectProperty<Workspace> workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }

    Workspace workspace() {
        return workspace.get();
    }

    /** The open composites of the document shown (null when none is open). */
    CompositeNavigator navigator() {
        return navigator;
    }

    /** What the breadcrumb's Up button does (the window routes it through its Leave Inside action). */
    void setOnLeaveInside(Runnable onLeaveInside) {
        this.onLeaveInside = onLeaveInside;
    }

    /**
     * Adds a panel to every workspace from now on (the one shown is rebuilt with it): a tab below
     * the canvas or a slot at the right side; see {@link WorkspacePanel} for its lifecycle.
     */
    void addPanel(WorkspacePanel panel) {
        panels.add(panel);
        if (workspace.get() != null && navigator != null) {
            showLevel(navigator.current(), false);
        }
    }

    /** Shows a document (its own level first), or nothing; what was shown before is disposed. */
    void show(Document doc) {
        Workspace old = workspace.get();
        if (old != null) {
            old.dispose();
        }
        closeDocument();
        if (doc == null) {
            workspace.set(null);
            holder.setCenter(null);
            statusBar.showNothing();
            return;
        }
        document = doc;
        documentSubscriptions = new Subscriptions();
        palette = new PaletteView(doc.model().library());
        palette.setOnAddBlock(this::addBlock);
        CompositeNavigator nav = new CompositeNavigator(doc.model());
        navigator = nav;
        documentSubscriptions.add(nav::close);
        documentSubscriptions.onChange(nav.currentProperty(), (obs, was, level) -> {
            if (nav == navigator && level != null) {
                showLevel(level, false);
            }
        });
        documentSubscriptions.onListChange(nav.path(), (ListChangeListener<CompositeNavigator.Level>) c -> {
            if (nav == navigator) {
                updateBreadcrumb();
            }
        });
        InvalidationListener userBlocksFollow = o -> refreshUserBlocks();
        documentSubscriptions.onInvalidated(doc.model().commands().revisionProperty(), userBlocksFollow);
        refreshUserBlocks();
        showLevel(nav.current(), true);
    }

    /** Lets the document's navigator and followers go (the workspace is disposed already). */
    private void closeDocument() {
        if (documentSubscriptions != null) {
            // Forget the navigator first: closing it moves it back to the root level, which must not build a workspace.
            navigator = null;
            documentSubscriptions.dispose();
            documentSubscriptions = null;
        }
        document = null;
    }

    /** Shows one level of the open document: its own design, or the inside of a composite. */
    private void showLevel(CompositeNavigator.Level level, boolean fresh) {
        Workspace old = workspace.get();
        double[] horizontalDividers = null;
        double[] verticalDividers = null;
        if (old != null && !old.isDisposed()) {
            if (!fresh) {
                horizontalDividers = old.horizontal.getDividerPositions();
                verticalDividers = old.vertical.getDividerPositions();
            }
            old.dispose();
        }
        Workspace ws = new Workspace(document, level.model(), palette, openUrl, panels);
        if (horizontalDividers != null && horizontalDividers.length == ws.horizontal.getDividers().size()) {
            ws.horizontal.setDividerPositions(horizontalDividers);
        }
        if (verticalDividers != null && verticalDividers.length == ws.vertical.getDividers().size()) {
            ws.vertical.setDividerPositions(verticalDividers);
        }
        ws.bindToWindow(snapToGrid, minimapShown);
        ws.canvas.onOpenNodeProperty().set(this::openInside);
        ws.problems.setOnReveal(this::reveal);
        ws.own(statusBar.follow(document, ws.canvas));
        workspace.set(ws);
        holder.setCenter(ws.root());
        updateBreadcrumb();
        initialView(ws.canvas);
        Platform.runLater(ws.canvas::requestFocus);
    }

    private void updateBreadcrumb() {
        Workspace ws = workspace.get();
        if (ws == null || navigator == null) {
            return;
        }
        ws.setTopBar(CompositeBreadcrumb.build(navigator, onLeaveInside));
    }

    /** The "My blocks" group of the palette: the document's own composite blocks. */
    private void refreshUserBlocks() {
        if (document == null || palette == null) {
            return;
        }
        var design = document.model().design();
        List<BlockType> types = new ArrayList<>();
        design.composites().values().forEach(d -> types.add(new UserBlockType(d, document.model().library())));
        List<String> now = types.stream().map(BlockType::id).toList();
        List<String> shown = palette.userBlocks().stream().map(BlockType::id).toList();
        if (!now.equals(shown)) {
            palette.userBlocks().setAll(types);
        }
    }

    /** Opens a composite block (double-click, Enter, Edit › Open Inside). */
    void openInside(String nodeId) {
        if (navigator == null) {
            return;
        }
        String why = navigator.whyNotOpen(nodeId);
        if (why != null) {
            statusBar.message("Cannot open " + nodeId + ": " + why);
            return;
        }
        navigator.open(nodeId);
    }

    /** Back to the enclosing design; nothing at the document's own level. */
    void leaveInside() {
        if (navigator != null) {
            navigator.back();
        }
    }

    /** True while a composite is open (there is a level to go back to). */
    boolean isInside() {
        return navigator != null && navigator.path().size() > 1;
    }

    private void addBlock(String typeId) {
        Workspace ws = workspace.get();
        if (ws != null) {
            ws.canvas.addBlockAtCenter(typeId);
            ws.canvas.requestFocus();
        }
    }

    private void reveal(String nodeId) {
        Workspace ws = workspace.get();
        if (ws == null || ws.model.design().node(nodeId).isEmpty()) {
            return;
        }
        ws.model.selection().clear();
        ws.model.selection().add(nodeId);
        ws.canvas.centerOn(nodeId);
    }

    /** Below this zoom the canvas draws an overview without text: not where a design should open. */
    static final double READABLE_ZOOM = 0.55;

    /**
     * The view a design opens with: the whole design when it fits at a readable size, otherwise
     * its beginning (the input) at a comfortable zoom; F fits the whole design anyway.
     */
    static void initialView(GraphCanvas canvas) {
        if (canvas.getWidth() <= 0 || canvas.getHeight() <= 0) {
            InvalidationListener[] wait = new InvalidationListener[1];
            wait[0] = o -> {
                if (canvas.getWidth() > 0 && canvas.getHeight() > 0) {
                    canvas.layoutBoundsProperty().removeListener(wait[0]);
                    Platform.runLater(() -> initialView(canvas));
                }
            };
            canvas.layoutBoundsProperty().addListener(wait[0]);
            return;
        }
        canvas.zoomToFit();
        if (canvas.getZoom() >= READABLE_ZOOM) {
            return;
        }
        Bounds b = canvas.contentBounds();
        double z = 0.8;
        double margin = 40;
        double tx = canvas.getWidth() / 2 - b.getCenterX() * z;
        if (b.getWidth() * z > canvas.getWidth() - 2 * margin) {
            tx = margin - b.getMinX() * z;
        }
        double ty = b.getHeight() * z > canvas.getHeight() - 2 * margin ? margin - b.getMinY() * z
                : canvas.getHeight() / 2 - b.getCenterY() * z;
        canvas.setView(z, tx, ty);
    }
}
