package org.modelworkbench.app.gui.window;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.modelworkbench.app.gui.actions.ActionRegistry;
import org.modelworkbench.app.gui.document.Autosave;
import org.modelworkbench.app.gui.document.Document;
import org.modelworkbench.app.gui.document.DocumentController;
import org.modelworkbench.app.folders.AppFolders;
import org.modelworkbench.app.gui.prefs.Preferences;
import org.modelworkbench.app.gui.theme.Theme;
import org.modelworkbench.app.gui.training.RunsFolders;
import org.modelworkbench.app.gui.training.TrainingPanelModel;
import org.modelworkbench.app.gui.training.TrainingServices;
import org.modelworkbench.app.gui.profile.MeasureProcess;
import org.modelworkbench.app.gui.visualize.VisualizePanelModel;
import org.modelworkbench.app.gui.visualize.VisualizeProcess;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.editor.model.EditorModel;

/**
 * The main window, the shell that puts the parts together: the menus and toolbar
 * ({@link WindowMenus}, over the action groups {@link FileActions}, {@link EditActions},
 * {@link ViewActions}), the {@link WorkspaceHost} with the editing views of the open design (or
 * the start page in front of it), and the {@link StatusBarView}; it owns the stage, the theme, the
 * title, autosave, recovery and a clean shutdown.
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
    private final StartPage startPage;
    private final StatusBarView statusBar = new StatusBarView();
    private final WorkspaceHost host;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final BooleanProperty minimapShown = new SimpleBooleanProperty(this, "minimapShown");
    private final BooleanProperty snapToGrid = new SimpleBooleanProperty(this, "snapToGrid");
    private final BooleanProperty startPageShown = new SimpleBooleanProperty(this, "startPageShown", true);
    private final Runnable onQuit;
    private final Timeline autosaveTimer;
    private final TrainingPanelModel training;
    private final VisualizePanelModel visualize;
    /** Starting training workers and reading run records, off the FX thread. */
    private final java.util.concurrent.ExecutorService trainingIo = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "training-io");
        t.setDaemon(true);
        return t;
    });
    private boolean shutDown;

    /** A window whose Train reports that this build has no training worker ({@link TrainingServices#unavailable()}). */
    public MainWindow(Stage stage, AppFolders folders, Preferences preferences, Consumer<String> openUrl, Runnable onQuit) {
        this(stage, folders, preferences, openUrl, onQuit, TrainingServices.unavailable());
    }

    /**
     * @param openUrl  opens a web page (the paper of a block) in the browser
     * @param onQuit   ends the application after the window has closed cleanly
     * @param training the training worker's launcher and the run histories
     */
    public MainWindow(Stage stage, AppFolders folders, Preferences preferences, Consumer<String> openUrl, Runnable onQuit,
                      TrainingServices training) {
        this.stage = stage;
        this.preferences = preferences;
        this.onQuit = onQuit;
        this.documents = new DocumentController(BlockLibrary.standard(), preferences,
                new Autosave(folders.autosaveFolder()), () -> stage);
        documents.setOnStatus(statusBar::message);
        documents.setOnPreferencesProblem(statusBar::notice);
        theme.set(preferences.theme());
        minimapShown.set(preferences.minimap());
        snapToGrid.set(preferences.snapToGrid());

        host = new WorkspaceHost(statusBar, openUrl, snapToGrid, minimapShown);
        startPage = new StartPage(documents, () -> startPageShown.set(false));
        startPage.backAvailableProperty().bind(documents.documentProperty().isNotNull());
        startPage.visibleProperty().bind(startPageShown);
        host.root().visibleProperty().bind(startPageShown.not());

        ShellContext shell = new ShellContext(stage, actions, documents, preferences, statusBar, host, startPageShown);
        FileActions.bind(shell, this::showStartPage, this::quit);
        EditActions.bind(shell);
        ViewActions.bind(shell, theme, snapToGrid, minimapShown);
        this.training = new TrainingPanelModel(training, new RunsFolders(folders.data().resolve("runs")), trainingIo,
                Platform::runLater);
        TrainingActions.bind(shell, this.training);
        host.addPanel(TrainingActions.panel(this.training));
        // A click on the breadcrumb's Up link: run wherever the keyboard is (not checked like the Alt+Up key).
        host.setOnLeaveInside(() -> actions.perform(org.modelworkbench.app.gui.actions.ActionId.LEAVE_INSIDE));
        this.visualize = new VisualizePanelModel(new VisualizeProcess(MeasureProcess.Launch.current(folders.data())),
                new RunsFolders(folders.data().resolve("runs")), trainingIo, Platform::runLater);
        VisualizeActions.bind(shell, visualize);
        PyTorchActions.bind(shell, this.training, new RunsFolders(folders.data().resolve("runs")),
                new org.modelworkbench.app.gui.export.PyTorchProcess(MeasureProcess.Launch.current(folders.data())));
        host.addPanel(VisualizeActions.panel(visualize));
        host.setContextMenus(new CanvasContextMenus(actions,
                nodeId -> List.of(VisualizeActions.nodeMenu(shell, visualize, nodeId))));
        WindowMenus menus = new WindowMenus(shell, theme);
        var menuBar = menus.menuBar(snapToGrid, minimapShown);
        ToolBar tools = menus.toolBar();
        tools.visibleProperty().bind(startPageShown.not());
        tools.managedProperty().bind(tools.visibleProperty());
        root.setTop(new VBox(menuBar, tools));
        root.setCenter(new StackPane(host.root(), startPage));
        root.setBottom(statusBar);
        root.setId("main-window");
        root.getStyleClass().add("main-window");

        documents.documentProperty().addListener((obs, old, now) -> showDocument(now));
        startPageShown.addListener((obs, was, shown) -> {
            statusBar.setDesignInView(!shown);
            if (!shown) {
                host.focusCanvas();
            }
        });
        statusBar.setDesignInView(!startPageShown.get());
        theme.addListener((obs, old, now) -> applyTheme(now));
        applyTheme(theme.get());

        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(preferences.width(), screen.getWidth()),
                Math.min(preferences.height(), screen.getHeight()));
        scene.getStylesheets().add(Theme.APP_CSS);
        actions.installKeys(scene, menus.inMenus());
        stage.setScene(scene);
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        stage.setMaximized(preferences.maximized());
        // The title reads these values (not the document directly), so that the lazy bindings stay valid and keep
        // telling it about changes.
        ObservableValue<Boolean> dirty = documents.documentProperty().flatMap(d -> d.dirtyProperty()).orElse(false);
        ObservableValue<String> file = documents.documentProperty().flatMap(d -> d.displayNameProperty()).orElse("");
        ObservableValue<String> name = documents.documentProperty().flatMap(d -> d.designNameProperty()).orElse("");
        stage.titleProperty().bind(Bindings.createStringBinding(
                () -> documents.document() == null ? TITLE : (dirty.getValue() ? "*" : "")
                        + Document.titleText(name.getValue(), file.getValue(), documents.document().path()) + " — " + TITLE,
                documents.documentProperty(), dirty, file, name));
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

    /** The visualizer panel's model (one per window). */
    public VisualizePanelModel visualize() {
        return visualize;
    }

    /** The training panel's model (one per window). */
    public TrainingPanelModel training() {
        return training;
    }

    public BooleanProperty startPageShownProperty() {
        return startPageShown;
    }

    /**
     * Adds a panel to the workspace of every design shown from now on (the training panel, a
     * visualizer): built for each workspace's model and disposed with it. See {@link WorkspacePanel}.
     */
    public void addPanel(WorkspacePanel panel) {
        host.addPanel(panel);
    }

    /** The model shown in the workspace now (the document's own, or the inside of an open composite). */
    public Optional<EditorModel> shownModel() {
        return Optional.ofNullable(host.workspace()).map(ws -> ws.model);
    }

    /** Shows the window; then offers to recover unsaved work left by a crash, if there is any. */
    public void show() {
        stage.show();
        Platform.runLater(this::offerRecovery);
        // While the start page is read, open a small design offscreen once: the first real open is then
        // not slowed by loading the editor's classes and stylesheets.
        PauseTransition idle = new PauseTransition(Duration.seconds(1.5));
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

    private void showDocument(Document doc) {
        host.show(doc);
        if (doc == null) {
            startPage.refresh();
            startPageShown.set(true);
        } else {
            startPageShown.set(false);
        }
    }

    private void showStartPage() {
        startPage.refresh();
        startPageShown.set(true);
        startPage.requestFocus();
    }

    private void autosave() {
        documents.autosaveNow().ifPresent(statusBar::message);
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
        training.shutdown();
        visualize.cancel();
        trainingIo.shutdown();
        documents.autosave().discard();
        preferences.setWindow(stage.isMaximized() ? preferences.width() : stage.getWidth(),
                stage.isMaximized() ? preferences.height() : stage.getHeight(), stage.isMaximized());
        documents.savePreferences();
    }

    private void applyTheme(Theme t) {
        t.apply();
        root.getStyleClass().removeAll("theme-light", "theme-dark");
        root.getStyleClass().add(t == Theme.DARK ? "theme-dark" : "theme-light");
        if (preferences.theme() != t) {
            preferences.setTheme(t);
            documents.savePreferences();
        }
    }

    /** For tests: the current workspace's views. */
    Optional<Workspace> currentWorkspace() {
        return Optional.ofNullable(host.workspace());
    }
}
