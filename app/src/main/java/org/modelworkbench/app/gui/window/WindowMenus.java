package org.modelworkbench.app.gui.window;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.app.gui.actions.ActionRegistry;
import org.modelworkbench.app.gui.theme.Theme;

/**
 * The menu bar and the toolbar, built from the bound actions (an action that is not bound is
 * left out); remembers which actions are in the menus, so the window installs keys for the rest.
 */
final class WindowMenus {
    private final ShellContext shell;
    private final ActionRegistry actions;
    private final ObjectProperty<Theme> theme;
    private final List<ActionId> inMenus = new ArrayList<>();

    WindowMenus(ShellContext shell, ObjectProperty<Theme> theme) {
        this.shell = shell;
        this.actions = shell.actions();
        this.theme = theme;
    }

    /** The actions the menus show (their keys work through the menus). */
    List<ActionId> inMenus() {
        return inMenus;
    }

    MenuBar menuBar(BooleanProperty snapToGrid, BooleanProperty minimapShown) {
        Menu file = menu(ActionId.Group.FILE, "menu-file");
        add(file, ActionId.NEW, ActionId.OPEN);
        Menu recent = new Menu("Open Recent");
        recent.setId("menu-open-recent");
        recent.getItems().add(new MenuItem("(none)"));
        recent.setOnShowing(e -> fillRecent(recent));
        file.getItems().add(recent);
        file.getItems().add(new SeparatorMenuItem());
        add(file, ActionId.SAVE, ActionId.SAVE_AS, ActionId.RENAME_DESIGN);
        if (actions.isBound(ActionId.EXPORT_PNG) || actions.isBound(ActionId.EXPORT_SVG)) {
            file.getItems().add(new SeparatorMenuItem());
            add(file, ActionId.EXPORT_PNG, ActionId.EXPORT_SVG);
        }
        if (actions.isBound(ActionId.EXPORT_PYTORCH)) {
            file.getItems().add(new SeparatorMenuItem());
            add(file, ActionId.EXPORT_PYTORCH, ActionId.IMPORT_PYTORCH_RUN);
        }
        file.getItems().add(new SeparatorMenuItem());
        add(file, ActionId.CLOSE, ActionId.QUIT);

        Menu edit = menu(ActionId.Group.EDIT, "menu-edit");
        add(edit, ActionId.UNDO, ActionId.REDO);
        edit.getItems().add(new SeparatorMenuItem());
        add(edit, ActionId.CUT, ActionId.COPY, ActionId.PASTE, ActionId.DUPLICATE, ActionId.DELETE, ActionId.SELECT_ALL);
        if (actions.isBound(ActionId.GROUP) || actions.isBound(ActionId.AUTO_LAYOUT)) {
            edit.getItems().add(new SeparatorMenuItem());
            add(edit, ActionId.GROUP, ActionId.UNGROUP, ActionId.OPEN_INSIDE, ActionId.LEAVE_INSIDE, ActionId.AUTO_LAYOUT);
        }

        Menu view = menu(ActionId.Group.VIEW, "menu-view");
        add(view, ActionId.ZOOM_IN, ActionId.ZOOM_OUT, ActionId.ZOOM_FIT, ActionId.ZOOM_RESET);
        view.getItems().add(new SeparatorMenuItem());
        view.getItems().add(actions.checkMenuItem(ActionId.SNAP_TO_GRID, snapToGrid));
        inMenus.add(ActionId.SNAP_TO_GRID);
        if (actions.isBound(ActionId.MINIMAP)) {
            view.getItems().add(actions.checkMenuItem(ActionId.MINIMAP, minimapShown));
            inMenus.add(ActionId.MINIMAP);
        }
        add(view, ActionId.FIND_BLOCK);
        view.getItems().add(new SeparatorMenuItem());
        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = actions.radioMenuItem(ActionId.THEME_LIGHT);
        RadioMenuItem dark = actions.radioMenuItem(ActionId.THEME_DARK);
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        light.setSelected(theme.get() == Theme.LIGHT);
        dark.setSelected(theme.get() == Theme.DARK);
        theme.addListener((obs, old, now) -> (now == Theme.DARK ? dark : light).setSelected(true));
        view.getItems().addAll(light, dark);
        inMenus.add(ActionId.THEME_LIGHT);
        inMenus.add(ActionId.THEME_DARK);

        Menu help = menu(ActionId.Group.HELP, "menu-help");
        add(help, ActionId.SHORTCUTS, ActionId.ABOUT);

        MenuBar bar = new MenuBar(file, edit, view);
        if (actions.isBound(ActionId.TRAIN)) {
            Menu run = menu(ActionId.Group.RUN, "menu-run");
            add(run, ActionId.TRAIN, ActionId.STOP_TRAINING);
            bar.getMenus().add(run);
        }
        bar.getMenus().add(help);
        bar.setId("menu-bar");
        return bar;
    }

