package org.modelworkbench.visualizers.render;

import org.modelworkbench.visualizers.io.Csv;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Composite;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import java.util.Optional;
import org.modelworkbench.visualizers.color.ColorMap;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * A 2-D map (attention of one query, a Grad-CAM, a modulator magnitude, an ERF) drawn with a colour
 * map, optionally over the input image, with a title and a colour bar.
 *
 * <p>The map (H, W) fills a map area of {@code size} logical pixels (times the theme's scale): each
 * cell as a flat block ({@link Interpolation#NEAREST}, the default) or bilinearly upsampled
 * ({@link Interpolation#BILINEAR}, half-pixel centres and clamped edges, see {@link Bilinear}). An
 * underlay image (grey (H', W') or (1, H', W'), or RGB (3, H', W'), values 0…1) is resampled
 * bilinearly to the same area and the map is composited over it with {@code opacity} (0 shows only
 * the image, 1 only the map). NaN cells are transparent (the image or the background shows), or
 * hatched grey, so they never pass for a low value. Optional grid lines mark window borders every
 * few cells (Swin's windows; an offset gives the shifted ones) and a marker outlines one cell (the
 * query patch).
 *
 * <p>{@link #cellAt(double, double)} maps a pixel of the figure back to the map cell under it, for
 * picking a query patch by clicking the GUI's image of this figure.
 */
public final class HeatmapFigure implements Figure {

    /** How the map's cells become pixels. */
    public enum Interpolation { NEAREST, BILINEAR }

    /** How NaN cells are drawn. */
    public enum NanStyle { TRANSPARENT, HATCHED }

    private static final int HATCH_LIGHT = 0xfff2f2f2;
    private static final int HATCH_DARK = 0xffb0b0b0;

    private final FloatTensor map;
    private final Theme theme;
    private final ColorMap colorMap;
    private final ValueScale scale;
    private final Interpolation interpolation;
    private final FloatTensor underlay;
    private final double opacity;
    private final NanStyle nanStyle;
    private final int[] grid;
    private final Cell marker;
    private final int[] outline;
    private final String title;
    private final ColorBar colorBar;
    private final Rectangle mapArea;
    private final int colorBarX;
    private final int colorBarY;
    private final int width;
    private final int height;
    /** Built on first use; volatile so a figure may be rendered from any thread. */
    private volatile BufferedImage mapLayer;

    private HeatmapFigure(Builder b) {
        this.map = b.map;
        this.theme = b.theme;
        this.colorMap = b.colorMap;
        this.scale = b.range.resolve(map.values());
        this.interpolation = b.interpolation;
        this.underlay = b.underlay;
        this.opacity = b.opacity;
        this.nanStyle = b.nanStyle;
        this.grid = b.grid;
        this.marker = b.marker;
        this.outline = b.outline;
        this.title = b.title == null ? "" : b.title;
        int h = map.dim(0);
        int w = map.dim(1);
        int mw;
        int mh;
        if (b.sizeW > 0) {
            mw = theme.px(b.sizeW);
            mh = theme.px(b.sizeH);
        } else if (underlay != null) {
            mw = theme.px(underlay.dim(-1));
            mh = theme.px(underlay.dim(-2));
        } else {
            int cell = Math.max(1, 256 / Math.max(h, w));
            mw = theme.px(w * cell);
            mh = theme.px(h * cell);
        }
        int m = theme.px(theme.margin());
        Font tf = theme.titleFont();
        int titleH = title.isEmpty() ? 0 : (int) Math.ceil(Text.height(tf)) + theme.px(6);
        this.colorBar = b.colorBar ? new ColorBar(colorMap, scale, b.colorBarLabel, mh, theme) : null;
        int cbPad = colorBar == null ? 0 : (colorBar.height() - mh) / 2;
        int top = m + titleH + cbPad;
        this.mapArea = new Rectangle(m, top, mw, mh);
        this.colorBarX = m + mw + theme.px(10);
        this.colorBarY = top - cbPad;
        int contentW = mw + (colorBar == null ? 0 : theme.px(10) + colorBar.width());
        this.width = Math.max(contentW, (int) Math.ceil(Text.width(tf, title))) + 2 * m;
        this.height = top + mh + cbPad + m;
    }

    /** A builder for a figure of {@code map}, a 2-D tensor (H, W). */
    public static Builder builder(FloatTensor map) {
        return new Builder(map);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** The map area, in figure pixels. */
    public Rectangle mapBounds() {
        return new Rectangle(mapArea);
    }

    /** The colour bar's bar, in figure pixels; empty when the figure has no colour bar. */
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

    /**
     * The map cell under the figure pixel (x, y), or empty outside the map area. A cell covers the
     * pixels whose left/top edge lies in [col · areaWidth / W, (col + 1) · areaWidth / W).
     */
    public Optional<Cell> cellAt(double x, double y) {
        double fx = (x - mapArea.x) / mapArea.width;
        double fy = (y - mapArea.y) / mapArea.height;
        if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1)) {
            return Optional.empty();
        }
        int h = map.dim(0);
        int w = map.dim(1);
        return Optional.of(new Cell(Math.min(h - 1, (int) (fy * h)), Math.min(w - 1, (int) (fx * w))));
    }

    /** The rectangle of the figure a cell covers. */
    public Rectangle2D cellBounds(int row, int col) {
        int h = map.dim(0);
        int w = map.dim(1);
        if (row < 0 || row >= h || col < 0 || col >= w) {
            throw new IllegalArgumentException("cell (" + row + ", " + col + ") outside the " + h + " × " + w + " map");
        }
        double cw = (double) mapArea.width / w;
        double ch = (double) mapArea.height / h;
        return new Rectangle2D.Double(mapArea.x + col * cw, mapArea.y + row * ch, cw, ch);
    }

    /**
     * The map's colour layer at the map area's size, before the underlay and opacity: opaque map
     * colours, NaN transparent (or hatched when the figure hatches NaN). The image is the figure's
     * own (built once): read it, do not draw on it.
     */
    public BufferedImage mapLayer() {
        BufferedImage layer = mapLayer;
        if (layer == null) {
            layer = buildMapLayer();
            mapLayer = layer;
        }
        return layer;
    }

    private BufferedImage buildMapLayer() {
        int mw = mapArea.width;
        int mh = mapArea.height;
        int h = map.dim(0);
        int w = map.dim(1);
        BufferedImage img = new BufferedImage(mw, mh, BufferedImage.TYPE_INT_ARGB);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        int period = Math.max(4, theme.px(6));
        int line = Math.max(1, period / 3);
        if (interpolation == Interpolation.BILINEAR && (mh != h || mw != w)) {
            float[] v = Bilinear.resize(map, mh, mw).values();
            for (int i = 0; i < mh; i++) {
                for (int j = 0; j < mw; j++) {
                    px[i * mw + j] = colour(v[i * mw + j], i, j, period, line);
                }
            }
        } else {
            float[] v = map.values();
            int[] col = new int[mw];
            for (int j = 0; j < mw; j++) {
                col[j] = Math.min(w - 1, (int) ((long) j * w / mw));
            }
            for (int i = 0; i < mh; i++) {
                int row = Math.min(h - 1, (int) ((long) i * h / mh)) * w;
                for (int j = 0; j < mw; j++) {
                    px[i * mw + j] = colour(v[row + col[j]], i, j, period, line);
                }
            }
        }
        return img;
    }

    private int colour(float v, int i, int j, int period, int line) {
        if (Float.isNaN(v)) {
            if (nanStyle == NanStyle.TRANSPARENT) {
                return 0;
            }
            return (i + j) % period < line ? HATCH_DARK : HATCH_LIGHT;
        }
        return colorMap.argb(scale.t(v));
    }

    /** The underlay resampled to the map area as opaque ARGB, or null without one. */
    private BufferedImage underlayLayer() {
        if (underlay == null) {
            return null;
        }
        FloatTensor u = underlay.rank() == 2 ? underlay.reshape(1, underlay.dim(0), underlay.dim(1)) : underlay;
        int mw = mapArea.width;
        int mh = mapArea.height;
        if (u.dim(1) != mh || u.dim(2) != mw) {
            u = Bilinear.resize(u, mh, mw);
        }
        float[] v = u.values();
        int plane = mw * mh;
        boolean rgb = u.dim(0) == 3;
        BufferedImage img = new BufferedImage(mw, mh, BufferedImage.TYPE_INT_ARGB);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int k = 0; k < plane; k++) {
            int r = byteOf(v[k]);
            int g = rgb ? byteOf(v[plane + k]) : r;
            int b = rgb ? byteOf(v[2 * plane + k]) : r;
            px[k] = 0xff000000 | r << 16 | g << 8 | b;
        }
        return img;
    }

    private static int byteOf(float v) {
        return v > 0 ? v < 1 ? Math.round(v * 255) : 255 : 0; // NaN and negatives → 0
    }

    /**
     * The numbers behind the figure: the map as a wide table, one row per map row (y, labelled 0…H−1)
     * headed "y" and one column per map column headed by its x, at the map's own resolution (not
     * upsampled).
     */
    public Csv csv() {
        return Csv.matrix(map, "y", null, null);
    }

    @Override
    public void paint(Graphics2D g) {
        g.setColor(Theme.color(theme.background()));
        g.fillRect(0, 0, width, height);
        int m = theme.px(theme.margin());
        if (!title.isEmpty()) {
            g.setColor(Theme.color(theme.text()));
            Text.draw(g, theme.titleFont(), title, m, m, 0, 0);
        }
        BufferedImage under = underlayLayer();
        if (under != null) {
            g.drawImage(under, mapArea.x, mapArea.y, null);
        }
        Composite saved = g.getComposite();
        if (opacity < 1) {
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) opacity));
        }
        g.drawImage(mapLayer(), mapArea.x, mapArea.y, null);
        g.setComposite(saved);
        if (grid != null) {
            paintGrid(g);
        }
        if (marker != null) {
            Rectangle2D r = cellBounds(marker.row(), marker.col());
            g.setStroke(new BasicStroke(theme.stroke(3.5)));
            g.setColor(Theme.color(0xffffffff));
            g.draw(r);
            g.setStroke(new BasicStroke(theme.stroke(1.8)));
            g.setColor(Theme.color(0xffe41a1c));
            g.draw(r);
        }
        if (outline != null) {
            paintOutline(g);
        }
        if (colorBar != null) {
            colorBar.paintAt(g, colorBarX, colorBarY);
        }
    }

    /** The outlined cell range clipped to the map (a field larger than the image shows as the map's border). */
    private void paintOutline(Graphics2D g) {
        int h = map.dim(0);
        int w = map.dim(1);
        int top = Math.max(0, outline[0]);
        int left = Math.max(0, outline[1]);
        int bottom = Math.min(h - 1, outline[2]);
        int right = Math.min(w - 1, outline[3]);
        if (top > bottom || left > right) {
            return;
        }
        Rectangle2D a = cellBounds(top, left);
        Rectangle2D z = cellBounds(bottom, right);
        Rectangle2D r = new Rectangle2D.Double(a.getX(), a.getY(), z.getMaxX() - a.getX(), z.getMaxY() - a.getY());
        g.setStroke(new BasicStroke(theme.stroke(3)));
        g.setColor(Theme.color(0xffffffff));
        g.draw(r);
        g.setStroke(new BasicStroke(theme.stroke(1.5), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {theme.stroke(4), theme.stroke(3)}, 0));
        g.setColor(Theme.color(0xffe41a1c));
        g.draw(r);
    }

    private void paintGrid(Graphics2D g) {
        int h = map.dim(0);
        int w = map.dim(1);
        g.setColor(Theme.color(0xccffffff));
        g.setStroke(new BasicStroke(theme.stroke(1)));
        double cw = (double) mapArea.width / w;
        double ch = (double) mapArea.height / h;
        for (int c = Math.floorMod(grid[3], grid[1]); c <= w; c += grid[1]) {
            if (c > 0 && c < w) {
                double x = mapArea.x + c * cw;
                g.draw(new Line2D.Double(x, mapArea.y, x, mapArea.y + mapArea.height));
            }
        }
        for (int r = Math.floorMod(grid[2], grid[0]); r <= h; r += grid[0]) {
            if (r > 0 && r < h) {
                double y = mapArea.y + r * ch;
                g.draw(new Line2D.Double(mapArea.x, y, mapArea.x + mapArea.width, y));
            }
        }
    }

    /** Settings for a {@link HeatmapFigure}; every setting has a default. */
    public static final class Builder {
        private final FloatTensor map;
        private Theme theme = Theme.LIGHT;
        private ColorMap colorMap = ColorMap.VIRIDIS;
        private ValueRange range = ValueRange.auto();
        private Interpolation interpolation = Interpolation.NEAREST;
        private FloatTensor underlay;
        private double opacity = 1;
        private boolean opacitySet;
        private NanStyle nanStyle = NanStyle.TRANSPARENT;
        private int[] grid;
        private Cell marker;
        private int[] outline;
        private String title;
        private boolean colorBar = true;
        private String colorBarLabel;
        private int sizeW;
        private int sizeH;

        private Builder(FloatTensor map) {
            if (map == null) {
                throw new IllegalArgumentException("no map given");
            }
            if (map.rank() != 2 || map.dim(0) == 0 || map.dim(1) == 0) {
                throw new IllegalArgumentException("a heat-map needs a non-empty 2-D map (H, W), got shape "
                        + Arrays.toString(map.shape()));
            }
            this.map = map;
        }

        public Builder theme(Theme t) {
            this.theme = java.util.Objects.requireNonNull(t, "theme");
            return this;
        }

        /** The colour map (default {@link ColorMap#VIRIDIS}; {@link ColorMap#RDBU} for signed values). */
        public Builder colorMap(ColorMap m) {
            this.colorMap = java.util.Objects.requireNonNull(m, "colour map");
            return this;
        }

        /** The values the colour map spans (default {@link ValueRange#auto()}). */
        public Builder range(ValueRange r) {
            this.range = java.util.Objects.requireNonNull(r, "range");
            return this;
        }

        /** The map area's size in logical pixels (default: the underlay's size, or about 256 px). */
        public Builder size(int width, int height) {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("map size must be positive, got " + width + " × " + height);
            }
            this.sizeW = width;
            this.sizeH = height;
            return this;
        }

        /** Bilinear upsampling to {@code width × height} logical pixels. */
        public Builder upsample(int width, int height) {
            return size(width, height).interpolation(Interpolation.BILINEAR);
        }

        public Builder interpolation(Interpolation i) {
            this.interpolation = java.util.Objects.requireNonNull(i, "interpolation");
            return this;
        }

        /**
         * An image under the map: (H', W') or (1, H', W') grey, or (3, H', W') RGB, values 0…1 (outside
         * clamped). Unless set, the opacity becomes 0.5.
         */
        public Builder underlay(FloatTensor image) {
            if (image != null) {
                boolean ok = image.rank() == 2 || image.rank() == 3 && (image.dim(0) == 1 || image.dim(0) == 3);
                if (!ok || image.dim(-1) == 0 || image.dim(-2) == 0) {
                    throw new IllegalArgumentException("an underlay image must be (H, W), (1, H, W) or (3, H, W), got shape "
                            + Arrays.toString(image.shape()));
                }
                if (!opacitySet) {
                    opacity = 0.5;
                }
            }
            this.underlay = image;
            return this;
        }

        /** How opaque the map is over the underlay, 0…1 (default 1, or 0.5 with an underlay). */
        public Builder opacity(double o) {
            if (!(o >= 0 && o <= 1)) {
                throw new IllegalArgumentException("opacity must be within 0…1, got " + o);
            }
            this.opacity = o;
            this.opacitySet = true;
            return this;
        }

        /** How NaN cells look (default transparent; hatched suits a diverging map, where white means 0). */
        public Builder nanStyle(NanStyle s) {
            this.nanStyle = java.util.Objects.requireNonNull(s, "NaN style");
            return this;
        }

        /** Grid lines every {@code rows} × {@code cols} cells (e.g. Swin's window size). */
        public Builder grid(int rows, int cols) {
            return grid(rows, cols, 0, 0);
        }

        /**
         * Grid lines at rows {@code offsetRows + k·rows} and columns {@code offsetCols + k·cols} (cell
         * borders); an offset of half a window draws Swin's shifted windows.
         */
        public Builder grid(int rows, int cols, int offsetRows, int offsetCols) {
            if (rows <= 0 || cols <= 0) {
                throw new IllegalArgumentException("grid spacing must be positive cells, got " + rows + " × " + cols);
            }
            this.grid = new int[] {rows, cols, offsetRows, offsetCols};
            return this;
        }

        /** Outlines the cell (row, col), e.g. the query patch. */
        public Builder marker(int row, int col) {
            if (row < 0 || row >= map.dim(0) || col < 0 || col >= map.dim(1)) {
                throw new IllegalArgumentException("marker cell (" + row + ", " + col + ") outside the "
                        + map.dim(0) + " × " + map.dim(1) + " map");
            }
            this.marker = new Cell(row, col);
            return this;
        }

        /**
         * Outlines the cells from (top, left) to (bottom, right), inclusive, with a dashed frame, e.g. a
         * theoretical receptive field; the range may reach outside the map (it is clipped to it).
         */
        public Builder outline(int top, int left, int bottom, int right) {
            if (top > bottom || left > right) {
                throw new IllegalArgumentException("outline from (" + top + ", " + left + ") to (" + bottom + ", " + right
                        + ") is empty");
            }
            this.outline = new int[] {top, left, bottom, right};
            return this;
        }

        public Builder title(String t) {
            this.title = t;
            return this;
        }

        /** A colour bar labelled {@code label} (the default is a colour bar without a label). */
        public Builder colorBar(String label) {
            this.colorBar = true;
            this.colorBarLabel = label;
            return this;
        }

        public Builder noColorBar() {
            this.colorBar = false;
            return this;
        }

        public HeatmapFigure build() {
            return new HeatmapFigure(this);
        }
    }
}
