package org.modelworkbench.visualizers.confusion;

import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.modelworkbench.visualizers.color.ColorMap;

/**
 * A confusion matrix drawn as a heat-map: actual classes down the left, predicted classes along
 * the bottom, each cell coloured by its share of the actual class (white for none, dark blue for
 * all) and labelled with that share or with the count; each class's accuracy in a column at the
 * right. Hovering a cell says it in words ("actual Shirt predicted as T-shirt/top: 112 (11.2 %)").
 * Class names are left out where cells are too small to carry them (the hover still names them).
 */
public class ConfusionMatrixView extends Region {
    private static final Font NAME_FONT = Font.font(11);
    private static final Font CELL_FONT = Font.font(10.5);
    private static final Font CAPTION_FONT = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 11);
    private static final double MIN_LABELLED_CELL = 11;

    private final Canvas canvas = new Canvas();
    private final Label probe = new Label();
    private final Label hoverBox = new Label();
    private final ObjectProperty<ConfusionMatrix> matrix = new SimpleObjectProperty<>(this, "matrix");
    private final BooleanProperty showPercent = new SimpleBooleanProperty(this, "showPercent", true);
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private final Text measure = new Text();
    private double gx;
    private double gy;
    private double cell;
    private int hoverA = -1;
    private int hoverP = -1;

    public ConfusionMatrixView() {
        getStyleClass().add("confusion-matrix");
        probe.setVisible(false);
        probe.setManaged(false);
        hoverBox.setMouseTransparent(true);
        hoverBox.setVisible(false);
        hoverBox.setManaged(false);
        hoverBox.setStyle("-fx-background-color: -color-bg-overlay; -fx-padding: 4 7 4 7; -fx-background-radius: 4;"
                + " -fx-border-color: -color-border-default; -fx-border-radius: 4; -fx-font-size: 11px;"
                + " -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.18), 6, 0, 0, 1);");
        getChildren().addAll(probe, canvas, hoverBox);
        setMinSize(120, 120);
        setPrefSize(360, 340);
        matrix.addListener(o -> {
            hoverA = -1;
            hoverP = -1;
            hideHover();
            requestLayout();
            draw();
        });
        showPercent.addListener(o -> draw());
        // A theme switch restyles the probe label: names and captions take its colour again.
        probe.textFillProperty().addListener(o -> draw());
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> hoverAt(e.getX(), e.getY()));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            hoverA = -1;
            hoverP = -1;
            hideHover();
            draw();
        });
    }

    /** The matrix shown; null shows nothing. */
    public ObjectProperty<ConfusionMatrix> matrixProperty() {
        return matrix;
    }

    public void setMatrix(ConfusionMatrix m) {
        matrix.set(m);
    }

    public ConfusionMatrix getMatrix() {
        return matrix.get();
    }

    /** Cells say the share of their actual class (true) or the count (false). */
    public BooleanProperty showPercentProperty() {
        return showPercent;
    }

    /** What the hovered cell says ("" when none is hovered). */
    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    /** The side of a cell as last drawn, in pixels. */
    public double cellSize() {
        return cell;
    }

    /** The centre of a cell in this view's coordinates, as last drawn. */
    public Point2D cellCenter(int actual, int predicted) {
        return new Point2D(canvas.getLayoutX() + gx + (predicted + 0.5) * cell, canvas.getLayoutY() + gy + (actual + 0.5) * cell);
    }

    /** The cell {actual, predicted} at a point of this view, if any. */
    public Optional<int[]> cellAt(double x, double y) {
        ConfusionMatrix m = matrix.get();
        if (m == null || cell <= 0) {
            return Optional.empty();
        }
        double cx = x - canvas.getLayoutX() - gx;
        double cy = y - canvas.getLayoutY() - gy;
        int p = (int) Math.floor(cx / cell);
        int a = (int) Math.floor(cy / cell);
        int n = m.classCount();
        if (cx < 0 || cy < 0 || p >= n || a >= n) {
            return Optional.empty();
        }
        return Optional.of(new int[] {a, p});
    }

    /** The colour of a cell as drawn (a test reads the scale through this). */
    public static Color cellColor(ConfusionMatrix m, int actual, int predicted) {
        double f = m.rowFraction(actual, predicted);
        return ColorMap.BLUES.at(Double.isNaN(f) ? 0 : f);
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth() - snappedLeftInset() - snappedRightInset());
        double h = Math.floor(getHeight() - snappedTopInset() - snappedBottomInset());
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(Math.max(0, w));
            canvas.setHeight(Math.max(0, h));
        }
        draw();
    }

    private void draw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        gc.clearRect(0, 0, w, h);
        ConfusionMatrix m = matrix.get();
        probe.applyCss();
        Color fg = probe.getTextFill() instanceof Color c ? c : Color.web("#24292f");
        Color muted = fg.deriveColor(0, 1, 1, 0.65);
        if (m == null) {
            cell = 0;
            gc.setFill(muted);
            gc.setFont(Font.font(12));
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setTextBaseline(VPos.CENTER);
            gc.fillText("The confusion matrix appears when a run finishes", w / 2, h / 2);
            return;
        }
        int n = m.classCount();
        double nameW = 0;
        for (String s : m.classes()) {
            nameW = Math.max(nameW, width(s, NAME_FONT));
        }
        nameW = Math.min(nameW, 120);
        double captionW = 16;
        double accW = Math.max(width("100.0 %", CELL_FONT), width("accuracy", CAPTION_FONT)) + 12;
        double top = 18;
        // First guess of the cell size, then whether names fit beside cells of that size.
        double left = captionW + nameW + 8;
        double bottom = nameW * 0.72 + 22;
        double c = Math.floor(Math.min((w - left - accW - 4) / n, (h - top - bottom) / n));
        boolean names = c >= MIN_LABELLED_CELL;
        if (!names) {
            left = captionW + 4;
            bottom = 22;
            c = Math.floor(Math.min((w - left - accW - 4) / n, (h - top - bottom) / n));
        }
        cell = Math.max(1, c);
        double gridW = cell * n;
        // Centre the whole figure horizontally.
        double figure = left + gridW + accW;
        double shift = Math.max(0, (w - figure) / 2);
        gx = shift + left;
        gy = top;

        // Cells.
        boolean cellText = cell >= 24;
        gc.setFont(CELL_FONT);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                Color col = cellColor(m, a, p);
                double x = gx + p * cell;
                double y = gy + a * cell;
                gc.setFill(col);
                gc.fillRect(x, y, cell, cell);
                if (cellText && m.count(a, p) > 0) {
                    String t = showPercent.get() ? percentText(m.rowFraction(a, p)) : Integer.toString(m.count(a, p));
                    if (width(t, CELL_FONT) <= cell - 3) {
                        gc.setFill(ColorMap.textOn(col));
                        gc.fillText(t, x + cell / 2, y + cell / 2);
                    }
                }
            }
        }
        // Grid lines and the frame.
        gc.setStroke(fg.deriveColor(0, 1, 1, 0.12));
        gc.setLineWidth(1);
        if (cell >= 6) {
            for (int i = 1; i < n; i++) {
                gc.strokeLine(gx + i * cell + 0.5, gy, gx + i * cell + 0.5, gy + gridW);
                gc.strokeLine(gx, gy + i * cell + 0.5, gx + gridW, gy + i * cell + 0.5);
            }
        }
        gc.setStroke(fg.deriveColor(0, 1, 1, 0.35));
        gc.strokeRect(gx + 0.5, gy + 0.5, gridW, gridW);
        if (hoverA >= 0 && hoverA < n && hoverP < n) {
            gc.setStroke(Color.web("#d1242f"));
            gc.setLineWidth(2);
            gc.strokeRect(gx + hoverP * cell + 1, gy + hoverA * cell + 1, cell - 2, cell - 2);
            gc.setLineWidth(1);
        }

        // Class names: actual (left, right-aligned), predicted (below, slanted).
        gc.setFill(fg);
        gc.setFont(NAME_FONT);
        if (names) {
            gc.setTextAlign(TextAlignment.RIGHT);
            gc.setTextBaseline(VPos.CENTER);
            for (int a = 0; a < n; a++) {
                gc.fillText(clip(m.className(a), nameW), gx - 6, gy + (a + 0.5) * cell);
            }
            gc.setTextAlign(TextAlignment.RIGHT);
            gc.setTextBaseline(VPos.CENTER);
            for (int p = 0; p < n; p++) {
                gc.save();
                gc.translate(gx + (p + 0.5) * cell, gy + gridW + 6);
                gc.rotate(-45);
                gc.fillText(clip(m.className(p), nameW), 0, 0);
                gc.restore();
            }
        }
        // Captions.
        gc.setFont(CAPTION_FONT);
        gc.setFill(muted);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.BOTTOM);
        gc.fillText("predicted", gx + gridW / 2, h - 2);
        gc.save();
        gc.translate(shift + 11, gy + gridW / 2);
        gc.rotate(-90);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText("actual", 0, 0);
        gc.restore();
        // Per-class accuracy.
        double ax = gx + gridW + accW / 2 + 2;
        gc.setTextBaseline(VPos.BOTTOM);
        gc.fillText("accuracy", ax, gy - 3);
        gc.setFont(CELL_FONT);
        gc.setTextBaseline(VPos.CENTER);
        if (cell >= 9) {
            for (int a = 0; a < n; a++) {
                double acc = m.classAccuracy(a);
                gc.setFill(fg);
                gc.fillText(Double.isNaN(acc) ? "–" : percentText(acc), ax, gy + (a + 0.5) * cell);
            }
        }
    }

    private static String percentText(double f) {
        if (Double.isNaN(f)) {
            return "–";
        }
        double p = f * 100;
        return p >= 99.95 || p == 0 ? String.format(Locale.ROOT, "%.0f %%", p) : String.format(Locale.ROOT, "%.1f %%", p);
    }

    private String clip(String s, double max) {
        if (width(s, NAME_FONT) <= max) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && width(t + "…", NAME_FONT) > max) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    private double width(String s, Font f) {
        measure.setFont(f);
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

    private void hoverAt(double x, double y) {
        ConfusionMatrix m = matrix.get();
        Optional<int[]> at = cellAt(x, y);
        if (m == null || at.isEmpty()) {
            if (hoverA >= 0) {
                hoverA = -1;
                hoverP = -1;
                draw();
            }
            hideHover();
            return;
        }
        int a = at.get()[0];
        int p = at.get()[1];
        if (a != hoverA || p != hoverP) {
            hoverA = a;
            hoverP = p;
            draw();
        }
        String text = m.describe(a, p);
        hoverText.set(text);
        hoverBox.setText(text);
        hoverBox.setVisible(true);
        hoverBox.applyCss();
        double bw = hoverBox.prefWidth(-1);
        double bh = hoverBox.prefHeight(bw);
        double bx = x + 14;
        if (bx + bw > getWidth() - 2) {
            bx = x - 14 - bw;
        }
        double by = y + 16;
        if (by + bh > getHeight() - 2) {
            by = y - 12 - bh;
        }
        hoverBox.resizeRelocate(Math.max(2, bx), Math.max(2, by), bw, bh);
    }

    private void hideHover() {
        hoverBox.setVisible(false);
        hoverText.set("");
    }
}
