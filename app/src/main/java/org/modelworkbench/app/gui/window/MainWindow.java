package org.modelworkbench.app.gui.window;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.app.gui.actions.ActionRegistry;
import org.modelworkbench.app.gui.dialogs.Dialogs;
import org.modelworkbench.app.gui.document.Autosave;
import org.modelworkbench.app.gui.document.Document;
import org.modelworkbench.app.gui.document.DocumentController;
import org.modelworkbench.app.gui.prefs.AppFolders;
import org.modelworkbench.app.gui.prefs.Preferences;
import org.modelworkbench.app.gui.theme.Theme;
import org.modelworkbench.app.gui.document.FilePicker;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.canvas.GraphExport;
import org.modelworkbench.editor.canvas.Minimap;
import org.modelworkbench.editor.clipboard.EditorClipboard;
import org.modelworkbench.editor.group.CompositeActions;
import org.modelworkbench.editor.group.CompositeNavigator;
import org.modelworkbench.editor.layout.AutoLayout;
import org.modelworkbench.editor.palette.PaletteView;
import org.modelworkbench.projects.analysis.UserBlockType;
import org.controlsfx.control.BreadCrumbBar;
import org.modelworkbench.blocks.library.BlockLibrary;

/**
 * The main window: menus, toolbar, the editing views of the open design (or the start page), the
 * status bar; document handling, autosave, themes and keyboard shortcuts are wired here.
 */
public final class MainWindow {
    /** Seconds between autosaves (system property for tests and impatient users). */
    public static final String AUTOSAVE_SECONDS_PROPERTY = "modelworkbench.autosaveSeconds";
    private static final String TITLE = "Model Workbench";

    private final Stage stage;
    private final Preferences preferences;
    private final DocumentController documents;
    private final ActionRegistry actions = new ActionRegistry();
    private final BorderPane root = new BorderPane();
    private final BorderPane workspaceHolder = new BorderPane();
    private final StartPage startPage;
    private final StatusBarView statusBar = new StatusBarView();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final BooleanProperty minimapShown = new SimpleBooleanProperty(this, "minimapShown");
    private final BooleanProperty snapToGrid = new SimpleBooleanProperty(this, "snapToGrid");
    private final BooleanProperty startPageShown = new SimpleBooleanProperty(this, "startPageShown", true);
    private final ObjectProperty<Workspace> workspace = new SimpleObjectProperty<>(this, "workspace");
    private final Consumer<String> openUrl;
    private final Runnable onQuit;
    private final List<ActionId> inMenus = new ArrayList<>();
    private final Timeline autosaveTimer;
    private final javafx.beans.InvalidationListener userBlocksFollow = o -> refreshUserBlocks();
    private boolean shutDown;
    /** Per open document: the palette, the open composites, the command stack followed. */
    private PaletteView palette;
    private CompositeNavigator navigator;
    private org.modelworkbench.editor.command.CommandStack documentCommands;

