package org.modelworkbench.editor.canvas;

import java.util.List;
import javafx.scene.control.MenuItem;

/**
 * What a right-click on the canvas offers: given what was clicked and the kit's own items for it
 * (see {@link CanvasContextMenus}), the items to show. The kit knows nothing of the application:
 * a shell adds its actions here (keep, reorder, drop or extend {@code kitItems}). An empty list
 * shows no menu.
 * <pre>
 *   canvas.setContextMenuProvider((target, kitItems) -> {
 *       List&lt;MenuItem&gt; items = new ArrayList&lt;&gt;(kitItems);
 *       if (target.kind() == CanvasContextMenus.Kind.NODE) items.add(appAction("Profile this block"));
 *       return items;
 *   });
 * </pre>
 */
@FunctionalInterface
public interface ContextMenuProvider {
    /** The kit's items as they are. */
    ContextMenuProvider KIT = (target, kitItems) -> kitItems;

    List<MenuItem> items(CanvasContextMenus.Target target, List<MenuItem> kitItems);
}
