package org.modelworkbench.app.gui.window;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.app.gui.dialogs.Dialogs;
import org.modelworkbench.app.gui.theme.Theme;

/** The View and Help menus' actions: zoom, snapping, minimap, themes, find a block; shortcuts, about. */
final class ViewActions {
    private ViewActions() {
    }

    static void bind(ShellContext shell, ObjectProperty<Theme> theme, BooleanProperty snapToGrid, BooleanProperty minimapShown) {
        var actions = shell.actions();
        var editing = shell.notEditing();
        actions.bind(ActionId.ZOOM_IN, () -> shell.withWorkspace(ws -> ws.canvas.zoomIn()), editing);
        actions.bind(ActionId.ZOOM_OUT, () -> shell.withWorkspace(ws -> ws.canvas.zoomOut()), editing);
        actions.bind(ActionId.ZOOM_FIT, () -> shell.withWorkspace(ws -> ws.canvas.zoomToFit()), editing);
        actions.bind(ActionId.ZOOM_RESET, () -> shell.withWorkspace(ws -> ws.canvas.resetZoom()), editing);
        actions.bind(ActionId.SNAP_TO_GRID, () -> {
            shell.preferences().setSnapToGrid(snapToGrid.get());
            shell.documents().savePreferences();
        });
        actions.bind(ActionId.MINIMAP, () -> {
            shell.preferences().setMinimap(minimapShown.get());
            shell.documents().savePreferences();
        });
        actions.bind(ActionId.THEME_LIGHT, () -> theme.set(Theme.LIGHT));
        actions.bind(ActionId.THEME_DARK, () -> theme.set(Theme.DARK));
        actions.bind(ActionId.FIND_BLOCK, () -> shell.withWorkspace(ws -> ws.palette.focusSearch()), editing);

        actions.bind(ActionId.SHORTCUTS, () -> ShortcutsPanel.show(shell.stage(), actions));
        actions.bind(ActionId.ABOUT, () -> about(shell));
    }

    private static void about(ShellContext shell) {
        Alert a = Dialogs.prepare(new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE), shell.stage(), "about-dialog");
        a.setTitle("About Model Workbench");
        a.setHeaderText("Model Workbench 0.1.0");
        Label text = new Label("Design, train and profile vision networks on a node graph: shapes, parameters and costs "
                + "are checked as you edit; training runs in a separate worker process on DJL (PyTorch engine).\n\n"
                + "Costs: MACs count conv, linear and matmul (attention and the selective scan included); "
                + "FLOPs = 2 × MACs. Parameters are the trainable ones.\n\n"
                + "Command line: ./workbench --help");
        text.setWrapText(true);
        text.setMaxWidth(440);
        a.getDialogPane().setContent(text);
        a.showAndWait();
    }
}
