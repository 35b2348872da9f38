package org.modelworkbench.blocks.head;

import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.LayoutRule;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.graph.BlockGraph.Ref;
import org.modelworkbench.blocks.graph.GraphBuilder;
import org.modelworkbench.blocks.linear.LinearBlocks;
import org.modelworkbench.blocks.norm.NormBlocks;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.pool.PoolBlocks;
import org.modelworkbench.blocks.regularization.RegularizationBlocks;
import org.modelworkbench.blocks.tensor.TensorBlocks;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.Papers;

/** Classification heads. */
public final class HeadBlocks {
    private HeadBlocks() {
    }

    public static final String CHANNELS_FIRST = "channels_first";
    public static final String CHANNELS_LAST = "channels_last";
    public static final String TOKENS = "tokens";
    public static final String CLASS_TOKEN = "class_token";
    public static final String AUTO = "auto";

    public static final BlockType CLASSIFIER = new CompositeBlockType(
            BlockSpec.builder("head.classifier", "Classifier head", Category.HEAD)
                    .description("Pools features to one vector per image and maps it to class logits: optional "
                            + "LayerNorm before or after pooling (Swin/FocalNet/VMamba before, ConvNeXt/PoolFormer "
                            + "after, ViT before taking the class token), optional dropout, Linear C→classes with "
                            + "bias. Params C·classes + classes (+2C with the norm); MACs C·classes per image.")
                    .paper(Papers.RESNET)
                    .param(ParamSpec.integer("classes", 1000, 1, 1 << 20, "Number of classes"))
                    .param(ParamSpec.choice("layout", AUTO, List.of(AUTO, CHANNELS_FIRST, CHANNELS_LAST, TOKENS, CLASS_TOKEN),
                            "Feature layout: auto (follow the input: tokens are averaged), N×C×H×W, N×H×W×C, tokens "
                                    + "N×T×C averaged, or tokens N×T×C reading token 0"))
                    .param(ParamSpec.choice("norm", "none", List.of("none", "before_pool", "after_pool"), "Where a LayerNorm sits"))
                    .param(ParamSpec.real("norm_eps", 1e-5, 1e-12, 0.1, "LayerNorm epsilon"))
                    .param(ParamSpec.real("dropout", 0.0, 0.0, 0.99, "Dropout before the classifier (0: none)"))
                    .key("classes", "norm")
                    .input("x", "features").output("logits", "N×classes")
                    .binder(PoolBlocks.GLOBAL_LAYOUT_BINDER)
                    .layouts((in, p, n) -> {
                        in.require(0, switch (p.choice("layout")) {
                            case CHANNELS_FIRST -> Layout.NCHW;
                            case CHANNELS_LAST -> Layout.NHWC;
                            default -> Layout.TOKENS;
                        });
                        return List.of(Layout.VECTOR);
                    })
                    .build(),
            (in, p) -> {
                String layout = p.choice("layout");
                String norm = p.choice("norm");
                // check the layout's rank here, so a wrong input is reported on port x whatever comes first inside
                switch (layout) {
                    case CHANNELS_FIRST -> in.rank(0, 4, "N×C×H×W");
                    case CHANNELS_LAST -> in.rank(0, 4, "N×H×W×C");
                    default -> in.rank(0, 3, "N×T×C");
                }
                GraphBuilder g = new GraphBuilder("x");
                Ref y = g.input("x");
                if (norm.equals("before_pool")) {
                    y = g.add("norm", NormBlocks.LAYER_NORM, Map.of("layout",
                            layout.equals(CHANNELS_FIRST) ? NormBlocks.CHANNELS_FIRST : NormBlocks.CHANNELS_LAST,
                            "eps", p.real("norm_eps")), y);
                }
                if (layout.equals(CLASS_TOKEN)) {
                    y = g.add("take_class_token", TensorBlocks.SELECT, Map.of("dim", 1, "index", 0), y);
                } else {
                    y = g.add("pool", PoolBlocks.GLOBAL_AVG, Map.of("layout", layout), y);
                }
                if (norm.equals("after_pool")) {
                    y = g.add("norm", NormBlocks.LAYER_NORM, Map.of("layout", NormBlocks.CHANNELS_LAST, "eps", p.real("norm_eps")), y);
                }
                if (p.real("dropout") > 0) {
                    y = g.add("dropout", RegularizationBlocks.DROPOUT, Map.of("p", p.real("dropout")), y);
                }
                y = g.add("fc", LinearBlocks.LINEAR, Map.of("out_features", p.integer("classes"), "bias", true), y);
                return g.output("logits", y).build();
            });

    public static final List<BlockType> ALL = List.of(CLASSIFIER);
}
