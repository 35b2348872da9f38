package org.modelworkbench.trainer.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void theMedianAndPercentilesInterpolateBetweenSortedSamples() {
        Timing t = Timing.of(new double[] {5, 1, 4, 2, 3});
        assertThat(t.medianMs()).isEqualTo(3);
        assertThat(t.p10Ms()).isEqualTo(1.4);
        assertThat(t.p90Ms()).isEqualTo(4.6);
        assertThat(t.samples()).isEqualTo(5);
    }

    @Test
    void anEvenNumberOfSamplesHasTheMeanOfTheMiddleTwoAsMedian() {
        assertThat(Timing.of(new double[] {10, 2}).medianMs()).isEqualTo(6);
        assertThat(Timing.of(new double[] {7}).p90Ms()).isEqualTo(7);
    }

    @Test
    void noSamplesIsAnError() {
        assertThatThrownBy(() -> Timing.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