    /**
     * @param openUrl opens a web page (the paper of a block) in the browser
     * @param onQuit  ends the application after the window has closed cleanly
     */
    public MainWindow(Stage stage, AppFolders folders, Preferences preferences, Consumer<String> openUrl, Runnable onQuit) {
        this.stage = stage;
        this.preferences = preferences;
        this.openUrl = openUrl;
        this.onQuit = onQuit;
        this.documents = new DocumentController(BlockLibrary.standard(), preferences,
                new Autosave(folders.autosaveFolder()), () -> stage);
        documents.setOnStatus(statusBar::message);
        theme.set(preferences.theme());
        minimapShown.set(preferences.minimap());
        snapToGrid.set(preferences.snapToGrid());

        startPage = new StartPage(documents, () -> startPageShown.set(false));
        startPage.backAvailableProperty().bind(documents.documentProperty().isNotNull());
        startPage.visibleProperty().bind(startPageShown);
        workspaceHolder.visibleProperty().bind(startPageShown.not());

        bindActions();
        MenuBar menus = menuBar();
        ToolBar tools = toolBar();
        tools.visibleProperty().bind(startPageShown.not());
        tools.managedProperty().bind(tools.visibleProperty());
        root.setTop(new VBox(menus, tools));
        root.setCenter(new StackPane(workspaceHolder, startPage));
        root.setBottom(statusBar);
        root.setId("main-window");
        root.getStyleClass().add("main-window");

        documents.documentProperty().addListener((obs, old, now) -> showDocument(now));
        theme.addListener((obs, old, now) -> applyTheme(now));
        applyTheme(theme.get());

        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(preferences.width(), screen.getWidth()),
                Math.min(preferences.height(), screen.getHeight()));
        scene.getStylesheets().add(Theme.APP_CSS);
        actions.installKeys(scene, inMenus);
        stage.setScene(scene);
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        stage.setMaximized(preferences.maximized());
        // The title reads these values (not the document directly), so that the lazy bindings stay valid and keep
        // telling it about changes.
        ObservableValue<Boolean> dirty = documents.documentProperty().flatMap(d -> d.dirtyProperty()).orElse(false);
        ObservableValue<String> name = documents.documentProperty().flatMap(d -> d.displayNameProperty()).orElse("");
        stage.titleProperty().bind(Bindings.createStringBinding(
                () -> documents.document() == null ? TITLE : (dirty.getValue() ? "*" : "") + name.getValue() + " — " + TITLE,
                documents.documentProperty(), dirty, name));
        stage.setOnCloseRequest(e -> {
            if (!closeWindow()) {
                e.consume();
            }
        });

