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

class MatrixFigureTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static final FloatTensor CKA = FloatTensor.of(new float[] {1, 0.5f, 0.25f, 0.5f, 1, Float.NaN}, 2, 3);

    @Test
    void cellsTakeTheirValuesColourOnAFixedScaleAndNanIsLeftBlank() {
        MatrixFigure f = MatrixFigure.builder(CKA).range(ValueRange.fixed(0, 1)).cellSize(30).numbers(false)
                .rowLabels(List.of("a.stage1", "a.stage2")).columnLabels(List.of("b.stage1", "b.stage2", "b.stage3")).build();
        BufferedImage img = f.render();
        Rectangle2D c01 = f.cellBounds(0, 1);
        assertThat(Pixels.at(img, c01.getCenterX(), c01.getCenterY())).isEqualTo(ColorMap.VIRIDIS.argb(0.5));
        Rectangle2D c00 = f.cellBounds(0, 0);
        assertThat(Pixels.at(img, c00.getCenterX(), c00.getCenterY())).isEqualTo(ColorMap.VIRIDIS.argb(1));
        Rectangle2D nan = f.cellBounds(1, 2);
        assertThat(Pixels.at(img, nan.getCenterX(), nan.getCenterY())).isEqualTo(Theme.LIGHT.background());
        Rectangle bar = f.colorBarBounds().orElseThrow();
        assertThat(img.getRGB(bar.x + 3, bar.y)).isEqualTo(ColorMap.VIRIDIS.argb(1));
        assertThat(img.getRGB(bar.x + 3, bar.y + bar.height - 1)).isEqualTo(ColorMap.VIRIDIS.argb(0));
        // Row labels left of the matrix, column labels below it.
        Rectangle m = f.matrixBounds();
        assertThat(Pixels.inked(img, 0, m.y, m.x - 2, m.height, 0xffffffff)).isTrue();
        assertThat(Pixels.inked(img, m.x, m.y + m.height + 3, m.width, f.height() - m.y - m.height - 3, 0xffffffff)).isTrue();
    }

    @Test
    void smallMatricesGetTheirNumbersWrittenInContrastingInk() {
        MatrixFigure f = MatrixFigure.builder(CKA).range(ValueRange.fixed(0, 1)).cellSize(40).build();
        assertThat(f.showsNumbers()).isTrue();
        BufferedImage img = f.render();
        Rectangle2D dark = f.cellBounds(1, 1); // 1.0: yellow, black ink
        int ink = darkest(img, dark);
        assertThat(Pixels.channel(ink, 16)).isLessThan(90);
        Rectangle2D low = f.cellBounds(0, 2); // 0.25: dark blue, white ink
        int bright = brightest(img, low);
        assertThat(Pixels.channel(bright, 8)).isGreaterThan(200);
        MatrixFigure big = MatrixFigure.builder(FloatTensor.zeros(40, 40)).build();
        assertThat(big.showsNumbers()).isFalse();
    }

    private static int darkest(BufferedImage img, Rectangle2D r) {
        int best = 0xffffffff;
        for (int y = (int) r.getY() + 2; y < r.getMaxY() - 2; y++) {
            for (int x = (int) r.getX() + 2; x < r.getMaxX() - 2; x++) {
                if ((img.getRGB(x, y) & 0xff00) < (best & 0xff00)) {
                    best = img.getRGB(x, y);
                }
            }
        }
        return best;
    }

    private static int brightest(BufferedImage img, Rectangle2D r) {
        int best = 0;
        for (int y = (int) r.getY() + 2; y < r.getMaxY() - 2; y++) {
            for (int x = (int) r.getX() + 2; x < r.getMaxX() - 2; x++) {
                if ((img.getRGB(x, y) & 0xff00) > (best & 0xff00)) {
                    best = img.getRGB(x, y);
                }
            }
        }
        return best;
    }

    @Test
    void aClickFindsTheCellAndLongColumnLabelsStayInsideTheFigure() {
        List<String> layers = List.of("stage1.block0.attention", "stage1.block1.attention", "stage2.block0.attention");
        MatrixFigure f = MatrixFigure.builder(FloatTensor.zeros(3, 3)).labels(layers).cellSize(20).build();
        Rectangle2D c = f.cellBounds(2, 1);
        assertThat(f.cellAt(c.getCenterX(), c.getCenterY())).contains(new Cell(2, 1));
        assertThat(f.cellAt(f.matrixBounds().x - 1, c.getCenterY())).isEmpty();
        BufferedImage img = f.render();
        // The turned labels leave ink below the matrix, and nothing is drawn in the outer margin column.
        Rectangle m = f.matrixBounds();
        assertThat(Pixels.inked(img, 0, m.y + m.height + 4, f.width(), f.height() - m.y - m.height - 4, 0xffffffff)).isTrue();
        assertThat(Pixels.inked(img, 0, 0, 3, f.height(), 0xffffffff)).isFalse();
    }

    @Test
    void badInputIsRefusedNamingIt() {
        assertThatThrownBy(() -> MatrixFigure.builder(FloatTensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]");
        assertThatThrownBy(() -> MatrixFigure.builder(CKA).rowLabels(List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 row labels for 2 rows");
        assertThatThrownBy(() -> MatrixFigure.builder(CKA).numberFormat("%d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("%d");
    }

    @Test
    void theCsvCarriesTheLabels() {
        MatrixFigure f = MatrixFigure.builder(FloatTensor.of(new float[] {1, 0.5f, 0.5f, 1}, 2, 2))
                .labels(List.of("stage1", "stage2, last")).build();
        assertThat(f.csv().text()).isEqualTo(",stage1,\"stage2, last\"\r\nstage1,1.0,0.5\r\n\"stage2, last\",0.5,1.0\r\n");
    }
}
