package org.modelworkbench.projects.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.graph.BlockGraph;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.graph.GraphEvaluation;
import org.modelworkbench.blocks.graph.GraphEvaluator;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;

/**
 * Every tensor of every template has the layout of its reference implementation: torchvision and
 * timm keep ResNet, MobileNet, EfficientNet, ConvNeXt, FocalNet and PoolFormer maps channels-first,
 * Swin and VMamba stages channels-last, ViT/DeiT tokens; heads give one vector per image.
 */
class TemplateLayoutsTest {
    private static final BlockLibrary LIBRARY = BlockLibrary.standard();

    /** The layout the reference gives the output of a node of this type (patch embeddings say theirs). */
    private static Layout expected(Design d, Node n) {
        String type = n.type();
        if (type.startsWith("activation.") || type.startsWith("regularization.") || type.startsWith("merge.")
                || type.equals("norm.layer_norm") || type.equals("norm.layer_scale")) {
            // Layout-following blocks keep what their (first) input carries.
            String from = d.incoming(n.id()).values().stream().map(e -> e.from().node()).sorted().findFirst().orElseThrow();
            return expected(d, d.node(from).orElseThrow());
        }
        if (type.equals("embedding.patch_embed")) {
            return switch ((String) n.params().get("output")) {
                case "tokens" -> Layout.TOKENS;
                case "channels_last" -> Layout.NHWC;
                default -> Layout.NCHW;
            };
        }
        if (type.equals("tensor.permute")) {
            return n.params().get("dims").equals(java.util.List.of(0, 2, 3, 1)) ? Layout.NHWC : Layout.NCHW;
        }
        if (type.equals("head.classifier")) {
            return Layout.VECTOR;
        }
        if (type.startsWith("swin.") || type.startsWith("mamba.") || type.equals("embedding.patch_merging")) {
            return Layout.NHWC;
        }
        if (type.startsWith("vit.") || type.startsWith("embedding.")) {
            return Layout.TOKENS;
        }
        return Layout.NCHW; // convolutions, BatchNorm, activations, pools, ResNet … PoolFormer, the stems' norms
    }

    @Test
    void everyTemplateTensorHasTheLayoutOfTheReferenceImplementation() throws Exception {
        for (TemplateInfo info : Templates.list()) {
            Design d = Templates.load(info.id());
            DesignAnalysis a = DesignAnalyzer.analyze(d);
            assertThat(a.problems()).as(info.id()).isEmpty();
            for (Node n : d.nodes()) {
                assertThat(a.node(n.id()).outputLayouts()).as(info.id() + " " + n.id())
                        .containsOnly(expected(d, n));
            }
        }
    }

    @Test
    void convNeXtNormalisesChannelsFirstInItsStemAndDownsamplingAndChannelsLastInsideItsBlocks() throws Exception {
        DesignAnalysis a = DesignAnalyzer.analyze(Templates.load("convnext-tiny"));
        assertThat(a.node("stem_norm").bound().choice("layout")).isEqualTo("channels_first");

        GraphEvaluation down = inside(a, "convnext-tiny", "downsample2");
        assertThat(down.nodes().get("norm").layouts()).containsExactly(Layout.NCHW);

        GraphEvaluation block = inside(a, "convnext-tiny", "stage1_block1");
        assertThat(block.nodes().get("dwconv").layouts()).containsExactly(Layout.NCHW);
        assertThat(block.nodes().get("norm").layouts()).containsExactly(Layout.NHWC);
        assertThat(block.nodes().get("mlp").layouts()).containsExactly(Layout.NHWC);
        assertThat(block.layouts()).containsExactly(Layout.NCHW);
    }

    @Test
    void swinAndVMambaStagesStayChannelsLastInsideTheirBlocks() throws Exception {
        GraphEvaluation swin = inside(DesignAnalyzer.analyze(Templates.load("swin-tiny")), "swin-tiny", "stage1_block2");
        assertThat(swin.nodes().values()).allSatisfy(e -> assertThat(e.layouts()).containsOnly(Layout.NHWC));

        GraphEvaluation vss = inside(DesignAnalyzer.analyze(Templates.load("vmamba-tiny")), "vmamba-tiny", "stage1_block1");
        assertThat(vss.nodes().get("norm").layouts()).containsExactly(Layout.NHWC);
        assertThat(vss.nodes().get("op").layouts()).containsExactly(Layout.NHWC);
    }

    @Test
    void viTKeepsTokensAndItsHeadReadsTheClassTokenAsAVector() throws Exception {
        DesignAnalysis a = DesignAnalyzer.analyze(Templates.load("deit-tiny"));
        assertThat(a.node("block1").outputLayouts()).containsExactly(Layout.TOKENS);
        GraphEvaluation head = inside(a, "deit-tiny", "head");
        assertThat(head.nodes().get("norm").layouts()).containsExactly(Layout.TOKENS);
        assertThat(head.nodes().get("take_class_token").layouts()).containsExactly(Layout.VECTOR);
        assertThat(head.nodes().get("fc").layouts()).containsExactly(Layout.VECTOR);
    }

    /** The evaluated inside of a library composite node, with the layouts arriving at it. */
    private static GraphEvaluation inside(DesignAnalysis a, String template, String nodeId) throws Exception {
        Node n = Templates.load(template).node(nodeId).orElseThrow();
        BlockType type = LIBRARY.find(n.type()).orElseThrow();
        CompositeBlockType composite = (CompositeBlockType) type;
        NodeAnalysis r = a.node(nodeId);
        BlockGraph graph = composite.expand(r.inputs(), r.inputLayouts(), type.resolve(n.params()));
        return GraphEvaluator.evaluate(graph, r.inputs(), r.inputLayouts());
    }

}
