package org.modelworkbench.app.gui.window;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.controlsfx.control.BreadCrumbBar;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.app.gui.actions.ActionRegistry;
import org.modelworkbench.editor.group.CompositeNavigator;

/**
 * The bar above the canvas while inside a composite: an "Up" button, one crumb per open level
 * (a click goes back to that level) and, inside a library block, a "read-only" note. It reads the
 * navigator's path when built; the workspace host builds a new one for each workspace.
 */
final class CompositeBreadcrumb {
    private CompositeBreadcrumb() {
    }

    /** The bar for the navigator's path now, or null at the document's own level (no bar). */
    static Node build(CompositeNavigator navigator, Runnable up) {
        List<CompositeNavigator.Level> path = navigator.path();
        if (path.size() <= 1) {
            return null;
        }
        BreadCrumbBar<CompositeNavigator.Level> bar = new BreadCrumbBar<>();
        bar.setId("breadcrumb");
        bar.setAutoNavigationEnabled(false);
        TreeItem<CompositeNavigator.Level> last = null;
        Map<TreeItem<CompositeNavigator.Level>, Integer> depth = new HashMap<>();
        for (int i = 0; i < path.size(); i++) {
            var item = new TreeItem<>(path.get(i));
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
            if (d != null) {
                navigator.goTo(d);
            }
        });
        Button upButton = new Button("↑ Up");
        upButton.setId("composite-up");
        upButton.getStyleClass().addAll("flat", "small");
        upButton.setFocusTraversable(false);
        upButton.setTooltip(new Tooltip("Back to the enclosing design (" + ActionRegistry.keyText(ActionId.LEAVE_INSIDE) + ")"));
        upButton.setOnAction(e -> up.run());
        upButton.setMinWidth(Region.USE_PREF_SIZE);
        bar.setMinWidth(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox holder = new HBox(upButton, bar, grow);
        if (navigator.isReadOnly()) {
            Label note = new Label("read-only");
            note.setId("breadcrumb-read-only");
            note.getStyleClass().add("breadcrumb-read-only");
            note.setMinWidth(Region.USE_PREF_SIZE);
            note.setTooltip(new Tooltip("The inside of a library block follows from its "
                    + "hyper-parameters: change them on the block itself."));
            holder.getChildren().add(note);
        }
        holder.getStyleClass().add("breadcrumb-holder");
        return holder;
    }
}
