package org.modelworkbench.trainer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.trainer.engine.TestEngine;

class ScanBenchmarkTest {
    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    @Test
    void everyVariantIsTimedInBothPassesAndAgreesWithTheFloat64Loop() {
        ScanBenchmark.Config config = new ScanBenchmark.Config(50, 3, 2, 2, 1, 0, 1, new int[] {0, 7}, true);
        List<ScanBenchmark.Row> rows;
        try (NDManager m = NDManager.newBaseManager()) {
            rows = new ScanBenchmark(config).run(m);
        }
        assertThat(rows).extracting(ScanBenchmark.Row::variant).containsExactly(
                "per-timestep loop", "per-timestep loop",
                "previous kernel: l×l weights in 16-step chunks", "previous kernel: l×l weights in 16-step chunks",
                "two-pass scan, chunk 4 (default)", "two-pass scan, chunk 4 (default)",
                "two-pass scan, chunk 7", "two-pass scan, chunk 7");
        assertThat(rows).extracting(ScanBenchmark.Row::pass).containsExactly(
                "forward", "forward+backward", "forward", "forward+backward", "forward", "forward+backward",
                "forward", "forward+backward");
        for (ScanBenchmark.Row r : rows) {
            assertThat(r.medianMs()).isPositive();
            assertThat(r.bestMs()).isLessThanOrEqualTo(r.medianMs());
            assertThat(r.relativeError()).as(r.variant()).isLessThan(1e-5);
        }
    }

    @Test
    void theRelativeErrorIsTheLargestDifferenceOverTheLargestReferenceValue() {
        assertThat(ScanBenchmark.relativeError(new float[] {1, 2.5f, -4}, new double[] {1, 2, -5})).isEqualTo(0.2);
        assertThat(ScanBenchmark.relativeError(new float[] {Float.NaN}, new double[] {1})).isNaN();
    }
}
