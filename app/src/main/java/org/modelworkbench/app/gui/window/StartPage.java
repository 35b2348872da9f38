package org.modelworkbench.app.gui.window;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.modelworkbench.app.format.Numbers;
import org.modelworkbench.app.gui.document.DocumentController;
import org.modelworkbench.app.gui.prefs.Preferences;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;

/**
 * What the window shows at launch and for File › New…: a blank design, the templates gallery (a
 * card per template with its params and MACs) and the recent projects (a missing file is greyed
 * out and can be removed from the list).
 */
public final class StartPage extends StackPane {
    private static final double CARD_WIDTH = 252;
    private static final double CARD_HEIGHT = 134;
    private final DocumentController documents;
    private final Preferences preferences;
    private final VBox recentList = new VBox(2);
    private final FlowPane gallery = new FlowPane(14, 14);
    private final BooleanProperty backAvailable = new SimpleBooleanProperty(false);

    public StartPage(DocumentController documents, Runnable onBack) {
        this.documents = documents;
        this.preferences = documents.preferences();
        setId("start-page");
        getStyleClass().add("start-page");

        Label title = new Label("Model Workbench");
        title.getStyleClass().add("start-title");
        Label subtitle = new Label("Design vision networks block by block, with exact shapes, parameters and MACs.");
        subtitle.getStyleClass().add("start-subtitle");
        VBox heading = new VBox(4, title, subtitle);
        Button back = new Button("Back to the design");
        back.setId("start-back");
        back.setOnAction(e -> onBack.run());
        back.visibleProperty().bind(backAvailable);
        back.managedProperty().bind(backAvailable);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(16, heading, grow, back);
        header.setAlignment(Pos.CENTER_LEFT);

        Button blank = new Button("New blank design");
        blank.setId("start-new-blank");
        blank.getStyleClass().add("accent");
        blank.setMaxWidth(Double.MAX_VALUE);
        blank.setOnAction(e -> documents.newBlank());
        Button open = new Button("Open…");
        open.setId("start-open");
        open.setMaxWidth(Double.MAX_VALUE);
        open.setOnAction(e -> documents.open());
        recentList.setId("recent-list");
        VBox left = new VBox(10, section("Start"), blank, open, spacer(12), section("Recent projects"), recentList);
        left.setMinWidth(260);
        left.setPrefWidth(300);
        left.setMaxWidth(320);

        gallery.setId("template-gallery");
        gallery.setPrefWrapLength(800);
        VBox right = new VBox(10, section("Templates"), gallery);
        HBox.setHgrow(right, Priority.ALWAYS);

        HBox columns = new HBox(40, left, right);
        VBox page = new VBox(28, header, columns);
        page.getStyleClass().add("start-content");
        page.setPadding(new Insets(32, 40, 32, 40));
        page.setMaxWidth(1320);

        HBox centred = new HBox(page);
        centred.setAlignment(Pos.TOP_CENTER);
        HBox.setHgrow(page, Priority.ALWAYS);
        ScrollPane scroll = new ScrollPane(centred);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        getChildren().add(scroll);
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && backAvailable.get()) {
                onBack.run();
                e.consume();
            }
        });

        buildGallery();
        refresh();
    }

    /** Whether "Back to the design" is offered (a design is open behind the page). */
    public BooleanProperty backAvailableProperty() {
        return backAvailable;
    }

    /** Re-reads the recent projects (call when the page is shown). */
    public void refresh() {
        recentList.getChildren().clear();
        List<Path> recent = preferences.recent();
        if (recent.isEmpty()) {
            Label none = new Label("Projects you open or save appear here.");
            none.getStyleClass().add("muted");
            none.setWrapText(true);
            recentList.getChildren().add(none);
            return;
        }
        for (int i = 0; i < recent.size(); i++) {
            recentList.getChildren().add(recentRow(recent.get(i), i));
        }
    }

    private HBox recentRow(Path path, int index) {
        boolean missing = !Files.isRegularFile(path);
        Label name = new Label(path.getFileName() == null ? path.toString() : path.getFileName().toString());
        name.getStyleClass().add("recent-name");
        Label where = new Label(missing ? "missing: " + path : String.valueOf(path.getParent()));
        where.getStyleClass().add("recent-path");
        VBox text = new VBox(1, name, where);
        Button open = new Button(null, text);
        open.setId("recent-open-" + index);
        open.getStyleClass().addAll("flat", "recent-entry");
        open.setMaxWidth(Double.MAX_VALUE);
        open.setAlignment(Pos.CENTER_LEFT);
        open.setTooltip(new Tooltip(path.toString()));
        open.setDisable(missing);
        open.setOnAction(e -> documents.open(path));
        HBox.setHgrow(open, Priority.ALWAYS);
        Button remove = new Button("✕");
        remove.setId("recent-remove-" + index);
        remove.getStyleClass().addAll("flat", "recent-remove");
        remove.setTooltip(new Tooltip("Remove from the list (the file is not touched)"));
        remove.setOnAction(e -> {
            preferences.removeRecent(path);
            documents.savePreferences();
            refresh();
        });
        HBox row = new HBox(2, open, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("recent-row");
        if (missing) {
            row.getStyleClass().add("missing");
        }
        return row;
    }

    private void buildGallery() {
        for (TemplateInfo t : Templates.list()) {
            gallery.getChildren().add(card(t));
        }
        TemplateStats.whenReady(() -> {
            for (javafx.scene.Node n : gallery.getChildren()) {
                if (n.getUserData() instanceof Runnable fill) {
                    fill.run();
                }
            }
        });
    }

    private Button card(TemplateInfo t) {
        Label name = new Label(t.name());
        name.getStyleClass().add("card-title");
        // A long name wraps onto a second line rather than losing its end.
        name.setWrapText(true);
        name.setMinHeight(Region.USE_PREF_SIZE);
        name.setMnemonicParsing(false);
        Label description = new Label(oneLine(t.description()));
        description.getStyleClass().add("card-description");
        description.setWrapText(true);
        description.setPrefWidth(CARD_WIDTH);
        description.setMaxHeight(52);
        description.setMinHeight(0);
        Label params = new Label("… params");
        Label macs = new Label("… MACs");
        Label input = new Label("input …");
        params.setId("template-params-" + t.id());
        params.getStyleClass().add("card-figure");
        macs.getStyleClass().add("card-figure");
        input.getStyleClass().addAll("card-figure", "muted");
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        HBox figures = new HBox(14, params, macs);
        figures.setMinHeight(Region.USE_PREF_SIZE);
        input.setMinHeight(Region.USE_PREF_SIZE);
        VBox body = new VBox(5, name, description, grow, figures, input);
        body.setMinSize(CARD_WIDTH, CARD_HEIGHT);
        body.setPrefSize(CARD_WIDTH, CARD_HEIGHT);
        body.setMaxSize(CARD_WIDTH, CARD_HEIGHT);
        Button card = new Button(null, body);
        card.setId("template-" + t.id());
        card.getStyleClass().add("template-card");
        card.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        card.setAlignment(Pos.TOP_LEFT);
        // Whatever the card shortens (the description, the input line) is whole here.
        Tooltip tip = new Tooltip(t.name() + "\n\n" + t.description());
        tip.setWrapText(true);
        tip.setMaxWidth(480);
        card.setTooltip(tip);
        card.setOnAction(e -> documents.newFromTemplate(t));
        Runnable fill = () -> TemplateStats.cached(t.id()).ifPresent(s -> {
            params.setText(Numbers.si(s.params()) + " params");
            macs.setText(Numbers.si(s.macs()) + " MACs");
            input.setText(s.input().isEmpty() ? "" : "input " + s.input() + " · " + s.nodes() + " blocks");
            tip.setText(t.name() + "\n\n" + t.description() + "\n\n" + params.getText() + " · " + macs.getText()
                    + (input.getText().isEmpty() ? "" : "\n" + input.getText()));
        });
        card.setUserData(fill);
        fill.run();
        return card;
    }

    /** The text before the first colon (or 110 characters): "ResNet-18 (He et al. 2016) at 224×224". */
    static String oneLine(String description) {
        String s = description.strip();
        int colon = s.indexOf(':');
        if (colon > 20) {
            s = s.substring(0, colon);
        }
        return s.length() <= 110 ? s : s.substring(0, 107).strip() + "…";
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("start-section");
        return l;
    }

    private static Region spacer(double h) {
        Region r = new Region();
        r.setMinHeight(h);
        return r;
    }
}
