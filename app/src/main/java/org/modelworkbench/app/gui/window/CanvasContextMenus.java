package org.modelworkbench.app.gui.window;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.app.gui.actions.ActionRegistry;
import org.modelworkbench.editor.canvas.CanvasContextMenus.Kind;
import org.modelworkbench.editor.canvas.ContextMenuProvider;
import org.modelworkbench.editor.canvas.GraphCanvas;

/**
 * The shell's part of the canvas's context menus. The kit decides when a menu opens (a right click
 * without a drag, the menu key) and for what; the shell fills the block and background menus with
 * the window's own actions, so they do exactly what the menu bar does and are enabled when it is
 * (grouping asks for a name, ungrouping is there). The kit's "Paste here" (at the clicked point)
 * and its wire menu are kept.
 */
final class CanvasContextMenus {
    static final ActionId[] BACKGROUND = {ActionId.SELECT_ALL, null, ActionId.ZOOM_FIT, ActionId.AUTO_LAYOUT};
    static final ActionId[] BLOCK = {ActionId.CUT, ActionId.COPY, ActionId.DUPLICATE, ActionId.DELETE, null,
            ActionId.GROUP, ActionId.UNGROUP, ActionId.OPEN_INSIDE};
    private static final String KIT_PASTE_HERE = "menu-paste-here";

    private final ActionRegistry actions;
    private final java.util.function.Function<String, List<MenuItem>> nodeExtras;

    CanvasContextMenus(ActionRegistry actions) {
        this(actions, id -> List.of());
    }

    /** @param nodeExtras items added below a block's own, made for the block clicked (the Visualize submenu) */
    CanvasContextMenus(ActionRegistry actions, java.util.function.Function<String, List<MenuItem>> nodeExtras) {
        this.actions = actions;
        this.nodeExtras = nodeExtras;
    }

    /** Gives the workspace's canvas the shell's menus; the canvas goes back to the kit's when the workspace leaves. */
    void install(Workspace ws) {
        GraphCanvas canvas = ws.canvas;
        // Built once per workspace and reused: each item binds to its action's text and enabled state.
        List<MenuItem> block = items(BLOCK);
        List<MenuItem> background = items(BACKGROUND);
        ContextMenuProvider provider = (target, kitItems) -> {
            if (target.kind() == Kind.NODE) {
                List<MenuItem> extra = nodeExtras.apply(target.nodeId());
                if (extra.isEmpty()) {
                    return block;
                }
                List<MenuItem> items = new ArrayList<>(block);
                items.add(new SeparatorMenuItem());
                items.addAll(extra);
                return items;
            }
            if (target.kind() == Kind.CANVAS) {
                List<MenuItem> items = new ArrayList<>();
                kitItems.stream().filter(i -> KIT_PASTE_HERE.equals(i.getId())).findFirst().ifPresent(items::add);
                items.addAll(background);
                return items;
            }
            return kitItems;
        };
        canvas.setContextMenuProvider(provider);
        ws.own(() -> {
            canvas.contextMenu().hide();
            canvas.setContextMenuProvider(null);
        });
    }

    private List<MenuItem> items(ActionId... ids) {
        List<MenuItem> items = new ArrayList<>();
        for (ActionId id : ids) {
            if (id == null) {
                if (!items.isEmpty()) {
                    items.add(new SeparatorMenuItem());
                }
            } else if (actions.isBound(id)) {
                items.add(actions.contextMenuItem(id));
            }
        }
        return List.copyOf(items);
    }
}
