package org.modelworkbench.editor.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

class ColorScaleTest {

    @Test
    void theLargestValueTakesTheTopColourAndTheSmallestTheBottomOne() {
        ColorScale s = ColorScale.sequential(2, 10, ColorScale.Mapping.LINEAR);
        assertThat(s.colorOf(10)).isEqualTo(s.top()).isEqualTo(Color.web("#fde725"));
        assertThat(s.colorOf(2)).isEqualTo(s.bottom()).isEqualTo(Color.web("#440154"));
        assertThat(s.colorOf(99)).as("beyond the domain: the end colour").isEqualTo(s.top());
        assertThat(s.position(6)).isCloseTo(0.5, within(1e-12));
        assertThat(s.colorOf(Double.NaN)).isNull();
    }

    @Test
    void aLogScaleSpacesDecadesEvenly() {
        ColorScale s = ColorScale.sequential(1e-4, 1, ColorScale.Mapping.LOG);
        assertThat(s.position(1e-2)).isCloseTo(0.5, within(1e-12));
        assertThat(s.position(1e-3)).isCloseTo(0.25, within(1e-12));
        assertThat(s.position(0)).as("not positive: the bottom").isZero();
        assertThatThrownBy(() -> ColorScale.sequential(0, 1, ColorScale.Mapping.LOG))
                .hasMessageContaining("positive minimum");
    }

    @Test
    void aDivergingScaleIsWhiteAtItsCentre() {
        ColorScale s = ColorScale.diverging(-2, 0, 8);
        assertThat(s.position(0)).isEqualTo(0.5);
        assertThat(s.position(-1)).isCloseTo(0.25, within(1e-12));
        assertThat(s.position(4)).isCloseTo(0.75, within(1e-12));
        assertThat(s.colorOf(0)).isEqualTo(Color.web("#f7f7f7"));
        assertThatThrownBy(() -> ColorScale.diverging(0, 5, 1)).hasMessageContaining("centre 5.0 is outside 0.0 … 1.0");
        assertThatThrownBy(() -> ColorScale.sequential(3, 1, ColorScale.Mapping.LINEAR)).hasMessageContaining("not a finite range");
    }

    @Test
    void aFittedScaleSpansTheFiniteValuesAndForALogScaleThePositiveOnes() {
        ColorScale lin = ColorScale.fit(Arrays.asList(3.0, Double.NaN, -1.0, 7.0, null), ColorScale.Mapping.LINEAR);
        assertThat(lin.min()).isEqualTo(-1);
        assertThat(lin.max()).isEqualTo(7);
        ColorScale log = ColorScale.fit(Arrays.asList(0.0, 1e-3, 0.5), ColorScale.Mapping.LOG);
        assertThat(log.min()).isEqualTo(1e-3);
        assertThat(log.max()).isEqualTo(0.5);
        ColorScale none = ColorScale.fit(Arrays.asList(Double.NaN), ColorScale.Mapping.LOG);
        assertThat(none.min()).isPositive();
        ColorScale one = ColorScale.fit(Arrays.asList(4.0, 4.0), ColorScale.Mapping.LINEAR);
        assertThat(one.colorOf(4)).as("a single value is the top").isEqualTo(one.top());
    }

    @Test
    void textGoesWhiteOnTheDarkEndAndBlackOnTheLightEnd() {
        assertThat(ColorScale.isDark(ColorScale.VIRIDIS.get(0))).isTrue();
        assertThat(ColorScale.isDark(ColorScale.VIRIDIS.get(8))).isFalse();
    }
}
