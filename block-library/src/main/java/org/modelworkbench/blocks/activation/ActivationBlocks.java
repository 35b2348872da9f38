package org.modelworkbench.blocks.activation;

import java.util.List;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Paper;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.PrimitiveBlockType;

/** Element-wise activations: shape unchanged, no parameters, 0 MACs by the project's convention. */
public final class ActivationBlocks {
    private ActivationBlocks() {
    }

    private static BlockType activation(String name, String displayName, String formula, Paper paper) {
        return new PrimitiveBlockType(
                BlockSpec.builder("activation." + name, displayName, Category.ACTIVATION)
                        .description(displayName + ": " + formula + ", element-wise. No parameters; 0 MACs.")
                        .paper(paper)
                        .input("x", "any").output("y", "same as x")
                        .build(),
                (in, p) -> Evaluation.of(in.get(0), 0, 0));
    }

    public static final BlockType RELU = activation("relu", "ReLU", "max(0, x)", Papers.RELU);
    public static final BlockType RELU6 = activation("relu6", "ReLU6", "min(max(0, x), 6)", Papers.MOBILENET_V2);
    public static final BlockType GELU = activation("gelu", "GELU", "x·Φ(x)", Papers.GELU);
    public static final BlockType SILU = activation("silu", "SiLU (Swish)", "x·σ(x)", Papers.SILU);
    public static final BlockType HARDSWISH = activation("hardswish", "Hardswish", "x·ReLU6(x+3)/6", Papers.MOBILENET_V3);
    public static final BlockType SIGMOID = activation("sigmoid", "Sigmoid", "1/(1+e^−x)", Papers.LECUN_1998);
    public static final BlockType HARDSIGMOID = activation("hardsigmoid", "Hardsigmoid", "ReLU6(x+3)/6", Papers.MOBILENET_V3);

    public static final List<BlockType> ALL = List.of(RELU, RELU6, GELU, SILU, HARDSWISH, SIGMOID, HARDSIGMOID);

    /** The activation with this short name ("relu", "silu", …), for composites with an activation choice. */
    public static BlockType byName(String name) {
        for (BlockType t : ALL) {
            if (t.id().equals("activation." + name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no activation " + name);
    }
}
