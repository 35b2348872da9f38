package org.modelworkbench.projects.analysis;

import java.util.Collections;
import java.util.List;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;

/**
 * The result for one node: its input and output tensors (shapes and layouts, by port, in port
 * order) and costs, or the problems that kept it from being evaluated. A node downstream of a
 * problem is not evaluated and has no problems of its own.
 *
 * @param bound the node's parameter values with every "auto" resolved (padding auto → 3, layout
 *              auto → channels_first), or null when they could not be resolved
 * @param inferenceActivationBytes activation memory at inference: without the tensors of
 *              training-only blocks (dropout, drop-path)
 */
public record NodeAnalysis(String nodeId, boolean evaluated, List<String> inputPorts, List<Shape> inputs,
                           List<Layout> inputLayouts, List<String> outputPorts, List<Shape> outputs,
                           List<Layout> outputLayouts, ParamValues bound, long params, long macs,
                           long activationBytes, long inferenceActivationBytes, List<Problem> problems) {

    public NodeAnalysis {
        inputPorts = List.copyOf(inputPorts);
        inputs = List.copyOf(inputs);
        inputLayouts = inputLayouts == null ? Collections.nCopies(inputs.size(), Layout.ANY) : List.copyOf(inputLayouts);
        outputPorts = List.copyOf(outputPorts);
        outputs = List.copyOf(outputs);
        outputLayouts = outputLayouts == null ? Collections.nCopies(outputs.size(), Layout.ANY) : List.copyOf(outputLayouts);
        problems = List.copyOf(problems);
    }

    /** A result without layouts (all {@link Layout#ANY}) or bound values; inference memory = training memory. */
    public NodeAnalysis(String nodeId, boolean evaluated, List<String> inputPorts, List<Shape> inputs,
                        List<String> outputPorts, List<Shape> outputs, long params, long macs,
                        long activationBytes, List<Problem> problems) {
        this(nodeId, evaluated, inputPorts, inputs, null, outputPorts, outputs, null, null, params, macs,
                activationBytes, activationBytes, problems);
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

    /** The layout on an output port, or null when not evaluated. */
    public Layout outputLayout(String port) {
        int i = outputPorts.indexOf(port);
        return i < 0 || i >= outputLayouts.size() ? null : outputLayouts.get(i);
    }

    /** "1×96×56×56 NCHW": the tensor on an output port as labels show it, or null when not evaluated. */
    public String outputLabel(String port) {
        Shape s = output(port);
        return s == null ? null : Layout.label(s, outputLayout(port));
    }

    public long flops() {
        return 2 * macs;
    }
}
