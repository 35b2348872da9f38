package org.modelworkbench.visualizers.render;

import org.modelworkbench.visualizers.io.Csv;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.modelworkbench.visualizers.color.ColorMap;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * A labelled matrix as a heat-map: CKA layer × layer, a confusion-like table. Row labels on the
 * left, column labels below (turned 45° when they would collide), square cells, the value written
 * in each cell when the matrix is small enough to read (black or white, whichever contrasts with
 * the cell), and a colour bar. NaN cells are left blank. Row 0 is at the top. When cells are
 * smaller than the text, only every k-th row and column is labelled, so labels never overlap.
 */
public final class MatrixFigure implements Figure {
    private final FloatTensor matrix;
    private final List<String> rowLabels;
    private final List<String> columnLabels;
    private final Theme theme;
    private final ColorMap colorMap;
    private final ValueScale scale;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean numbers;
    private final String numberFormat;
    private final int cell;
    private final boolean rotate;
    /** Every how many rows / columns a label is written (1 unless the cells are smaller than the text). */
    private final int rowStep;
    private final int columnStep;
    private final Rectangle area;
    private final ColorBar colorBar;
    private final int colorBarX;
    private final int colorBarY;
    private final int width;
    private final int height;

    private MatrixFigure(Builder b) {
        this.matrix = b.matrix;
        int r = matrix.dim(0);
        int c = matrix.dim(1);
        this.rowLabels = b.rowLabels != null ? b.rowLabels : indices(r);
        this.columnLabels = b.columnLabels != null ? b.columnLabels : indices(c);
        this.theme = b.theme;
        this.colorMap = b.colorMap;
        this.scale = b.range.resolve(matrix.values());
        this.title = b.title == null ? "" : b.title;
        this.xLabel = b.xLabel == null ? "" : b.xLabel;
        this.yLabel = b.yLabel == null ? "" : b.yLabel;
        int logicalCell = b.cellSize > 0 ? b.cellSize : Math.max(2, Math.min(40, 480 / Math.max(r, c)));
        this.cell = theme.px(logicalCell);
        this.numberFormat = b.numberFormat;
        Font tf = theme.tickFont();
        this.numbers = b.numbers != null ? b.numbers
                : r <= 16 && c <= 16 && Text.width(tf, String.format(Locale.ROOT, numberFormat, -0.99)) <= cell - theme.px(2);
        Font lf = theme.labelFont();
        int m = theme.px(theme.margin());
        double widestCol = Text.maxWidth(tf, columnLabels);
        this.rotate = widestCol > cell - theme.px(3);
        double tickH = Text.height(tf);
        this.rowStep = (int) Math.max(1, Math.ceil(tickH / cell));
        this.columnStep = rotate ? (int) Math.max(1, Math.ceil(tickH / (cell * Math.sin(Math.PI / 4)))) : 1;
        double colLabelsH = rotate ? widestCol * Math.sin(Math.PI / 4) + Text.height(tf) : Text.height(tf);
        double rowLabelsW = Text.maxWidth(tf, rowLabels);
        int left = m + (int) Math.ceil((yLabel.isEmpty() ? 0 : Text.height(lf) + theme.px(4)) + rowLabelsW + theme.px(6));
        if (rotate) {
            // A turned label reaches left of its column by its width · cos 45°; keep the first inside.
            left = Math.max(left, m + (int) Math.ceil(widestCol * Math.cos(Math.PI / 4) - cell / 2.0));
        }
        int titleH = title.isEmpty() ? 0 : (int) Math.ceil(Text.height(theme.titleFont())) + theme.px(8);
        this.colorBar = b.colorBar ? new ColorBar(colorMap, scale, b.colorBarLabel, r * cell, theme) : null;
        int cbPad = colorBar == null ? 0 : (colorBar.height() - r * cell) / 2;
        int top = m + titleH + cbPad;
        this.area = new Rectangle(left, top, c * cell, r * cell);
        this.colorBarX = area.x + area.width + theme.px(10);
        this.colorBarY = top - cbPad;
        int bottom = (int) Math.ceil(theme.px(6) + colLabelsH + (xLabel.isEmpty() ? 0 : Text.height(lf) + theme.px(6)));
        int right = colorBar == null ? area.x + area.width : colorBarX + colorBar.width();
        this.width = (int) Math.ceil(Math.max(right + m, Text.width(theme.titleFont(), title) + 2 * m));
        this.height = Math.max(area.y + area.height + bottom, area.y + area.height + cbPad) + m;
    }

