package org.modelworkbench.app.gui.window;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.modelworkbench.app.gui.document.Document;
import org.modelworkbench.app.gui.profile.MeasureProcess;
import org.modelworkbench.app.gui.profile.ProfileMeasurement;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.canvas.Minimap;
import org.modelworkbench.editor.inspector.InspectorView;
import org.modelworkbench.editor.lifecycle.Disposable;
import org.modelworkbench.editor.lifecycle.Subscriptions;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.palette.PaletteView;
import org.modelworkbench.editor.problems.ProblemsView;
import org.modelworkbench.editor.profile.ProfileView;

/**
 * The editing views of one level of an open design, laid out: palette left, canvas in the middle
 * (minimap in its corner), inspector right, and the Profile and Problems tabs below the canvas,
 * plus the {@link WorkspacePanel}s added to the window. A new document, and each composite entered
 * or left, gets a new workspace, so no view ever shows a model other than its own.
 *
 * <p>The workspace owns its views' lifecycle: {@link #dispose()} commits pending edits and
 * disposes every view and panel, and unbinds what it bound to the window, so a workspace that is
 * replaced leaves the models it showed with the listeners they had before it.
 */
final class Workspace implements Disposable {
    final Document document;
    final EditorModel model;
    final PaletteView palette;
    final GraphCanvas canvas;
    final Minimap minimap;
    final InspectorView inspector;
    final ProfileView profile;
    final ProfileMeasurement measurement;
    final ProblemsView problems;
    final Tab profileTab;
    final Tab problemsTab;
    final TabPane bottomTabs;
    final StackPane canvasHost;
    final BorderPane canvasArea;
    final SplitPane horizontal;
    final SplitPane vertical;
    /** Everything this workspace follows or bound, undone by {@link #dispose()}. */
    private final Subscriptions subscriptions = new Subscriptions();
    private final ReadOnlyBooleanWrapper noNodeSelected = new ReadOnlyBooleanWrapper(this, "noNodeSelected");
    private final ReadOnlyBooleanWrapper notOneSelected = new ReadOnlyBooleanWrapper(this, "notOneSelected");
    private final ReadOnlyBooleanWrapper nothingSelected = new ReadOnlyBooleanWrapper(this, "nothingSelected");

    /**
     * @param model   the model shown: the document's own, or the inside of a composite opened in it
     * @param palette the document's palette (kept while moving between levels)
     * @param panels  the panels added to the window, built here for this model
     */
    Workspace(Document document, EditorModel model, PaletteView palette, Consumer<String> openUrl, List<WorkspacePanel> panels) {
        this(document, model, palette, openUrl, panels, MeasureProcess.Launch.current());
    }

    /** @param measureLaunch how the profile panel's Measure starts its child process */
    Workspace(Document document, EditorModel model, PaletteView palette, Consumer<String> openUrl, List<WorkspacePanel> panels,
              MeasureProcess.Launch measureLaunch) {
        this.document = document;
        this.model = model;
        this.palette = palette;
        palette.setMinWidth(180);
        canvas = new GraphCanvas(model);
        subscriptions.add(canvas);
        minimap = new Minimap(canvas);
        minimap.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        subscriptions.add(minimap);
        inspector = new InspectorView(model);
        inspector.setOnOpenUrl(openUrl);
        inspector.setMinWidth(240);
        subscriptions.add(inspector);
        profile = new ProfileView(model);
        subscriptions.add(profile);
        // Measuring runs the whole document's design in a child process; a composite's inside is not one.
        measurement = new ProfileMeasurement(model, profile, measureLaunch, model == document.model());
        subscriptions.add(measurement);
        problems = new ProblemsView(model);
        subscriptions.add(problems);

        canvasHost = new StackPane(canvas);
        canvasHost.setId("canvas-host");
        canvasHost.getStyleClass().add("canvas-host");
        canvasHost.setMinSize(200, 150);
        canvasArea = new BorderPane(canvasHost);
        canvasArea.setId("canvas-area");
        overlay(minimap, Pos.BOTTOM_RIGHT);

        profileTab = new Tab("Profile", profile);
        profileTab.setId("tab-profile");
        problemsTab = new Tab("Problems", problems);
        problemsTab.setId("tab-problems");
        problemsTab.textProperty().bind(problems.problemCountProperty().map(n -> "Problems (" + n + ")"));
        bottomTabs = new TabPane(profileTab, problemsTab);
        bottomTabs.setId("bottom-tabs");
        bottomTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        bottomTabs.setMinHeight(120);

        vertical = new SplitPane(canvasArea, bottomTabs);
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setId("split-vertical");
        vertical.setDividerPositions(0.62);
        SplitPane.setResizableWithParent(bottomTabs, false);

        horizontal = new SplitPane(palette, vertical, inspector);
        horizontal.setId("split-horizontal");
        horizontal.setDividerPositions(0.19, 0.775);
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(inspector, false);

        // What the actions' enabled states read: kept here (not as bindings over the model made
        // anew by each action query), so they leave with the workspace.
        Runnable selectionState = () -> {
            noNodeSelected.set(model.selection().isEmpty());
            notOneSelected.set(model.selection().size() != 1);
            nothingSelected.set(model.selection().isEmpty() && canvas.selectedEdges().isEmpty());
        };
        subscriptions.onInvalidated(model.selection(), o -> selectionState.run());
        subscriptions.onInvalidated(canvas.selectedEdges(), o -> selectionState.run());
        selectionState.run();

        panels.forEach(this::addPanel);
    }

