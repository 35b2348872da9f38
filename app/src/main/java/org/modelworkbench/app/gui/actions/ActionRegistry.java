package org.modelworkbench.app.gui.actions;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;

/**
 * Binds each {@link ActionId} to what it does and whether it is enabled, and makes the menu items,
 * toolbar buttons and keys from that binding. Only bound actions appear anywhere, so a menu never
 * offers something the window cannot do, and the shortcuts panel lists exactly the keys that work.
 */
public final class ActionRegistry {
    private final Map<ActionId, Runnable> handlers = new EnumMap<>(ActionId.class);
    private final Map<ActionId, BooleanProperty> disabled = new EnumMap<>(ActionId.class);
    private final Map<ActionId, StringProperty> texts = new EnumMap<>(ActionId.class);
    private Scene scene;
    /** True while the scene dispatches a key press (set by a filter, cleared once it is done). */
    private boolean keyPressInFlight;
    private final java.util.Set<ActionId> beforeControls = java.util.EnumSet.noneOf(ActionId.class);

    /** Says what an action does; it is enabled unless {@link #disabledProperty} says otherwise. */
    public void bind(ActionId id, Runnable handler) {
        handlers.put(id, handler);
    }

    public void bind(ActionId id, Runnable handler, ObservableValue<Boolean> disabledWhen) {
        bind(id, handler);
        disabledProperty(id).bind(disabledWhen);
    }

    public boolean isBound(ActionId id) {
        return handlers.containsKey(id);
    }

    /** The bound actions in table order. */
    public List<ActionId> boundActions() {
        List<ActionId> list = new ArrayList<>();
        for (ActionId id : ActionId.values()) {
            if (isBound(id)) {
                list.add(id);
            }
        }
        return list;
    }

    public BooleanProperty disabledProperty(ActionId id) {
        return disabled.computeIfAbsent(id, k -> new SimpleBooleanProperty(false));
    }

    /** The text shown in menus and tooltips (Undo and Redo bind it to the name of the edit). */
    public StringProperty textProperty(ActionId id) {
        return texts.computeIfAbsent(id, k -> new SimpleStringProperty(k.text()));
    }

    /**
     * Runs the action for a key: if it is bound and enabled, and, for an {@link ActionId.Scope#EDITOR}
     * action, only while no text field has the keyboard (typing "f" in a search box must not zoom).
     */
    public void fire(ActionId id) {
        if (id.scope() == ActionId.Scope.EDITOR && scene != null && scene.getFocusOwner() instanceof TextInputControl) {
            return;
        }
        perform(id);
    }

    /**
     * Runs the action because the user chose it (a menu item or toolbar button clicked, a context
     * menu, a link): if it is bound and enabled, wherever the keyboard is. The action works on the
     * workspace shown, never on the focused control.
     */
    public void perform(ActionId id) {
        Runnable h = handlers.get(id);
        if (h == null || disabledProperty(id).get()) {
            return;
        }
        h.run();
    }

    public MenuItem menuItem(ActionId id) {
        return configure(new MenuItem(), id);
    }

    /** A menu item with a tick, two-way bound to {@code state}; the action is run after it changes. */
    public CheckMenuItem checkMenuItem(ActionId id, BooleanProperty state) {
        CheckMenuItem item = new CheckMenuItem();
        item.selectedProperty().bindBidirectional(state);
        item.setId(id.menuItemId());
        item.setMnemonicParsing(false);
        item.textProperty().bind(textProperty(id));
        item.disableProperty().bind(disabledProperty(id));
        if (!id.keys().isEmpty()) {
            item.setAccelerator(id.keys().get(0));
        }
        // The tick toggles the state itself; the handler only reacts (e.g. saves the preference).
        item.setOnAction(e -> {
            Runnable h = handlers.get(id);
            if (h != null) {
                h.run();
            }
        });
        return item;
    }

    public RadioMenuItem radioMenuItem(ActionId id) {
        return configure(new RadioMenuItem(), id);
    }