    ToolBar toolBar() {
        List<Node> items = new ArrayList<>();
        tool(items, ActionId.NEW, Icons.NEW);
        tool(items, ActionId.OPEN, Icons.OPEN);
        tool(items, ActionId.SAVE, Icons.SAVE);
        items.add(new Separator(Orientation.VERTICAL));
        tool(items, ActionId.UNDO, Icons.UNDO);
        tool(items, ActionId.REDO, Icons.REDO);
        items.add(new Separator(Orientation.VERTICAL));
        tool(items, ActionId.CUT, Icons.CUT);
        tool(items, ActionId.COPY, Icons.COPY);
        tool(items, ActionId.PASTE, Icons.PASTE);
        tool(items, ActionId.DELETE, Icons.DELETE);
        if (actions.isBound(ActionId.GROUP) || actions.isBound(ActionId.AUTO_LAYOUT)) {
            items.add(new Separator(Orientation.VERTICAL));
            tool(items, ActionId.GROUP, Icons.GROUP);
            tool(items, ActionId.UNGROUP, Icons.UNGROUP);
            tool(items, ActionId.OPEN_INSIDE, Icons.OPEN_INSIDE);
            tool(items, ActionId.AUTO_LAYOUT, Icons.LAYOUT);
        }
        items.add(new Separator(Orientation.VERTICAL));
        tool(items, ActionId.ZOOM_OUT, Icons.ZOOM_OUT);
        tool(items, ActionId.ZOOM_IN, Icons.ZOOM_IN);
        tool(items, ActionId.ZOOM_FIT, Icons.ZOOM_FIT);
        if (actions.isBound(ActionId.TRAIN)) {
            items.add(new Separator(Orientation.VERTICAL));
            tool(items, ActionId.TRAIN, Icons.TRAIN);
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        items.add(grow);
        var themeButton = new Button(null, Icons.of(Icons.THEME));
        themeButton.setId("tool-theme");
        themeButton.getStyleClass().addAll("button-icon", "flat");
        themeButton.setFocusTraversable(false);
        themeButton.setTooltip(new Tooltip("Switch between the light and dark themes"));
        themeButton.setOnAction(e -> theme.set(theme.get() == Theme.DARK ? Theme.LIGHT : Theme.DARK));
        items.add(themeButton);
        ToolBar bar = new ToolBar(items.toArray(Node[]::new));
        bar.setId("tool-bar");
        return bar;
    }

    private Menu menu(ActionId.Group group, String id) {
        Menu m = new Menu(group.title());
        m.setId(id);
        return m;
    }

    private void add(Menu menu, ActionId... ids) {
        for (ActionId id : ids) {
            if (actions.isBound(id)) {
                menu.getItems().add(actions.menuItem(id));
                inMenus.add(id);
            }
        }
    }

    private void tool(List<Node> items, ActionId id, String icon) {
        if (actions.isBound(id)) {
            items.add(actions.button(id, Icons.of(icon)));
        }
    }

    private void fillRecent(Menu recent) {
        recent.getItems().clear();
        List<Path> list = shell.preferences().recent();
        if (list.isEmpty()) {
            MenuItem none = new MenuItem("No recent projects");
            none.setDisable(true);
            recent.getItems().add(none);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            Path p = list.get(i);
            MenuItem item = new MenuItem(p.getFileName() + "  —  " + p.getParent());
            item.setId("menu-recent-" + i);
            item.setMnemonicParsing(false);
            item.setDisable(!Files.isRegularFile(p));
            item.setOnAction(e -> shell.documents().open(p));
            recent.getItems().add(item);
        }
    }
}
