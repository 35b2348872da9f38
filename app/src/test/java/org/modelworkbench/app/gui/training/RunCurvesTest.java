package org.modelworkbench.app.gui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.trainer.train.TrainingEvent;

class RunCurvesTest {

    @Test
    void aRecordedRunReplaysIntoTheCurvesALiveRunWouldHave() {
        List<TrainingEvent> events = Scripts.wholeRun("r1", 2, 100, List.of("conv", "head"));
        RunCurves replayed = RunCurves.replay("r1", "run r1", events);
        RunCurves live = new RunCurves(null, "this run");
        events.forEach(live::apply);
        assertThat(live.runId()).isEqualTo("r1");
        assertThat(replayed.trainLoss().xs()).containsExactly(live.trainLoss().xs());
        assertThat(replayed.trainLoss().size()).isEqualTo(20);
        assertThat(replayed.validationAccuracy().xs()).containsExactly(100, 200);
        assertThat(replayed.totalSteps()).isEqualTo(200);
        assertThat(replayed.stepsPerEpoch()).isEqualTo(100);
        assertThat(replayed.ended()).isTrue();
        assertThat(replayed.confusion().total()).isEqualTo(10_000);
    }

    @Test
    void anEpochsValidationGoesOnlyIntoTheValidationCurvesAtTheEpochsLastStep() {
        // As the worker reports a Fashion-MNIST epoch of 421 steps, progress every 20 steps.
        RunCurves c = new RunCurves(null, "this run");
        c.apply(new TrainingEvent.Started("r", "ResNet", "fashion-mnist", 54_000, 6_000, 10_000, 2, 421, "bf16-autocast",
                2, 272_186));
        c.apply(new TrainingEvent.Progress(1, 400, 842, 0.805, 0.865, 0.079, 1_073, 58));
        c.apply(new TrainingEvent.Progress(1, 420, 842, 0.803, 0.866, 0.075, 1_117, 55));
        c.apply(new TrainingEvent.Progress(1, 421, 842, 0.802, 0.867, 0.075, 954, 55));
        c.apply(new TrainingEvent.Epoch(1, 1.018, 0.769, 0.476, 0.856, 0.075, 56.8, true));
        c.apply(new TrainingEvent.Progress(2, 440, 842, 0.786, 0.881, 0.071, 1_247, 52));

        assertThat(c.trainAccuracy().xs()).containsExactly(400, 420, 421, 440);
        assertThat(c.trainAccuracy().ys()).containsExactly(0.865, 0.866, 0.867, 0.881);
        assertThat(c.trainLoss().ys()).containsExactly(0.805, 0.803, 0.802, 0.786);
        assertThat(c.validationAccuracy().xs()).containsExactly(421);
        assertThat(c.validationAccuracy().ys()).containsExactly(0.856);
        assertThat(c.validationLoss().xs()).containsExactly(421);
        assertThat(c.validationLoss().ys()).containsExactly(0.476);
    }

    @Test
    void eachInspectedBlockHasACurvePerStatistic() {
        RunCurves c = new RunCurves("r", "r");
        c.apply(Scripts.inspection(1, 50, List.of("a", "b")));
        c.apply(Scripts.inspection(1, 100, List.of("a")));
        assertThat(c.inspectedBlocks()).containsExactly("a", "b");
        assertThat(c.block("a")).containsOnlyKeys(InspectionStatistic.measured());
        assertThat(c.block("a").get(InspectionStatistic.GRADIENT_NORM).xs()).containsExactly(50, 100);
        assertThat(c.block("b").get(InspectionStatistic.UPDATE_RATIO).ys()).containsExactly(2e-3);
        assertThat(c.block("nowhere")).isEmpty();
        assertThat(c.lastInspection().step()).isEqualTo(100);
    }

    @Test
    void aRepeatedEventOrAMalformedMatrixDoesNotBreakTheCurves() {
        RunCurves c = new RunCurves("r", "r");
        var p = new TrainingEvent.Progress(1, 20, 100, 1.0, 0.5, 0.1, 100, 10);
        c.apply(p);
        c.apply(new TrainingEvent.Progress(1, 10, 100, 1.0, 0.5, 0.1, 100, 10));
        assertThat(c.trainLoss().size()).isEqualTo(1);
        c.apply(new TrainingEvent.Finished("completed", 0.9, 0.3, new int[][] {{1, 2}, {3}}, List.of("a", "b"), 1, 1));
        assertThat(c.confusion()).isNull();
        assertThat(c.finished().testAccuracy()).isEqualTo(0.9);
    }
}
