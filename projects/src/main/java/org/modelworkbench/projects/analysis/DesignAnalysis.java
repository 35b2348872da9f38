package org.modelworkbench.projects.analysis;

import java.util.List;
import java.util.Map;

/** An immutable snapshot of a whole-design analysis. */
public record DesignAnalysis(long revision, List<String> order, Map<String, NodeAnalysis> nodes,
                             List<Problem> problems, Totals totals) {

    public NodeAnalysis node(String id) {
        return nodes.get(id);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    public Totals totals() {
        return totals;
    }
}
