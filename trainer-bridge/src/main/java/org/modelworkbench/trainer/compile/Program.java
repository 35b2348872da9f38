package org.modelworkbench.trainer.compile;

import java.util.List;
import org.modelworkbench.blocks.shape.Shape;

/**
 * A design flattened to primitives in topological order. Tensors are numbered slots; the design's
 * image inputs are the first slots and its outputs are every output port nothing reads.
 *
 * @param outputNames "node.port" of each output, in the design's order
 */
public record Program(int slots, int[] inputSlots, List<Shape> inputShapes, List<Op> ops, int[] outputSlots,
                      List<String> outputNames, List<Shape> outputShapes, long staticParams) {
    public Program {
        inputShapes = List.copyOf(inputShapes);
        ops = List.copyOf(ops);
        outputNames = List.copyOf(outputNames);
        outputShapes = List.copyOf(outputShapes);
    }
}
