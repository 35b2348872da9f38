package org.modelworkbench.trainer.compile;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** A design compiled to a DJL block, with the flattened program it runs. */
public record CompiledDesign(Program program, DesignBlock block) {

    /**
     * A program as a DJL block: a flattened design, or a part of one (the measured profiler runs the
     * ops of one node alone, on tensors captured from the whole model).
     */
    public static CompiledDesign of(Program program) throws UnsupportedBlockException {
        return new CompiledDesign(program, new DesignBlock(program));
    }

    /** The compile-time input shapes in DJL's terms. */
    public Shape[] inputShapes() {
        return program.inputShapes().stream().map(s -> {
            long[] d = new long[s.rank()];
            for (int i = 0; i < d.length; i++) {
                d[i] = s.dim(i);
            }
            return new Shape(d);
        }).toArray(Shape[]::new);
    }

    /** Creates every parameter (fp32) in {@code manager}. */
    public void initialize(NDManager manager) {
        block.initialize(manager, DataType.FLOAT32, inputShapes());
    }

    /** Elements of the trainable parameters, buffers excluded: the number the analysis calls params. */
    public long trainableParameterCount() {
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                total += p.getValue().getShape().size();
            }
        }
        return total;
    }
}
