package org.modelworkbench.visualizers.color;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

class ColorMapTest {

    @Test
    void theEndsAreTheFirstAndLastStopsAndValuesOutsideAreClamped() {
        assertThat(ColorMap.VIRIDIS.at(0)).isEqualTo(Color.web("#440154"));
        assertThat(ColorMap.VIRIDIS.at(1)).isEqualTo(Color.web("#fde725"));
        assertThat(ColorMap.VIRIDIS.at(-3)).isEqualTo(ColorMap.VIRIDIS.at(0));
        assertThat(ColorMap.VIRIDIS.at(7)).isEqualTo(ColorMap.VIRIDIS.at(1));
        assertThat(ColorMap.VIRIDIS.at(Double.NaN)).isEqualTo(ColorMap.VIRIDIS.at(0));
        assertThat(ColorMap.BLUES.at(0.5)).isEqualTo(Color.web("#6baed6"));
    }

    @Test
    void betweenStopsTheColourIsMixed() {
        Color mid = ColorMap.BLUES.at(1 / 16.0);
        Color a = Color.web("#f7fbff");
        Color b = Color.web("#deebf7");
        assertThat(mid.getRed()).isBetween(Math.min(a.getRed(), b.getRed()), Math.max(a.getRed(), b.getRed()));
        assertThat(mid).isNotIn(a, b);
    }

    @Test
    void textIsWhiteOnDarkCellsAndBlackOnLightOnes() {
        assertThat(ColorMap.textOn(ColorMap.BLUES.at(1))).isEqualTo(Color.WHITE);
        assertThat(ColorMap.textOn(ColorMap.BLUES.at(0))).isEqualTo(Color.BLACK);
        assertThat(ColorMap.textOn(ColorMap.VIRIDIS.at(0))).isEqualTo(Color.WHITE);
        assertThat(ColorMap.textOn(ColorMap.VIRIDIS.at(1))).isEqualTo(Color.BLACK);
    }

    @Test
    void argbIsTheSameColourAsTheFxColourRoundedTo8Bits() {
        for (ColorMap map : ColorMap.values()) {
            for (double t : new double[] {-1, 0, 0.1, 1 / 3.0, 0.5, 0.77, 1, 2, Double.NaN}) {
                Color c = map.at(t);
                int expected = 0xff000000 | (int) Math.round(c.getRed() * 255) << 16
                        | (int) Math.round(c.getGreen() * 255) << 8 | (int) Math.round(c.getBlue() * 255);
                assertThat(map.argb(t)).as(map + " at " + t).isEqualTo(expected);
            }
        }
        assertThat(ColorMap.VIRIDIS.argb(1)).isEqualTo(0xfffde725);
        assertThat(ColorMap.VIRIDIS.argb(0)).isEqualTo(0xff440154);
    }

    @Test
    void theDivergingMapIsBlueBelowWhiteAtTheMiddleAndRedAbove() {
        assertThat(ColorMap.RDBU.argb(0.5)).isEqualTo(0xffffffff);
        int low = ColorMap.RDBU.argb(0.1);
        int high = ColorMap.RDBU.argb(0.9);
        assertThat(low & 0xff).isGreaterThan((low >> 16) & 0xff);
        assertThat((high >> 16) & 0xff).isGreaterThan(high & 0xff);
    }

    @Test
    void magmaRunsFromNearBlackToPaleYellowGettingBrighter() {
        double previous = -1;
        for (int i = 0; i <= 10; i++) {
            Color c = ColorMap.MAGMA.at(i / 10.0);
            double brightness = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
            assertThat(brightness).isGreaterThan(previous);
            previous = brightness;
        }
        assertThat(ColorMap.MAGMA.argb(0)).isEqualTo(0xff000004);
    }

    @Test
    void textOnArgbAgreesWithTheFxRule() {
        for (ColorMap map : ColorMap.values()) {
            for (int i = 0; i <= 20; i++) {
                int expected = ColorMap.textOn(map.at(i / 20.0)).equals(Color.BLACK) ? 0xff000000 : 0xffffffff;
                assertThat(ColorMap.textOnArgb(map.argb(i / 20.0))).isEqualTo(expected);
            }
        }
    }
}
