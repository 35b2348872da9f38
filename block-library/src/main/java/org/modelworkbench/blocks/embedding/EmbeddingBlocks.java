package org.modelworkbench.blocks.embedding;

import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.LayoutRule;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.conv.ConvBlocks;
import org.modelworkbench.blocks.graph.BlockGraph.Ref;
import org.modelworkbench.blocks.graph.GraphBuilder;
import org.modelworkbench.blocks.linear.LinearBlocks;
import org.modelworkbench.blocks.norm.NormBlocks;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.tensor.TensorBlocks;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.PrimitiveBlockType;

/** Turning images into tokens and back: patch embedding, class token, position embeddings, patch merging. */
public final class EmbeddingBlocks {
    private EmbeddingBlocks() {
    }

    public static final String TOKENS = "tokens";
    public static final String CHANNELS_LAST = "channels_last";
    public static final String CHANNELS_FIRST = "channels_first";

    public static final BlockType CLASS_TOKEN = new PrimitiveBlockType(
            BlockSpec.builder("embedding.class_token", "Class token", Category.EMBEDDING)
                    .description("Prepends one learned token to the sequence, N×T×D → N×(T+1)×D; the head reads "
                            + "its final state (ViT, DeiT). Params D; 0 MACs.")
                    .paper(Papers.VIT)
                    .input("x", "N×T×D").output("y", "N×(T+1)×D")
                    .layouts(LayoutRule.fixed(Layout.TOKENS, Layout.TOKENS))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 3, "N×T×D");
                return Evaluation.of(x.with(1, x.dim(1) + 1), x.dim(2), 0);
            });

    public static final BlockType POSITION_LEARNED = new PrimitiveBlockType(
            BlockSpec.builder("embedding.position_learned", "Learned position embedding", Category.EMBEDDING)
                    .description("Adds a learned vector per position, N×T×D → N×T×D. Params T·D (the class "
                            + "token's position included when it comes first); 0 MACs.")
                    .paper(Papers.VIT)
                    .input("x", "N×T×D").output("y", "N×T×D")
                    .layouts(LayoutRule.fixed(Layout.TOKENS, Layout.TOKENS))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 3, "N×T×D");
                return Evaluation.of(x, (long) x.dim(1) * x.dim(2), 0);
            });

    public static final BlockType POSITION_SINCOS = new PrimitiveBlockType(
            BlockSpec.builder("embedding.position_sincos", "Fixed sin-cos position embedding", Category.EMBEDDING)
                    .description("Adds fixed sine and cosine waves of different frequencies per position "
                            + "(Transformer, MAE's 2-D variant). No parameters; 0 MACs; D must be even.")
                    .paper(Papers.TRANSFORMER)
                    .input("x", "N×T×D").output("y", "N×T×D")
                    .layouts(LayoutRule.fixed(Layout.TOKENS, Layout.TOKENS))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 3, "N×T×D");
                if (x.dim(2) % 2 != 0) {
                    throw in.error(0, "the embedding width " + x.dim(2) + " must be even for sine/cosine pairs");
                }
                return Evaluation.of(x, 0, 0);
            });

    public static final BlockType PATCH_EMBED = new CompositeBlockType(
            BlockSpec.builder("embedding.patch_embed", "Patch embedding", Category.EMBEDDING)
                    .description("Cuts the image into P×P patches and projects each to D channels with a P×P, stride P "
                            + "convolution (with bias), optionally followed by LayerNorm. Output as tokens N×T×D (ViT), "
                            + "a channels-last map N×H/P×W/P×D (Swin) or channels-first N×D×H/P×W/P.")
                    .paper(Papers.VIT)
                    .param(ParamSpec.integer("patch", 16, 1, 64, "Patch size P").withUnit("px"))
                    .param(ParamSpec.integer("embed_dim", 768, 1, 1 << 16, "Embedding width D"))
                    .param(ParamSpec.bool("norm", false, "LayerNorm after the projection (Swin: yes, ViT: no)"))
                    .param(ParamSpec.choice("output", TOKENS, List.of(TOKENS, CHANNELS_LAST, CHANNELS_FIRST),
                            "Output layout"))
                    .key("patch", "embed_dim", "output")
                    .input("x", "N×C×H×W").output("y", "N×T×D, N×H'×W'×D or N×D×H'×W'")
                    .layouts(LayoutRule.preserves(Layout.NCHW))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 4, "N×C×H×W");
                int patch = p.integer("patch");
                if (x.dim(2) % patch != 0 || x.dim(3) % patch != 0) {
                    throw in.error(0, "the " + x.dim(2) + "×" + x.dim(3) + " image is not divisible by patch " + patch);
                }
                GraphBuilder g = new GraphBuilder("x");
                Ref y = g.add("proj", ConvBlocks.CONV2D, Map.of("out_channels", p.integer("embed_dim"),
                        "kernel", patch, "stride", patch, "padding", 0, "bias", true), g.input("x"));
                String output = p.choice("output");
                if (output.equals(TOKENS)) {
                    y = g.add("flatten", TensorBlocks.FLATTEN, Map.of("start_dim", 2), y);
                    y = g.add("to_tokens", TensorBlocks.PERMUTE, Map.of("dims", List.of(0, 2, 1)), y);
                } else if (output.equals(CHANNELS_LAST)) {
                    y = g.add("to_channels_last", TensorBlocks.PERMUTE, Map.of("dims", List.of(0, 2, 3, 1)), y);
                }
                if (p.bool("norm")) {
                    y = g.add("norm", NormBlocks.LAYER_NORM, Map.of("layout",
                            output.equals(CHANNELS_FIRST) ? NormBlocks.CHANNELS_FIRST : NormBlocks.CHANNELS_LAST), y);
                }
                return g.output("y", y).build();
            });

    public static final BlockType PATCH_MERGING = new CompositeBlockType(
            BlockSpec.builder("embedding.patch_merging", "Patch merging", Category.EMBEDDING)
                    .description("Swin's down-sampling between stages: concatenates each 2×2 neighbourhood "
                            + "(N×H×W×C → N×H/2×W/2×4C), LayerNorm(4C), then Linear 4C→2C without bias. "
                            + "Params 8C²+8C; MACs (T/4)·8C².")
                    .paper(Papers.SWIN)
                    .param(ParamSpec.integer("out_channels", 0, 0, 1 << 16, "Output channels; 0 means 2C"))
                    .key("out_channels")
                    .input("x", "N×H×W×C").output("y", "N×H/2×W/2×2C")
                    .layouts(LayoutRule.fixed(Layout.NHWC, Layout.NHWC))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 4, "N×H×W×C");
                int out = p.integer("out_channels") == 0 ? 2 * x.dim(3) : p.integer("out_channels");
                GraphBuilder g = new GraphBuilder("x");
                Ref y = g.add("gather", TensorBlocks.SPACE_TO_DEPTH, Map.of("block", 2, "layout", CHANNELS_LAST), g.input("x"));
                y = g.add("norm", NormBlocks.LAYER_NORM, Map.of("layout", NormBlocks.CHANNELS_LAST), y);
                y = g.add("reduction", LinearBlocks.LINEAR, Map.of("out_features", out, "bias", false), y);
                return g.output("y", y).build();
            });

    public static final List<BlockType> ALL = List.of(PATCH_EMBED, CLASS_TOKEN, POSITION_LEARNED, POSITION_SINCOS,
            PATCH_MERGING);

}
