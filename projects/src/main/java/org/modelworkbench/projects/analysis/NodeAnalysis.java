package org.modelworkbench.projects.analysis;

import java.util.List;
import org.modelworkbench.blocks.shape.Shape;

/**
 * The result for one node: its input and output shapes (by port, in port order) and costs, or the
 * problems that kept it from being evaluated. A node downstream of a problem is not evaluated and
 * has no problems of its own.
 */
public record NodeAnalysis(String nodeId, boolean evaluated, List<String> inputPorts, List<Shape> inputs,
                           List<String> outputPorts, List<Shape> outputs, long params, long macs,
                           long activationBytes, List<Problem> problems) {

    public NodeAnalysis {
        inputPorts = List.copyOf(inputPorts);
        inputs = List.copyOf(inputs);
        outputPorts = List.copyOf(outputPorts);
        outputs = List.copyOf(outputs);
        problems = List.copyOf(problems);
    }

    static NodeAnalysis notEvaluated(String nodeId, List<String> inputPorts, List<String> outputPorts,
                                     List<Problem> problems) {
        return new NodeAnalysis(nodeId, false, inputPorts, List.of(), outputPorts, List.of(), 0, 0, 0, problems);
    }

    /** The shape on an output port, or null when not evaluated. */
    public Shape output(String port) {
        int i = outputPorts.indexOf(port);
        return i < 0 || i >= outputs.size() ? null : outputs.get(i);
    }

    public long flops() {
        return 2 * macs;
    }
}
