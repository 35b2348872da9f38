package org.modelworkbench.app.gui.window;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import org.modelworkbench.app.gui.visualize.VisualizePanel;
import org.modelworkbench.app.gui.visualize.VisualizePanelModel;
import org.modelworkbench.visualizers.views.Views;

/**
 * The visualizers' place in the window: a "Visualize" tab below the canvas of every workspace over the
 * window's one {@link VisualizePanelModel} (which follows the open document), and a "Visualize" submenu
 * on every block's context menu that opens a view of that block. A click on a figure that names a
 * node selects it on the canvas.
 */
final class VisualizeActions {
    /** The panel's id: its tab is "tab-visualize". */
    static final String PANEL_ID = "visualize";

    private VisualizeActions() {
    }

    static void bind(ShellContext shell, VisualizePanelModel model) {
        TrainingActions.followDocuments(shell, model.targetProperty()::set);
        model.setOnSelectNode(id -> shell.withWorkspace(ws -> {
            if (ws.model.design().node(id).isPresent()) {
                ws.model.selection().clear();
                ws.model.selection().add(id);
            }
        }));
    }

    /** The panel every workspace gets; inside a composite the node ids are not the probe's, so it does not follow the selection there. */
    static WorkspacePanel panel(VisualizePanelModel model) {
        return new WorkspacePanel(PANEL_ID, "Visualize", WorkspacePanel.Placement.BOTTOM,
                (WorkspacePanel.Builder) ctx -> new VisualizePanel(model, ctx.showsDocumentLevel() ? ctx.model() : null));
    }

    /** The block context menu's submenu: one item per view, each probing that block. */
    static Menu nodeMenu(ShellContext shell, VisualizePanelModel model, String nodeId) {
        Menu menu = new Menu("Visualize");
        menu.setId("menu-visualize");
        for (String kind : Views.kinds()) {
            MenuItem item = new MenuItem(Views.of(kind).title());
            item.setId("menu-visualize-" + kind);
            item.setOnAction(e -> {
                shell.withWorkspace(VisualizeActions::showPanel);
                model.open(kind, nodeId);
            });
            menu.getItems().add(item);
        }
        menu.setDisable(menu.getItems().isEmpty());
        return menu;
    }

    /** Brings the Visualize tab to the front, with room for the figures. */
    static void showPanel(Workspace ws) {
        for (Tab tab : ws.bottomTabs.getTabs()) {
            if (("tab-" + PANEL_ID).equals(tab.getId())) {
                ws.bottomTabs.getSelectionModel().select(tab);
                double[] d = ws.vertical.getDividerPositions();
                if (d.length > 0 && d[0] > 0.35) {
                    ws.vertical.setDividerPositions(0.35);
                }
            }
        }
    }
}