    private static List<String> indices(int n) {
        List<String> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(Integer.toString(i));
        }
        return l;
    }

    /** A builder for a figure of {@code matrix}, a non-empty 2-D tensor (R, C). */
    public static Builder builder(FloatTensor matrix) {
        return new Builder(matrix);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** The cells' area, in figure pixels. */
    public Rectangle matrixBounds() {
        return new Rectangle(area);
    }

    /** The colour bar's bar, in figure pixels; empty without a colour bar. */
    public Optional<Rectangle> colorBarBounds() {
        if (colorBar == null) {
            return Optional.empty();
        }
        Rectangle r = colorBar.barBounds();
        r.translate(colorBarX, colorBarY);
        return Optional.of(r);
    }

    /** The values at the colour map's ends. */
    public ValueScale scale() {
        return scale;
    }

    /** Whether values are written in the cells. */
    public boolean showsNumbers() {
        return numbers;
    }

    /** The cell under the figure pixel (x, y), or empty outside the matrix. */
    public Optional<Cell> cellAt(double x, double y) {
        double fx = (x - area.x) / cell;
        double fy = (y - area.y) / cell;
        if (!(fx >= 0 && fy >= 0 && fx < matrix.dim(1) && fy < matrix.dim(0))) {
            return Optional.empty();
        }
        return Optional.of(new Cell((int) fy, (int) fx));
    }

    /** The rectangle of cell (row, col), in figure pixels. */
    public Rectangle2D cellBounds(int row, int col) {
        if (row < 0 || row >= matrix.dim(0) || col < 0 || col >= matrix.dim(1)) {
            throw new IllegalArgumentException("cell (" + row + ", " + col + ") outside the " + matrix.dim(0) + " × "
                    + matrix.dim(1) + " matrix");
        }
        return new Rectangle2D.Double(area.x + col * cell, area.y + row * cell, cell, cell);
    }

    /** The numbers behind the figure: the matrix as a wide table with its row and column labels. */
    public Csv csv() {
        return Csv.matrix(matrix, "", rowLabels, columnLabels);
    }

    @Override
    public void paint(Graphics2D g) {
        g.setColor(Theme.color(theme.background()));
        g.fillRect(0, 0, width, height);
        int m = theme.px(theme.margin());
        g.setColor(Theme.color(theme.text()));
        if (!title.isEmpty()) {
            Text.draw(g, theme.titleFont(), title, m, m, 0, 0);
        }
        int r = matrix.dim(0);
        int c = matrix.dim(1);
        float[] v = matrix.values();
        BufferedImage img = new BufferedImage(area.width, area.height, BufferedImage.TYPE_INT_ARGB);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        int[] colours = new int[r * c];
        for (int i = 0; i < r * c; i++) {
            colours[i] = Float.isNaN(v[i]) ? 0 : colorMap.argb(scale.t(v[i]));
        }
        for (int y = 0; y < area.height; y++) {
            int row = y / cell;
            for (int x = 0; x < area.width; x++) {
                px[y * area.width + x] = colours[row * c + x / cell];
            }
        }
        g.drawImage(img, area.x, area.y, null);
        g.setColor(Theme.color(theme.axis()));
        ColorBar.outline(g, area.x, area.y, area.width, area.height);
        Font tf = theme.tickFont();
        if (numbers) {
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    float value = v[i * c + j];
                    if (Float.isNaN(value)) {
                        continue;
                    }
                    g.setColor(Theme.color(ColorMap.textOnArgb(colours[i * c + j])));
                    Text.draw(g, tf, String.format(Locale.ROOT, numberFormat, value), area.x + (j + 0.5) * cell,
                            area.y + (i + 0.5) * cell, 0.5, 0.5);
                }
            }
        }
        g.setColor(Theme.color(theme.text()));
        for (int i = 0; i < r; i += rowStep) {
            Text.draw(g, tf, rowLabels.get(i), area.x - theme.px(5), area.y + (i + 0.5) * cell, 1, 0.5);
        }
        double labelTop = area.y + area.height + theme.px(5);
        for (int j = 0; j < c; j += columnStep) {
            double cx = area.x + (j + 0.5) * cell;
            if (rotate) {
                Text.drawRotated(g, tf, columnLabels.get(j), cx, labelTop, -45, 1, 0.5);
            } else {
                Text.draw(g, tf, columnLabels.get(j), cx, labelTop, 0.5, 0);
            }
        }
        Font lf = theme.labelFont();
        if (!xLabel.isEmpty()) {
            Text.draw(g, lf, xLabel, area.x + area.width / 2.0, height - m, 0.5, 1);
        }
        if (!yLabel.isEmpty()) {
            Text.drawRotated(g, lf, yLabel, m, area.y + area.height / 2.0, -90, 0.5, 0);
        }
        if (colorBar != null) {
            colorBar.paintAt(g, colorBarX, colorBarY);
        }
    }

    /** Settings for a {@link MatrixFigure}. */
    public static final class Builder {
        private final FloatTensor matrix;
        private List<String> rowLabels;
        private List<String> columnLabels;
        private Theme theme = Theme.LIGHT;
        private ColorMap colorMap = ColorMap.VIRIDIS;
        private ValueRange range = ValueRange.auto();
        private String title;
        private String xLabel;
        private String yLabel;
        private Boolean numbers;
        private String numberFormat = "%.2f";
        private int cellSize;
        private boolean colorBar = true;
        private String colorBarLabel;

        private Builder(FloatTensor matrix) {
            if (matrix == null || matrix.rank() != 2 || matrix.dim(0) == 0 || matrix.dim(1) == 0) {
                throw new IllegalArgumentException("a matrix figure needs a non-empty 2-D tensor (R, C), got shape "
                        + (matrix == null ? "none" : Arrays.toString(matrix.shape())));
            }
            this.matrix = matrix;
        }

        /** One label per row (default 0, 1, …). */
        public Builder rowLabels(List<String> labels) {
            if (labels.size() != matrix.dim(0)) {
                throw new IllegalArgumentException(labels.size() + " row labels for " + matrix.dim(0) + " rows");
            }
            this.rowLabels = List.copyOf(labels);
            return this;
        }

        /** One label per column (default 0, 1, …). */
        public Builder columnLabels(List<String> labels) {
            if (labels.size() != matrix.dim(1)) {
                throw new IllegalArgumentException(labels.size() + " column labels for " + matrix.dim(1) + " columns");
            }
            this.columnLabels = List.copyOf(labels);
            return this;
        }

        /** Rows and columns labelled alike (a layer × layer matrix). */
        public Builder labels(List<String> labels) {
            return rowLabels(labels).columnLabels(labels);
        }

        public Builder theme(Theme t) {
            this.theme = Objects.requireNonNull(t, "theme");
            return this;
        }

        public Builder colorMap(ColorMap m) {
            this.colorMap = Objects.requireNonNull(m, "colour map");
            return this;
        }

        /** The values the colour map spans (default the data's min–max; {@code fixed(0, 1)} suits CKA). */
        public Builder range(ValueRange r) {
            this.range = Objects.requireNonNull(r, "range");
            return this;
        }

        public Builder title(String t) {
            this.title = t;
            return this;
        }

        /** What the columns are (written under the column labels). */
        public Builder xLabel(String l) {
            this.xLabel = l;
            return this;
        }

        /** What the rows are (written upwards left of the row labels). */
        public Builder yLabel(String l) {
            this.yLabel = l;
            return this;
        }

        /** Whether to write values in the cells (default: when at most 16 × 16 and the numbers fit). */
        public Builder numbers(boolean on) {
            this.numbers = on;
            return this;
        }

        /** The {@code String.format} pattern for cell values (default {@code %.2f}; {@code %.0f} for counts). */
        public Builder numberFormat(String format) {
            try {
                String.format(Locale.ROOT, format, 1.0f);
            } catch (java.util.IllegalFormatException e) {
                throw new IllegalArgumentException("number format '" + format + "' does not format a float: " + e.getMessage());
            }
            this.numberFormat = format;
            return this;
        }

        /** The side of a cell in logical pixels (default: 480 / the larger dimension, within 2…40). */
        public Builder cellSize(int px) {
            if (px < 1) {
                throw new IllegalArgumentException("cell size must be at least 1 pixel, got " + px);
            }
            this.cellSize = px;
            return this;
        }

        public Builder colorBar(String label) {
            this.colorBar = true;
            this.colorBarLabel = label;
            return this;
        }

        public Builder noColorBar() {
            this.colorBar = false;
            return this;
        }

        public MatrixFigure build() {
            return new MatrixFigure(this);
        }
    }
}
