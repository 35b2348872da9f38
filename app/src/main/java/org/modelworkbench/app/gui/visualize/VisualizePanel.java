package org.modelworkbench.app.gui.visualize;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.controlsfx.control.PopOver;
import org.modelworkbench.editor.lifecycle.Disposable;
import org.modelworkbench.editor.lifecycle.Subscriptions;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.views.OptionSpec;
import org.modelworkbench.visualizers.views.View;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.Views;

/**
 * The visualizer panel of one workspace, over the window's {@link VisualizePanelModel}: along the top
 * what to look at (view, node, weights, images) with Probe / Cancel and progress; below it the view's
 * own controls (image, layer, head, opacity, its options) and a "How to read it" pop-over; then the
 * figures, each with its caption and PNG / CSV export. A click on a figure picks a query (the view
 * redraws) or a node (the editor selects it); selecting a node in the editor shows that layer.
 * Disposed with the workspace: its listeners on the models leave with it.
 */
public final class VisualizePanel extends BorderPane implements Disposable {
    private static final String DEFAULT_NODE = "(view's choice)";
    private static final double SIDE_WIDTH = 300;
    private static final double LABEL_WIDTH = 78;

    /** Where a figure is saved: a file chooser in the app, a fixed path in tests. */
    @FunctionalInterface
    public interface SaveTarget {
        Path choose(String title, String suggestedName, String extension);
    }

    private final VisualizePanelModel model;
    private final EditorModel editorModel;
    private final Subscriptions subscriptions = new Subscriptions();
    private final VBox figures = new VBox(16);
    private final VBox viewControls = new VBox(6);
    private final Label error = new Label();
    private SaveTarget saveTarget;

    public VisualizePanel(VisualizePanelModel model, EditorModel editorModel) {
        this.model = Objects.requireNonNull(model);
        this.editorModel = editorModel;
        setId("visualize-panel");
        setMinWidth(0);
        setMinHeight(0);
        getStyleClass().add("visualize-panel");
        this.saveTarget = this::chooseFile;

        error.setId("visualize-error");
        error.getStyleClass().add("visualize-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: -color-danger-fg;");
        bind(error.textProperty(), model.errorProperty());
        bind(error.visibleProperty(), model.errorProperty().isNotEmpty());
        bind(error.managedProperty(), model.errorProperty().isNotEmpty());

        viewControls.setId("visualize-view-controls");
        // The form down the left, the figures in all the height there is.
        VBox side = new VBox(8, header(), new javafx.scene.control.Separator(), viewControls, error, notes());
        side.setPadding(new Insets(8));
        side.setFillWidth(true);
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setId("visualize-form");
        sideScroll.setFitToWidth(true);
        sideScroll.setPrefWidth(SIDE_WIDTH);
        sideScroll.setMinWidth(200);
        sideScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        setLeft(sideScroll);

        figures.setId("visualize-figures");
        figures.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(figures);
        scroll.setId("visualize-scroll");
        scroll.setFitToWidth(true);
        setCenter(scroll);

        subscriptions.onListChange(model.drawn(), (ListChangeListener<VisualizePanelModel.Drawn>) c -> showFigures());
        subscriptions.onInvalidated(model.bundleProperty(), o -> rebuildViewControls());
        if (editorModel != null) {
            subscriptions.onSetChange(editorModel.selection(), (SetChangeListener<String>) c -> {
                if (editorModel.selection().size() == 1) {
                    model.followSelection(editorModel.selection().iterator().next());
                }
            });
        }
        rebuildViewControls();
        showFigures();
    }

    /** For tests: where exports go instead of a file chooser. */
    public void setSaveTarget(SaveTarget target) {
        this.saveTarget = Objects.requireNonNull(target);
    }

    // ------------------------------------------------------------------ what to probe

