package org.modelworkbench.projects.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.templates.Templates;

/**
 * The four mistakes found by writing reference models by hand: each is a located layout error
 * naming both layouts and the producer, or (where the default now follows the input) the
 * reference counts.
 */
class LayoutMismatchTest {

    private static Design withParam(String template, String node, String param, Object value) throws Exception {
        Design d = Templates.load(template);
        Node n = d.node(node).orElseThrow();
        d.replaceNode(n.withParam(param, value));
        return d;
    }

    private static Problem onlyProblem(Design d) {
        List<Problem> problems = DesignAnalyzer.analyze(d).problems();
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void aConvNeXtStemLayerNormLeftAtItsDefaultFollowsTheChannelsFirstMapAndHasTheReference192Parameters() throws Exception {
        Design d = Templates.load("convnext-tiny");
        Node n = d.node("stem_norm").orElseThrow();
        java.util.Map<String, Object> params = new java.util.LinkedHashMap<>(n.params());
        params.remove("layout");
        d.replaceNode(n.withParams(params));

        DesignAnalysis a = DesignAnalyzer.analyze(d);

        assertThat(a.problems()).isEmpty();
        assertThat(a.node("stem_norm").params()).isEqualTo(192);
        assertThat(a.node("stem_norm").bound().choice("layout")).isEqualTo("channels_first");
        assertThat(a.totals().params()).isEqualTo(28_589_128L);
    }

    @Test
    void aConvNeXtStemLayerNormSetToChannelsLastOnAChannelsFirstMapIsALocatedErrorNamingBothLayouts() throws Exception {
        Problem p = onlyProblem(withParam("convnext-tiny", "stem_norm", "layout", "channels_last"));

        assertThat(p.kind()).isEqualTo(Problem.Kind.LAYOUT_MISMATCH);
        assertThat(p.nodeId()).isEqualTo("stem_norm");
        assertThat(p.port()).isEqualTo("x");
        assertThat(p.message()).isEqualTo("expects channels-last N×H×W×C or tokens N×T×D or vector N×D; "
                + "stem_conv.y is channels-first N×C×H×W");
        assertThat(p.fix().dims()).containsExactly(0, 2, 3, 1);
    }

    @Test
    void aSwinHeadSetToChannelsFirstOnAChannelsLastMapIsALocatedErrorNamingBothLayouts() throws Exception {
        Problem p = onlyProblem(withParam("swin-tiny", "head", "layout", "channels_first"));

        assertThat(p.kind()).isEqualTo(Problem.Kind.LAYOUT_MISMATCH);
        assertThat(p.nodeId()).isEqualTo("head");
        assertThat(p.message()).isEqualTo("expects channels-first N×C×H×W; stage4_block2.y is channels-last N×H×W×C");
    }

    @Test
    void aVMambaStemWithChannelsFirstOutputFeedingVssBlocksIsALocatedErrorInsteadOfWrongMacs() throws Exception {
        Problem p = onlyProblem(withParam("vmamba-tiny", "stem", "output", "channels_first"));

        assertThat(p.kind()).isEqualTo(Problem.Kind.LAYOUT_MISMATCH);
        assertThat(p.nodeId()).isEqualTo("stage1_block1");
        assertThat(p.message()).isEqualTo("expects channels-last N×H×W×C; stem.y is channels-first N×C×H×W");
        assertThat(p.fix().dims()).containsExactly(0, 2, 3, 1);
    }

    @Test
    void aSwinBlockFedAChannelsFirstMapIsALayoutErrorNotAWindowDivisibilityMessage() throws Exception {
        DesignBuilder b = new DesignBuilder("swin on NCHW");
        String x = b.input("input", 3, 224, 224);
        x = b.add("patch", "conv.conv2d", Map.of("out_channels", 96, "kernel", 4, "stride", 4), x);
        b.add("block", "swin.block", Map.of("heads", 3), x);

        Problem p = onlyProblem(b.build());

        assertThat(p.kind()).isEqualTo(Problem.Kind.LAYOUT_MISMATCH);
        assertThat(p.location()).isEqualTo("node 'block', input 'x'");
        assertThat(p.message()).isEqualTo("expects channels-last N×H×W×C; patch.y is channels-first N×C×H×W");
    }

    @Test
    void tokensIntoAConvolutionAreALayoutErrorWithNoSinglePermuteToOffer() throws Exception {
        DesignBuilder b = new DesignBuilder("tokens into a conv");
        String x = b.input("input", 3, 32, 32);
        x = b.add("embed", "embedding.patch_embed", Map.of("patch", 4, "embed_dim", 8), x);
        b.add("conv", "conv.conv2d", Map.of("out_channels", 8), x);

        Problem p = onlyProblem(b.build());

        assertThat(p.message()).isEqualTo("expects channels-first N×C×H×W; embed.y is tokens N×T×D");
        assertThat(p.fix()).isNull(); // no single permute turns tokens into a map
    }

    @Test
    void aResidualAddOfAChannelsLastBranchOntoAChannelsFirstMapNamesTheBranch() throws Exception {
        DesignBuilder b = new DesignBuilder("mixed add");
        String x = b.input("input", 8, 16, 16);
        String branch = b.add("to_nhwc", "tensor.permute", Map.of("dims", List.of(0, 2, 3, 1)), x);
        b.add("sum", "merge.add", Map.of(), x, branch);

        Problem p = onlyProblem(b.build());

        assertThat(p.location()).isEqualTo("node 'sum', input 'b'");
        assertThat(p.message()).isEqualTo("expects b in the layout of a, channels-first N×C×H×W; to_nhwc.y is "
                + "channels-last N×H×W×C");
        assertThat(p.fix().dims()).containsExactly(0, 3, 1, 2);
    }

    @Test
    void aReshapedTensorHasNoKnownLayoutUntilTheReshapeStatesOne() throws Exception {
        DesignBuilder b = new DesignBuilder("tokens back to a map");
        String x = b.input("input", 3, 32, 32);
        x = b.add("embed", "embedding.patch_embed", Map.of("patch", 4, "embed_dim", 8), x);
        x = b.add("to_ncl", "tensor.permute", Map.of("dims", List.of(0, 2, 1)), x);
        x = b.add("fold", "tensor.reshape", Map.of("shape", List.of(0, 8, 8, 8)), x);
        b.add("conv", "conv.conv2d", Map.of("out_channels", 8), x);
        Design d = b.build();

        Problem p = onlyProblem(d);
        assertThat(p.message()).isEqualTo("expects channels-first N×C×H×W; fold.y is of unknown layout");

        d.replaceNode(d.node("fold").orElseThrow().withParam("layout", "NCHW"));
        assertThat(DesignAnalyzer.analyze(d).problems()).isEmpty();

        d.replaceNode(d.node("fold").orElseThrow().withParam("layout", "NTD"));
        assertThat(onlyProblem(d).message()).isEqualTo("layout NTD has 3 dimensions but the target shape [0, 8, 8, 8] has 4");
    }

    @Test
    void aUserCompositeChecksTheLayoutArrivingAtItsBoundaryAgainstItsInside() throws Exception {
        DesignBuilder b = new DesignBuilder("user composite");
        String x = b.input("input", 8, 16, 16);
        x = b.add("to_nhwc", "tensor.permute", Map.of("dims", List.of(0, 2, 3, 1)), x);
        x = b.add("conv", "conv.conv2d", Map.of("out_channels", 8), x);
        b.add("relu", "activation.relu", Map.of(), x);
        Design d = b.build();
        var plan = org.modelworkbench.projects.composite.Grouping.plan(d, List.of("conv"), "Unit",
                DesignAnalyzer.analyze(d));
        org.modelworkbench.projects.composite.Grouping.apply(plan);
        String unit = d.nodes().stream().filter(n -> n.type().equals("user.Unit")).findFirst().orElseThrow().id();

        Problem p = onlyProblem(d);

        assertThat(p.nodeId()).isEqualTo(unit);
        assertThat(p.kind()).isEqualTo(Problem.Kind.LAYOUT_MISMATCH);
        assertThat(p.message()).contains("in conv (Conv2d)").contains("expects channels-first N×C×H×W")
                .contains("to_nhwc.y is channels-last N×H×W×C");
        assertThat(p.fix().dims()).containsExactly(0, 3, 1, 2);
    }

    @Test
    void aLayoutChangeUpstreamIsPickedUpByTheIncrementalAnalysis() throws Exception {
        Design d = Templates.load("vmamba-tiny");
        try (DesignAnalyzer analyzer = new DesignAnalyzer(d)) {
            assertThat(analyzer.analysis().problems()).isEmpty();
            Node stem = d.node("stem").orElseThrow();
            d.replaceNode(stem.withParam("output", "channels_first"));
            assertThat(analyzer.analysis().problems()).extracting(Problem::nodeId).containsExactly("stage1_block1");
            d.replaceNode(stem);
            assertThat(analyzer.analysis().problems()).isEmpty();
            assertThat(analyzer.analysis().node("stem").outputLayouts()).containsExactly(Layout.NHWC);
        }
    }
}
