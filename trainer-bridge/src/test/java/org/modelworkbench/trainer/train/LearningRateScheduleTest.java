package org.modelworkbench.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Schedules against PyTorch 1.13's schedulers stepped once per optimizer step (values from
 * pytorch_reference.py in this package's test resources).
 */
class LearningRateScheduleTest {
    static void assertAt(LearningRateSchedule s, long[] steps, double... expected) {
        for (int i = 0; i < steps.length; i++) {
            assertThat(s.at(steps[i])).as("lr at step %d", steps[i]).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void oneCycleRisesFromADivTwentyFifthToTheMaximumOverAQuarterThenAnnealsLikeOneCycleLR() {
        assertAt(LearningRateSchedule.oneCycle(0.2, 100), new long[] {0, 1, 10, 24, 25, 50, 99},
                0.008000000000000007, 0.008821293308114209, 0.07915337167015801, 0.2, 0.1999122833607538,
                0.14632981819357213, 8e-07);
    }

    @Test
    void cosineAnnealsToZeroLikeCosineAnnealingLR() {
        assertAt(LearningRateSchedule.cosine(0.2, 50), new long[] {0, 1, 10, 25, 49},
                0.2, 0.19980267284282716, 0.18090169943749473, 0.09999999999999999, 0.0001973271571728441);
    }

    @Test
    void warmUpThenCosineMatchesSequentialLinearThenCosine() {
        TrainingConfig c = TrainingConfig.defaults().withEpochs(5).withOptimizer("sgd", 0.2, 0).withSchedule("cosine", 1);
        assertAt(LearningRateSchedule.of(c, 10), new long[] {0, 1, 5, 9, 10, 11, 30, 49},
                0.008, 0.0272, 0.10400000000000001, 0.18080000000000004, 0.2, 0.1996917333733128, 0.09999999999999999,
                0.0003082666266872036);
    }

    @Test
    void constantAfterWarmUpStaysAtTheRate() {
        TrainingConfig c = TrainingConfig.defaults().withEpochs(3).withOptimizer("sgd", 0.1, 0).withSchedule("constant", 1);
        LearningRateSchedule s = LearningRateSchedule.of(c, 4);
        assertThat(s.at(0)).isCloseTo(0.004, within(1e-12));
        assertThat(s.at(4)).isEqualTo(0.1);
        assertThat(s.at(11)).isEqualTo(0.1);
    }

    @Test
    void oneCycleIgnoresTheWarmUpSettingAndStepsPastTheEndKeepTheLastRate() {
        TrainingConfig c = TrainingConfig.defaults().withEpochs(10).withOptimizer("sgd", 0.2, 0).withSchedule("one-cycle", 2);
        LearningRateSchedule s = LearningRateSchedule.of(c, 10);
        assertThat(s.at(24)).isCloseTo(0.2, within(1e-12));
        assertThat(s.at(150)).isEqualTo(s.at(99));
    }

    @Test
    void anUnknownScheduleIsNamed() {
        TrainingConfig c = TrainingConfig.defaults().withSchedule("step", 0);
        assertThatThrownBy(() -> LearningRateSchedule.of(c, 10)).hasMessageContaining("'step'")
                .hasMessageContaining("one-cycle");
    }
}
