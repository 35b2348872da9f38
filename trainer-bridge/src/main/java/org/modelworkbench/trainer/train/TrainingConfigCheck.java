package org.modelworkbench.trainer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.modelworkbench.trainer.engine.ExecutionMode;

/** Refuses settings that cannot train, naming each setting at fault and its allowed range. */
public final class TrainingConfigCheck {
    private TrainingConfigCheck() {
    }

    /** The problems of {@code c}, one sentence each; empty when it can train. */
    public static List<String> problems(TrainingConfig c) {
        List<String> p = new ArrayList<>();
        if (c.dataset() == null || !TrainingData.DATASETS.contains(c.dataset().toLowerCase(Locale.ROOT))) {
            p.add("dataset '" + c.dataset() + "' is not one of " + TrainingData.DATASETS);
        }
        positive(p, "epochs", c.epochs());
        positive(p, "batch size", c.batchSize());
        if (c.optimizer() == null || !List.of("sgd", "adamw").contains(c.optimizer().toLowerCase(Locale.ROOT))) {
            p.add("optimizer '" + c.optimizer() + "' is not sgd or adamw");
        }
        if (!(c.learningRate() > 0) || Double.isInfinite(c.learningRate())) {
            p.add("learning rate must be a positive number (got " + c.learningRate() + ")");
        }
        if (!(c.momentum() >= 0 && c.momentum() < 1)) {
            p.add("momentum must be in [0, 1) (got " + c.momentum() + ")");
        }
        if (c.nesterov() && "sgd".equalsIgnoreCase(c.optimizer()) && !(c.momentum() > 0)) {
            p.add("Nesterov momentum needs a momentum above 0");
        }
        if (!(c.weightDecay() >= 0) || Double.isInfinite(c.weightDecay())) {
            p.add("weight decay must be ≥ 0 (got " + c.weightDecay() + ")");
        }
        if (c.schedule() == null || !List.of("constant", "cosine", "one-cycle", "onecycle")
                .contains(c.schedule().toLowerCase(Locale.ROOT))) {
            p.add("schedule '" + c.schedule() + "' is not constant, cosine or one-cycle");
        }
        if (!(c.warmupEpochs() >= 0) || c.warmupEpochs() >= Math.max(1, c.epochs())) {
            p.add("warm-up must be ≥ 0 epochs and shorter than the run (got " + c.warmupEpochs() + " of " + c.epochs() + ")");
        }
        fraction(p, "label smoothing", c.labelSmoothing());
        fraction(p, "drop-path", c.dropPath());
        fraction(p, "validation fraction", c.validationFraction());
        if (c.earlyStopPatience() < 0) {
            p.add("early-stop patience must be ≥ 0 (got " + c.earlyStopPatience() + ")");
        }
        positive(p, "progress interval", c.progressEvery());
        if (c.inspectEvery() < 0) {
            p.add("inspection interval must be ≥ 0 (got " + c.inspectEvery() + ")");
        }
        if (c.mode() == null) {
            p.add("mode is missing (auto, fp32, fp32-cl, bf16-autocast)");
        } else if (!c.mode().equalsIgnoreCase("auto")) {
            try {
                ExecutionMode.fromLabel(c.mode());
            } catch (IllegalArgumentException e) {
                p.add("mode '" + c.mode() + "' is not auto, fp32, fp32-cl or bf16-autocast");
            }
        }
        if (c.threads() < 0) {
            p.add("threads must be ≥ 0 (got " + c.threads() + ")");
        }
        if (c.limitBatches() < 0) {
            p.add("batch limit must be ≥ 0 (got " + c.limitBatches() + ")");
        }
        return p;
    }

    /** Throws {@link IllegalArgumentException} listing every problem of {@code c}. */
    static void check(TrainingConfig c) {
        List<String> p = problems(c);
        if (!p.isEmpty()) {
            throw new IllegalArgumentException("training settings: " + String.join("; ", p));
        }
    }

    private static void positive(List<String> p, String name, int value) {
        if (value <= 0) {
            p.add(name + " must be at least 1 (got " + value + ")");
        }
    }

    private static void fraction(List<String> p, String name, double value) {
        if (!(value >= 0 && value < 1)) {
            p.add(name + " must be in [0, 1) (got " + value + ")");
        }
    }
}
