package org.modelworkbench.editor.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;

class CostFormatTest {

    @Test
    void countsGetThousandsSeparatorsAndLargeOnesAnSiPrefix() {
        assertThat(CostFormat.grouped(11_689_512)).isEqualTo("11,689,512");
        assertThat(CostFormat.count(1_728)).isEqualTo("1,728");
        assertThat(CostFormat.count(11_689_512)).isEqualTo("11,689,512 (11.7 M)");
        assertThat(CostFormat.si(0)).isEqualTo("0");
        assertThat(CostFormat.si(999)).isEqualTo("999");
        assertThat(CostFormat.si(1_728)).isEqualTo("1.73 K");
        assertThat(CostFormat.si(999_600)).isEqualTo("1.00 M");
        assertThat(CostFormat.si(1_823_522_816L)).isEqualTo("1.82 G");
        assertThat(CostFormat.si(376_300_000_000L)).isEqualTo("376 G");
    }

    @Test
    void memoryIsWrittenInBinaryUnits() {
        assertThat(CostFormat.bytes(512)).isEqualTo("512 B");
        assertThat(CostFormat.bytes(3_136)).isEqualTo("3.06 KiB");
        assertThat(CostFormat.bytes(2_073_192)).isEqualTo("1.98 MiB");
    }

    @Test
    void sharesArePercentagesWithSensibleDigits() {
        assertThat(CostFormat.percent(0)).isEqualTo("0 %");
        assertThat(CostFormat.percent(0.00001)).isEqualTo("< 0.01 %");
        assertThat(CostFormat.percent(0.0036)).isEqualTo("0.36 %");
        assertThat(CostFormat.percent(0.116)).isEqualTo("11.6 %");
        assertThat(CostFormat.percent(1)).isEqualTo("100 %");
    }

    @Test
    void shapesAreJoinedAndMissingOnesShownAsADash() {
        assertThat(CostFormat.shapes(List.of(Shape.of(1, 64, 56, 56)))).isEqualTo("1×64×56×56");
        assertThat(CostFormat.shapes(List.of(Shape.of(1, 8), Shape.of(1, 4)))).isEqualTo("1×8, 1×4");
        assertThat(CostFormat.shapes(List.of())).isEqualTo("—");
    }
}
