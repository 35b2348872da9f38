package org.modelworkbench.trainer.train;

import java.util.Locale;

/**
 * The learning rate of each optimizer step ({@code step} counts from 0), computed in closed form
 * exactly as PyTorch's schedulers compute it step by step: {@code OneCycleLR}, {@code CosineAnnealingLR}
 * (η_min 0) and {@code LinearLR} for the warm-up. Steps past the end keep the last value.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /** One-cycle's share of steps spent rising, as in the reference recipe. */
    double ONE_CYCLE_PCT_START = 0.25;
    /** One-cycle starts at max / 25 ({@code div_factor}). */
    double ONE_CYCLE_DIV = 25;
    /** …and ends at max / 25 / 10⁴ ({@code final_div_factor}). */
    double ONE_CYCLE_FINAL_DIV = 1e4;
    /** Warm-up starts at lr / 25 ({@code LinearLR(start_factor=1/25)}). */
    double WARMUP_START_FACTOR = 1.0 / 25;

    double at(long step);

    static LearningRateSchedule constant(double lr) {
        return step -> lr;
    }

    /** {@code CosineAnnealingLR(T_max=totalSteps, eta_min=0)}: lr·(1 + cos(π·t/T))/2. */
    static LearningRateSchedule cosine(double lr, long totalSteps) {
        long t = Math.max(1, totalSteps);
        return step -> lr * (1 + Math.cos(Math.PI * Math.min(step, t) / t)) / 2;
    }

    /** {@code OneCycleLR} with cosine annealing, {@link #ONE_CYCLE_PCT_START}, {@link #ONE_CYCLE_DIV}, {@link #ONE_CYCLE_FINAL_DIV}. */
    static LearningRateSchedule oneCycle(double maxLr, long totalSteps) {
        return oneCycle(maxLr, totalSteps, ONE_CYCLE_PCT_START, ONE_CYCLE_DIV, ONE_CYCLE_FINAL_DIV);
    }

    /**
     * PyTorch's two-phase one-cycle: from max/div up to max until step pct·total − 1, then down to
     * max/div/finalDiv at step total − 1, both halves cosine-annealed.
     */
    static LearningRateSchedule oneCycle(double maxLr, long totalSteps, double pctStart, double div, double finalDiv) {
        double initial = maxLr / div;
        double min = initial / finalDiv;
        double end1 = pctStart * totalSteps - 1;
        double end2 = totalSteps - 1;
        return step -> {
            double s = Math.min(step, end2);
            if (s <= end1) {
                return anneal(initial, maxLr, end1 > 0 ? s / end1 : 1);
            }
            return anneal(maxLr, min, end2 > end1 ? (s - end1) / (end2 - end1) : 1);
        };
    }

    private static double anneal(double from, double to, double pct) {
        return to + (from - to) / 2 * (Math.cos(Math.PI * pct) + 1);
    }

    /**
     * {@code LinearLR(start_factor=1/25, total_iters=warmupSteps)} for the first steps, then {@code after}
     * counted from the end of the warm-up (PyTorch's {@code SequentialLR} with one milestone).
     */
    static LearningRateSchedule withWarmup(double lr, long warmupSteps, LearningRateSchedule after) {
        if (warmupSteps <= 0) {
            return after;
        }
        return step -> step < warmupSteps
                ? lr * (WARMUP_START_FACTOR + (1 - WARMUP_START_FACTOR) * step / warmupSteps)
                : after.at(step - warmupSteps);
    }

    /**
     * The schedule a configuration asks for over {@code epochs × stepsPerEpoch} steps: "constant" and
     * "cosine" after {@code warmupEpochs} of linear warm-up, "one-cycle" with its own rise.
     */
    static LearningRateSchedule of(TrainingConfig config, long stepsPerEpoch) {
        long total = config.epochs() * stepsPerEpoch;
        long warmup = Math.round(config.warmupEpochs() * stepsPerEpoch);
        double lr = config.learningRate();
        return switch (config.schedule().toLowerCase(Locale.ROOT)) {
            case "constant" -> withWarmup(lr, warmup, constant(lr));
            case "cosine" -> withWarmup(lr, warmup, cosine(lr, total - warmup));
            case "one-cycle", "onecycle" -> oneCycle(lr, total);
            default -> throw new IllegalArgumentException("unknown schedule '" + config.schedule()
                    + "' (constant, cosine, one-cycle)");
        };
    }
}
