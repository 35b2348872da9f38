package org.modelworkbench.trainer.profile;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.trainer.engine.TestEngine;

/** The profiler's backward really runs: a timed "forward+backward" that skipped it timed a forward alone. */
class MeasuredProfilerBackwardTest {
    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    @Test
    void theBackwardOfAComputedOutputReachesTheParameterItWasComputedFrom() {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager m = engine.newBaseManager()) {
            NDArray w = m.create(new float[] {1, 2, 3});
            w.setRequiresGradient(true);
            NDArray x = m.create(new float[] {4, 5, 6});
            NDArray upstream = m.ones(new Shape(3));
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray y = x.mul(w);
                MeasuredProfiler.backward(new NDList(y), List.of(upstream));
            }
            assertThat(w.getGradient().toFloatArray()).containsExactly(4f, 5f, 6f);
        }
    }

    @Test
    void everyOutputOfSeveralGetsItsBackwardAndOneThatNeedsNoneIsSkipped() {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager m = engine.newBaseManager()) {
            NDArray w = m.create(new float[] {1, 2});
            w.setRequiresGradient(true);
            NDArray constant = m.create(new float[] {7, 7});
            NDArray up = m.ones(new Shape(2));
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray a = w.mul(3);
                NDArray b = w.mul(w);
                // The constant is in the middle: the others' shared graph must survive its refusal.
                MeasuredProfiler.backward(new NDList(a, constant.mul(2), b), List.of(up, up, up));
            }
            // d(3w)/dw + d(w²)/dw = 3 + 2w
            assertThat(w.getGradient().toFloatArray()).containsExactly(5f, 7f);
        }
    }
}
