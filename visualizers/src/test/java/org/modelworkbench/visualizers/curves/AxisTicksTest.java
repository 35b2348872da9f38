package org.modelworkbench.visualizers.curves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AxisTicksTest {

    @Test
    void linearTicksTakeNiceStepsAndCoverTheRange() {
        AxisTicks t = AxisTicks.linear(0.137, 2.31, 6);
        assertThat(t.step()).isEqualTo(0.5);
        assertThat(t.min()).isEqualTo(0);
        assertThat(t.max()).isEqualTo(2.5);
        assertThat(t.values()).containsExactly(0.0, 0.5, 1.0, 1.5, 2.0, 2.5);
        AxisTicks steps = AxisTicks.linear(0, 46_900, 8);
        assertThat(steps.step()).isEqualTo(10_000);
        assertThat(steps.max()).isEqualTo(50_000);
        assertThat(steps.label(20_000)).isEqualTo("20k");
        assertThat(t.label(1.5)).isEqualTo("1.5");
    }

    @Test
    void aFlatRangeIsWidenedAroundItsValue() {
        AxisTicks t = AxisTicks.linear(0.9, 0.9, 5);
        assertThat(t.min()).isLessThan(0.9);
        assertThat(t.max()).isGreaterThan(0.9);
        AxisTicks zero = AxisTicks.linear(0, 0, 5);
        assertThat(zero.min()).isLessThan(0);
        assertThat(zero.max()).isGreaterThan(0);
    }

    @Test
    void logTicksArePowersOfTenAndTwoAndFiveTimesThemOverAShortRange() {
        AxisTicks wide = AxisTicks.log(3e-4, 25);
        assertThat(wide.min()).isEqualTo(1e-4, org.assertj.core.data.Offset.offset(1e-18));
        assertThat(wide.max()).isEqualTo(100, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(wide.values()).hasSize(7);
        assertThat(wide.label(1e-3)).isEqualTo("1e-3");
        AxisTicks narrow = AxisTicks.log(0.3, 4);
        assertThat(narrow.values()).hasSize(7).contains(0.2, 0.5, 1.0, 2.0, 5.0);
        assertThatThrownBy(() -> AxisTicks.log(0, 1)).hasMessageContaining("positive");
    }

    @Test
    void compactNumbersAreShortAndExact() {
        assertThat(AxisTicks.compact(0.25)).isEqualTo("0.25");
        assertThat(AxisTicks.compact(0.0003)).isEqualTo("3e-4");
        assertThat(AxisTicks.compact(12_000)).isEqualTo("12k");
        assertThat(AxisTicks.compact(1_500_000)).isEqualTo("1.5M");
        assertThat(AxisTicks.compact(5)).isEqualTo("5");
        assertThat(AxisTicks.compact(42.5)).isEqualTo("42.5");
    }
}
