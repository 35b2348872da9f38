package org.modelworkbench.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RecentStepsTest {

    @Test
    void aReportOneStepAfterThePreviousIsStillTheMeanOfTheLastNSteps() {
        // As at the end of a Fashion-MNIST epoch: 420 steps reported every 20, then step 421 alone.
        RecentSteps recent = new RecentSteps(20);
        for (int step = 1; step <= 420; step++) {
            recent.add(0.8, 110, 128);
        }
        recent.add(0.7, 117, 128);

        // The one step alone would read 91.4 %; over the last 20 it barely moves.
        assertThat(recent.accuracy()).isCloseTo((19 * 110 + 117) / (20 * 128.0), within(1e-12));
        assertThat(recent.loss()).isCloseTo((19 * 0.8 + 0.7) / 20, within(1e-12));
    }

    @Test
    void theMeansWeighEachImageAndCoverFewerStepsAtTheStart() {
        RecentSteps recent = new RecentSteps(3);
        assertThat(recent.accuracy()).isNaN();
        recent.add(1.0, 10, 10);
        recent.add(2.0, 0, 30);
        assertThat(recent.accuracy()).isEqualTo(10 / 40.0);
        assertThat(recent.loss()).isEqualTo((1.0 * 10 + 2.0 * 30) / 40);
        recent.add(3.0, 5, 10);
        recent.add(4.0, 10, 10); // the first step drops out
        assertThat(recent.accuracy()).isEqualTo(15 / 50.0);
        assertThat(recent.loss()).isEqualTo((2.0 * 30 + 3.0 * 10 + 4.0 * 10) / 50);
    }

    @Test
    void aWindowOfNoStepsIsRefused() {
        assertThatThrownBy(() -> new RecentSteps(0)).hasMessageContaining("at least 1");
    }
}
