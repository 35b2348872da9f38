package org.modelworkbench.editor.palette;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.type.Paper;
import org.modelworkbench.editor.canvas.GraphCanvas;

/**
 * Every block type, grouped by category in palette order, with a search field that filters by
 * name, id, category and description words. Drag an entry onto the canvas to add it (the dragboard
 * carries the type id under {@link GraphCanvas#BLOCK_TYPE}); double-click it or press Enter to add
 * it through {@link #setOnAddBlock}. Hovering an entry shows its description and source paper.
 * The "My blocks" group lists {@link #userBlocks()}, the user's own composite blocks.
 */
public class PaletteView extends VBox {
    static final String MY_BLOCKS = "My blocks";

    /** A row of the tree: a group header or a block type. */
    sealed interface Entry permits Group, Block {
    }

    record Group(String key, String title, int count) implements Entry {
    }

    record Block(BlockType type, boolean userBlock) implements Entry {
    }

    private final BlockLibrary library;
    private final ObservableList<BlockType> userBlocks = FXCollections.observableArrayList();
    private final TextField search = new TextField();
    private final TreeView<Entry> tree = new TreeView<>(new TreeItem<>());
    private final Label emptyMessage = new Label();
    private final Map<String, Boolean> expanded = new HashMap<>();
    private final Map<String, TreeItem<Entry>> groupItems = new HashMap<>();
    private final Map<String, TreeItem<Entry>> blockItems = new HashMap<>();
    private final Map<String, String> haystacks = new HashMap<>();
    private Consumer<String> onAddBlock;
    private BlockType firstMatch;

