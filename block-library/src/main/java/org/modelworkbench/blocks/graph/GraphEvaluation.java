package org.modelworkbench.blocks.graph;

import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.Evaluation;

/** Per-node evaluations of a {@link BlockGraph} (in topological order), its outputs and totals. */
public record GraphEvaluation(Map<String, Evaluation> nodes, List<Shape> outputs, List<Layout> layouts,
                              long params, long macs, long activationBytes, long inferenceActivationBytes) {

    public Evaluation asEvaluation() {
        return new Evaluation(outputs, layouts, params, macs, activationBytes, inferenceActivationBytes);
    }
}