    private Node header() {
        ChoiceBox<String> kind = new ChoiceBox<>();
        kind.setId("visualize-kind");
        kind.getItems().setAll(Views.kinds());
        kind.setConverter(converter(k -> Views.of(k).title()));
        link(kind.valueProperty(), model.kindProperty());
        kind.setTooltip(new Tooltip("Which visualizer"));

        ComboBox<String> node = new ComboBox<>();
        node.setId("visualize-node");
        node.setEditable(false);
        node.setPrefWidth(180);
        node.setTooltip(new Tooltip("The block to look at; the view's choice when none is set"));
        Runnable fillNodes = () -> {
            List<String> ids = editorModel == null ? List.of()
                    : editorModel.design().nodes().stream().map(n -> n.id()).toList();
            String keep = model.nodeProperty().get();
            node.getItems().setAll(DEFAULT_NODE);
            node.getItems().addAll(ids);
            node.setValue(keep == null ? DEFAULT_NODE : keep);
        };
        fillNodes.run();
        node.setOnShowing(e -> fillNodes.run());
        subscriptions.onChange(model.nodeProperty(), (o, was, now) -> node.setValue(now == null ? DEFAULT_NODE : now));
        node.valueProperty().addListener((o, was, now) -> model.nodeProperty().set(now == null || DEFAULT_NODE.equals(now) ? null : now));

        ChoiceBox<VisualizePanelModel.Weights> weights = new ChoiceBox<>(model.weightChoices());
        weights.setId("visualize-weights");
        weights.setTooltip(new Tooltip("Which weights: a run of this design (its best checkpoint) or fresh ones"));
        link(weights.valueProperty(), model.weightsProperty());
        weights.setOnShowing(e -> model.refreshWeightChoices());

        ChoiceBox<VisualizePanelModel.Weights> compare = new ChoiceBox<>(model.compareChoices());
        compare.setId("visualize-compare");
        compare.setTooltip(new Tooltip("A second model to show beside this one, on the same images: the same design "
                + "untrained (before and after training) or another run"));
        link(compare.valueProperty(), model.compareProperty());
        compare.setOnShowing(e -> model.refreshWeightChoices());

        Spinner<Integer> images = new Spinner<>(0, 10_000, 0, 8);
        images.setId("visualize-images");
        images.setEditable(true);
        images.setPrefWidth(90);
        images.setTooltip(new Tooltip("Test images to probe (0: the view's default)"));
        link(images.getValueFactory().valueProperty(), model.imagesProperty());

        Button probe = new Button("Probe");
        probe.setId("visualize-probe");
        probe.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
        probe.setTooltip(new Tooltip("Run the design on test images and capture what the view needs"));
        probe.setOnAction(e -> model.probe());
        bind(probe.disableProperty(), model.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("visualize-cancel");
        cancel.setOnAction(e -> model.cancel());
        bind(cancel.disableProperty(), model.runningProperty().not());

        ProgressBar bar = new ProgressBar();
        bar.setId("visualize-progress");
        bar.setPrefWidth(120);
        bind(bar.progressProperty(), model.progressProperty());
        bind(bar.visibleProperty(), model.runningProperty());
        Label status = new Label();
        status.setId("visualize-status");
        status.setMinWidth(0);
        bind(status.textProperty(), model.statusProperty());

        Button help = new Button("How to read it");
        help.setId("visualize-help");
        help.setOnAction(e -> showHelp(help));

        kind.setMaxWidth(Double.MAX_VALUE);
        node.setMaxWidth(Double.MAX_VALUE);
        weights.setMaxWidth(Double.MAX_VALUE);
        compare.setMaxWidth(Double.MAX_VALUE);
        status.setWrapText(true);
        HBox buttons = new HBox(6, probe, cancel, help);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox form = new VBox(6, row("View", kind), row("Block", node), row("Weights", weights), row("Beside it", compare),
                row("Images", images),
                buttons, new HBox(6, bar, status));
        form.setMinWidth(0);
        return form;
    }

    private Node notes() {
        Label notes = new Label();
        notes.setId("visualize-notes");
        notes.setWrapText(true);
        notes.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
        Runnable update = () -> notes.setText(String.join("\n", model.notes()));
        subscriptions.onListChange(model.notes(), (ListChangeListener<String>) c -> update.run());
        update.run();
        return notes;
    }

    private void showHelp(Node owner) {
        View v = model.view();
        Label text = new Label(v.description());
        text.setWrapText(true);
        text.setMaxWidth(460);
        Label title = new Label(v.title());
        title.getStyleClass().add(atlantafx.base.theme.Styles.TITLE_4);
        VBox content = new VBox(6, title, text);
        content.setPadding(new Insets(10));
        PopOver pop = new PopOver(content);
        pop.setId("visualize-help-popover");
        pop.setArrowLocation(PopOver.ArrowLocation.TOP_RIGHT);
        pop.setDetachable(false);
        pop.show(owner);
    }

    // ------------------------------------------------------------------ the view's own controls

    private void rebuildViewControls() {
        viewControls.getChildren().clear();
        Bundle b = model.bundleProperty().get();
        if (b == null) {
            Label hint = new Label("Choose a view and press Probe, or right-click a block and pick Visualize.");
            hint.setWrapText(true);
            hint.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
            viewControls.getChildren().add(hint);
            return;
        }
        View v = Views.of(b.kind());
        ViewOptions o = model.optionsProperty().get();
        int count = v.images(b);
        if (count > 1) {
            Spinner<Integer> image = new Spinner<>(0, count - 1, Math.min(o.image(), count - 1));
            image.setId("visualize-image");
            image.setPrefWidth(80);
            image.valueProperty().addListener((x, was, now) -> model.optionsProperty().set(model.optionsProperty().get().withImage(now)));
            viewControls.getChildren().add(row("Image", image));
        }
        List<String> layers = v.layers(b);
        if (!layers.isEmpty()) {
            ComboBox<String> layer = new ComboBox<>();
            layer.setId("visualize-layer");
            layer.getItems().setAll(layers);
            layer.setValue(o.layer());
            layer.setPromptText("(default)");
            layer.valueProperty().addListener((x, was, now) -> model.optionsProperty().set(model.optionsProperty().get().withLayer(now)));
            subscriptions.onChange(model.optionsProperty(), (x, was, now) -> {
                if (!Objects.equals(layer.getValue(), now.layer()) && now.layer() != null) {
                    layer.setValue(now.layer());
                }
            });
            layer.setMaxWidth(Double.MAX_VALUE);
            viewControls.getChildren().add(row("Layer", layer));
        }
        int heads;
        List<OptionSpec> specs;
        try {
            heads = v.heads(b, o);
            specs = v.options(b);
        } catch (IllegalArgumentException e) {
            heads = 0; // options that do not fit this bundle: the drawing reports them
            specs = List.of();
        }
        if (heads > 1) {
            Spinner<Integer> head = new Spinner<>(-1, heads - 1, o.head());
            head.setId("visualize-head");
            head.setPrefWidth(80);
            head.getValueFactory().setConverter(converter(h -> h < 0 ? "mean" : Integer.toString(h), s -> "mean".equals(s) ? -1 : Integer.parseInt(s)));
            head.valueProperty().addListener((x, was, now) -> model.optionsProperty().set(model.optionsProperty().get().withHead(now)));
            viewControls.getChildren().add(row("Head", head));
        }
        Slider opacity = new Slider(0, 1, o.opacity());
        opacity.setId("visualize-opacity");
        opacity.setPrefWidth(100);
        opacity.valueChangingProperty().addListener((x, was, now) -> {
            if (!now) {
                model.optionsProperty().set(model.optionsProperty().get().withOpacity(opacity.getValue()));
            }
        });
        opacity.setOnMouseReleased(e -> model.optionsProperty().set(model.optionsProperty().get().withOpacity(opacity.getValue())));
        opacity.setMaxWidth(Double.MAX_VALUE);
        viewControls.getChildren().add(row("Opacity", opacity));
        for (OptionSpec spec : specs) {
            viewControls.getChildren().add(row(spec.label(), optionControl(spec, o)));
        }
    }

    private Node optionControl(OptionSpec spec, ViewOptions o) {
        String current = o.option(spec.key(), spec.defaultValue());
        if (!spec.choices().isEmpty()) {
            ChoiceBox<String> box = new ChoiceBox<>();
            box.setId("visualize-option-" + spec.key());
            box.getItems().setAll(spec.choices());
            box.setValue(current);
            box.setTooltip(new Tooltip(spec.help()));
            box.valueProperty().addListener((x, was, now) -> model.optionsProperty().set(model.optionsProperty().get().with(spec.key(), now)));
            return box;
        }
        TextField field = new TextField(current);
        field.setId("visualize-option-" + spec.key());
        field.setPrefColumnCount(5);
        field.setTooltip(new Tooltip(spec.help() + " (Enter applies)"));
        field.setOnAction(e -> model.optionsProperty().set(model.optionsProperty().get().with(spec.key(), field.getText())));
        return field;
    }

    // ------------------------------------------------------------------ figures

    private void showFigures() {
        figures.getChildren().clear();
        List<VisualizePanelModel.Drawn> drawn = model.drawn();
        if (drawn.isEmpty()) {
            return;
        }
        FlowPane flow = new FlowPane(16, 16);
        for (int i = 0; i < drawn.size(); i++) {
            flow.getChildren().add(card(i, drawn.get(i)));
        }
        figures.getChildren().add(flow);
    }

    private Node card(int index, VisualizePanelModel.Drawn d) {
        Label title = new Label(d.panel().title());
        title.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_BOLD);
        ImageView image = new ImageView(SwingFXUtils.toFXImage(d.image(), null));
        image.setId("visualize-figure-" + d.panel().name());
        image.setPreserveRatio(true);
        image.setSmooth(true);
        // Pixels of the figure, whatever the view's scaling: the pickers work in figure coordinates.
        image.setOnMouseClicked(e -> {
            double sx = d.image().getWidth() / image.getBoundsInLocal().getWidth();
            double sy = d.image().getHeight() / image.getBoundsInLocal().getHeight();
            model.pick(index, e.getX() * sx, e.getY() * sy);
        });
        Label caption = new Label(d.panel().caption());
        caption.setWrapText(true);
        caption.setMaxWidth(Math.max(320, d.image().getWidth()));
        caption.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
        Button png = new Button("Save PNG…");
        png.setId("visualize-save-png-" + d.panel().name());
        png.setOnAction(e -> save(index, d, "png"));
        Button csv = new Button("Save CSV…");
        csv.setId("visualize-save-csv-" + d.panel().name());
        csv.setDisable(d.panel().tables().isEmpty());
        csv.setOnAction(e -> save(index, d, "csv"));
        HBox buttons = new HBox(6, png, csv);
        VBox card = new VBox(4, title, image, caption, buttons);
        card.getStyleClass().add("visualize-card");
        return card;
    }

