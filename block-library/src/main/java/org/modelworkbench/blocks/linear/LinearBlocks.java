package org.modelworkbench.blocks.linear;

import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.LayoutRule;
import java.util.List;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.PrimitiveBlockType;

/** Fully connected layers on the last dimension. */
public final class LinearBlocks {
    private LinearBlocks() {
    }

    public static final BlockType LINEAR = new PrimitiveBlockType(
            BlockSpec.builder("linear.linear", "Linear", Category.LINEAR)
                    .description("Fully connected layer on the last dimension: …×in → …×out, applied to every "
                            + "leading position (every token). Params in·out (+out); MACs T·in·out, where T is the "
                            + "number of leading positions (batch × tokens).")
                    .paper(Papers.TRANSFORMER)
                    .param(ParamSpec.integer("out_features", 1000, 1, 1 << 20, "Output features"))
                    .param(ParamSpec.bool("bias", true, "Learn an additive bias per output feature"))
                    .key("out_features")
                    .input("x", "…×in").output("y", "…×out")
                    .layouts(LayoutRule.preserves(Layout.NHWC, Layout.TOKENS, Layout.VECTOR, Layout.ANY))
                    .build(),
            (in, p) -> {
                Shape x = in.minRank(0, 2, "N×…×in");
                int fin = x.dim(-1);
                int fout = p.integer("out_features");
                long positions = x.numel() / fin;
                long params = (long) fin * fout + (p.bool("bias") ? fout : 0);
                return Evaluation.of(x.withLast(fout), params, positions * fin * fout);
            });

    public static final List<BlockType> ALL = List.of(LINEAR);
}
