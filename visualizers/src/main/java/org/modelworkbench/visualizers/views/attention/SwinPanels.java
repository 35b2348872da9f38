package org.modelworkbench.visualizers.views.attention;

import java.util.List;
import java.util.Map;
import org.modelworkbench.visualizers.render.Cell;
import org.modelworkbench.visualizers.render.HeatmapFigure;
import org.modelworkbench.visualizers.swin.SwinAttentionStitch;
import org.modelworkbench.visualizers.swin.SwinWindows;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.Panel;

/** The panel of Swin's window attention (views-exact §2): a query's weights put back on the image. */
final class SwinPanels {
    private SwinPanels() {
    }

    static List<Panel> render(Context ctx) {
        return List.of(query(ctx));
    }

    static SwinWindows windows(Context ctx) {
        int rows = ctx.integer(AttentionBundle.SHIFT_ROWS);
        int cols = ctx.integer(AttentionBundle.SHIFT_COLS);
        if (rows != cols) {
            throw new IllegalArgumentException(ctx.layer().name() + " shifts its windows by " + rows + " rows but " + cols
                    + " columns; the view draws equal shifts only");
        }
        return new SwinWindows(ctx.integer(AttentionBundle.HEIGHT), ctx.integer(AttentionBundle.WIDTH),
                ctx.integer(AttentionBundle.WINDOW), rows);
    }

    static Panel query(Context ctx) {
        SwinWindows w = windows(ctx);
        FloatTensor att = ctx.tensor(AttentionBundle.ATTENTION);
        int heads = att.rank() == 5 ? att.dim(2) : att.dim(1);
        int head = ctx.head(heads, "heads");
        Cell q = ctx.query(w.height(), w.width());
        SwinAttentionStitch.Maps maps = SwinAttentionStitch.queryMaps(att, w, ctx.image(), q.row(), q.col());
        FloatTensor map = head < 0 ? maps.mean() : maps.perHead().select(head);
        int m = w.windowSize();
        String geometry = w.windowCount() + (w.windowCount() == 1 ? " window" : " windows") + " of " + m + "×" + m
                + (w.shift() > 0 ? ", shifted by " + w.shift() : ", not shifted");
        String who = head < 0 ? "mean of " + heads + " heads" : "head " + head;
        HeatmapFigure fig = VitPanels.overImage(ctx, map, HeatmapFigure.Interpolation.NEAREST)
                .grid(m, m, w.shift(), w.shift())
                .marker(q.row(), q.col())
                .title(ctx.layer().name() + " · " + geometry + " · " + who + " · query (" + q.row() + ", " + q.col() + ") · "
                        + ctx.imageLabel())
                .colorBar("attention probability").build();
        String caption = "Swin (Liu et al. 2021) attends only inside a window: the cells are the softmax weights the "
                + "outlined query token gives the keys of its window (" + who + "), put back at their original positions "
                + "on the " + w.height() + "×" + w.width() + " token map (the cyclic shift undone); outside its window "
                + "the map is blank. Lines are this block's window borders" + (w.shift() > 0
                ? " (shifted by " + w.shift() + "; a window that wraps around the edge shows in pieces, its parts masked "
                + "from each other)" : "") + ". Click a token to make it the query.";
        return new Panel("query", "Window attention of one query", fig, Map.of("", fig.csv()), caption,
                VitPanels.cellPicker(fig));
    }
}
