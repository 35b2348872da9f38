package org.modelworkbench.visualizers.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Rectangle;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScatterFigureTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static final double[] X = {0, 10, 5, 5.2};
    private static final double[] Y = {0, 10, 5, 5};

    @Test
    void pointsAreColouredByCategoryAndPlacedOnTheAxes() {
        ScatterFigure f = ScatterFigure.builder(X, Y).categories(new int[] {0, 1, 2, 2}, List.of("cat", "dog", "ship"))
                .size(200, 200).build();
        Rectangle p = f.plotBounds();
        assertThat(f.pixelOf(0)).isEqualTo(new Point2D.Double(p.x, p.y + p.height));
        assertThat(f.pixelOf(1)).isEqualTo(new Point2D.Double(p.x + p.width, p.y));
        BufferedImage img = f.render();
        Point2D dog = f.pixelOf(1);
        assertThat(img.getRGB((int) dog.getX() - 1, (int) dog.getY())).isEqualTo(Palette.color(1));
        // The legend names the categories to the right of the plot.
        assertThat(Pixels.inked(img, p.x + p.width + 8, p.y, f.width() - p.x - p.width - 8, 60, 0xffffffff)).isTrue();
    }

    @Test
    void aClickFindsTheNearestPointInReachAndHighlightedPointsWin() {
        ScatterFigure f = ScatterFigure.builder(X, Y).size(200, 200).build();
        Point2D a = f.pixelOf(2);
        assertThat(f.pointAt(a.getX() + 1, a.getY())).hasValue(2);
        Point2D b = f.pixelOf(3);
        assertThat(f.pointAt(b.getX() + 0.5, b.getY())).hasValue(3);
        assertThat(f.pointAt(a.getX(), a.getY() - 30)).isEmpty();
        ScatterFigure h = ScatterFigure.builder(X, Y).size(200, 200).highlight(3).build();
        assertThat(h.pointAt(h.pixelOf(2).getX(), h.pixelOf(2).getY())).hasValue(3);
        BufferedImage img = h.render();
        Point2D ring = h.pixelOf(3);
        assertThat(Pixels.inked(img, (int) ring.getX() - 7, (int) ring.getY() - 7, 3, 14, 0xffffffff)).isTrue();
    }

    @Test
    void badInputIsRefusedNamingIt() {
        assertThatThrownBy(() -> ScatterFigure.builder(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 1");
        assertThatThrownBy(() -> ScatterFigure.builder(X, Y).categories(new int[] {0, 0, 0, 3}, List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 3 has category 3");
        assertThatThrownBy(() -> ScatterFigure.builder(X, Y).highlight(4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4");
    }

    @Test
    void theCsvNamesEachPointsCategoryAndHighlight() {
        ScatterFigure f = ScatterFigure.builder(new double[] {1, 2}, new double[] {3, 4})
                .categories(new int[] {1, 0}, List.of("cat", "dog")).highlight(1).build();
        assertThat(f.csv().text()).isEqualTo("index,x,y,category,highlighted\r\n0,1.0,3.0,dog,false\r\n1,2.0,4.0,cat,true\r\n");
    }
}
