package org.modelworkbench.projects.analysis;

import org.modelworkbench.blocks.shape.Shape;

/**
 * How to analyse: {@code inputOverride} (N×C×H×W), when set, replaces the sizes of every image
 * input node, as the profiler's {@code --input} option does.
 */
public record AnalysisOptions(Shape inputOverride) {
    public static final AnalysisOptions DEFAULT = new AnalysisOptions(null);

    public AnalysisOptions {
        if (inputOverride != null && inputOverride.rank() != 4) {
            throw new IllegalArgumentException("the input size must be N×C×H×W (4 numbers such as 1x3x224x224), got "
                    + inputOverride);
        }
    }
}
