package org.modelworkbench.app.gui.training;

import java.util.function.ToDoubleFunction;
import org.modelworkbench.trainer.train.BlockStats;

/**
 * The per-block statistics a training run samples, as the heat-map chooser and the block's curves
 * show them. Norms and the update ratio span decades, so they are shown on a log scale.
 */
public enum InspectionStatistic {
    NONE("None", false, s -> Double.NaN),
    GRADIENT_NORM("Gradient norm", true, BlockStats::gradNorm),
    WEIGHT_NORM("Weight norm", true, BlockStats::weightNorm),
    UPDATE_RATIO("Update/weight ratio", true, BlockStats::updateRatio),
    ACTIVATION_STD("Activation std", false, BlockStats::activationStd),
    DEAD_FRACTION("Dead fraction", false, BlockStats::deadFraction);

    private final String title;
    private final boolean log;
    private final ToDoubleFunction<BlockStats> value;

    InspectionStatistic(String title, boolean log, ToDoubleFunction<BlockStats> value) {
        this.title = title;
        this.log = log;
        this.value = value;
    }

    public String title() {
        return title;
    }

    /** Shown on a logarithmic scale (it spans decades). */
    public boolean log() {
        return log;
    }

    /** The statistic of one block (NaN where it does not apply, e.g. a weight norm without weights). */
    public double of(BlockStats stats) {
        return value.applyAsDouble(stats);
    }

    /** The statistics a block has curves of (all but {@link #NONE}). */
    public static InspectionStatistic[] measured() {
        return new InspectionStatistic[] {GRADIENT_NORM, WEIGHT_NORM, UPDATE_RATIO, ACTIVATION_STD, DEAD_FRACTION};
    }

    @Override
    public String toString() {
        return title;
    }
}
