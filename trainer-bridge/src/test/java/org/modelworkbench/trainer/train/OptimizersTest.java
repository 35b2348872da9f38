package org.modelworkbench.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.trainer.engine.TestEngine;

/**
 * The hand-written optimizers against {@code torch.optim} 1.13: the same 2×3 parameter, three steps
 * of the loss Σ C·p² + D·p (gradient 2·C·p + D, so momentum and moments see changing gradients), the
 * learning rate changed before every step as a schedule does. Expected values from
 * {@code src/test/resources/org/modelworkbench/trainer/train/pytorch_reference.py}.
 */
class OptimizersTest {
    static final float[] P0 = {0.5f, -1.0f, 2.0f, 0.25f, -0.75f, 1.5f};
    static final float[] C = {1.0f, 0.5f, -0.25f, 2.0f, -1.0f, 0.1f};
    static final float[] D = {0.3f, -0.2f, 0.1f, -0.4f, 0.6f, -0.05f};
    static final double[] LRS = {0.1, 0.05, 0.02};

    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    /** Runs three steps of {@code make}'s optimizer and returns the parameter. */
    static float[] run(BiFunction<List<NDArray>, NDManager, Optimizer> make) {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = manager.create(P0, new Shape(2, 3));
            p.setRequiresGradient(true);
            NDArray c = manager.create(C, new Shape(2, 3));
            NDArray d = manager.create(D, new Shape(2, 3));
            try (Optimizer optimizer = make.apply(List.of(p), manager)) {
                for (double lr : LRS) {
                    try (NDScope scope = new NDScope(); NDManager step = manager.newSubManager()) {
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray loss = c.mul(p).mul(p).sum().add(d.mul(p).sum());
                            collector.backward(loss);
                        }
                        optimizer.step(lr, step, false);
                    }
                }
            }
            return p.toFloatArray();
        }
    }

    static void assertClose(float[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i], within(2e-6));
        }
    }

    @Test
    void sgdWithNesterovMomentumAndWeightDecayStepsLikeTorchOptimSgd() {
        assertClose(run((ps, m) -> new Sgd(ps, m, 0.9, true, 5e-4)),
                0.0708990059312146, -0.5660758684954442, 2.3696534124656057, 0.08721465628770607,
                -1.7242249079251457, 1.4028114502184925);
    }

    @Test
    void sgdWithPlainMomentumStepsLikeTorchOptimSgd() {
        assertClose(run((ps, m) -> new Sgd(ps, m, 0.9, false, 0)),
                0.20334000000000002, -0.71368, 2.2291175, 0.12519999999999998, -1.3191000000000002, 1.438234);
    }

    @Test
    void sgdWithoutMomentumAppliesCoupledWeightDecay() {
        assertClose(run((ps, m) -> new Sgd(ps, m, 0, false, 1e-2)),
                0.29860716695, -0.8039533679, 2.1530707288, 0.16593437397500002, -1.1398662509250002, 1.45539403135);
    }

    @Test
    void adamWWithDecoupledWeightDecayAndBiasCorrectionStepsLikeTorchOptimAdamW() {
        assertClose(run((ps, m) -> new AdamW(ps, m, 0.9, 0.999, 1e-8, 0.05)),
                0.32687569279601547, -0.8222226097294347, 2.152729548315741, 0.09109863339014396,
                -0.9133662219722442, 1.3179755938960065);
    }

    @Test
    void theUpdateSizesReportedAreTheNormsOfTheChangeToEachParameter() {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = manager.create(P0, new Shape(2, 3));
            p.setRequiresGradient(true);
            float[] before = p.toFloatArray();
            double[] sizes;
            try (Optimizer sgd = new Sgd(List.of(p), manager, 0.9, true, 5e-4);
                 NDScope scope = new NDScope(); NDManager step = manager.newSubManager()) {
                try (GradientCollector collector = engine.newGradientCollector()) {
                    collector.backward(p.square().sum());
                }
                sizes = sgd.step(0.1, step, true);
            }
            float[] after = p.toFloatArray();
            double sq = 0;
            for (int i = 0; i < after.length; i++) {
                sq += (double) (after[i] - before[i]) * (after[i] - before[i]);
            }
            assertThat(sizes).hasSize(1);
            assertThat(sizes[0]).isCloseTo(sq, within(1e-6));
            assertThat(sq).isGreaterThan(0);
        }
    }

    @Test
    void aStepLeavesNoArrayInTheLongLivedManagers() {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = manager.create(P0, new Shape(2, 3));
            p.setRequiresGradient(true);
            try (Optimizer adamw = new AdamW(List.of(p), manager, 0.9, 0.999, 1e-8, 0.05)) {
                int[] counts = new int[4];
                for (int s = 0; s < 4; s++) {
                    // No NDScope here: only the attach-to-the-step discipline keeps the managers clean.
                    try (NDManager step = manager.newSubManager()) {
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray loss = Optimizer.on(step, Optimizer.on(step, p.square()).sum());
                            collector.backward(loss);
                        }
                        adamw.step(0.01, step, s % 2 == 0);
                    }
                    counts[s] = manager.getManagedArrays().size();
                }
                // p and the two moment buffers, created on the first step.
                assertThat(counts).as("arrays in the model's manager after steps 1-4").containsOnly(3);
            }
        }
    }
}
