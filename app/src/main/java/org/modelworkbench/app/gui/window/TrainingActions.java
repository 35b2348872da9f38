package org.modelworkbench.app.gui.window;

import javafx.beans.InvalidationListener;
import javafx.scene.control.Tab;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.app.gui.document.Document;
import org.modelworkbench.app.gui.training.TrainingPanel;
import org.modelworkbench.app.gui.training.TrainingPanelModel;
import org.modelworkbench.app.gui.training.TrainingTarget;

/**
 * The Run menu's actions and the training panel's place in the window: a tab below the canvas of
 * every workspace, over the window's one {@link TrainingPanelModel}, which follows the open document
 * (what Train trains, whose runs are listed) and opens a run's design as a new document.
 */
final class TrainingActions {
    /** The panel's id: its tab is "tab-training". */
    static final String PANEL_ID = "training";

    private TrainingActions() {
    }

    static void bind(ShellContext shell, TrainingPanelModel model) {
        var actions = shell.actions();
        actions.bind(ActionId.TRAIN, () -> shell.withWorkspace(TrainingActions::showPanel), shell.notEditing());
        actions.bind(ActionId.STOP_TRAINING, model::stop, model.runningProperty().not());
        followDocuments(shell, model.targetProperty()::set);
        model.setOnOpenDesign(design -> shell.documents().openUntitled(design, "Opened " + design.name()
                + ": exactly the design the run trained"));
        shell.statusBar().trackJob(model.progressProperty(), model.statusTextProperty(), model.runningProperty(),
                () -> actions.perform(ActionId.TRAIN));
        // How a run ended stays a moment in the status bar after the indicator goes.
        model.runningProperty().addListener((o, was, now) -> {
            if (was && !now && !model.statusTextProperty().get().isEmpty()) {
                shell.statusBar().message(model.statusTextProperty().get());
            }
        });
    }

    /** The panel every workspace gets. */
    static WorkspacePanel panel(TrainingPanelModel model) {
        return new WorkspacePanel(PANEL_ID, "Training", WorkspacePanel.Placement.BOTTOM,
                (WorkspacePanel.Builder) ctx -> new TrainingPanel(model, ctx.document(), ctx.model(), ctx.canvas(),
                        ctx.showsDocumentLevel()));
    }

    /** Brings the Training tab to the front, with room to see the curves. */
    static void showPanel(Workspace ws) {
        for (Tab tab : ws.bottomTabs.getTabs()) {
            if (("tab-" + PANEL_ID).equals(tab.getId())) {
                ws.bottomTabs.getSelectionModel().select(tab);
                double[] d = ws.vertical.getDividerPositions();
                if (d.length > 0 && d[0] > 0.5) {
                    ws.vertical.setDividerPositions(0.5);
                }
                if (tab.getContent() instanceof TrainingPanel p) {
                    p.focusTrain();
                }
            }
        }
    }

    /** Keeps a target (the training's, the visualizers') on the open document: its design, name and file. */
    static void followDocuments(ShellContext shell, java.util.function.Consumer<TrainingTarget> target) {
        Document[] followed = {null};
        InvalidationListener update = o -> {
            Document d = shell.documents().document();
            target.accept(d == null ? null
                    : new TrainingTarget(d, d.model().design(), d.model().design().name(), d.path(), d.templateId()));
        };
        shell.documents().documentProperty().addListener((o, was, now) -> {
            if (followed[0] != null) {
                followed[0].pathProperty().removeListener(update);
                followed[0].designNameProperty().removeListener(update);
            }
            followed[0] = now;
            if (now != null) {
                now.pathProperty().addListener(update);
                now.designNameProperty().addListener(update);
            }
            update.invalidated(null);
        });
        update.invalidated(null);
    }
}
