package org.modelworkbench.visualizers.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.color.ColorMap;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class HeatmapFigureTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** A 4×6 map rising left to right, hottest at (2, 5), coldest at (0, 0). */
    private static FloatTensor planted() {
        float[] v = new float[24];
        for (int i = 0; i < 24; i++) {
            v[i] = (i % 6) + 0.1f * (i / 6);
        }
        v[2 * 6 + 5] = 100;
        v[0] = -50;
        return FloatTensor.of(v, 4, 6);
    }

    @Test
    void theHottestCellGetsTheTopColourAndTheColdestTheBottomColourWhereTheyLie() {
        HeatmapFigure f = HeatmapFigure.builder(planted()).size(120, 80).title("attention, head 3").build();
        BufferedImage img = f.render();
        assertThat(img.getWidth()).isEqualTo(f.width());
        assertThat(img.getHeight()).isEqualTo(f.height());
        Rectangle2D hot = f.cellBounds(2, 5);
        Rectangle2D cold = f.cellBounds(0, 0);
        assertThat(hot.getWidth()).isEqualTo(20.0);
        assertThat(Pixels.at(img, hot.getCenterX(), hot.getCenterY())).isEqualTo(ColorMap.VIRIDIS.argb(1));
        assertThat(Pixels.at(img, cold.getCenterX(), cold.getCenterY())).isEqualTo(ColorMap.VIRIDIS.argb(0));
        Rectangle2D mid = f.cellBounds(1, 2);
        double t = (2.1 - -50) / (100 - -50);
        assertThat(Pixels.at(img, mid.getCenterX(), mid.getCenterY())).isEqualTo(ColorMap.VIRIDIS.argb(t));
        assertThat(f.scale()).isEqualTo(new ValueScale(-50, 100));
    }

    @Test
    void theColourBarRunsFromTheTopColourAtTheTopToTheBottomColourAtTheBottom() {
        HeatmapFigure f = HeatmapFigure.builder(planted()).colorMap(ColorMap.MAGMA).colorBar("attention").build();
        BufferedImage img = f.render();
        Rectangle bar = f.colorBarBounds().orElseThrow();
        assertThat(bar.height).isEqualTo(f.mapBounds().height);
        int cx = bar.x + bar.width / 2;
        assertThat(img.getRGB(cx, bar.y + 1)).isEqualTo(ColorMap.MAGMA.argb(1 - 1.0 / (bar.height - 1)));
        assertThat(img.getRGB(cx, bar.y + bar.height - 2)).isEqualTo(ColorMap.MAGMA.argb(1.0 / (bar.height - 1)));
        assertThat(bar.x + bar.width).isLessThan(f.width());
        // Tick labels and the bar's label are drawn to the right of the bar.
        assertThat(Pixels.inked(img, bar.x + bar.width + 2, bar.y, f.width() - bar.x - bar.width - 2, bar.height,
                0xffffffff)).isTrue();
    }

    @Test
    void theUnderlayShowsThroughAtOpacityOneHalf() {
        FloatTensor map = FloatTensor.of(new float[] {0, 1, 1, 1}, 2, 2); // cell (0,0) is the bottom colour
        float[] grey = new float[8 * 8];
        java.util.Arrays.fill(grey, 0.8f);
        HeatmapFigure f = HeatmapFigure.builder(map).underlay(FloatTensor.of(grey, 1, 8, 8)).noColorBar().build();
        assertThat(f.mapBounds().getSize()).isEqualTo(new java.awt.Dimension(8, 8));
        BufferedImage img = f.render();
        Rectangle2D c = f.cellBounds(0, 0);
        int map0 = ColorMap.VIRIDIS.argb(0);
        int g = Math.round(0.8f * 255);
        int expected = 0xff000000 | mixed(map0 >> 16, g) << 16 | mixed(map0 >> 8, g) << 8 | mixed(map0, g);
        Pixels.assertClose(Pixels.at(img, c.getX() + 1, c.getY() + 1), expected, 2);
    }

    private static int mixed(int mapChannel, int under) {
        return Math.round(((mapChannel & 0xff) + under) / 2f);
    }

    @Test
    void anRgbUnderlayAtOpacityZeroIsTheImageItself() {
        float[] rgb = new float[3 * 4 * 4];
        java.util.Arrays.fill(rgb, 0, 16, 1f); // red plane
        HeatmapFigure f = HeatmapFigure.builder(FloatTensor.of(new float[] {1, 2, 3, 4}, 2, 2))
                .underlay(FloatTensor.of(rgb, 3, 4, 4)).opacity(0).build();
        BufferedImage img = f.render();
        Rectangle m = f.mapBounds();
        assertThat(img.getRGB(m.x + 3, m.y + 2)).isEqualTo(0xffff0000);
    }

    @Test
    void nanCellsAreTransparentSoTheImageShowsOrHatchedWhenAsked() {
        FloatTensor map = FloatTensor.of(new float[] {Float.NaN, 1, 2, 3}, 2, 2);
        HeatmapFigure plain = HeatmapFigure.builder(map).size(40, 40).build();
        assertThat(plain.mapLayer().getRGB(5, 5) >>> 24).isZero();
        assertThat(plain.mapLayer().getRGB(25, 25)).isEqualTo(ColorMap.VIRIDIS.argb(1));
        BufferedImage img = plain.render();
        Rectangle2D nan = plain.cellBounds(0, 0);
        assertThat(Pixels.at(img, nan.getCenterX(), nan.getCenterY())).isEqualTo(Theme.LIGHT.background());
        float[] grey = new float[40 * 40];
        java.util.Arrays.fill(grey, 0.25f);
        HeatmapFigure over = HeatmapFigure.builder(map).size(40, 40).underlay(FloatTensor.of(grey, 40, 40)).build();
        Rectangle2D c = over.cellBounds(0, 0);
        assertThat(Pixels.at(over.render(), c.getCenterX(), c.getCenterY())).isEqualTo(0xff404040);
        HeatmapFigure hatched = HeatmapFigure.builder(map).size(40, 40).nanStyle(HeatmapFigure.NanStyle.HATCHED).build();
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            colours.add(hatched.mapLayer().getRGB(i, 3));
        }
        assertThat(colours).hasSize(2).allMatch(c2 -> c2 >>> 24 == 0xff);
    }

    @Test
    void aClickMapsBackToTheCellUnderItAndOutsideTheMapToNothing() {
        HeatmapFigure f = HeatmapFigure.builder(FloatTensor.zeros(14, 14)).size(224, 224).title("pick a query").build();
        Rectangle m = f.mapBounds();
        assertThat(f.cellAt(m.x + 3 * 16 + 8, m.y + 5 * 16 + 15.9)).contains(new Cell(5, 3));
        assertThat(f.cellAt(m.x, m.y)).contains(new Cell(0, 0));
        assertThat(f.cellAt(m.x + 223.9, m.y + 223.9)).contains(new Cell(13, 13));
        assertThat(f.cellAt(m.x - 1, m.y + 10)).isEmpty();
        assertThat(f.cellAt(m.x + 224, m.y + 10)).isEmpty();
        for (int r = 0; r < 14; r += 3) {
            for (int c = 0; c < 14; c += 4) {
                Rectangle2D b = f.cellBounds(r, c);
                assertThat(f.cellAt(b.getCenterX(), b.getCenterY())).contains(new Cell(r, c));
            }
        }
    }

    @Test
    void bilinearUpsamplingBlendsBetweenCellCentres() {
        FloatTensor map = FloatTensor.of(new float[] {0, 1, 2, 3}, 2, 2);
        HeatmapFigure f = HeatmapFigure.builder(map).upsample(4, 4).noColorBar().build();
        BufferedImage layer = f.mapLayer();
        // Pixel (row 1, col 2) samples 1.25 of 0…3 (see BilinearTest).
        assertThat(layer.getRGB(2, 1)).isEqualTo(ColorMap.VIRIDIS.argb(1.25 / 3));
        assertThat(layer.getRGB(0, 0)).isEqualTo(ColorMap.VIRIDIS.argb(0));
    }

    @Test
    void aSymmetricRangeCentresZeroOnTheDivergingMapsWhite() {
        FloatTensor map = FloatTensor.of(new float[] {-1, 0, 4, 2}, 2, 2);
        HeatmapFigure f = HeatmapFigure.builder(map).colorMap(ColorMap.RDBU).range(ValueRange.symmetric()).build();
        assertThat(f.scale()).isEqualTo(new ValueScale(-4, 4));
        Rectangle2D zero = f.cellBounds(0, 1);
        assertThat(Pixels.at(f.render(), zero.getCenterX(), zero.getCenterY())).isEqualTo(0xffffffff);
        HeatmapFigure fixed = HeatmapFigure.builder(map).range(ValueRange.fixed(0, 2)).build();
        Rectangle2D over = fixed.cellBounds(1, 0);
        assertThat(Pixels.at(fixed.render(), over.getCenterX(), over.getCenterY())).isEqualTo(ColorMap.VIRIDIS.argb(1));
    }

    @Test
    void windowGridLinesAndTheQueryMarkerAreDrawnOnCellBorders() {
        FloatTensor map = FloatTensor.zeros(8, 8);
        HeatmapFigure plain = HeatmapFigure.builder(map).size(80, 80).noColorBar().build();
        HeatmapFigure gridded = HeatmapFigure.builder(map).size(80, 80).noColorBar().grid(4, 4).marker(1, 6).build();
        BufferedImage a = plain.render();
        BufferedImage b = gridded.render();
        Rectangle m = gridded.mapBounds();
        int bottom = ColorMap.VIRIDIS.argb(0.5);
        assertThat(a.getRGB(m.x + 40, m.y + 15)).isEqualTo(bottom);
        assertThat(b.getRGB(m.x + 40, m.y + 15)).isNotEqualTo(bottom); // the window border at column 4
        assertThat(b.getRGB(m.x + 15, m.y + 40)).isNotEqualTo(bottom); // and at row 4
        assertThat(b.getRGB(m.x + 15, m.y + 25)).isEqualTo(bottom);    // inside a window
        Rectangle2D q = gridded.cellBounds(1, 6);
        int edge = b.getRGB((int) q.getCenterX(), (int) q.getY());
        assertThat(Pixels.channel(edge, 16)).isGreaterThan(Pixels.channel(edge, 8) + 60); // red outline
    }

    @Test
    void aDoubleScaleThemeDoublesTheMapArea() {
        HeatmapFigure one = HeatmapFigure.builder(planted()).size(120, 80).build();
        HeatmapFigure two = HeatmapFigure.builder(planted()).size(120, 80).theme(Theme.LIGHT.withScale(2)).build();
        assertThat(two.mapBounds().width).isEqualTo(2 * one.mapBounds().width);
        assertThat(two.width()).isBetween(2 * one.width() - 4, 2 * one.width() + 4);
    }

    @Test
    void badInputIsRefusedNamingIt() {
        assertThatThrownBy(() -> HeatmapFigure.builder(FloatTensor.zeros(2, 3, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3, 4]");
        assertThatThrownBy(() -> HeatmapFigure.builder(FloatTensor.zeros(2, 2)).opacity(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> HeatmapFigure.builder(FloatTensor.zeros(2, 2)).marker(2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 0)");
        assertThatThrownBy(() -> HeatmapFigure.builder(FloatTensor.zeros(2, 2)).underlay(FloatTensor.zeros(2, 4, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 4, 4]");
    }

    @Test
    void theCsvHoldsTheMapAtItsOwnResolutionNotTheUpsampledPixels() {
        HeatmapFigure f = HeatmapFigure.builder(FloatTensor.of(new float[] {0, 1.5f, Float.NaN, 3}, 2, 2)).upsample(64, 64)
                .build();
        assertThat(f.csv().text()).isEqualTo("y,0,1\r\n0,0.0,1.5\r\n1,NaN,3.0\r\n");
    }

    @Test
    void anOutlineFramesItsCellsClippedToTheMapAndLeavesTheCellsInsideUntouched() {
        FloatTensor flat = FloatTensor.of(new float[36], 6, 6);
        HeatmapFigure plain = HeatmapFigure.builder(flat).size(60, 60).noColorBar().build();
        HeatmapFigure framed = HeatmapFigure.builder(flat).size(60, 60).noColorBar().outline(2, 2, 3, 3).build();
        BufferedImage a = plain.render();
        BufferedImage b = framed.render();
        Rectangle2D corner = framed.cellBounds(2, 2);
        assertThat(Pixels.at(b, corner.getX() + 1, corner.getY() + 5)).isNotEqualTo(Pixels.at(a, corner.getX() + 1,
                corner.getY() + 5));
        Rectangle2D far = framed.cellBounds(0, 0);
        assertThat(Pixels.at(b, far.getCenterX(), far.getCenterY())).isEqualTo(Pixels.at(a, far.getCenterX(), far.getCenterY()));
        // a field larger than the map is drawn along the map's border
        BufferedImage c = HeatmapFigure.builder(flat).size(60, 60).noColorBar().outline(-5, -5, 10, 10).build().render();
        Rectangle2D edge = framed.cellBounds(3, 0);
        assertThat(Pixels.at(c, edge.getX() + 1, edge.getCenterY())).isNotEqualTo(Pixels.at(a, edge.getX() + 1,
                edge.getCenterY()));
        assertThatThrownBy(() -> HeatmapFigure.builder(flat).outline(3, 3, 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }
}
