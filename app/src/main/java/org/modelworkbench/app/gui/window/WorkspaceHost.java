package org.modelworkbench.app.gui.window;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.event.EventHandler;
import javafx.scene.input.InputEvent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import org.modelworkbench.app.gui.document.Document;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.group.CompositeNavigator;
import org.modelworkbench.editor.lifecycle.Subscriptions;
import org.modelworkbench.editor.model.EditorModel;
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
    private CanvasContextMenus contextMenus;
    /** The view (zoom, x, y) each level of the open document was left with, so going back shows it again. */
    private final java.util.Map<EditorModel, double[]> views = new java.util.WeakHashMap<>();

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

    /** The context menus every workspace's canvas gets from now on. */
    void setContextMenus(CanvasContextMenus contextMenus) {
        this.contextMenus = contextMenus;
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
        views.clear();
    }

    /** Shows one level of the open document: its own design, or the inside of a composite. */
    private void showLevel(CompositeNavigator.Level level, boolean fresh) {
        Workspace old = workspace.get();
        double[] horizontalDividers = null;
        double[] verticalDividers = null;
        if (old != null && !old.isDisposed()) {
            views.put(old.model, new double[] {old.canvas.getZoom(), old.canvas.translateXOfView(),
                    old.canvas.translateYOfView()});
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
        if (contextMenus != null) {
            contextMenus.install(ws);
        }
        ws.own(statusBar.follow(document, ws.canvas));
        workspace.set(ws);
        holder.setCenter(ws.root());
        updateBreadcrumb();
        double[] view = fresh ? null : views.get(level.model());
        if (view != null) {
            ws.canvas.setView(view[0], view[1], view[2]);
        } else {
            initialView(ws.canvas);
        }
        focusCanvas();
    }

    /** Pulses the canvas must have held the keyboard before {@link #focusCanvas} stops watching. */
    private static final int FOCUS_STABLE_PULSES = 3;
    /** Pulses after which {@link #focusCanvas} gives up (the window may be hidden, or a dialog open). */
    private static final int FOCUS_MAX_PULSES = 60;

    /**
     * Gives the keyboard to the canvas shown (after a design is opened, a composite entered or left,
     * the start page put away), so that F, Delete and Alt+Up work without a click first.
     *
     * <p>One request is not enough: the focus clean-up at the start of the following pulses (the
     * start page's button was hidden, the old canvas left the scene, the toolbar's overflow button
     * went away) moves the keyboard to the next control, the palette search, and under a real display
     * the canvas is not even in the scene until the split pane's skin is made. So it is asked again after each layout
     * pulse until the canvas has held it for a few pulses; a mouse press or key press by the user, or
     * another workspace, ends the watch at once, so a click into a field is never undone.
     */
    void focusCanvas() {
        Workspace ws = workspace.get();
        // The window's scene: the canvas itself joins it only when the split pane's skin is made (next pulse).
        Scene scene = holder.getScene();
        if (ws == null || scene == null) {
            return;
        }
        GraphCanvas canvas = ws.canvas;
        int[] pulses = {0, 0};
        boolean[] over = {false};
        Runnable[] afterPulse = new Runnable[1];
        javafx.event.EventHandler<javafx.event.Event> userActs = e -> over[0] = true;
        Runnable stop = () -> {
            over[0] = true;
            // Not removed while the scene runs its pulse listeners.
            Platform.runLater(() -> {
                scene.removePostLayoutPulseListener(afterPulse[0]);
                scene.removeEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, userActs);
                scene.removeEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, userActs);
            });
        };
        afterPulse[0] = () -> {
            if (over[0] || workspace.get() != ws || ws.isDisposed() || ++pulses[0] > FOCUS_MAX_PULSES) {
                stop.run();
                return;
            }
            if (canvas.getScene() != scene) {
                pulses[1] = 0;
            } else if (scene.getFocusOwner() == canvas) {
                if (++pulses[1] >= FOCUS_STABLE_PULSES) {
                    stop.run();
                    return;
                }
            } else {
                pulses[1] = 0;
                canvas.requestFocus();
            }
            Platform.requestNextPulse();
        };
        // After the event being dispatched now (e.g. the Alt+Up that left a composite, itself a key press).
        Platform.runLater(() -> {
            if (!over[0]) {
                scene.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, userActs);
                scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, userActs);
            }
        });
        scene.addPostLayoutPulseListener(afterPulse[0]);
        canvas.requestFocus();
        Platform.requestNextPulse();
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

    /** The most a design is zoomed when it opens: a small design is not blown up. */
    static final double OPEN_MAX_ZOOM = 1.0;

    /**
     * The view a design opens with: the whole design, at most at 100 %, clear of the minimap. The
     * canvas gets its real size only when the window is laid out (first an empty size, then the
     * split panes' share), so the fit is made again whenever the size changes while the window
     * settles, and no longer once the user has pressed a key or a button anywhere in the window
     * (dragging a divider then keeps the zoom) or the view was changed by anything else.
     */
    static void initialView(GraphCanvas canvas) {
        new OpeningView(canvas).follow();
    }

    /** Follows the canvas's size with a fit until the window has settled and the user acts. */
    private static final class OpeningView {
        private final GraphCanvas canvas;
        private final double[] fitted = {Double.NaN, Double.NaN, Double.NaN};
        private final ChangeListener<Bounds> sizeChanged = (obs, was, now) -> sizeChanged(now);
        private final EventHandler<InputEvent> userActed = e -> stop();
        private final ChangeListener<Scene> sceneChanged = (obs, was, now) -> watch(was, now);

        OpeningView(GraphCanvas canvas) {
            this.canvas = canvas;
        }

        void follow() {
            canvas.layoutBoundsProperty().addListener(sizeChanged);
            canvas.sceneProperty().addListener(sceneChanged);
            watch(null, canvas.getScene());
            sizeChanged(canvas.getLayoutBounds());
        }

        private void watch(Scene was, Scene now) {
            if (was != null) {
                was.removeEventFilter(MouseEvent.MOUSE_PRESSED, userActed);
                was.removeEventFilter(KeyEvent.KEY_PRESSED, userActed);
            }
            if (now != null) {
                now.addEventFilter(MouseEvent.MOUSE_PRESSED, userActed);
                now.addEventFilter(KeyEvent.KEY_PRESSED, userActed);
            }
        }

        private void sizeChanged(Bounds now) {
            if (now.getWidth() <= 0 || now.getHeight() <= 0) {
                return;
            }
            boolean untouched = Double.isNaN(fitted[0]) || (fitted[0] == canvas.getZoom()
                    && fitted[1] == canvas.translateXOfView() && fitted[2] == canvas.translateYOfView());
            if (!untouched) {
                stop();
                return;
            }
            canvas.zoomToFit(OPEN_MAX_ZOOM);
            fitted[0] = canvas.getZoom();
            fitted[1] = canvas.translateXOfView();
            fitted[2] = canvas.translateYOfView();
        }

        private void stop() {
            canvas.layoutBoundsProperty().removeListener(sizeChanged);
            canvas.sceneProperty().removeListener(sceneChanged);
            watch(canvas.getScene(), null);
        }
    }
}