        double seconds = Double.parseDouble(System.getProperty(AUTOSAVE_SECONDS_PROPERTY, "30"));
        autosaveTimer = new Timeline(new KeyFrame(Duration.seconds(Math.max(1, seconds)), e -> autosave()));
        autosaveTimer.setCycleCount(Timeline.INDEFINITE);
        autosaveTimer.play();
        showDocument(null);
    }

    public Stage stage() {
        return stage;
    }

    public DocumentController documents() {
        return documents;
    }

    public ActionRegistry actions() {
        return actions;
    }

    /** The theme in use; setting it restyles every window and is remembered. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public BooleanProperty startPageShownProperty() {
        return startPageShown;
    }

    /** Shows the window; then offers to recover unsaved work left by a crash, if there is any. */
    public void show() {
        stage.show();
        Platform.runLater(this::offerRecovery);
        // While the start page is read, open a small design offscreen once: the first real open is then
        // not slowed by loading the editor's classes and stylesheets.
        javafx.animation.PauseTransition idle = new javafx.animation.PauseTransition(Duration.seconds(1.5));
        idle.setOnFinished(e -> {
            if (documents.document() == null) {
                OpenBenchmark.warmUp();
            }
        });
        idle.play();
    }

    /** Asks about autosaves of sessions that did not end cleanly (none: does nothing). */
    public void offerRecovery() {
        List<Autosave.Entry> entries = documents.autosave().recoverable();
        if (entries.isEmpty()) {
            return;
        }
        RecoveryDialog.ask(stage, entries).ifPresent(choice -> {
            if (choice.discardAll()) {
                entries.forEach(Autosave::delete);
            } else {
                documents.recover(choice.recover());
            }
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Documents

    private void showDocument(Document doc) {
        Workspace old = workspace.get();
        if (old != null) {
            old.inspector.commitAll();
            old.canvas.dispose();
            old.releasePalette();
        }
        if (navigator != null) {
            navigator.close();
            navigator = null;
        }
        if (documentCommands != null) {
            documentCommands.revisionProperty().removeListener(userBlocksFollow);
            documentCommands = null;
        }
        if (doc == null) {
            workspace.set(null);
            workspaceHolder.setCenter(null);
            statusBar.show(null, null);
            startPage.refresh();
            startPageShown.set(true);
            return;
        }
        palette = new PaletteView(doc.model().library());
        palette.setOnAddBlock(this::addBlock);
        navigator = new CompositeNavigator(doc.model());
        CompositeNavigator nav = navigator;
        nav.currentProperty().addListener((obs, was, level) -> {
            if (nav == navigator && level != null) {
                showLevel(doc, level, false);
            }
        });
        nav.path().addListener((javafx.collections.ListChangeListener<CompositeNavigator.Level>) c -> {
            if (nav == navigator) {
                updateBreadcrumb();
            }
        });
        documentCommands = doc.model().commands();
        documentCommands.revisionProperty().addListener(userBlocksFollow);
        refreshUserBlocks();
        showLevel(doc, nav.current(), true);
        startPageShown.set(false);
    }

    /** Shows one level of the open document: its own design, or the inside of a composite. */
    private void showLevel(Document doc, CompositeNavigator.Level level, boolean fresh) {
        Workspace old = workspace.get();
        double[] horizontalDividers = null;
        double[] verticalDividers = null;
        if (old != null && !fresh) {
            horizontalDividers = old.horizontal.getDividerPositions();
            verticalDividers = old.vertical.getDividerPositions();
            old.inspector.commitAll();
            old.canvas.dispose();
            old.releasePalette();
        }
        Workspace ws = new Workspace(doc, level.model(), palette, openUrl);
        if (horizontalDividers != null) {
            ws.horizontal.setDividerPositions(horizontalDividers);
            ws.vertical.setDividerPositions(verticalDividers);
        }
        ws.canvas.snapToGridProperty().bind(snapToGrid);
        ws.canvas.onOpenNodeProperty().set(this::openInside);
        Minimap minimap = new Minimap(ws.canvas);
        minimap.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        minimap.visibleProperty().bind(minimapShown);
        ws.overlay(minimap, javafx.geometry.Pos.BOTTOM_RIGHT);
        ws.problems.setOnReveal(this::reveal);
        workspace.set(ws);
        workspaceHolder.setCenter(ws.root());
        updateBreadcrumb();
        statusBar.show(doc, ws.canvas);
        initialView(ws.canvas);
        Platform.runLater(ws.canvas::requestFocus);
    }

    /** The "My blocks" group of the palette: the document's own composite blocks. */
    private void refreshUserBlocks() {
        Document doc = documents.document();
        if (doc == null || palette == null) {
            return;
        }
        var design = doc.model().design();
        List<org.modelworkbench.blocks.type.BlockType> types = new ArrayList<>();
        design.composites().values().forEach(d -> types.add(new UserBlockType(d, doc.model().library())));
        List<String> now = types.stream().map(t -> t.id()).toList();
        List<String> shown = palette.userBlocks().stream().map(t -> t.id()).toList();
        if (!now.equals(shown)) {
            palette.userBlocks().setAll(types);
        }
    }

    private void updateBreadcrumb() {
        Workspace ws = workspace.get();
        if (ws == null || navigator == null) {
            return;
        }
        List<CompositeNavigator.Level> path = navigator.path();
        if (path.size() <= 1) {
            ws.setTopBar(null);
            return;
        }
        BreadCrumbBar<CompositeNavigator.Level> bar = new BreadCrumbBar<>();
        bar.setId("breadcrumb");
        bar.setAutoNavigationEnabled(false);
        javafx.scene.control.TreeItem<CompositeNavigator.Level> last = null;
        java.util.Map<javafx.scene.control.TreeItem<CompositeNavigator.Level>, Integer> depth = new java.util.HashMap<>();
        for (int i = 0; i < path.size(); i++) {
            var item = new javafx.scene.control.TreeItem<>(path.get(i));
            depth.put(item, i);
            if (last != null) {
                last.getChildren().add(item);
            }
            last = item;
        }
        bar.setSelectedCrumb(last);
        bar.setCrumbFactory(item -> {
            var b = new BreadCrumbBar.BreadCrumbButton(item.getValue() == null ? "" : item.getValue().title());
            Integer d = depth.get(item);
            b.setId("crumb-" + (d == null ? "x" : d));
            b.setMnemonicParsing(false);
            return b;
        });
        bar.setOnCrumbAction(e -> {
            Integer d = depth.get(e.getSelectedCrumb());
            if (d != null && navigator != null) {
                navigator.goTo(d);
            }
        });
        javafx.scene.control.Button up = new javafx.scene.control.Button("↑ Up");
        up.setId("composite-up");
        up.getStyleClass().addAll("flat", "small");
        up.setFocusTraversable(false);
        up.setTooltip(new javafx.scene.control.Tooltip("Back to the enclosing design ("
                + ActionRegistry.keyText(ActionId.LEAVE_INSIDE) + ")"));
        up.setOnAction(e -> actions.fire(ActionId.LEAVE_INSIDE));
        up.setMinWidth(Region.USE_PREF_SIZE);
        bar.setMinWidth(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox holder = new HBox(up, bar, grow);
        if (navigator.isReadOnly()) {
            Label note = new Label("read-only");
            note.setId("breadcrumb-read-only");
            note.getStyleClass().add("breadcrumb-read-only");
            note.setMinWidth(Region.USE_PREF_SIZE);
            note.setTooltip(new javafx.scene.control.Tooltip("The inside of a library block follows from its "
                    + "hyper-parameters: change them on the block itself."));
            holder.getChildren().add(note);
        }
        holder.getStyleClass().add("breadcrumb-holder");
        ws.setTopBar(holder);
    }

    /** Opens a composite block (double-click, Enter, Edit › Open Inside). */
    private void openInside(String nodeId) {
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

    /** Below this zoom the canvas draws an overview without text: not where a design should open. */
    static final double READABLE_ZOOM = 0.55;

    /**
     * The view a design opens with: the whole design when it fits at a readable size, otherwise
     * its beginning (the input) at a comfortable zoom; F fits the whole design anyway.
     */
    static void initialView(GraphCanvas canvas) {
        if (canvas.getWidth() <= 0 || canvas.getHeight() <= 0) {
            javafx.beans.InvalidationListener[] wait = new javafx.beans.InvalidationListener[1];
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
        javafx.geometry.Bounds b = canvas.contentBounds();
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

    private void autosave() {
        documents.autosaveNow().ifPresent(problem -> statusBar.message(problem));
    }

    /** The window's close button: asks about unsaved changes, then ends cleanly. */
    public boolean closeWindow() {
        if (!documents.confirmDiscard("quitting")) {
            return false;
        }
        shutdown();
        return true;
    }

    private void quit() {
        if (closeWindow()) {
            stage.hide();
            onQuit.run();
        }
    }

    /** A clean end: no autosave is left behind, settings are written. */
    public void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        autosaveTimer.stop();
        documents.autosave().discard();
        preferences.setWindow(stage.isMaximized() ? preferences.width() : stage.getWidth(),
                stage.isMaximized() ? preferences.height() : stage.getHeight(), stage.isMaximized());
        preferences.save();
    }

    // ---------------------------------------------------------------------------------------------
    // Actions, menus, toolbar

    private ObservableValue<Boolean> noDocument() {
        return workspace.isNull();
    }

    private void withWorkspace(Consumer<Workspace> action) {
        Workspace ws = workspace.get();
        if (ws != null && !startPageShown.get()) {
            action.accept(ws);
        }
    }

    private void bindActions() {
        var editing = workspace.isNull().or(startPageShown);
        actions.bind(ActionId.NEW, () -> {
            startPage.refresh();
            startPageShown.set(true);
            startPage.requestFocus();
        });
        actions.bind(ActionId.OPEN, documents::open);
        actions.bind(ActionId.SAVE, () -> {
            commitPendingEdits();
            documents.save();
        }, noDocument());
        actions.bind(ActionId.SAVE_AS, () -> {
            commitPendingEdits();
            documents.saveAs();
        }, noDocument());
        actions.bind(ActionId.EXPORT_PNG, () -> withWorkspace(ws -> exportPng(ws)), editing);
        actions.bind(ActionId.EXPORT_SVG, () -> withWorkspace(ws -> exportSvg(ws)), editing);
        actions.bind(ActionId.CLOSE, documents::close, noDocument());
        actions.bind(ActionId.QUIT, this::quit);

        actions.bind(ActionId.UNDO, () -> withWorkspace(ws -> ws.model.undo()),
                workspace.flatMap(ws -> ws.model.commands().canUndoProperty()).orElse(false).map(b -> !b));
        actions.bind(ActionId.REDO, () -> withWorkspace(ws -> ws.model.redo()),
                workspace.flatMap(ws -> ws.model.commands().canRedoProperty()).orElse(false).map(b -> !b));
        actions.textProperty(ActionId.UNDO).bind(workspace.flatMap(ws -> ws.model.commands().undoDescriptionProperty())
                .orElse("").map(d -> d.isEmpty() ? "Undo" : "Undo " + d));
        actions.textProperty(ActionId.REDO).bind(workspace.flatMap(ws -> ws.model.commands().redoDescriptionProperty())
                .orElse("").map(d -> d.isEmpty() ? "Redo" : "Redo " + d));
        var nothingSelected = workspace.flatMap(ws -> Bindings.isEmpty(ws.model.selection())
                .and(Bindings.isEmpty(ws.canvas.selectedEdges()))).orElse(true);
        actions.bind(ActionId.DELETE, () -> withWorkspace(ws -> ws.canvas.deleteSelected()),
                editing.or(javafx.beans.binding.BooleanExpression.booleanExpression(nothingSelected)));
        actions.bind(ActionId.SELECT_ALL, () -> withWorkspace(ws -> ws.canvas.selectAll()), editing);
        var readOnly = workspace.map(ws -> ws.model.isReadOnly()).orElse(true);
        var noNodeSelected = workspace.flatMap(ws -> Bindings.isEmpty(ws.model.selection())).orElse(true);
        var notOneSelected = workspace.flatMap(ws -> Bindings.size(ws.model.selection()).isNotEqualTo(1)).orElse(true);
        var cannotEdit = editing.or(javafx.beans.binding.BooleanExpression.booleanExpression(readOnly));
        var cannotEditSelection = cannotEdit.or(javafx.beans.binding.BooleanExpression.booleanExpression(noNodeSelected));
        actions.bind(ActionId.CUT, () -> withWorkspace(ws -> {
            if (EditorClipboard.cut(ws.model)) {
                statusBar.message("Cut to the clipboard");
            }
        }), cannotEditSelection);
        actions.bind(ActionId.COPY, () -> withWorkspace(ws -> {
            if (EditorClipboard.copy(ws.model)) {
                statusBar.message("Copied " + ws.model.selection().size() + " block(s)");
            }
        }), editing.or(javafx.beans.binding.BooleanExpression.booleanExpression(noNodeSelected)));
        actions.bind(ActionId.PASTE, () -> withWorkspace(ws -> {
            if (!EditorClipboard.canPaste()) {
                statusBar.message("Nothing to paste");
            } else {
                EditorClipboard.paste(ws.model);
            }
        }), cannotEdit);
        actions.bind(ActionId.DUPLICATE, () -> withWorkspace(ws -> EditorClipboard.duplicate(ws.model)), cannotEditSelection);
        actions.bind(ActionId.GROUP, () -> withWorkspace(this::group), cannotEditSelection);
        actions.bind(ActionId.UNGROUP, () -> withWorkspace(this::ungroup),
                cannotEdit.or(javafx.beans.binding.BooleanExpression.booleanExpression(notOneSelected)));
        actions.bind(ActionId.OPEN_INSIDE, () -> withWorkspace(ws -> {
            if (ws.model.selection().size() == 1) {
                openInside(ws.model.selection().iterator().next());
            }
        }), editing.or(javafx.beans.binding.BooleanExpression.booleanExpression(notOneSelected)));
        actions.bind(ActionId.LEAVE_INSIDE, () -> {
            if (navigator != null) {
                navigator.back();
            }
        }, editing.or(Bindings.createBooleanBinding(() -> navigator == null || navigator.path().size() <= 1,
                workspace)));
        actions.beforeControls(ActionId.LEAVE_INSIDE);
        actions.bind(ActionId.AUTO_LAYOUT, () -> withWorkspace(this::autoLayout), cannotEdit);

        actions.bind(ActionId.ZOOM_IN, () -> withWorkspace(ws -> ws.canvas.zoomIn()), editing);
        actions.bind(ActionId.ZOOM_OUT, () -> withWorkspace(ws -> ws.canvas.zoomOut()), editing);
        actions.bind(ActionId.ZOOM_FIT, () -> withWorkspace(ws -> ws.canvas.zoomToFit()), editing);
        actions.bind(ActionId.ZOOM_RESET, () -> withWorkspace(ws -> ws.canvas.resetZoom()), editing);
        actions.bind(ActionId.SNAP_TO_GRID, () -> {
            preferences.setSnapToGrid(snapToGrid.get());
            preferences.save();
        });
        actions.bind(ActionId.MINIMAP, () -> {
            preferences.setMinimap(minimapShown.get());
            preferences.save();
        });
        actions.bind(ActionId.THEME_LIGHT, () -> theme.set(Theme.LIGHT));
        actions.bind(ActionId.THEME_DARK, () -> theme.set(Theme.DARK));
        actions.bind(ActionId.FIND_BLOCK, () -> withWorkspace(ws -> ws.palette.focusSearch()), editing);

        actions.bind(ActionId.SHORTCUTS, () -> ShortcutsPanel.show(stage, actions));
        actions.bind(ActionId.ABOUT, this::about);
    }

    private void group(Workspace ws) {
        GroupDialog.ask(stage, ws.model).ifPresent(name -> {
            try {
                String id = CompositeActions.group(ws.model, name);
                statusBar.message("Grouped into " + id + " (" + name + ", under My blocks in the palette)");
            } catch (IllegalArgumentException e) {
                Dialogs.error(stage, "Cannot group", e.getMessage());
            }
        });
    }

    private void ungroup(Workspace ws) {
        String id = ws.model.selection().iterator().next();
        Optional<String> refusal = CompositeActions.canUngroup(ws.model, id);
        if (refusal.isPresent()) {
            statusBar.message("Cannot ungroup " + id + ": " + refusal.get());
            return;
        }
        List<String> inlined = CompositeActions.ungroup(ws.model, id);
        statusBar.message("Ungrouped " + id + " into " + inlined.size() + " blocks");
    }

    private void autoLayout(Workspace ws) {
        boolean selectionOnly = ws.model.selection().size() > 1;
        GraphCanvas canvas = ws.canvas;
        javafx.concurrent.Task<java.util.Map<String, javafx.geometry.Point2D>> task = AutoLayout.layoutTask(ws.model,
                selectionOnly, id -> {
                    var g = canvas.geometryOf(id);
                    return g == null ? AutoLayout.DEFAULT_SIZE : new javafx.geometry.Dimension2D(g.width(), g.height());
                });
        statusBar.runTask(task, selectionOnly ? "Laying out the selection…" : "Laying out the design…", () -> {
            if (!selectionOnly) {
                canvas.zoomToFit();
            }
        });
    }

    private void exportPng(Workspace ws) {
        Optional<java.nio.file.Path> file = documents.filePicker().save(stage, FilePicker.Kind.PNG, exportFolder(ws),
                exportName(ws, ".png"));
        if (file.isEmpty()) {
            return;
        }
        javafx.concurrent.Task<Void> task = new javafx.concurrent.Task<>() {
            @Override
            protected Void call() throws Exception {
                GraphExport.png(ws.canvas, file.get());
                return null;
            }
        };
        task.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_FAILED, e -> Dialogs.error(stage,
                "Could not export the PNG", file.get() + ": " + task.getException().getMessage()));
        statusBar.runTask(task, "Exporting " + file.get().getFileName() + "…", null);
    }

    private void exportSvg(Workspace ws) {
        Optional<java.nio.file.Path> file = documents.filePicker().save(stage, FilePicker.Kind.SVG, exportFolder(ws),
                exportName(ws, ".svg"));
        if (file.isEmpty()) {
            return;
        }
        try {
            GraphExport.svg(ws.model, file.get());
            statusBar.message("Exported " + file.get());
        } catch (java.io.IOException | RuntimeException e) {
            Dialogs.error(stage, "Could not export the SVG", file.get() + ": " + e.getMessage());
        }
    }

    private static java.nio.file.Path exportFolder(Workspace ws) {
        java.nio.file.Path p = ws.document.path();
        return p != null && p.getParent() != null ? p.getParent() : java.nio.file.Path.of(System.getProperty("user.home"));
    }

    private static String exportName(Workspace ws, String extension) {
        String base = ws.document.displayNameProperty().get().replaceFirst("\\.json$", "");
        return DocumentController.fileNameFor(base).replaceFirst("\\.json$", "") + extension;
    }

    private void commitPendingEdits() {
        Workspace ws = workspace.get();
        if (ws != null) {
            ws.inspector.commitAll();
        }
    }

    private MenuBar menuBar() {
        Menu file = menu(ActionId.Group.FILE, "menu-file");
        add(file, ActionId.NEW, ActionId.OPEN);
        Menu recent = new Menu("Open Recent");
        recent.setId("menu-open-recent");
        recent.getItems().add(new MenuItem("(none)"));
        recent.setOnShowing(e -> fillRecent(recent));
        file.getItems().add(recent);
        file.getItems().add(new SeparatorMenuItem());
        add(file, ActionId.SAVE, ActionId.SAVE_AS);
        if (actions.isBound(ActionId.EXPORT_PNG) || actions.isBound(ActionId.EXPORT_SVG)) {
            file.getItems().add(new SeparatorMenuItem());
            add(file, ActionId.EXPORT_PNG, ActionId.EXPORT_SVG);
        }
        file.getItems().add(new SeparatorMenuItem());
        add(file, ActionId.CLOSE, ActionId.QUIT);

        Menu edit = menu(ActionId.Group.EDIT, "menu-edit");
        add(edit, ActionId.UNDO, ActionId.REDO);
        edit.getItems().add(new SeparatorMenuItem());
        add(edit, ActionId.CUT, ActionId.COPY, ActionId.PASTE, ActionId.DUPLICATE, ActionId.DELETE, ActionId.SELECT_ALL);
        if (actions.isBound(ActionId.GROUP) || actions.isBound(ActionId.AUTO_LAYOUT)) {
            edit.getItems().add(new SeparatorMenuItem());
            add(edit, ActionId.GROUP, ActionId.UNGROUP, ActionId.OPEN_INSIDE, ActionId.LEAVE_INSIDE, ActionId.AUTO_LAYOUT);
        }

        Menu view = menu(ActionId.Group.VIEW, "menu-view");
        add(view, ActionId.ZOOM_IN, ActionId.ZOOM_OUT, ActionId.ZOOM_FIT, ActionId.ZOOM_RESET);
        view.getItems().add(new SeparatorMenuItem());
        view.getItems().add(actions.checkMenuItem(ActionId.SNAP_TO_GRID, snapToGrid));
        inMenus.add(ActionId.SNAP_TO_GRID);
        if (actions.isBound(ActionId.MINIMAP)) {
            view.getItems().add(actions.checkMenuItem(ActionId.MINIMAP, minimapShown));
            inMenus.add(ActionId.MINIMAP);
        }
        add(view, ActionId.FIND_BLOCK);
        view.getItems().add(new SeparatorMenuItem());
        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = actions.radioMenuItem(ActionId.THEME_LIGHT);
        RadioMenuItem dark = actions.radioMenuItem(ActionId.THEME_DARK);
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        light.setSelected(theme.get() == Theme.LIGHT);
        dark.setSelected(theme.get() == Theme.DARK);
        theme.addListener((obs, old, now) -> (now == Theme.DARK ? dark : light).setSelected(true));
        view.getItems().addAll(light, dark);
        inMenus.add(ActionId.THEME_LIGHT);
        inMenus.add(ActionId.THEME_DARK);

        Menu help = menu(ActionId.Group.HELP, "menu-help");
        add(help, ActionId.SHORTCUTS, ActionId.ABOUT);

        MenuBar bar = new MenuBar(file, edit, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    private Menu menu(ActionId.Group group, String id) {
        Menu m = new Menu(group.title());
        m.setId(id);
        return m;
    }

    private void add(Menu menu, ActionId... ids) {
        for (ActionId id : ids) {
            if (actions.isBound(id)) {
                menu.getItems().add(actions.menuItem(id));
                inMenus.add(id);
            }
        }
    }

    private void fillRecent(Menu recent) {
        recent.getItems().clear();
        List<java.nio.file.Path> list = preferences.recent();
        if (list.isEmpty()) {
            MenuItem none = new MenuItem("No recent projects");
            none.setDisable(true);
            recent.getItems().add(none);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            java.nio.file.Path p = list.get(i);
            MenuItem item = new MenuItem(p.getFileName() + "  —  " + p.getParent());
            item.setId("menu-recent-" + i);
            item.setMnemonicParsing(false);
            item.setDisable(!java.nio.file.Files.isRegularFile(p));
            item.setOnAction(e -> documents.open(p));
            recent.getItems().add(item);
        }
    }

    private ToolBar toolBar() {
        List<Node> items = new ArrayList<>();
        tool(items, ActionId.NEW, Icons.NEW);
        tool(items, ActionId.OPEN, Icons.OPEN);
        tool(items, ActionId.SAVE, Icons.SAVE);
        items.add(new Separator(javafx.geometry.Orientation.VERTICAL));
        tool(items, ActionId.UNDO, Icons.UNDO);
        tool(items, ActionId.REDO, Icons.REDO);
        items.add(new Separator(javafx.geometry.Orientation.VERTICAL));
        tool(items, ActionId.CUT, Icons.CUT);
        tool(items, ActionId.COPY, Icons.COPY);
        tool(items, ActionId.PASTE, Icons.PASTE);
        tool(items, ActionId.DELETE, Icons.DELETE);
        if (actions.isBound(ActionId.GROUP) || actions.isBound(ActionId.AUTO_LAYOUT)) {
            items.add(new Separator(javafx.geometry.Orientation.VERTICAL));
            tool(items, ActionId.GROUP, Icons.GROUP);
            tool(items, ActionId.UNGROUP, Icons.UNGROUP);
            tool(items, ActionId.OPEN_INSIDE, Icons.OPEN_INSIDE);
            tool(items, ActionId.AUTO_LAYOUT, Icons.LAYOUT);
        }
        items.add(new Separator(javafx.geometry.Orientation.VERTICAL));
        tool(items, ActionId.ZOOM_OUT, Icons.ZOOM_OUT);
        tool(items, ActionId.ZOOM_IN, Icons.ZOOM_IN);
        tool(items, ActionId.ZOOM_FIT, Icons.ZOOM_FIT);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        items.add(grow);
        var themeButton = new javafx.scene.control.Button(null, Icons.of(Icons.THEME));
        themeButton.setId("tool-theme");
        themeButton.getStyleClass().addAll("button-icon", "flat");
        themeButton.setFocusTraversable(false);
        themeButton.setTooltip(new javafx.scene.control.Tooltip("Switch between the light and dark themes"));
        themeButton.setOnAction(e -> theme.set(theme.get() == Theme.DARK ? Theme.LIGHT : Theme.DARK));
        items.add(themeButton);
        ToolBar bar = new ToolBar(items.toArray(Node[]::new));
        bar.setId("tool-bar");
        return bar;
    }

    private void tool(List<Node> items, ActionId id, String icon) {
        if (actions.isBound(id)) {
            items.add(actions.button(id, Icons.of(icon)));
        }
    }

    private void applyTheme(Theme t) {
        t.apply();
        root.getStyleClass().removeAll("theme-light", "theme-dark");
        root.getStyleClass().add(t == Theme.DARK ? "theme-dark" : "theme-light");
        if (preferences.theme() != t) {
            preferences.setTheme(t);
            preferences.save();
        }
    }

    private void about() {
        Alert a = Dialogs.prepare(new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE), stage, "about-dialog");
        a.setTitle("About Model Workbench");
        a.setHeaderText("Model Workbench 0.1.0");
        Label text = new Label("Design and profile vision networks on a node graph: shapes, parameters and costs "
                + "are checked as you edit. Training is not available yet.\n\n"
                + "Costs: MACs count conv, linear and matmul (attention and the selective scan included); "
                + "FLOPs = 2 × MACs. Parameters are the trainable ones.\n\n"
                + "Command line: ./workbench --help");
        text.setWrapText(true);
        text.setMaxWidth(440);
        a.getDialogPane().setContent(text);
        a.showAndWait();
    }

    /** For tests: the current workspace's views. */
    Optional<Workspace> currentWorkspace() {
        return Optional.ofNullable(workspace.get());
    }
}
