package org.modelworkbench.visualizers.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.color.ColorMap;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class CompositeTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static HeatmapFigure hot(int row, int col) {
        FloatTensor m = FloatTensor.zeros(4, 4);
        m.values()[row * 4 + col] = 1;
        return HeatmapFigure.builder(m).size(80, 80).noColorBar().build();
    }

    @Test
    void sideBySidePanelsKeepTheirPixelsAndClicksReachThePanelsOwnHitTest() {
        HeatmapFigure before = hot(0, 0);
        HeatmapFigure after = hot(3, 2);
        Composite c = Composite.row(List.of(before, after), List.of("(a) before training", "(b) after training"),
                "Design A", Theme.LIGHT);
        Rectangle a = c.panelBounds(0);
        Rectangle b = c.panelBounds(1);
        assertThat(b.x).isGreaterThanOrEqualTo(a.x + a.width);
        assertThat(b.y).isEqualTo(a.y);
        assertThat(c.height()).isGreaterThan(a.y + a.height); // room for the captions
        BufferedImage img = c.render();
        Rectangle2D hotCell = after.cellBounds(3, 2);
        assertThat(img.getRGB(b.x + (int) hotCell.getCenterX(), b.y + (int) hotCell.getCenterY()))
                .isEqualTo(ColorMap.VIRIDIS.argb(1));
        Composite.Located at = c.locate(b.x + hotCell.getCenterX(), b.y + hotCell.getCenterY()).orElseThrow();
        assertThat(at.panel()).isEqualTo(1);
        assertThat(after.cellAt(at.x(), at.y())).contains(new Cell(3, 2));
        assertThat(c.locate(a.x + a.width + 1, a.y + 5)).isEmpty();
        assertThat(Pixels.inked(img, a.x, a.y + a.height + 1, a.width, c.height() - a.y - a.height - 1, 0xffffffff)).isTrue();
    }

    @Test
    void stackedPanelsGoTopToBottom() {
        Composite c = Composite.column(List.of(hot(0, 0), hot(1, 1)), null, null, Theme.LIGHT);
        assertThat(c.panelBounds(1).y).isGreaterThanOrEqualTo(c.panelBounds(0).y + c.panelBounds(0).height);
        assertThat(c.panelBounds(1).x).isEqualTo(c.panelBounds(0).x);
        assertThat(c.render().getHeight()).isEqualTo(c.height());
    }

    @Test
    void captionsMustMatchTheFigures() {
        assertThatThrownBy(() -> Composite.row(List.of(hot(0, 0)), List.of("a", "b"), null, Theme.LIGHT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 captions for 1 figures");
        assertThatThrownBy(() -> Composite.row(List.of(), null, null, Theme.LIGHT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