    public PaletteView(BlockLibrary library) {
        this.library = Objects.requireNonNull(library);
        setId("palette");
        getStyleClass().add("palette");
        setPrefWidth(300);
        setMinWidth(180);
        getStylesheets().add(Objects.requireNonNull(PaletteView.class.getResource("palette.css")).toExternalForm());

        search.setId("paletteSearch");
        search.setPromptText("Search blocks");
        search.getStyleClass().add("palette-search");
        search.textProperty().addListener((obs, old, now) -> rebuild());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                if (firstMatch != null) {
                    add(firstMatch);
                }
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN) {
                tree.requestFocus();
                selectFirstBlock();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                search.clear();
                e.consume();
            }
        });

        tree.setId("paletteTree");
        tree.getStyleClass().add("palette-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new EntryCell());
        tree.setOnKeyPressed(e -> {
            TreeItem<Entry> item = tree.getSelectionModel().getSelectedItem();
            if (item == null) {
                return;
            }
            if (e.getCode() == KeyCode.ENTER) {
                if (item.getValue() instanceof Block b) {
                    add(b.type());
                } else {
                    item.setExpanded(!item.isExpanded());
                }
                e.consume();
            } else if (e.getCode() == KeyCode.UP && tree.getSelectionModel().getSelectedIndex() == 0) {
                search.requestFocus();
                e.consume();
            }
        });

        emptyMessage.setId("paletteEmpty");
        emptyMessage.getStyleClass().add("palette-empty");
        emptyMessage.setWrapText(true);
        emptyMessage.setVisible(false);
        StackPane.setAlignment(emptyMessage, Pos.TOP_CENTER);
        StackPane body = new StackPane(tree, emptyMessage);
        VBox.setVgrow(body, Priority.ALWAYS);

        javafx.scene.shape.SVGPath magnifier = new javafx.scene.shape.SVGPath();
        magnifier.setContent("M6.5 1a5.5 5.5 0 0 1 4.39 8.82l3.65 3.65-1.06 1.06-3.65-3.65A5.5 5.5 0 1 1 6.5 1z"
                + "m0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8z");
        magnifier.getStyleClass().add("palette-search-icon");
        magnifier.setMouseTransparent(true);
        StackPane.setAlignment(magnifier, Pos.CENTER_LEFT);
        StackPane.setMargin(magnifier, new javafx.geometry.Insets(0, 0, 0, 9));
        StackPane searchBox = new StackPane(search, magnifier);
        getChildren().addAll(searchBox, body);
        userBlocks.addListener((ListChangeListener<BlockType>) c -> {
            haystacks.keySet().removeIf(k -> k.startsWith(MY_BLOCKS + "\n"));
            rebuild();
        });
        rebuild();
    }

    /** The user's own composite blocks, listed under "My blocks" (hidden while empty). */
    public ObservableList<BlockType> userBlocks() {
        return userBlocks;
    }

    /** Called with the block type id when an entry is double-clicked or chosen with Enter. */
    public void setOnAddBlock(Consumer<String> handler) {
        this.onAddBlock = handler;
    }

    public Consumer<String> getOnAddBlock() {
        return onAddBlock;
    }

    /** The search field (for a "find block" shortcut). */
    public TextField searchField() {
        return search;
    }

    /** Moves the keyboard focus to the search field and selects its text. */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** The block that Enter in the search field would add: the best match of the current filter. */
    public BlockType firstMatch() {
        return firstMatch;
    }

    /** The block types shown now, in order (groups expanded or not). */
    public List<BlockType> visibleTypes() {
        List<BlockType> out = new ArrayList<>();
        for (TreeItem<Entry> g : tree.getRoot().getChildren()) {
            for (TreeItem<Entry> b : g.getChildren()) {
                out.add(((Block) b.getValue()).type());
            }
        }
        return out;
    }

    private void add(BlockType type) {
        if (onAddBlock != null) {
            onAddBlock.accept(type.id());
        }
    }

    private void selectFirstBlock() {
        for (TreeItem<Entry> g : tree.getRoot().getChildren()) {
            for (TreeItem<Entry> b : g.getChildren()) {
                if (((Block) b.getValue()).type() == firstMatch || firstMatch == null) {
                    g.setExpanded(true);
                    tree.getSelectionModel().select(b);
                    tree.scrollTo(Math.max(0, tree.getRow(b) - 1));
                    return;
                }
            }
        }
    }

    private void rebuild() {
        String query = search.getText() == null ? "" : search.getText().strip().toLowerCase(Locale.ROOT);
        String[] terms = query.isEmpty() ? new String[0] : query.split("\\s+");
        boolean filtering = terms.length > 0;

        Map<String, List<BlockType>> groups = new LinkedHashMap<>();
        Map<String, String> titles = new HashMap<>();
        groups.put(MY_BLOCKS, new ArrayList<>());
        titles.put(MY_BLOCKS, MY_BLOCKS);
        for (Category c : Category.values()) {
            groups.put(c.name(), new ArrayList<>());
            titles.put(c.name(), c.displayName());
        }
        BlockType best = null;
        BlockType firstAny = null;
        for (BlockType t : userBlocks) {
            if (matches(t, terms, MY_BLOCKS)) {
                groups.get(MY_BLOCKS).add(t);
            }
        }
        for (BlockType t : library.types()) {
            if (matches(t, terms, t.category().displayName())) {
                groups.get(t.category().name()).add(t);
            }
        }
        List<TreeItem<Entry>> items = new ArrayList<>();
        for (Map.Entry<String, List<BlockType>> g : groups.entrySet()) {
            if (g.getValue().isEmpty()) {
                continue;
            }
            String key = g.getKey();
            TreeItem<Entry> group = groupItem(key);
            Group value = new Group(key, titles.get(key), g.getValue().size());
            if (!value.equals(group.getValue())) {
                group.setValue(value);
            }
            List<TreeItem<Entry>> children = new ArrayList<>(g.getValue().size());
            for (BlockType t : g.getValue()) {
                children.add(blockItem(key, t));
                if (firstAny == null) {
                    firstAny = t;
                }
                if (best == null && filtering && nameMatches(t, terms)) {
                    best = t;
                }
            }
            if (!children.equals(group.getChildren())) {
                group.getChildren().setAll(children);
            }
            group.setExpanded(filtering || expanded.getOrDefault(key, true));
            items.add(group);
        }
        firstMatch = filtering ? (best != null ? best : firstAny) : null;
        if (!items.equals(tree.getRoot().getChildren())) {
            tree.getRoot().getChildren().setAll(items);
        }
        if (items.isEmpty()) {
            emptyMessage.setText("No block matches \u201c" + search.getText().strip() + "\u201d");
            emptyMessage.setVisible(true);
        } else {
            emptyMessage.setVisible(false);
        }
        if (filtering && firstMatch != null) {
            selectFirstBlock();
        } else {
            tree.getSelectionModel().clearSelection();
        }
    }

    private TreeItem<Entry> groupItem(String key) {
        return groupItems.computeIfAbsent(key, k -> {
            TreeItem<Entry> item = new TreeItem<>();
            item.expandedProperty().addListener((obs, old, now) -> {
                if (!isFiltering()) {
                    expanded.put(k, now);
                }
            });
            return item;
        });
    }

    private TreeItem<Entry> blockItem(String groupKey, BlockType t) {
        TreeItem<Entry> item = blockItems.get(groupKey + "\n" + t.id());
        if (item == null || ((Block) item.getValue()).type() != t) {
            item = new TreeItem<>(new Block(t, groupKey.equals(MY_BLOCKS)));
            blockItems.put(groupKey + "\n" + t.id(), item);
        }
        return item;
    }

    private boolean isFiltering() {
        return search.getText() != null && !search.getText().isBlank();
    }

    private boolean matches(BlockType t, String[] terms, String groupTitle) {
        if (terms.length == 0) {
            return true;
        }
        String hay = haystacks.computeIfAbsent(groupTitle + "\n" + t.id(), k -> (t.displayName() + " " + t.id() + " "
                + groupTitle + " " + t.category().displayName() + " " + t.description() + " " + t.paper().citation()
                + (t.isComposite() ? " composite" : "")).toLowerCase(Locale.ROOT));
        for (String term : terms) {
            if (!hay.contains(term)) {
                return false;
            }
        }
        return true;
    }

    private static boolean nameMatches(BlockType t, String[] terms) {
        String hay = (t.displayName() + " " + t.id()).toLowerCase(Locale.ROOT);
        for (String term : terms) {
            if (!hay.contains(term)) {
                return false;
            }
        }
        return true;
    }

    /** The hover text of a block: what it computes and where it comes from. */
    static String tooltipText(BlockType t) {
        StringBuilder b = new StringBuilder();
        b.append(t.displayName()).append("  (").append(t.id()).append(")");
        if (t.isComposite()) {
            b.append("\nComposite block: made of other blocks; open it on the canvas to see its inside.");
        }
        b.append("\n\n").append(t.description());
        Paper p = t.paper();
        if (p != null && !p.citation().isEmpty()) {
            b.append("\n\nPaper: ").append(p.citation());
            if (!p.url().isEmpty()) {
                b.append("\n").append(p.url());
            }
        }
        b.append("\n\nDrag onto the canvas, or double-click to add.");
        return b.toString();
    }

    private final class EntryCell extends TreeCell<Entry> {
        private final Label name = new Label();
        private final Label id = new Label();
        private final Label tag = new Label("composite");
        private final Label count = new Label();
        private final EntryBox box = new EntryBox();
        private final Tooltip tooltip = new Tooltip();
        /** Right-click on a block: add it (as Enter does) or copy its type id (for files and the command line). */
        private final javafx.scene.control.ContextMenu blockMenu = new javafx.scene.control.ContextMenu();
        /** Right-click on a group: open or close every group. */
        private final javafx.scene.control.ContextMenu groupMenu = new javafx.scene.control.ContextMenu();

        EntryCell() {
            javafx.scene.control.MenuItem addItem = new javafx.scene.control.MenuItem("Add to design");
            addItem.setId("palette-menu-add");
            addItem.setOnAction(e -> {
                if (getItem() instanceof Block b) {
                    add(b.type());
                }
            });
            addItem.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> onAddBlock == null, itemProperty()));
            javafx.scene.control.MenuItem copyId = new javafx.scene.control.MenuItem("Copy type id");
            copyId.setId("palette-menu-copy-id");
            copyId.setMnemonicParsing(false);
            copyId.setOnAction(e -> {
                if (getItem() instanceof Block b) {
                    javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
                    c.putString(b.type().id());
                    javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
                }
            });
            blockMenu.getItems().setAll(addItem, copyId);
            javafx.scene.control.MenuItem expandAll = new javafx.scene.control.MenuItem("Expand all groups");
            expandAll.setId("palette-menu-expand-all");
            expandAll.setOnAction(e -> tree.getRoot().getChildren().forEach(g -> g.setExpanded(true)));
            javafx.scene.control.MenuItem collapseAll = new javafx.scene.control.MenuItem("Collapse all groups");
            collapseAll.setId("palette-menu-collapse-all");
            collapseAll.setOnAction(e -> tree.getRoot().getChildren().forEach(g -> g.setExpanded(false)));
            groupMenu.getItems().setAll(expandAll, collapseAll);
            // Shown by hand rather than through setContextMenu: the platform's context-menu event does
            // not come everywhere (headless), and a right click should work alike on every platform.
            setOnContextMenuRequested(e -> {
                showMenu(e.getScreenX(), e.getScreenY());
                e.consume();
            });
            setOnMouseReleased(e -> {
                if (e.getButton() == MouseButton.SECONDARY && e.isStillSincePress()) {
                    showMenu(e.getScreenX(), e.getScreenY());
                    e.consume();
                }
            });

            getStyleClass().add("palette-cell");
            setPrefWidth(0); // follow the tree's width: long ids are cut short, no horizontal scrolling
            name.getStyleClass().add("palette-name");
            name.setMnemonicParsing(false);
            id.setMnemonicParsing(false);
            id.getStyleClass().add("palette-id");
            tag.getStyleClass().add("palette-composite");
            count.getStyleClass().add("palette-count");
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(420);
            tooltip.setShowDelay(Duration.millis(400));
            tooltip.setShowDuration(Duration.seconds(30));
            tooltip.getStyleClass().add("palette-tooltip");

            setOnDragDetected(e -> {
                if (getItem() instanceof Block b && e.getButton() == MouseButton.PRIMARY) {
                    Dragboard db = startDragAndDrop(TransferMode.COPY);
                    ClipboardContent content = new ClipboardContent();
                    content.put(GraphCanvas.BLOCK_TYPE, b.type().id());
                    content.putString(b.type().id());
                    db.setContent(content);
                    SnapshotParameters sp = new SnapshotParameters();
                    sp.setFill(Color.TRANSPARENT);
                    db.setDragView(box.snapshot(sp, null));
                    e.consume();
                }
            });
            addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
                // A click anywhere on a group header opens or closes it (the arrow does so itself).
                if (e.getButton() != MouseButton.PRIMARY || !(getItem() instanceof Group) || getTreeItem() == null
                        || onDisclosureNode(e)) {
                    return;
                }
                if (e.getClickCount() == 1) {
                    getTreeItem().setExpanded(!getTreeItem().isExpanded());
                } else {
                    e.consume(); // the tree would toggle again on a double click
                }
            });
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && getItem() instanceof Block b) {
                    add(b.type());
                    e.consume();
                }
            });
        }

        private void showMenu(double screenX, double screenY) {
            javafx.scene.control.ContextMenu menu = getItem() instanceof Block ? blockMenu
                    : getItem() instanceof Group ? groupMenu : null;
            if (menu != null && !menu.isShowing()) {
                blockMenu.hide();
                groupMenu.hide();
                menu.show(this, screenX, screenY);
            }
        }

        /** Sets the row kind's style class, touching the list only when it changes (CSS is costly). */
        private void styleAs(String kind) {
            for (String k : new String[] {"palette-group", "palette-entry"}) {
                if (!k.equals(kind)) {
                    getStyleClass().remove(k);
                }
            }
            if (kind != null && !getStyleClass().contains(kind)) {
                getStyleClass().add(kind);
            }
        }

        private boolean onDisclosureNode(MouseEvent e) {
            javafx.scene.Node d = getDisclosureNode();
            return d != null && d.isVisible() && d.getBoundsInParent().contains(e.getX(), e.getY());
        }

        @Override
        protected void updateItem(Entry item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                styleAs(null);
                setGraphic(null);
                setTooltip(null);
                setId(null);
                return;
            }
            if (item instanceof Group g) {
                styleAs("palette-group");
                name.setText(g.title());
                count.setText(Integer.toString(g.count()));
                box.show(name, null, count);
                box.trailingYields = false;
                // A narrow palette shortens the title with "…": the tooltip has it whole.
                tooltip.setText(g.title() + " — " + g.count() + (g.count() == 1 ? " block" : " blocks"));
                setTooltip(tooltip);
                if (getId() != null) {
                    setId(null);
                }
            } else if (item instanceof Block b) {
                styleAs("palette-entry");
                BlockType t = b.type();
                name.setText(t.displayName());
                id.setText(t.id());
                box.show(name, id, t.isComposite() ? tag : null);
                box.trailingYields = true; // the name comes first; "composite" is in the tooltip too
                tooltip.setText(tooltipText(t));
                setTooltip(tooltip);
                String cellId = "palette-" + t.id().replace('.', '-');
                if (!cellId.equals(getId())) {
                    setId(cellId);
                }
            }
            setGraphic(box);
        }
    }

    /**
     * One row's content: a name, an optional muted secondary text after it (dropped when there is
     * no room for it) and an optional trailing label at the right edge (a count, a tag).
     */
    private static final class EntryBox extends Region {
        private static final double GAP = 7;
        private static final double MIN_SECONDARY = 44;
        private Label name;
        private Label secondary;
        private Label trailing;
        /** Whether the trailing label gives way when the name would not fit whole beside it. */
        boolean trailingYields;

        void show(Label newName, Label newSecondary, Label newTrailing) {
            if (newName == name && newSecondary == secondary && newTrailing == trailing) {
                requestLayout();
                return;
            }
            name = newName;
            secondary = newSecondary;
            trailing = newTrailing;
            getChildren().clear();
            getChildren().add(name);
            if (secondary != null) {
                getChildren().add(secondary);
            }
            if (trailing != null) {
                getChildren().add(trailing);
            }
            requestLayout();
        }

        @Override
        protected double computePrefWidth(double height) {
            double w = snappedLeftInset() + snappedRightInset();
            for (javafx.scene.Node n : getChildren()) {
                w += n.prefWidth(-1) + GAP;
            }
            return w;
        }

        @Override
        protected double computeMinWidth(double height) {
            return 0;
        }

        @Override
        protected double computePrefHeight(double width) {
            double h = 0;
            for (javafx.scene.Node n : getChildren()) {
                h = Math.max(h, n.prefHeight(-1));
            }
            return h + snappedTopInset() + snappedBottomInset();
        }

        @Override
        protected void layoutChildren() {
            double left = snappedLeftInset();
            double top = snappedTopInset();
            double width = getWidth() - left - snappedRightInset();
            double height = getHeight() - top - snappedBottomInset();
            Label shownTrailing = trailing;
            if (trailing != null) {
                boolean room = !trailingYields || name.prefWidth(-1) + GAP + trailing.prefWidth(-1) <= width;
                trailing.setVisible(room);
                if (!room) {
                    shownTrailing = null;
                }
            }
            double trailingWidth = shownTrailing == null ? 0 : shownTrailing.prefWidth(-1);
            double available = width - (shownTrailing == null ? 0 : trailingWidth + GAP);
            double nameWidth = Math.max(0, Math.min(name.prefWidth(-1), available));
            // Name and secondary text share a baseline; the pair is centred vertically.
            double ascent = name.getBaselineOffset();
            double descent = name.prefHeight(-1) - ascent;
            if (secondary != null) {
                ascent = Math.max(ascent, secondary.getBaselineOffset());
                descent = Math.max(descent, secondary.prefHeight(-1) - secondary.getBaselineOffset());
            }
            double baseline = top + Math.max(0, (height - ascent - descent) / 2) + ascent;
            name.resizeRelocate(left, snapPositionY(baseline - name.getBaselineOffset()), nameWidth, name.prefHeight(-1));
            if (secondary != null) {
                double rest = available - nameWidth - GAP;
                boolean fits = rest >= Math.min(MIN_SECONDARY, secondary.prefWidth(-1));
                secondary.setVisible(fits);
                if (fits) {
                    secondary.resizeRelocate(snapPositionX(left + nameWidth + GAP),
                            snapPositionY(baseline - secondary.getBaselineOffset()),
                            Math.min(rest, secondary.prefWidth(-1)), secondary.prefHeight(-1));
                }
            }
            if (shownTrailing != null) {
                layoutInArea(trailing, left + width - trailingWidth, top, trailingWidth, height, 0,
                        javafx.geometry.HPos.RIGHT, javafx.geometry.VPos.CENTER);
            }
        }
    }
}
