package org.modelworkbench.editor.overlay;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;

/**
 * The key of a {@link NodeOverlay}: its title and units, a colour bar, and the values at the bar's
 * ends (and its middle on a log scale spanning decades, where the middle is not the mean). The
 * canvas shows it in a corner while an overlay is set.
 */
public final class OverlayLegend extends VBox {
    private final Label title = new Label();
    private final Region bar = new Region();
    private final Label low = new Label();
    private final Label middle = new Label();
    private final Label high = new Label();
    private final Label count = new Label();

    public OverlayLegend() {
        setId("overlay-legend");
        getStyleClass().add("overlay-legend");
        setSpacing(3);
        setMouseTransparent(true);
        title.getStyleClass().add("overlay-legend-title");
        title.setId("overlay-legend-title");
        title.setMnemonicParsing(false);
        bar.getStyleClass().add("overlay-legend-bar");
        bar.setMinSize(170, 10);
        bar.setPrefSize(170, 10);
        bar.setMaxSize(Double.MAX_VALUE, 10);
        for (Label l : List.of(low, middle, high, count)) {
            l.getStyleClass().add("overlay-legend-value");
        }
        low.setId("overlay-legend-min");
        high.setId("overlay-legend-max");
        count.setId("overlay-legend-count");
        BorderPane ends = new BorderPane(middle, null, high, null, low);
        BorderPane.setAlignment(middle, Pos.CENTER);
        getChildren().addAll(title, bar, ends, count);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    }

    /**
     * Shows the overlay's key; {@code valued} of the {@code nodes} blocks shown have a value (said as
     * "values on 12 of 30 blocks").
     */
    public void show(NodeOverlay overlay, int valued, int nodes) {
        ColorScale s = overlay.scale();
        String t = overlay.title() + (overlay.units().isEmpty() ? "" : " (" + overlay.units() + ")");
        title.setText(s.mapping() == ColorScale.Mapping.LOG ? t + " · log scale" : t);
        List<Stop> stops = new ArrayList<>();
        List<Color> colors = s.colors();
        for (int i = 0; i < colors.size(); i++) {
            stops.add(new Stop((double) i / (colors.size() - 1), colors.get(i)));
        }
        bar.setBackground(new Background(new BackgroundFill(
                new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops), new CornerRadii(2), null)));
        low.setText(NodeOverlay.number(s.min()));
        high.setText(NodeOverlay.number(s.max()));
        double mid = Double.NaN;
        if (!Double.isNaN(s.center())) {
            mid = s.center();
        } else if (s.mapping() == ColorScale.Mapping.LOG && s.max() / s.min() >= 100) {
            mid = Math.sqrt(s.min() * s.max());
        }
        middle.setText(Double.isNaN(mid) ? "" : NodeOverlay.number(mid));
        count.setText(valued == 0 ? "no values for these blocks yet"
                : "values on " + valued + " of " + nodes + (nodes == 1 ? " block" : " blocks"));
    }

    /** The colour bar (for tests: its paint). */
    public Region bar() {
        return bar;
    }
}
