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
}