    private void save(int index, VisualizePanelModel.Drawn d, String extension) {
        Bundle b = model.bundleProperty().get();
        String stem = (b == null ? "figure" : b.kind()) + "-" + d.panel().name();
        Path file = saveTarget.choose("Save " + d.panel().title(), stem + "." + extension, extension);
        if (file == null) {
            return;
        }
        try {
            if (extension.equals("png")) {
                model.savePng(index, file);
            } else {
                model.saveCsv(index, file);
            }
        } catch (IOException e) {
            error.textProperty().unbind();
            error.setText("Could not save " + file + ": " + e.getMessage());
            error.setVisible(true);
            error.setManaged(true);
            error.textProperty().bind(model.errorProperty());
        }
    }

    private Path chooseFile(String title, String suggested, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggested);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase() + " files", "*." + extension));
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        return f == null ? null : f.toPath();
    }

    // ------------------------------------------------------------------ plumbing

    /** A label and its control on one line of the side form; the control takes the rest of the width. */
    private static HBox row(String label, Node control) {
        Label l = new Label(label);
        l.setMinWidth(LABEL_WIDTH);
        l.setPrefWidth(LABEL_WIDTH);
        l.setWrapText(true);
        HBox.setHgrow(control, javafx.scene.layout.Priority.ALWAYS);
        if (control instanceof javafx.scene.layout.Region r) {
            r.setMaxWidth(Double.MAX_VALUE);
        }
        HBox row = new HBox(6, l, control);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    @Override
    public void dispose() {
        subscriptions.dispose();
    }

    private <T> void bind(Property<T> target, ObservableValue<? extends T> source) {
        target.bind(source);
        subscriptions.add(target::unbind);
    }

    /** The field follows the model and sets it; the model's listener leaves with the panel. */
    private <T> void link(Property<T> field, Property<T> source) {
        field.setValue(source.getValue());
        subscriptions.onChange(source, (o, was, now) -> {
            if (!Objects.equals(field.getValue(), now)) {
                field.setValue(now);
            }
        });
        field.addListener((o, was, now) -> {
            if (now != null && !Objects.equals(source.getValue(), now)) {
                source.setValue(now);
            }
        });
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> text) {
        return converter(text, s -> {
            throw new UnsupportedOperationException("read-only");
        });
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> text,
                                                    java.util.function.Function<String, T> parse) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return parse.apply(s);
            }
        };
    }
}
