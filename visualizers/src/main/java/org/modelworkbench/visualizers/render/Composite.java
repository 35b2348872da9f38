package org.modelworkbench.visualizers.render;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Figures side by side ({@link #row}) or stacked ({@link #column}), each with an optional caption
 * beneath it and an optional title over all: "two designs", "before / after training". Panels are
 * aligned at their top (row) or left edge (column) and keep their own size; side by side, the
 * captions share one line under the tallest panel.
 */
public final class Composite implements Figure {

    /**
     * Where a figure pixel falls: panel {@code panel} (0-based), at ({@code x}, {@code y}) in that
     * panel's own coordinates, so the panel's hit test ({@code cellAt}, {@code tileAt}, …) applies.
     */
    public record Located(int panel, double x, double y) {
    }

    private final List<Figure> panels;
    private final List<String> captions;
    private final String title;
    private final Theme theme;
    private final List<Rectangle> bounds = new ArrayList<>();
    private final int captionH;
    private final boolean horizontal;
    private final int width;
    private final int height;

    private Composite(boolean horizontal, List<? extends Figure> panels, List<String> captions, String title,
            Theme theme) {
        if (panels == null || panels.isEmpty()) {
            throw new IllegalArgumentException("a composite needs at least one figure");
        }
        if (captions != null && captions.size() != panels.size()) {
            throw new IllegalArgumentException(captions.size() + " captions for " + panels.size() + " figures");
        }
        this.panels = List.copyOf(panels);
        this.horizontal = horizontal;
        this.captions = captions == null ? null : captions.stream().map(c -> c == null ? "" : c).toList();
        this.title = title == null ? "" : title;
        this.theme = Objects.requireNonNull(theme, "theme");
        Font lf = theme.labelFont();
        Font tf = theme.titleFont();
        int m = theme.px(theme.margin());
        int gap = theme.px(16);
        this.captionH = this.captions == null ? 0 : (int) Math.ceil(Text.height(lf)) + theme.px(4);
        int titleH = this.title.isEmpty() ? 0 : (int) Math.ceil(Text.height(tf)) + theme.px(8);
        int x = m;
        int y = m + titleH;
        int w = 0;
        int h = 0;
        for (Figure f : this.panels) {
            bounds.add(new Rectangle(x, y, f.width(), f.height()));
            if (horizontal) {
                x += f.width() + gap;
                w = x - gap;
                h = Math.max(h, y + f.height() + captionH);
            } else {
                y += f.height() + captionH + gap;
                h = y - gap;
                w = Math.max(w, x + f.width());
            }
        }
        double titleW = Text.width(tf, this.title) + 2 * m;
        double captionW = 0;
        if (this.captions != null) {
            for (String c : this.captions) {
                captionW = Math.max(captionW, Text.width(lf, c));
            }
        }
        this.width = (int) Math.max(w + m, Math.max(titleW, horizontal ? 0 : captionW + 2 * m));
        this.height = h + m;
    }

    /** Figures side by side, left to right; {@code captions} (one per figure) may be null. */
    public static Composite row(List<? extends Figure> figures, List<String> captions, String title, Theme theme) {
        return new Composite(true, figures, captions, title, theme);
    }

    /** Figures stacked, top to bottom; {@code captions} (one per figure) may be null. */
    public static Composite column(List<? extends Figure> figures, List<String> captions, String title, Theme theme) {
        return new Composite(false, figures, captions, title, theme);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    private int rowBottom() {
        int bottom = 0;
        for (Rectangle b : bounds) {
            bottom = Math.max(bottom, b.y + b.height);
        }
        return bottom;
    }

    /** Where panel {@code i} lies in this figure. */
    public Rectangle panelBounds(int i) {
        if (i < 0 || i >= panels.size()) {
            throw new IllegalArgumentException("panel " + i + " of " + panels.size());
        }
        return new Rectangle(bounds.get(i));
    }

    /** The panel under the figure pixel (x, y) and the point in its coordinates; empty between panels. */
    public Optional<Located> locate(double x, double y) {
        for (int i = 0; i < bounds.size(); i++) {
            Rectangle b = bounds.get(i);
            if (x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height) {
                return Optional.of(new Located(i, x - b.x, y - b.y));
            }
        }
        return Optional.empty();
    }

    @Override
    public void paint(Graphics2D g) {
        g.setColor(Theme.color(theme.background()));
        g.fillRect(0, 0, width, height);
        int m = theme.px(theme.margin());
        g.setColor(Theme.color(theme.text()));
        if (!title.isEmpty()) {
            Text.draw(g, theme.titleFont(), title, width / 2.0, m, 0.5, 0);
        }
        Font lf = theme.labelFont();
        for (int i = 0; i < panels.size(); i++) {
            Rectangle b = bounds.get(i);
            AffineTransform saved = g.getTransform();
            java.awt.Shape clip = g.getClip();
            g.translate(b.x, b.y);
            g.clipRect(0, 0, b.width, b.height);
            panels.get(i).paint(g);
            g.setTransform(saved);
            g.setClip(clip);
            if (captions != null) {
                g.setColor(Theme.color(theme.text()));
                // Side by side, captions share one baseline under the tallest panel.
                int top = horizontal ? rowBottom() : b.y + b.height;
                String caption = horizontal ? Text.fit(lf, captions.get(i), b.width + theme.px(12)) : captions.get(i);
                Text.draw(g, lf, caption, b.x + b.width / 2.0, top + theme.px(2), 0.5, 0);
            }
        }
    }
}
