package org.modelworkbench.blocks.graph;

import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.Evaluation;

/** Per-node evaluations of a {@link BlockGraph} (in topological order), its outputs and totals. */
public record GraphEvaluation(Map<String, Evaluation> nodes, List<Shape> outputs,
                              long params, long macs, long activationBytes) {

    public Evaluation asEvaluation() {
        return new Evaluation(outputs, params, macs, activationBytes);
    }
}
