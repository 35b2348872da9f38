package org.modelworkbench.visualizers.render;

import org.modelworkbench.visualizers.io.Csv;
import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.modelworkbench.visualizers.color.ColorMap;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * A mosaic of small 2-D maps: a layer's feature maps channel by channel, or depthwise kernels
 * grouped by cluster (a header per group, the group's mean first). Tiles are square blocks of
 * {@code tileSize} logical pixels, cells drawn flat (nearest), laid out {@code columns} to a row
 * within each group, each with an optional label beneath.
 *
 * <p>Scaling: {@link Scaling#SHARED} (default) colours every tile on one scale taken over all tiles
 * (so tiles compare, and one colour bar explains them); {@link Scaling#PER_TILE} gives each tile its
 * own (shapes compare, magnitudes do not; no colour bar). The {@link ValueRange} says how a scale is
 * taken (min–max, symmetric, fixed). {@link #tileAt} maps a click back to the tile.
 */
public final class GridFigure implements Figure {

    /** One or several scales. */
    public enum Scaling { SHARED, PER_TILE }

    /**
     * A tile: a 2-D map (h, w), its label (may be empty) and the index it stands for in the caller's
     * data (a channel or kernel index; {@link #MEAN} for a group mean).
     */
    public record Tile(FloatTensor map, String label, int index) {
        public Tile {
            if (map == null || map.rank() != 2 || map.dim(0) == 0 || map.dim(1) == 0) {
                throw new IllegalArgumentException("a tile needs a non-empty 2-D map, got shape "
                        + (map == null ? "none" : Arrays.toString(map.shape())));
            }
            label = label == null ? "" : label;
        }
    }

    /** A group of tiles under a header (null or empty for none). */
    public record Group(String header, List<Tile> tiles) {
        public Group {
            header = header == null ? "" : header;
            tiles = List.copyOf(tiles);
        }
    }

    /** What a click hit: the group, the tile's position within it, and the tile itself. */
    public record Hit(int group, int position, Tile tile) {
    }

    /** The index of a tile that shows a group's mean rather than one of the caller's maps. */
    public static final int MEAN = -1;

    private final List<Group> groups;
    private final Theme theme;
    private final ColorMap colorMap;
    private final ValueRange range;
    private final Scaling scaling;
    private final String title;
    private final int tile;
    private final List<List<Rectangle>> tileRects = new ArrayList<>();
    private final List<Integer> headerY = new ArrayList<>();
    private final ValueScale shared;
    private final ColorBar colorBar;
    private final int colorBarX;
    private final int colorBarY;
    private final int width;
    private final int height;

    private GridFigure(Builder b) {
        if (b.groups.isEmpty() || b.groups.stream().allMatch(g -> g.tiles().isEmpty())) {
            throw new IllegalArgumentException("a grid figure needs at least one tile");
        }
        this.groups = List.copyOf(b.groups);
        this.theme = b.theme;
        this.colorMap = b.colorMap;
        this.range = b.range;
        this.scaling = b.scaling;
        this.title = b.title == null ? "" : b.title;
        this.tile = theme.px(b.tileSize);
        int most = groups.stream().mapToInt(g -> g.tiles().size()).max().orElse(1);
        int total = groups.stream().mapToInt(g -> g.tiles().size()).sum();
        int columns = b.columns > 0 ? b.columns : Math.max(1, Math.min(most, (int) Math.ceil(Math.sqrt(total))));
        boolean labelled = groups.stream().flatMap(g -> g.tiles().stream()).anyMatch(t -> !t.label().isEmpty());
        Font tf = theme.tickFont();
        Font lf = theme.labelFont();
        int m = theme.px(theme.margin());
        int gap = theme.px(4);
        int labelH = labelled ? (int) Math.ceil(Text.height(tf)) + theme.px(2) : 0;
        int headerH = (int) Math.ceil(Text.height(lf)) + theme.px(4);
        int titleH = title.isEmpty() ? 0 : (int) Math.ceil(Text.height(theme.titleFont())) + theme.px(8);
        int y = m + titleH;
        int gridW = columns * tile + (columns - 1) * gap;
        for (Group g : groups) {
            if (!g.header().isEmpty()) {
                headerY.add(y);
                y += headerH;
            } else {
                headerY.add(-1);
            }
            List<Rectangle> rects = new ArrayList<>();
            for (int i = 0; i < g.tiles().size(); i++) {
                int row = i / columns;
                int col = i % columns;
                rects.add(new Rectangle(m + col * (tile + gap), y + row * (tile + gap + labelH), tile, tile));
            }
            tileRects.add(rects);
            int rows = (g.tiles().size() + columns - 1) / columns;
            y += rows * (tile + gap + labelH) + (rows == 0 ? 0 : theme.px(6));
        }
        int gridBottom = y - theme.px(6) - gap;
        float[] all = collect(groups);
        this.shared = scaling == Scaling.SHARED ? range.resolve(all) : null;
        int top = m + titleH;
        int length = Math.max(2, Math.min(gridBottom - top, theme.px(240)));
        this.colorBar = scaling == Scaling.SHARED && b.colorBar ? new ColorBar(colorMap, shared, b.colorBarLabel, length, theme) : null;
        this.colorBarX = m + gridW + theme.px(12);
        this.colorBarY = top - (colorBar == null ? 0 : (colorBar.height() - length) / 2);
        int right = colorBar == null ? m + gridW : colorBarX + colorBar.width();
        double headersW = groups.stream().mapToDouble(g -> Text.width(lf, g.header())).max().orElse(0) + 2 * m;
        this.width = (int) Math.ceil(Math.max(Math.max(right + m, headersW), Text.width(theme.titleFont(), title) + 2 * m));
        this.height = Math.max(gridBottom, colorBar == null ? 0 : colorBarY + colorBar.height()) + m;
    }

    private static float[] collect(List<Group> groups) {
        int n = 0;
        for (Group g : groups) {
            for (Tile t : g.tiles()) {
                n += t.map().size();
            }
        }
        float[] all = new float[n];
        int k = 0;
        for (Group g : groups) {
            for (Tile t : g.tiles()) {
                System.arraycopy(t.map().values(), 0, all, k, t.map().size());
                k += t.map().size();
            }
        }
        return all;
    }

    /** A builder with no tiles yet; add groups with {@link Builder#group}. */
    public static Builder builder() {
        return new Builder();
    }

    /** One tile per channel of a (C, H, W) tensor, labelled by channel index, in one group. */
    public static Builder ofChannels(FloatTensor chw) {
        if (chw.rank() != 3) {
            throw new IllegalArgumentException("feature maps must be (C, H, W), got shape " + Arrays.toString(chw.shape()));
        }
        List<Tile> tiles = new ArrayList<>();
        for (int c = 0; c < chw.dim(0); c++) {
            tiles.add(new Tile(chw.select(c), Integer.toString(c), c));
        }
        return builder().group(null, tiles);
    }

    /**
     * Kernels (N, k, k) grouped by cluster: one group per cluster, headed "name (count)", its mean
     * kernel first (index {@link #MEAN}, label "mean"), then its members labelled by kernel index.
     * Clusters with no member are left out.
     *
     * @param kernels   (N, kh, kw)
     * @param clusterOf the cluster of each kernel, 0 ≤ c &lt; names.size()
     * @param names     cluster names
     */
    public static Builder ofClusters(FloatTensor kernels, int[] clusterOf, List<String> names) {
        if (kernels.rank() != 3) {
            throw new IllegalArgumentException("kernels must be (N, kh, kw), got shape " + Arrays.toString(kernels.shape()));
        }
        int n = kernels.dim(0);
        if (clusterOf.length != n) {
            throw new IllegalArgumentException(clusterOf.length + " cluster assignments for " + n + " kernels");
        }
        int plane = kernels.dim(1) * kernels.dim(2);
        float[] v = kernels.values();
        Builder b = builder();
        for (int c = 0; c < names.size(); c++) {
            List<Tile> members = new ArrayList<>();
            double[] sum = new double[plane];
            for (int i = 0; i < n; i++) {
                if (clusterOf[i] < 0 || clusterOf[i] >= names.size()) {
                    throw new IllegalArgumentException("kernel " + i + " is in cluster " + clusterOf[i] + ", outside the "
                            + names.size() + " named clusters");
                }
                if (clusterOf[i] == c) {
                    members.add(new Tile(kernels.select(i), Integer.toString(i), i));
                    for (int k = 0; k < plane; k++) {
                        sum[k] += v[i * plane + k];
                    }
                }
            }
            if (members.isEmpty()) {
                continue;
            }
            float[] mean = new float[plane];
            for (int k = 0; k < plane; k++) {
                mean[k] = (float) (sum[k] / members.size());
            }
            List<Tile> tiles = new ArrayList<>();
            tiles.add(new Tile(FloatTensor.of(mean, kernels.dim(1), kernels.dim(2)), "mean", MEAN));
            tiles.addAll(members);
            b.group(names.get(c) + " (" + members.size() + ")", tiles);
        }
        return b;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** Where tile {@code position} of group {@code group} lies, in figure pixels. */
    public Rectangle tileBounds(int group, int position) {
        if (group < 0 || group >= groups.size()) {
            throw new IllegalArgumentException("group " + group + " of " + groups.size());
        }
        List<Rectangle> rects = tileRects.get(group);
        if (position < 0 || position >= rects.size()) {
            throw new IllegalArgumentException("tile " + position + " of " + rects.size() + " in group " + group);
        }
        return new Rectangle(rects.get(position));
    }

    /** The tile under the figure pixel (x, y), or empty between tiles. */
    public Optional<Hit> tileAt(double x, double y) {
        for (int g = 0; g < tileRects.size(); g++) {
            List<Rectangle> rects = tileRects.get(g);
            for (int i = 0; i < rects.size(); i++) {
                Rectangle r = rects.get(i);
                if (x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height) {
                    return Optional.of(new Hit(g, i, groups.get(g).tiles().get(i)));
                }
            }
        }
        return Optional.empty();
    }

    /** The shared scale, or empty when each tile has its own. */
    public Optional<ValueScale> sharedScale() {
        return Optional.ofNullable(shared);
    }

    /** The colour bar's bar, in figure pixels; empty without one. */
    public Optional<Rectangle> colorBarBounds() {
        if (colorBar == null) {
            return Optional.empty();
        }
        Rectangle r = colorBar.barBounds();
        r.translate(colorBarX, colorBarY);
        return Optional.of(r);
    }

    /**
     * The numbers behind the figure as a long table: group (header), index (−1 for a mean), label,
     * y, x, value; one row per cell of every tile, in drawing order.
     */
    public Csv csv() {
        Csv csv = Csv.withHeader("group", "index", "label", "y", "x", "value");
        for (Group g : groups) {
            for (Tile t : g.tiles()) {
                int w = t.map().dim(1);
                float[] v = t.map().values();
                for (int k = 0; k < v.length; k++) {
                    csv.add(g.header(), t.index(), t.label(), k / w, k % w, v[k]);
                }
            }
        }
        return csv;
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
        Font tf = theme.tickFont();
        Font lf = theme.labelFont();
        for (int gi = 0; gi < groups.size(); gi++) {
            Group group = groups.get(gi);
            if (headerY.get(gi) >= 0) {
                g.setColor(Theme.color(theme.text()));
                Text.draw(g, lf, group.header(), m, headerY.get(gi), 0, 0);
            }
            for (int i = 0; i < group.tiles().size(); i++) {
                Tile t = group.tiles().get(i);
                Rectangle r = tileRects.get(gi).get(i);
                ValueScale s = shared != null ? shared : range.resolve(t.map().values());
                g.drawImage(tileImage(t.map(), s), r.x, r.y, null);
                g.setColor(Theme.color(t.index() == MEAN ? theme.text() : theme.grid()));
                g.setStroke(new BasicStroke(theme.stroke(t.index() == MEAN ? 1.5 : 0.8)));
                g.draw(r);
                if (!t.label().isEmpty()) {
                    g.setColor(Theme.color(theme.text()));
                    Text.draw(g, tf, Text.fit(tf, t.label(), r.width + theme.px(4)), r.x + r.width / 2.0,
                            r.y + r.height + theme.px(1), 0.5, 0);
                }
            }
        }
        if (colorBar != null) {
            colorBar.paintAt(g, colorBarX, colorBarY);
        }
    }

    private BufferedImage tileImage(FloatTensor map, ValueScale s) {
        int h = map.dim(0);
        int w = map.dim(1);
        float[] v = map.values();
        BufferedImage img = new BufferedImage(tile, tile, BufferedImage.TYPE_INT_ARGB);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        int[] col = new int[tile];
        for (int j = 0; j < tile; j++) {
            col[j] = (int) ((long) j * w / tile);
        }
        for (int i = 0; i < tile; i++) {
            int row = (int) ((long) i * h / tile) * w;
            for (int j = 0; j < tile; j++) {
                float x = v[row + col[j]];
                px[i * tile + j] = Float.isNaN(x) ? 0 : colorMap.argb(s.t(x));
            }
        }
        return img;
    }

    /** Settings for a {@link GridFigure}. */
    public static final class Builder {
        private final List<Group> groups = new ArrayList<>();
        private Theme theme = Theme.LIGHT;
        private ColorMap colorMap = ColorMap.VIRIDIS;
        private ValueRange range = ValueRange.auto();
        private Scaling scaling = Scaling.SHARED;
        private String title;
        private int tileSize = 48;
        private int columns;
        private boolean colorBar = true;
        private String colorBarLabel;

        private Builder() {
        }

        /** Adds a group of tiles under {@code header} (null for none). */
        public Builder group(String header, List<Tile> tiles) {
            groups.add(new Group(header, tiles));
            return this;
        }

        public Builder theme(Theme t) {
            this.theme = Objects.requireNonNull(t, "theme");
            return this;
        }

        /** The colour map (default viridis; {@link ColorMap#RDBU} with a symmetric range for kernels). */
        public Builder colorMap(ColorMap m) {
            this.colorMap = Objects.requireNonNull(m, "colour map");
            return this;
        }

        public Builder range(ValueRange r) {
            this.range = Objects.requireNonNull(r, "range");
            return this;
        }

        public Builder scaling(Scaling s) {
            this.scaling = Objects.requireNonNull(s, "scaling");
            return this;
        }

        public Builder title(String t) {
            this.title = t;
            return this;
        }

        /** A tile's side in logical pixels (default 48). */
        public Builder tileSize(int px) {
            if (px < 2) {
                throw new IllegalArgumentException("tile size must be at least 2 pixels, got " + px);
            }
            this.tileSize = px;
            return this;
        }

        /** Tiles per row (default: about the square root of the number of tiles). */
        public Builder columns(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("columns must be at least 1, got " + n);
            }
            this.columns = n;
            return this;
        }

        /** A label for the shared colour bar. */
        public Builder colorBar(String label) {
            this.colorBar = true;
            this.colorBarLabel = label;
            return this;
        }

        public Builder noColorBar() {
            this.colorBar = false;
            return this;
        }

        public GridFigure build() {
            return new GridFigure(this);
        }
    }
}
