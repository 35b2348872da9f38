package org.modelworkbench.blocks.io;

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

/** Where data enters a design. */
public final class InputBlocks {
    private InputBlocks() {
    }

    public static final String IMAGE_ID = "io.image_input";

    public static final BlockType IMAGE = new PrimitiveBlockType(
            BlockSpec.builder(IMAGE_ID, "Image input", Category.INPUT)
                    .description("A batch of images, N×C×H×W (e.g. 1×1×28×28 for Fashion-MNIST, 1×3×224×224 for "
                            + "ImageNet). The profiler's --input option overrides these sizes.")
                    .paper(Papers.LECUN_1998)
                    .param(ParamSpec.integer("batch", 1, 1, 65_536, "Batch size N"))
                    .param(ParamSpec.integer("channels", 3, 1, 65_536, "Image channels C (1 grey, 3 RGB)"))
                    .param(ParamSpec.integer("height", 224, 1, 65_536, "Image height H").withUnit("px"))
                    .param(ParamSpec.integer("width", 224, 1, 65_536, "Image width W").withUnit("px"))
                    .key("channels", "height", "width")
                    .output("y", "N×C×H×W")
                    .layouts((in, p, n) -> List.of(Layout.NCHW))
                    .build(),
            (in, p) -> Evaluation.of(Shape.of(p.integer("batch"), p.integer("channels"), p.integer("height"),
                    p.integer("width")), 0, 0));

    public static final List<BlockType> ALL = List.of(IMAGE);
}
