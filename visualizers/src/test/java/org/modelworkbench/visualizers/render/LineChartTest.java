package org.modelworkbench.visualizers.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Rectangle;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LineChartTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static final List<String> LAYERS = List.of("stem", "stage1.block0", "stage2.block0", "stage3.block0");

    @Test
    void categoriesSitAtEvenlySpacedSlotCentresAndYFollowsTheNiceAxis() {
        LineChart c = LineChart.categorical(LAYERS).series("ViT", new double[] {0, -1, -2, -3})
                .series("CNN", new double[] {0, -0.5, -0.75, -1}).size(400, 200).build();
        Rectangle p = c.plotBounds();
        assertThat(p.width).isEqualTo(400);
        assertThat(c.pixelOf(0, 0).getX()).isCloseTo(p.x + 50.0, within(1e-9));
        assertThat(c.pixelOf(0, 3).getX()).isCloseTo(p.x + 350.0, within(1e-9));
        assertThat(c.yTicks()).startsWith(-3.0).endsWith(0.0);
        assertThat(c.pixelOf(0, 0).getY()).isCloseTo(p.y, within(1e-9));
        assertThat(c.pixelOf(0, 3).getY()).isCloseTo(p.y + p.height, within(1e-9));
        assertThat(c.pixelOf(1, 2).getY()).isCloseTo(p.y + p.height * 0.25, within(1e-9));
    }

    @Test
    void eachSeriesIsDrawnInItsPaletteColourWithALegendEntry() {
        LineChart c = LineChart.categorical(LAYERS).series("ViT", new double[] {0, -1, -2, -3})
                .series("CNN", new double[] {0, -0.5, -0.75, -1}).size(400, 200).build();
        BufferedImage img = c.render();
        Point2D vit = c.pixelOf(0, 2);
        Point2D cnn = c.pixelOf(1, 2);
        assertThat(img.getRGB((int) vit.getX(), (int) vit.getY())).isEqualTo(Palette.color(0));
        assertThat(img.getRGB((int) cnn.getX(), (int) cnn.getY())).isEqualTo(Palette.color(1));
        Rectangle p = c.plotBounds();
        assertThat(Pixels.inked(img, p.x + p.width + 5, p.y, c.width() - p.x - p.width - 5, 40, 0xffffffff)).isTrue();
    }

    @Test
    void longLayerNamesAreTurnedAndKeptInsideTheFigure() {
        List<String> names = List.of("features.stage1.block0.mixer", "features.stage1.block1.mixer",
                "features.stage2.block0.mixer", "features.stage2.block1.mixer", "features.stage3.block0.mixer");
        LineChart c = LineChart.categorical(names).series("d", new double[] {1, 2, 3, 4, 5}).size(300, 150).build();
        BufferedImage img = c.render();
        Rectangle p = c.plotBounds();
        int below = c.height() - p.y - p.height;
        assertThat(below).isGreaterThan(100); // room for the turned labels
        assertThat(Pixels.inked(img, 0, p.y + p.height + 4, p.x, below - 4, 0xffffffff)).isTrue();
        assertThat(Pixels.inked(img, 0, 0, 2, c.height(), 0xffffffff)).isFalse();
    }

    @Test
    void nanLeavesAGapAndAFixedRangeOrLogAxisIsHonoured() {
        LineChart gap = LineChart.categorical(LAYERS).series("s", new double[] {0, Double.NaN, 2, 3}).markers(false)
                .size(400, 200).build();
        BufferedImage img = gap.render();
        Rectangle p = gap.plotBounds();
        // Between slot 0 (y = 0) and slot 2 nothing is drawn along where the line would run.
        double midX = p.x + 100;
        int drawn = 0;
        for (int y = p.y + 1; y < p.y + p.height - 1; y++) {
            if (img.getRGB((int) midX, y) == Palette.color(0)) {
                drawn++;
            }
        }
        assertThat(drawn).isZero();
        LineChart fixed = LineChart.categorical(LAYERS).series("s", new double[] {0.2, 0.4, 0.6, 0.8}).yRange(0, 1).build();
        assertThat(fixed.yTicks()).startsWith(0.0).endsWith(1.0);
        LineChart log = LineChart.numeric().series("radial", new double[] {1, 2, 3}, new double[] {1, 0.1, 0.01})
                .logY(true).size(300, 200).build();
        Rectangle lp = log.plotBounds();
        assertThat(log.pixelOf(0, 1).getY()).isCloseTo(lp.y + lp.height / 2.0, within(1e-9));
    }

    @Test
    void numericXSpansTheDataWithNiceTicks() {
        LineChart c = LineChart.numeric().series("ERF ratio", new double[] {1, 2, 4, 8}, new double[] {0.1, 0.2, 0.3, 0.4})
                .size(400, 200).build();
        Rectangle p = c.plotBounds();
        // x axis 0…8 (nice ticks): x = 4 sits in the middle.
        assertThat(c.pixelOf(0, 2).getX()).isCloseTo(p.x + 200.0, within(1e-9));
    }

    @Test
    void seriesThatDoNotFitTheChartAreRefusedNamingThem() {
        assertThatThrownBy(() -> LineChart.categorical(LAYERS).series("short", new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'short' has 2 values for 4 categories");
        assertThatThrownBy(() -> LineChart.numeric().series("odd", new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'odd'");
        assertThatThrownBy(() -> LineChart.numeric().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one series");
    }

    @Test
    void theCsvIsATablePerCategoryOrALongTableOfPoints() {
        LineChart c = LineChart.categorical(List.of("stem", "head")).series("ViT", new double[] {0, -1})
                .series("CNN", new double[] {Double.NaN, 2}).build();
        assertThat(c.csv().text()).isEqualTo("category,ViT,CNN\r\nstem,0.0,NaN\r\nhead,-1.0,2.0\r\n");
        LineChart n = LineChart.numeric().series("r", new double[] {1, 2}, new double[] {0.5, 0.25}).build();
        assertThat(n.csv().text()).isEqualTo("series,x,y\r\nr,1.0,0.5\r\nr,2.0,0.25\r\n");
    }
}
