package org.modelworkbench.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.trainer.engine.TestEngine;

/** The loss against PyTorch 1.13's {@code F.cross_entropy} (values from pytorch_reference.py). */
class LossesTest {
    static final float[] LOGITS = {2, -1, 0.5f, 0, 1.5f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, -3, 4, 0, 1, -1, 1, 1, 1, 1, 8};
    static final long[] LABELS = {0, 4, 2, 4};

    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    static double loss(double smoothing) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(LOGITS, new Shape(4, 5));
            NDArray labels = m.create(LABELS);
            return Losses.crossEntropy(logits, labels, smoothing).getFloat();
        }
    }

    @Test
    void withoutSmoothingItIsPyTorchsCrossEntropy() {
        assertThat(loss(0)).isCloseTo(1.54914731400033, within(1e-6));
    }

    @Test
    void labelSmoothingMatchesPyTorchsLabelSmoothingCrossEntropy() {
        assertThat(loss(0.1)).isCloseTo(1.72414731400033, within(1e-6));
    }
}
