package org.modelworkbench.app.gui.window;

import java.util.Optional;
import javafx.event.EventHandler;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.app.gui.actions.ActionRegistry;
import org.modelworkbench.editor.canvas.GraphCanvas;

/**
 * The canvas's context menus, made from the window's actions (so they do exactly what the menus
 * do, and are enabled when those are): one on the background (paste, select all, zoom to fit,
 * auto-layout) and one on a block (cut, copy, duplicate, delete, group, ungroup, open).
 *
 * <p>The menu opens when the right button is released where it was pressed: the canvas pans with a
 * right-button drag, and a menu opened on the press (as the platform's context-menu event does on
 * Linux) would swallow that drag. The keyboard's menu key opens it at the selection, or in the middle.
 */
final class CanvasContextMenus {
    static final ActionId[] BACKGROUND = {ActionId.PASTE, ActionId.SELECT_ALL, null, ActionId.ZOOM_FIT, ActionId.AUTO_LAYOUT};
    static final ActionId[] BLOCK = {ActionId.CUT, ActionId.COPY, ActionId.DUPLICATE, ActionId.DELETE, null,
            ActionId.GROUP, ActionId.UNGROUP, ActionId.OPEN_INSIDE};
    /** How far (pixels) the pointer may move between press and release for a right click. */
    private static final double CLICK_SLOP = 4;

    private final ActionRegistry actions;

    CanvasContextMenus(ActionRegistry actions) {
        this.actions = actions;
    }

    /** Gives the workspace's canvas its menus; they leave with the workspace. */
    void install(Workspace ws) {
        GraphCanvas canvas = ws.canvas;
        ContextMenu background = actions.contextMenu(BACKGROUND);
        background.setId("canvas-context-menu");
        ContextMenu block = actions.contextMenu(BLOCK);
        block.setId("block-context-menu");
        Point2D[] pressedAt = new Point2D[1];
        EventHandler<MouseEvent> pressed = e -> {
            background.hide();
            block.hide();
            pressedAt[0] = e.getButton() == MouseButton.SECONDARY ? new Point2D(e.getX(), e.getY()) : null;
        };
        EventHandler<MouseEvent> released = e -> {
            Point2D p = pressedAt[0];
            pressedAt[0] = null;
            if (e.getButton() == MouseButton.SECONDARY && p != null && p.distance(e.getX(), e.getY()) <= CLICK_SLOP) {
                show(ws, background, block, e.getX(), e.getY(), e.getScreenX(), e.getScreenY());
            }
        };
        EventHandler<ContextMenuEvent> keyboard = e -> {
            if (e.isKeyboardTrigger()) {
                Point2D at = selectionPoint(ws);
                Point2D screen = canvas.localToScreen(at);
                show(ws, background, block, at.getX(), at.getY(), screen.getX(), screen.getY());
            }
            e.consume();
        };
        canvas.addEventFilter(MouseEvent.MOUSE_PRESSED, pressed);
        canvas.addEventFilter(MouseEvent.MOUSE_RELEASED, released);
        canvas.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, keyboard);
        ws.own(() -> {
            canvas.removeEventFilter(MouseEvent.MOUSE_PRESSED, pressed);
            canvas.removeEventFilter(MouseEvent.MOUSE_RELEASED, released);
            canvas.removeEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, keyboard);
            background.hide();
            block.hide();
        });
    }

    /**
     * The block menu when the point is on a block (which is selected first, unless it is already
     * part of the selection: the menu then acts on the whole selection), else the background menu.
     */
    private static void show(Workspace ws, ContextMenu background, ContextMenu block, double x, double y,
                             double screenX, double screenY) {
        Optional<String> node = ws.canvas.nodeAt(x, y);
        ContextMenu menu = background;
        if (node.isPresent()) {
            if (!ws.model.selection().contains(node.get())) {
                ws.canvas.clearSelection();
                ws.model.selection().add(node.get());
            }
            menu = block;
        }
        background.hide();
        block.hide();
        menu.show(ws.canvas, screenX, screenY);
    }

    /** Where the menu key opens the menu: on the first selected block, or in the middle of the canvas. */
    private static Point2D selectionPoint(Workspace ws) {
        for (String id : ws.model.selection()) {
            var g = ws.canvas.geometryOf(id);
            if (g != null) {
                return ws.canvas.toLocal(g.x() + g.width() / 2, g.y() + g.height() / 2);
            }
        }
        return new Point2D(ws.canvas.getWidth() / 2, ws.canvas.getHeight() / 2);
    }
}
