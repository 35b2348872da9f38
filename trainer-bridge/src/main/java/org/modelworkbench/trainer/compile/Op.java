package org.modelworkbench.trainer.compile;

import java.util.List;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;

/**
 * One primitive of a compiled design, composites already expanded: its path ("stage1.attention.qkv"),
 * its type, its parameters with every "auto" bound, the tensors it reads and writes (slots of the
 * program) and their shapes and layouts at the compile-time input size.
 */
public record Op(String path, BlockType type, ParamValues params, int[] inputs, int[] outputs,
                 List<Shape> inputShapes, List<Layout> inputLayouts, List<Shape> outputShapes) {
    public Op {
        inputShapes = List.copyOf(inputShapes);
        inputLayouts = List.copyOf(inputLayouts);
        outputShapes = List.copyOf(outputShapes);
    }

    public Shape in(int i) {
        return inputShapes.get(i);
    }
}
