package org.modelworkbench.visualizers.curves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeriesBufferTest {

    @Test
    void itGrowsPastItsCapacityKeepingEveryPoint() {
        SeriesBuffer s = new SeriesBuffer(4);
        for (int i = 0; i < 1000; i++) {
            s.add(i * 10, i * 0.5);
        }
        assertThat(s.size()).isEqualTo(1000);
        assertThat(s.x(999)).isEqualTo(9990);
        assertThat(s.y(500)).isEqualTo(250);
        assertThat(s.xs()).hasSize(1000);
        assertThat(s.lastX()).isEqualTo(9990);
    }

    @Test
    void nearestFindsTheClosestPointWithAValue() {
        SeriesBuffer s = new SeriesBuffer();
        s.add(0, 1);
        s.add(10, 2);
        s.add(20, Double.NaN);
        s.add(30, 4);
        assertThat(s.nearest(-5)).isEqualTo(0);
        assertThat(s.nearest(4)).isEqualTo(0);
        assertThat(s.nearest(6)).isEqualTo(1);
        assertThat(s.nearest(19)).as("the NaN point is passed over").isEqualTo(1);
        assertThat(s.nearest(21)).isEqualTo(3);
        assertThat(s.nearest(99)).isEqualTo(3);
        assertThat(new SeriesBuffer().nearest(3)).isEqualTo(-1);
    }

    @Test
    void aPointBeforeTheLastOrWithoutAnXIsRefused() {
        SeriesBuffer s = new SeriesBuffer();
        s.add(5, 1);
        assertThatThrownBy(() -> s.add(4, 1)).hasMessageContaining("point 1").hasMessageContaining("before");
        assertThatThrownBy(() -> s.add(Double.NaN, 1)).hasMessageContaining("finite");
        s.add(5, 2);
        assertThat(s.size()).as("an equal x is fine (two events at one step)").isEqualTo(2);
        s.clear();
        assertThat(s.isEmpty()).isTrue();
        s.add(1, 1);
        assertThat(s.size()).isEqualTo(1);
    }
}