    private <T extends MenuItem> T configure(T item, ActionId id) {
        item.setId(id.menuItemId());
        // The text can name an edit ("Undo Rename invertedresidual_2"): an underscore there is part
        // of a name, not a mnemonic marker. Menus keep their mnemonics (Alt+F opens File).
        item.setMnemonicParsing(false);
        item.textProperty().bind(textProperty(id));
        item.disableProperty().bind(disabledProperty(id));
        if (!id.keys().isEmpty()) {
            item.setAccelerator(id.keys().get(0));
        }
        // The same handler serves a click and the item's accelerator: only a key press is checked for the
        // text field that has the keyboard.
        item.setOnAction(e -> {
            if (keyPressInFlight) {
                fire(id);
            } else {
                perform(id);
            }
        });
        return item;
    }

    /**
     * A menu item for a context menu (canvas, block), e.g. id "context-zoom-fit": the action's text
     * and enabled state, run as a click. It carries no accelerator: the keys are the menu bar's (a
     * context menu's accelerators would be added to the scene each time it is shown).
     */
    public MenuItem contextMenuItem(ActionId id) {
        MenuItem item = new MenuItem();
        item.setId("context-" + id.menuItemId().substring("menu-".length()));
        item.textProperty().bind(textProperty(id));
        item.disableProperty().bind(disabledProperty(id));
        item.setOnAction(e -> perform(id));
        return item;
    }

    /** A context menu of these actions (null: a separator), leaving out those that are not bound. */
    public javafx.scene.control.ContextMenu contextMenu(ActionId... ids) {
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu();
        for (ActionId id : ids) {
            if (id == null) {
                if (!menu.getItems().isEmpty()) {
                    menu.getItems().add(new javafx.scene.control.SeparatorMenuItem());
                }
            } else if (isBound(id)) {
                menu.getItems().add(contextMenuItem(id));
            }
        }
        return menu;
    }

    /** A toolbar button showing only {@code graphic}; the tooltip gives the action's text and key. */
    public Button button(ActionId id, Node graphic) {
        Button b = new Button(null, graphic);
        b.setId("tool-" + id.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        b.setFocusTraversable(false);
        b.disableProperty().bind(disabledProperty(id));
        b.setOnAction(e -> perform(id));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(textProperty(id).map(t -> id.keys().isEmpty() ? t
                : t + "   (" + id.keys().get(0).getDisplayText() + ")"));
        b.setTooltip(tip);
        b.getStyleClass().addAll("button-icon", "flat");
        return b;
    }

    /**
     * Registers the keys of every bound action on the scene: menu items already carry the first
     * key of theirs; the alternatives (and the keys of actions that have no menu item) go into the
     * scene's accelerators.
     */
    public void installKeys(Scene scene, List<ActionId> inMenus) {
        this.scene = scene;
        // Marks the dispatch of a key press, so that a menu item run by its accelerator is told from a click.
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            keyPressInFlight = true;
            javafx.application.Platform.runLater(() -> keyPressInFlight = false);
        });
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            for (ActionId id : beforeControls) {
                if (isBound(id) && !disabledProperty(id).get() && id.keys().stream().anyMatch(k -> k.match(e))
                        && !(id.scope() == ActionId.Scope.EDITOR && scene.getFocusOwner() instanceof TextInputControl)) {
                    e.consume();
                    fire(id);
                    return;
                }
            }
        });
        for (ActionId id : boundActions()) {
            List<KeyCombination> keys = id.keys();
            for (int i = inMenus.contains(id) ? 1 : 0; i < keys.size(); i++) {
                scene.getAccelerators().put(keys.get(i), () -> fire(id));
            }
        }
    }

    /**
     * Lets the action's keys win over the focused control (e.g. Alt+Up, which the canvas would
     * otherwise take to nudge the selection): while the action is enabled its keys are caught
     * before any control sees them; while it is disabled they reach the controls as usual.
     */
    public void beforeControls(ActionId id) {
        beforeControls.add(id);
    }

    /**
     * The key text shown in the shortcuts panel, e.g. "Ctrl+Shift+Z, Ctrl+Y". Keys that read the
     * same (Ctrl+PLUS and Ctrl+ADD, the keypad's plus, both read "Ctrl++") are listed once.
     */
    public static String keyText(ActionId id) {
        java.util.Set<String> parts = new java.util.LinkedHashSet<>();
        for (KeyCombination k : id.keys()) {
            parts.add(k.getDisplayText());
        }
        return String.join(", ", parts);
    }
}
