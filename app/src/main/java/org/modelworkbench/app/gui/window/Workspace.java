package org.modelworkbench.app.gui.window;

import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import org.modelworkbench.app.gui.document.Document;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.inspector.InspectorView;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.palette.PaletteView;
import org.modelworkbench.editor.problems.ProblemsView;
import org.modelworkbench.editor.profile.ProfileView;

/**
 * The editing views of one open design, laid out: palette left, canvas in the middle (minimap in
 * its corner), inspector right, and the Profile and Problems tabs below the canvas. A new document
 * gets a new workspace, so no view ever shows a design other than its own.
 */
final class Workspace {
    final Document document;
    final EditorModel model;
    final PaletteView palette;
    final GraphCanvas canvas;
    final InspectorView inspector;
    final ProfileView profile;
    final ProblemsView problems;
    final Tab profileTab;
    final Tab problemsTab;
    final TabPane bottomTabs;
    final StackPane canvasHost;
    final BorderPane canvasArea;
    final SplitPane horizontal;
    final SplitPane vertical;

    /**
     * @param model   the model shown: the document's own, or the inside of a composite opened in it
     * @param palette the document's palette (kept while moving between levels)
     */
    Workspace(Document document, EditorModel model, PaletteView palette, Consumer<String> openUrl) {
        this.document = document;
        this.model = model;
        this.palette = palette;
        palette.setMinWidth(180);
        canvas = new GraphCanvas(model);
        inspector = new InspectorView(model);
        inspector.setOnOpenUrl(openUrl);
        inspector.setMinWidth(240);
        profile = new ProfileView(model);
        problems = new ProblemsView(model);

        canvasHost = new StackPane(canvas);
        canvasHost.setId("canvas-host");
        canvasHost.getStyleClass().add("canvas-host");
        canvasHost.setMinSize(200, 150);
        canvasArea = new BorderPane(canvasHost);
        canvasArea.setId("canvas-area");

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
    }

    Node root() {
        return horizontal;
    }

    /** Gives the palette back before this workspace is dropped (the next one shows it). */
    void releasePalette() {
        horizontal.getItems().remove(palette);
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
}