    Node root() {
        return horizontal;
    }

    /** Follows the window's toggles (unbound again on dispose). */
    void bindToWindow(BooleanProperty snapToGrid, BooleanProperty minimapShown) {
        canvas.snapToGridProperty().bind(snapToGrid);
        minimap.visibleProperty().bind(minimapShown);
        subscriptions.add(() -> {
            canvas.snapToGridProperty().unbind();
            minimap.visibleProperty().unbind();
        });
    }

    /** Something else that lives as long as this workspace (e.g. the status bar following its canvas). */
    void own(Disposable part) {
        subscriptions.add(part);
    }

    /** True when no block is selected. */
    ReadOnlyBooleanProperty noNodeSelectedProperty() {
        return noNodeSelected.getReadOnlyProperty();
    }

    /** True unless exactly one block is selected. */
    ReadOnlyBooleanProperty notOneSelectedProperty() {
        return notOneSelected.getReadOnlyProperty();
    }

    /** True when neither a block nor a wire is selected. */
    ReadOnlyBooleanProperty nothingSelectedProperty() {
        return nothingSelected.getReadOnlyProperty();
    }

    /** Builds a window panel for this workspace's model and puts it in its place. */
    private void addPanel(WorkspacePanel panel) {
        Node content = panel.builder().build(new WorkspacePanel.Context(document, model, canvas));
        if (content instanceof Disposable d) {
            subscriptions.add(d);
        }
        if (panel.placement() == WorkspacePanel.Placement.BOTTOM) {
            Tab tab = new Tab(panel.title(), content);
            tab.setId("tab-" + panel.id());
            bottomTabs.getTabs().add(tab);
        } else {
            content.setId(panel.id());
            horizontal.getItems().add(content);
            SplitPane.setResizableWithParent(content, false);
        }
    }

    /** Puts a node over the canvas in a corner (the minimap). */
    void overlay(Node node, Pos corner) {
        StackPane.setAlignment(node, corner);
        StackPane.setMargin(node, new Insets(12));
        canvasHost.getChildren().add(node);
    }

    /** Shows a bar above the canvas (the breadcrumb while inside a composite), or none. */
    void setTopBar(Node bar) {
        canvasArea.setTop(bar);
    }

    /**
     * Commits what is being typed in the inspector, disposes every view and panel, unbinds the
     * window's toggles and gives the palette back (the next workspace shows it).
     */
    @Override
    public void dispose() {
        if (subscriptions.isDisposed()) {
            return;
        }
        inspector.commitAll();
        subscriptions.dispose();
        horizontal.getItems().remove(palette);
    }

    boolean isDisposed() {
        return subscriptions.isDisposed();
    }
}
