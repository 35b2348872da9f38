package org.modelworkbench.blocks.merge;

import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.LayoutRule;
import java.util.List;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Inputs;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.PrimitiveBlockType;
import org.modelworkbench.blocks.type.ShapeException;

/** Element-wise merges of two tensors with NumPy broadcasting; 0 MACs by the project's convention. */
public final class MergeBlocks {
    private MergeBlocks() {
    }

    private static BlockType elementwise(String name, String displayName, String op) {
        return new PrimitiveBlockType(
                BlockSpec.builder("merge." + name, displayName, Category.MERGE)
                        .description(displayName + " of two tensors, a " + op + " b, element-wise with broadcasting "
                                + "(sizes must match or be 1, aligned from the last dimension). Residual "
                                + "connections and gates are built from these. No parameters; 0 MACs.")
                        .paper(Papers.RESNET)
                        .input("a", "any").input("b", "broadcastable to a")
                        .output("y", "broadcast shape")
                        .layouts(LayoutRule.SAME)
                        .build(),
                (in, p) -> Evaluation.of(broadcast(in), 0, 0));
    }

    /** The broadcast shape of inputs 0 and 1; a mismatch is reported on input 1. */
    public static Shape broadcast(Inputs in) throws ShapeException {
        Shape a = in.get(0);
        Shape b = in.get(1);
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= a.rank() ? a.dim(-i) : 1;
            int db = i <= b.rank() ? b.dim(-i) : 1;
            if (da != db && da != 1 && db != 1) {
                throw in.error(1, "cannot combine " + a + " with " + b + ": dimension " + (rank - i) + " is " + da
                        + " on one side and " + db + " on the other");
            }
            out[rank - i] = Math.max(da, db);
        }
        return Shape.of(out);
    }

    public static final BlockType ADD = elementwise("add", "Add", "+");
    public static final BlockType SUBTRACT = elementwise("subtract", "Subtract", "−");
    public static final BlockType MULTIPLY = elementwise("multiply", "Multiply", "×");

    public static final List<BlockType> ALL = List.of(ADD, SUBTRACT, MULTIPLY);
}
