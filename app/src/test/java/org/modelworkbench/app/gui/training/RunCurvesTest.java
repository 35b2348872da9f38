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
