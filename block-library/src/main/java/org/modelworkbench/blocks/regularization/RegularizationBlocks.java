package org.modelworkbench.blocks.regularization;

import java.util.List;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.PrimitiveBlockType;

/** Training-time regularisers: identity at inference, no parameters, 0 MACs. */
public final class RegularizationBlocks {
    private RegularizationBlocks() {
    }

    public static final BlockType DROPOUT = new PrimitiveBlockType(
            BlockSpec.builder("regularization.dropout", "Dropout", Category.REGULARIZATION)
                    .description("Zeroes each element with probability p during training and rescales the rest by "
                            + "1/(1−p); identity at inference. No parameters; 0 MACs.")
                    .paper(Papers.DROPOUT)
                    .param(ParamSpec.real("p", 0.5, 0.0, 0.99, "Drop probability"))
                    .key("p")
                    .input("x", "any").output("y", "same as x")
                    .build(),
            (in, p) -> Evaluation.of(in.get(0), 0, 0).trainingOnly());

    public static final BlockType DROP_PATH = new PrimitiveBlockType(
            BlockSpec.builder("regularization.drop_path", "Drop path", Category.REGULARIZATION)
                    .description("Stochastic depth: drops a whole residual branch per sample with probability p "
                            + "during training; identity at inference. No parameters; 0 MACs.")
                    .paper(Papers.DROP_PATH)
                    .param(ParamSpec.real("p", 0.1, 0.0, 0.99, "Probability of dropping the branch"))
                    .key("p")
                    .input("x", "N×…").output("y", "same as x")
                    .build(),
            (in, p) -> Evaluation.of(in.get(0), 0, 0).trainingOnly());

    public static final List<BlockType> ALL = List.of(DROPOUT, DROP_PATH);
}
