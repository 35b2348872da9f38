package org.modelworkbench.app.gui.training;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.modelworkbench.trainer.runs.RunSummary;
import org.modelworkbench.trainer.train.BlockStats;
import org.modelworkbench.trainer.train.TrainingConfig;
import org.modelworkbench.trainer.train.TrainingEvent;

/** Event sequences of training runs, as a worker would report them, for the tests. */
public final class Scripts {
    public static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    private Scripts() {
    }

    public static TrainingEvent.Started started(String runId, int epochs, long stepsPerEpoch) {
        return new TrainingEvent.Started(runId, "ResNet", "fashion-mnist", 54_000, 6_000, 10_000, epochs, stepsPerEpoch,
                "fp32", 2, 175_258);
    }

    /** Progress every {@code every} steps of one epoch (1-based), the loss falling with the step. */
    public static List<TrainingEvent> epoch(int epoch, int epochs, long stepsPerEpoch, int every) {
        List<TrainingEvent> out = new ArrayList<>();
        long total = epochs * stepsPerEpoch;
        for (long s = (epoch - 1) * stepsPerEpoch + every; s <= epoch * stepsPerEpoch; s += every) {
            double loss = 2.3 * Math.exp(-s / (double) total * 3) + 0.2;
            out.add(new TrainingEvent.Progress(epoch, s, total, loss, 1 - loss / 2.6, 0.1, 1_850, (total - s) * 0.07));
        }
        out.add(new TrainingEvent.Epoch(epoch, 0.6 / epoch, 0.8 + 0.03 * epoch, 0.65 / epoch, 0.78 + 0.03 * epoch, 0.1,
                42.0, true));
        return out;
    }

    /** Per-block statistics at a step: the first node's gradient is the largest, each next one ten times smaller. */
    public static TrainingEvent.Inspection inspection(int epoch, long step, List<String> nodes) {
        List<BlockStats> blocks = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            double g = Math.pow(10, -i) * (1 + step / 1000.0);
            blocks.add(new BlockStats(nodes.get(i), 3.0 + i, g, 1e-3 * (i + 1), 0.01 * i, 0.5 + 0.1 * i, 0.05 * i));
        }
        return new TrainingEvent.Inspection(epoch, step, blocks);
    }

    /** A 10-class Fashion-MNIST-like confusion matrix: 1,000 images per class, shirts taken for T-shirts. */
    public static int[][] confusion() {
        int[][] c = new int[10][10];
        for (int a = 0; a < 10; a++) {
            c[a][a] = 920;
            c[a][(a + 1) % 10] = 80;
        }
        c[6][6] = 700;
        c[6][0] = 220;
        c[6][7] = 80;
        return c;
    }

    public static TrainingEvent.Finished finished(String status, int epochs) {
        // The test accuracy the matrix gives: (9 × 920 + 700) / 10,000.
        return new TrainingEvent.Finished(status, 0.898, 0.29, confusion(), FASHION, 131.5, epochs);
    }

    /** A whole run: started, each epoch with an inspection, finished. */
    public static List<TrainingEvent> wholeRun(String runId, int epochs, long stepsPerEpoch, List<String> nodes) {
        List<TrainingEvent> out = new ArrayList<>();
        out.add(started(runId, epochs, stepsPerEpoch));
        for (int e = 1; e <= epochs; e++) {
            out.addAll(epoch(e, epochs, stepsPerEpoch, 10));
            out.add(inspection(e, e * stepsPerEpoch, nodes));
        }
        out.add(finished("completed", epochs));
        return out;
    }

    /** A kept run configured as "auto" that ran in {@code mode}. */
    public static RunSummary summary(String runId, String status, double testAccuracy, int epochs, String mode) {
        return new RunSummary(runId, "ResNet", "abc123", Instant.parse("2026-01-04T10:15:30Z"), status, testAccuracy,
                testAccuracy, epochs, 120, TrainingConfig.defaults().withEpochs(epochs), mode);
    }
}
