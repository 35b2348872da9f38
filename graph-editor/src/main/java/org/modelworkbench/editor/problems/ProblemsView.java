package org.modelworkbench.editor.problems;

import org.modelworkbench.editor.lifecycle.Disposable;
import org.modelworkbench.editor.lifecycle.Subscriptions;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.Problem;

/**
 * The problems the analysis found (shape mismatch, window divisibility, unconnected input, cycle,
 * …), each with its kind, location and message. Clicking one (or Enter) selects its block and asks
 * the app to reveal it ({@link #setOnReveal}). {@link #problemCountProperty()} is for the tab title.
 */
public class ProblemsView extends VBox implements Disposable {
    /** What this view follows in the model; removed on {@link #dispose()}. */
    private final Subscriptions subscriptions = new Subscriptions();
    private final EditorModel model;
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ListView<Problem> list = new ListView<>(problems);
    private final ReadOnlyIntegerWrapper problemCount = new ReadOnlyIntegerWrapper(this, "problemCount");
    private Consumer<String> onReveal;

    public ProblemsView(EditorModel model) {
        this.model = Objects.requireNonNull(model);
        setId("problems");
        getStyleClass().add("problems");
        getStylesheets().add(Objects.requireNonNull(ProblemsView.class.getResource("problems.css")).toExternalForm());

        list.setId("problemsList");
        list.getStyleClass().add("problems-list");
        list.setCellFactory(l -> new ProblemCell());
        Label none = new Label("No problems");
        none.setId("noProblems");
        none.getStyleClass().add("problems-none");
        SVGPath check = new SVGPath();
        check.setContent("M2 8.5 L6 12.5 L14 4");
        check.getStyleClass().add("problems-none-icon");
        none.setGraphic(check);
        Label hint = new Label("Every block is connected and all shapes fit.");
        hint.getStyleClass().add("problems-none-hint");
        VBox placeholder = new VBox(4, none, hint);
        placeholder.setAlignment(Pos.CENTER);
        list.setPlaceholder(new StackPane(placeholder));
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                reveal(list.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        // The quick fix of a layout mismatch: insert the permute that turns the tensor into what the block reads.
        javafx.scene.control.MenuItem fixItem = new javafx.scene.control.MenuItem();
        fixItem.setId("problemQuickFix");
        fixItem.setOnAction(e -> applyFix(list.getSelectionModel().getSelectedItem()));
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(fixItem);
        menu.setOnShowing(e -> {
            Problem p = list.getSelectionModel().getSelectedItem();
            fixItem.setText(p != null && p.fix() != null ? p.fix().description() : "No quick fix");
            fixItem.setDisable(p == null || p.fix() == null || model.isReadOnly());
        });
        list.setContextMenu(menu);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().add(list);

        subscriptions.onChange(model.analysisProperty(), (obs, old, now) -> refresh());
        refresh();
    }

    /** The number of problems now, for the tab title ("Problems (3)"). */
    public ReadOnlyIntegerProperty problemCountProperty() {
        return problemCount.getReadOnlyProperty();
    }

    public int getProblemCount() {
        return problemCount.get();
    }

    /** Called with the node id after a problem has been chosen, so the app can centre the canvas on it. */
    public void setOnReveal(Consumer<String> handler) {
        this.onReveal = handler;
    }

    /** The problems listed now. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** Applies the problem's quick fix (one undo step); false when it has none. */
    public boolean applyFix(Problem p) {
        if (p == null || p.fix() == null || model.isReadOnly()) {
            return false;
        }
        model.insertPermute(p.fix());
        return true;
    }

    /** Selects the problem's block in the editor and asks the app to reveal it. */
    public void reveal(Problem p) {
        if (p == null || model.design().node(p.nodeId()).isEmpty()) {
            return;
        }
        if (!(model.selection().size() == 1 && model.selection().contains(p.nodeId()))) {
            model.selection().clear();
            model.selection().add(p.nodeId());
        }
        if (onReveal != null) {
            onReveal.accept(p.nodeId());
        }
    }

    private void refresh() {
        DesignAnalysis a = model.analysis();
        List<Problem> now = a == null ? List.of() : a.problems();
        if (!now.equals(problems)) {
            Problem selected = list.getSelectionModel().getSelectedItem();
            problems.setAll(now);
            if (selected != null && problems.contains(selected)) {
                list.getSelectionModel().select(selected);
            }
        }
        problemCount.set(problems.size());
    }

    /** "Shape mismatch", "Unconnected input", … */
    static String kindText(Problem.Kind kind) {
        return switch (kind) {
            case UNKNOWN_BLOCK_TYPE -> "Unknown block type";
            case INVALID_PARAMETER -> "Invalid parameter";
            case UNCONNECTED_INPUT -> "Unconnected input";
            case UNKNOWN_PORT -> "Unknown port";
            case SHAPE_MISMATCH -> "Shape mismatch";
            case LAYOUT_MISMATCH -> "Layout mismatch";
            case CYCLE -> "Cycle";
        };
    }

    /** Errors stop the analysis at the block; an unconnected input is a warning of unfinished work. */
    static boolean isWarning(Problem.Kind kind) {
        return kind == Problem.Kind.UNCONNECTED_INPUT;
    }

    private final class ProblemCell extends ListCell<Problem> {
        private final SVGPath icon = new SVGPath();
        private final StackPane iconBox = new StackPane(icon);
        private final Label kind = new Label();
        private final Label location = new Label();
        private final Label message = new Label();
        private final HBox top = new HBox(8, kind, location);
        private final VBox text = new VBox(2, top, message);
        private final HBox box = new HBox(10, iconBox, text);

        ProblemCell() {
            getStyleClass().add("problem-cell");
            icon.getStyleClass().add("problem-icon");
            iconBox.getStyleClass().add("problem-icon-box");
            iconBox.setMinSize(18, 18);
            iconBox.setMaxSize(18, 18);
            kind.getStyleClass().add("problem-kind");
            location.getStyleClass().add("problem-location");
            message.getStyleClass().add("problem-message");
            message.setWrapText(true);
            message.setMinWidth(0);
            top.setAlignment(Pos.BASELINE_LEFT);
            box.setAlignment(Pos.TOP_LEFT);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMinWidth(0);
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && !isEmpty() && getItem() != null) {
                    reveal(getItem());
                }
            });
        }

        @Override
        protected void updateItem(Problem item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("problem-error", "problem-warning");
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            boolean warning = isWarning(item.kind());
            getStyleClass().add(warning ? "problem-warning" : "problem-error");
            // A triangle for warnings, a circle with a bar for errors.
            icon.setContent(warning
                    ? "M8 1 L15.5 14.5 L0.5 14.5 Z M7.2 5.5 L8.8 5.5 L8.6 10 L7.4 10 Z M7.2 11.3 L8.8 11.3 L8.8 12.9 L7.2 12.9 Z"
                    : "M8 0.5 A7.5 7.5 0 1 1 7.99 0.5 Z M7.1 3.6 L8.9 3.6 L8.7 9.2 L7.3 9.2 Z M7.1 10.6 L8.9 10.6 L8.9 12.4 L7.1 12.4 Z");
            icon.setFillRule(javafx.scene.shape.FillRule.EVEN_ODD);
            kind.setText(kindText(item.kind()));
            location.setText(item.location());
            message.setText(item.message() + (item.fix() == null ? "" : "\nQuick fix (right-click): "
                    + item.fix().description()));
            message.maxWidthProperty().bind(getListView().widthProperty().subtract(70));
            setGraphic(box);
        }
    }

    /** Stops following the model (the view is no longer shown); call once the view is dropped. */
    @Override
    public void dispose() {
        subscriptions.dispose();
    }
}
