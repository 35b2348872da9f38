package org.modelworkbench.visualizers.curves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MinMaxDecimationTest {

    /** A noisy descending loss curve of {@code n} points with a few planted spikes and dips. */
    static SeriesBuffer noisyLoss(int n, long seed) {
        Random r = new Random(seed);
        SeriesBuffer s = new SeriesBuffer();
        for (int i = 0; i < n; i++) {
            double y = 2.3 * Math.exp(-i / (n / 5.0)) + 0.1 + 0.05 * r.nextGaussian();
            if (i == n / 3) {
                y = 9.5; // a spike
            }
            if (i == 2 * n / 3) {
                y = -4; // a dip
            }
            s.add(i, y);
        }
        return s;
    }

    @Test
    void everyPixelColumnKeepsItsLowestAndHighestPointAndNoMoreThanTwo() {
        SeriesBuffer s = noisyLoss(100_000, 1);
        int columns = 800;
        double x0 = 0;
        double x1 = 100_000;
        Decimated d = MinMaxDecimation.decimate(s, x0, x1, columns, false);

        assertThat(d.size()).isLessThanOrEqualTo(2 * columns);
        // Brute force, independently of the decimation: each column's extremes.
        double[] lo = new double[columns];
        double[] hi = new double[columns];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        // The column of x as the decimation defines it: floor((x - x0) × columns / (x1 - x0)).
        double scale = columns / (x1 - x0);
        for (int i = 0; i < s.size(); i++) {
            int c = Math.min(columns - 1, (int) ((s.x(i) - x0) * scale));
            lo[c] = Math.min(lo[c], s.y(i));
            hi[c] = Math.max(hi[c], s.y(i));
        }
        for (int c = 0; c < columns; c++) {
            List<Double> kept = new ArrayList<>();
            for (int k = 0; k < d.size(); k++) {
                int col = Math.min(columns - 1, (int) ((d.xs()[k] - x0) * scale));
                if (col == c) {
                    kept.add(d.ys()[k]);
                }
            }
            assertThat(kept).as("column %d", c).hasSizeBetween(1, 2).contains(lo[c], hi[c]);
        }
    }

    @Test
    void thePlantedSpikeAndDipAreKept() {
        SeriesBuffer s = noisyLoss(100_000, 2);
        Decimated d = MinMaxDecimation.decimate(s, 0, 100_000, 300, false);
        assertThat(d.ys()).contains(9.5, -4.0);
        assertThat(java.util.Arrays.stream(d.ys()).max().getAsDouble()).isEqualTo(9.5);
        assertThat(java.util.Arrays.stream(d.ys()).min().getAsDouble()).isEqualTo(-4.0);
    }

    @Test
    void keptPointsAreTheSourcePointsInTheirOriginalOrder() {
        SeriesBuffer s = noisyLoss(20_000, 3);
        Decimated d = MinMaxDecimation.decimate(s, 0, 20_000, 500, false);
        for (int k = 0; k < d.size(); k++) {
            int i = (int) d.xs()[k];
            assertThat(d.ys()[k]).isEqualTo(s.y(i));
            if (k > 0) {
                assertThat(d.xs()[k]).isGreaterThan(d.xs()[k - 1]);
            }
        }
    }

    @Test
    void aFewPointsAreKeptAsTheyAre() {
        SeriesBuffer s = new SeriesBuffer();
        s.add(1, 0.5);
        s.add(2, 0.4);
        s.add(5, 0.45);
        Decimated d = MinMaxDecimation.decimate(s, 0, 10, 800, false);
        assertThat(d.xs()).containsExactly(1, 2, 5);
        assertThat(d.ys()).containsExactly(0.5, 0.4, 0.45);
    }

    @Test
    void aColumnKeepsItsLowAndHighInTheOrderTheyCame() {
        SeriesBuffer s = new SeriesBuffer();
        double[] ys = {3, 9, 1, 4, 2, 8, 0, 5};
        for (int i = 0; i < ys.length; i++) {
            s.add(i, ys[i]);
        }
        // Two columns: x 0–3 (high 9 at 1, then low 1 at 2) and x 4–7 (high 8 at 5, then low 0 at 6).
        Decimated d = MinMaxDecimation.decimate(s, 0, 8, 2, false);
        assertThat(d.xs()).containsExactly(1, 2, 5, 6);
        assertThat(d.ys()).containsExactly(9, 1, 8, 0);
    }

    @Test
    void appendingInChunksAsALiveRunDoesGivesWhatDecimatingAtOnceGives() {
        SeriesBuffer whole = noisyLoss(50_000, 4);
        SeriesBuffer live = new SeriesBuffer();
        MinMaxDecimation incremental = new MinMaxDecimation(0, 60_000, 640, false);
        Random r = new Random(5);
        int i = 0;
        while (i < whole.size()) {
            int chunk = 1 + r.nextInt(300);
            for (int k = 0; k < chunk && i < whole.size(); k++, i++) {
                live.add(whole.x(i), whole.y(i));
            }
            incremental.add(live);
        }
        Decimated once = MinMaxDecimation.decimate(whole, 0, 60_000, 640, false);
        Decimated inc = incremental.result();
        assertThat(inc.xs()).containsExactly(once.xs());
        assertThat(inc.ys()).containsExactly(once.ys());
        assertThat(incremental.seen()).isEqualTo(50_000);
    }

    @Test
    void inAZoomedRangeTheNeighboursOutsideAreKeptSoTheLineRunsToTheEdges() {
        SeriesBuffer s = noisyLoss(100_000, 6);
        int columns = 400;
        Decimated d = MinMaxDecimation.decimate(s, 30_000.5, 40_000.5, columns, false);
        assertThat(d.size()).isLessThanOrEqualTo(2 * columns + 2);
        assertThat(d.xs()[0]).isEqualTo(30_000);
        assertThat(d.xs()[d.size() - 1]).isEqualTo(40_001);
        for (int k = 1; k < d.size() - 1; k++) {
            assertThat(d.xs()[k]).isBetween(30_000.5, 40_000.5);
        }
    }

    @Test
    void pointsWithoutAFiniteValueAreSkippedAndALogAxisSkipsThoseNotPositive() {
        SeriesBuffer s = new SeriesBuffer();
        s.add(0, 1);
        s.add(1, Double.NaN);
        s.add(2, Double.POSITIVE_INFINITY);
        s.add(3, 0);
        s.add(4, -1);
        s.add(5, 0.01);
        assertThat(MinMaxDecimation.decimate(s, 0, 6, 100, false).ys()).containsExactly(1, 0, -1, 0.01);
        assertThat(MinMaxDecimation.decimate(s, 0, 6, 100, true).ys()).containsExactly(1, 0.01);
        MinMaxDecimation log = new MinMaxDecimation(0, 6, 100, true);
        log.add(s);
        assertThat(log.yExtent()).containsExactly(0.01, 1);
    }

    @Test
    void pointsOutOfOrderOrAShrunkSeriesAreRefusedSayingWhich() {
        double[] xs = {0, 1, 0.5};
        double[] ys = {1, 1, 1};
        assertThatThrownBy(() -> MinMaxDecimation.decimate(xs, ys, 3, 0, 2, 10, false))
                .hasMessageContaining("point 2").hasMessageContaining("0.5");
        MinMaxDecimation d = new MinMaxDecimation(0, 2, 10, false);
        d.add(xs, ys, 2);
        assertThatThrownBy(() -> d.add(xs, ys, 1)).hasMessageContaining("shrank from 2 to 1");
        assertThatThrownBy(() -> new MinMaxDecimation(3, 3, 10, false)).hasMessageContaining("empty");
        assertThatThrownBy(() -> new MinMaxDecimation(0, 3, 0, false)).hasMessageContaining("0 pixel columns");
    }
}
