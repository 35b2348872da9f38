package org.modelworkbench.visualizers.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.color.ColorMap;

class ColorBarTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void theBarsEndsAreTheMapsEndsAndTheTicksLieWithinTheRange() {
        ColorBar bar = new ColorBar(ColorMap.VIRIDIS, new ValueScale(-0.3, 1.7), "CKA", 200, Theme.LIGHT);
        BufferedImage img = bar.render();
        Rectangle r = bar.barBounds();
        assertThat(r.height).isEqualTo(200);
        assertThat(img.getRGB(r.x + r.width / 2, r.y)).isEqualTo(ColorMap.VIRIDIS.argb(1));
        assertThat(img.getRGB(r.x + r.width / 2, r.y + r.height - 1)).isEqualTo(ColorMap.VIRIDIS.argb(0));
        assertThat(bar.ticks()).isNotEmpty().allMatch(t -> t >= -0.3 && t <= 1.7).contains(0.0, 1.0);
    }

    @Test
    void aZeroWidthScaleHasOneTickAtItsValue() {
        ColorBar bar = new ColorBar(ColorMap.BLUES, new ValueScale(2, 2), null, 50, Theme.LIGHT);
        assertThat(bar.ticks()).containsExactly(2.0);
    }

    @Test
    void valueRangesComeFromTheDataIgnoringNanAndInfinity() {
        float[] v = {Float.NaN, -2, 5, Float.POSITIVE_INFINITY};
        assertThat(ValueRange.auto().resolve(v)).isEqualTo(new ValueScale(-2, 5));
        assertThat(ValueRange.symmetric().resolve(v)).isEqualTo(new ValueScale(-5, 5));
        assertThat(ValueRange.fixed(0, 1).resolve(v)).isEqualTo(new ValueScale(0, 1));
        assertThat(ValueRange.auto().resolve(new float[] {Float.NaN})).isEqualTo(new ValueScale(0, 1));
        assertThat(new ValueScale(3, 3).t(3)).isEqualTo(0.5);
        assertThat(new ValueScale(0, 4).t(1)).isEqualTo(0.25);
        assertThat(new ValueScale(0, 4).t(9)).isEqualTo(1.0);
        assertThatThrownBy(() -> ValueRange.fixed(1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.0 … 1.0");
    }
}
