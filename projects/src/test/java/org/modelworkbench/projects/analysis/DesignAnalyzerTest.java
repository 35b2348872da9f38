package org.modelworkbench.projects.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;

class DesignAnalyzerTest {

    /** input 1×3×32×32 → conv 16 (3×3, bias) → BN → ReLU → max pool 2 → conv 32 (3×3/2, no bias) → GAP → FC 10. */
    static Design smallNet() {
        DesignBuilder b = new DesignBuilder("small");
        String x = b.input("input", 3, 32, 32);
        x = b.add("conv1", "conv.conv2d", Map.of("out_channels", 16, "kernel", 3, "padding", 1), x);
        x = b.add("bn", "norm.batch_norm", Map.of(), x);
        x = b.add("relu", "activation.relu", Map.of(), x);
        x = b.add("pool", "pool.max2d", Map.of("kernel", 2), x);
        x = b.add("conv2", "conv.conv2d", Map.of("out_channels", 32, "kernel", 3, "stride", 2, "padding", 1,
                "bias", false), x);
        x = b.add("gap", "pool.global_avg", Map.of(), x);
        b.add("fc", "linear.linear", Map.of("out_features", 10), x);
        return b.build();
    }

    private static Node node(String id, String type, Map<String, Object> params) {
        return new Node(id, type, params, 0, 0);
    }

    private static void wire(Design d, String from, String to) {
        d.connect(new Edge(PortRef.parse(from), PortRef.parse(to)));
    }

    @Test
    void everyShapeOfASmallNetIsInferredInTopologicalOrder() {
        DesignAnalysis a = DesignAnalyzer.analyze(smallNet());

        assertThat(a.hasProblems()).isFalse();
        assertThat(a.order()).containsExactly("input", "conv1", "bn", "relu", "pool", "conv2", "gap", "fc");
        assertThat(a.node("input").outputs()).containsExactly(Shape.of(1, 3, 32, 32));
        assertThat(a.node("conv1").inputs()).containsExactly(Shape.of(1, 3, 32, 32));
        assertThat(a.node("conv1").output("y")).isEqualTo(Shape.of(1, 16, 32, 32));
        assertThat(a.node("bn").output("y")).isEqualTo(Shape.of(1, 16, 32, 32));
        assertThat(a.node("relu").output("y")).isEqualTo(Shape.of(1, 16, 32, 32));
        assertThat(a.node("pool").output("y")).isEqualTo(Shape.of(1, 16, 16, 16));
        // Ho = ⌊(16 + 2 − 2 − 1) / 2⌋ + 1 = 8
        assertThat(a.node("conv2").output("y")).isEqualTo(Shape.of(1, 32, 8, 8));
        assertThat(a.node("gap").output("y")).isEqualTo(Shape.of(1, 32));
        assertThat(a.node("fc").output("y")).isEqualTo(Shape.of(1, 10));
        assertThat(a.node("fc").inputPorts()).containsExactly("x");
        assertThat(a.node("fc").outputPorts()).containsExactly("y");
        assertThat(a.nodes().values()).allMatch(NodeAnalysis::evaluated);
    }

    @Test
    void parametersMacsAndActivationBytesAreCountedPerNodeAndInTotal() {
        DesignAnalysis a = DesignAnalyzer.analyze(smallNet());

        // conv1: 16·3·3·3 weights + 16 bias; MACs 32·32 positions × 16·3·9
        assertThat(a.node("conv1").params()).isEqualTo(448);
        assertThat(a.node("conv1").macs()).isEqualTo(442_368);
        // BN: γ and β per channel, no MACs
        assertThat(a.node("bn").params()).isEqualTo(32);
        assertThat(a.node("bn").macs()).isZero();
        // conv2: 32·16·9 weights, no bias; MACs 8·8 × 4608
        assertThat(a.node("conv2").params()).isEqualTo(4_608);
        assertThat(a.node("conv2").macs()).isEqualTo(294_912);
        // FC: 32·10 + 10; MACs 32·10
        assertThat(a.node("fc").params()).isEqualTo(330);
        assertThat(a.node("fc").macs()).isEqualTo(320);
        assertThat(a.node("fc").flops()).isEqualTo(640);
        assertThat(a.node("relu").params()).isZero();
        assertThat(a.node("pool").macs()).isZero();
        // fp32 outputs: 3·32·32 + 3 × 16·32·32 + 16·16·16 + 32·8·8 + 32 + 10 elements
        assertThat(a.node("input").activationBytes()).isEqualTo(12_288);
        assertThat(a.node("conv1").activationBytes()).isEqualTo(65_536);

        assertThat(a.totals()).isEqualTo(new Totals(5_418, 737_600, 233_640));
        assertThat(a.totals().flops()).isEqualTo(1_475_200);
    }

    @Test
    void theBatchSizeOfTheInputScalesMacsAndActivationsButNotParameters() {
        Design d = smallNet();
        d.replaceNode(d.node("input").orElseThrow().withParam("batch", 4));
        DesignAnalysis a = DesignAnalyzer.analyze(d);
        assertThat(a.node("fc").output("y")).isEqualTo(Shape.of(4, 10));
        assertThat(a.totals()).isEqualTo(new Totals(5_418, 4 * 737_600, 4 * 233_640));
    }

    /** A design with many different mistakes at once, each in its own corner. */
    private static Design designWithManyMistakes() {
        Design d = new Design("broken");
        d.addNode(node("input", "io.image_input", Map.of("channels", 3, "height", 16, "width", 16)));
        // shape mismatch: 16 channels + 8 channels
        d.addNode(node("wide", "conv.conv2d", Map.of("out_channels", 16)));
        d.addNode(node("narrow", "conv.conv2d", Map.of("out_channels", 8)));
        d.addNode(node("sum", "merge.add", Map.of()));
        d.addNode(node("after_sum", "activation.relu", Map.of()));
        d.addNode(node("after_after_sum", "linear.linear", Map.of("out_features", 4)));
        wire(d, "input.y", "wide.x");
        wire(d, "input.y", "narrow.x");
        wire(d, "wide.y", "sum.a");
        wire(d, "narrow.y", "sum.b");
        wire(d, "sum.y", "after_sum.x");
        wire(d, "after_sum.y", "after_after_sum.x");
        // unconnected input
        d.addNode(node("lonely", "activation.relu", Map.of()));
        // unknown block type, with a node below it
        d.addNode(node("mystery", "conv.conv2", Map.of()));
        d.addNode(node("after_mystery", "activation.relu", Map.of()));
        wire(d, "input.y", "mystery.x");
        wire(d, "mystery.y", "after_mystery.x");
        // invalid parameter, with a node below it
        d.addNode(node("bad_kernel", "conv.conv2d", Map.of("kernel", 99)));
        d.addNode(node("after_bad_kernel", "activation.relu", Map.of()));
        wire(d, "input.y", "bad_kernel.x");
        wire(d, "bad_kernel.y", "after_bad_kernel.x");
        // a wire from an output port that does not exist
        d.addNode(node("wrong_output", "activation.relu", Map.of()));
        wire(d, "input.z", "wrong_output.x");
        // a wire into an input port that does not exist (x itself is wired correctly)
        d.addNode(node("wrong_input", "activation.gelu", Map.of()));
        wire(d, "input.y", "wrong_input.x");
        wire(d, "input.y", "wrong_input.q");
        // a cycle of three, fed from the input through a merge, and two nodes below it
        d.addNode(node("loop_sum", "merge.add", Map.of()));
        d.addNode(node("loop_a", "activation.relu", Map.of()));
        d.addNode(node("loop_b", "activation.relu", Map.of()));
        d.addNode(node("below_loop", "activation.relu", Map.of()));
        d.addNode(node("below_below_loop", "activation.relu", Map.of()));
        wire(d, "input.y", "loop_sum.a");
        wire(d, "loop_b.y", "loop_sum.b");
        wire(d, "loop_sum.y", "loop_a.x");
        wire(d, "loop_a.y", "loop_b.x");
        wire(d, "loop_b.y", "below_loop.x");
        wire(d, "below_loop.y", "below_below_loop.x");
        return d;
    }

    @Test
    void severalMistakesAreEachReportedAtTheNodeAndPortWhereTheyArise() {
        DesignAnalysis a = DesignAnalyzer.analyze(designWithManyMistakes());

        assertThat(a.problems()).extracting(Problem::nodeId, Problem::port, Problem::kind).containsExactlyInAnyOrder(
                tuple("sum", "b", Problem.Kind.SHAPE_MISMATCH),
                tuple("lonely", "x", Problem.Kind.UNCONNECTED_INPUT),
                tuple("mystery", null, Problem.Kind.UNKNOWN_BLOCK_TYPE),
                tuple("bad_kernel", null, Problem.Kind.INVALID_PARAMETER),
                tuple("wrong_output", "x", Problem.Kind.UNKNOWN_PORT),
                tuple("wrong_input", "q", Problem.Kind.UNKNOWN_PORT),
                tuple("loop_sum", null, Problem.Kind.CYCLE),
                tuple("loop_a", null, Problem.Kind.CYCLE),
                tuple("loop_b", null, Problem.Kind.CYCLE));
        assertThat(a.hasProblems()).isTrue();
    }

    @Test
    void eachProblemMessageSaysWhatIsWrong() {
        DesignAnalysis a = DesignAnalyzer.analyze(designWithManyMistakes());

        assertThat(only(a, "sum").message()).contains("1×16×16×16").contains("1×8×16×16");
        assertThat(only(a, "sum")).hasToString("node 'sum', input 'b': " + only(a, "sum").message());
        assertThat(only(a, "lonely").message()).isEqualTo("input 'x' is not connected");
        assertThat(only(a, "mystery").message()).isEqualTo("unknown block type 'conv.conv2'");
        assertThat(only(a, "mystery").location()).isEqualTo("node 'mystery'");
        assertThat(only(a, "bad_kernel").message()).startsWith("parameter 'kernel': ").contains("between 1 and 63");
        assertThat(only(a, "wrong_output").message()).contains("input.z").contains("no output 'z'").contains("outputs: y");
        assertThat(only(a, "wrong_input").message()).contains("no input 'q'").contains("inputs: x");
        assertThat(only(a, "loop_a").message()).contains("part of a cycle").contains("loop_sum").contains("loop_b");
    }

    @Test
    void nodesDownstreamOfAProblemAreNotEvaluatedAndHaveNoProblemOfTheirOwn() {
        DesignAnalysis a = DesignAnalyzer.analyze(designWithManyMistakes());

        for (String id : List.of("sum", "after_sum", "after_after_sum", "mystery", "after_mystery", "bad_kernel",
                "after_bad_kernel", "wrong_output", "wrong_input", "lonely", "loop_sum", "loop_a", "loop_b",
                "below_loop", "below_below_loop")) {
            assertThat(a.node(id).evaluated()).as(id).isFalse();
            assertThat(a.node(id).outputs()).as(id).isEmpty();
            assertThat(a.node(id).params()).as(id).isZero();
        }
        for (String id : List.of("after_sum", "after_after_sum", "after_mystery", "after_bad_kernel", "below_loop",
                "below_below_loop")) {
            assertThat(a.node(id).problems()).as(id).isEmpty();
        }
        assertThat(a.node("input").evaluated()).isTrue();
        assertThat(a.node("wide").evaluated()).isTrue();
        assertThat(a.node("narrow").evaluated()).isTrue();
        // the failing merge still shows what arrived at it
        assertThat(a.node("sum").inputs()).containsExactly(Shape.of(1, 16, 16, 16), Shape.of(1, 8, 16, 16));
    }

    @Test
    void everyNodeOfTheDesignHasAResultAndTheOrderListsCycleMembersAndBlockedNodesLast() {
        Design d = designWithManyMistakes();
        DesignAnalysis a = DesignAnalyzer.analyze(d);
        assertThat(a.nodes().keySet()).containsExactlyInAnyOrderElementsOf(d.nodes().stream().map(Node::id).toList());
        assertThat(a.order()).hasSize(d.size());
        assertThat(a.order().subList(d.size() - 5, d.size()))
                .containsExactlyInAnyOrder("loop_sum", "loop_a", "loop_b", "below_loop", "below_below_loop");
    }

    @Test
    void theTotalsCountOnlyTheEvaluatedNodes() {
        DesignAnalysis a = DesignAnalyzer.analyze(designWithManyMistakes());
        long params = a.nodes().values().stream().mapToLong(NodeAnalysis::params).sum();
        // wide: 16·3·9 + 16, narrow: 8·3·9 + 8
        assertThat(params).isEqualTo(448 + 224);
        assertThat(a.totals().params()).isEqualTo(params);
        assertThat(a.totals().macs()).isEqualTo(16 * 16 * (432 + 216));
    }

    @Test
    void aNodeThatFeedsItselfIsACycleOfOne() {
        Design d = new Design("self");
        d.addNode(node("me", "activation.relu", Map.of()));
        wire(d, "me.y", "me.x");
        DesignAnalysis a = DesignAnalyzer.analyze(d);
        assertThat(a.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.CYCLE);
            assertThat(p.message()).contains("feeds itself");
        });
    }

    @Test
    void aNodeWithAnUnknownTypeIgnoresItsEdgesAndReportsOnlyTheType() {
        Design d = new Design("unknown");
        d.addNode(node("input", "io.image_input", Map.of()));
        d.addNode(node("what", "no.such_block", Map.of("anything", 1)));
        wire(d, "input.y", "what.whatever");
        DesignAnalysis a = DesignAnalyzer.analyze(d);
        assertThat(a.problems()).singleElement().extracting(Problem::kind).isEqualTo(Problem.Kind.UNKNOWN_BLOCK_TYPE);
    }

    @Test
    void everyInvalidParameterOfANodeIsReportedByName() {
        Design d = new Design("params");
        d.addNode(node("input", "io.image_input", Map.of()));
        d.addNode(node("c", "conv.conv2d", Map.of("kernel", 0, "stride", "two", "colour", "red")));
        wire(d, "input.y", "c.x");
        DesignAnalysis a = DesignAnalyzer.analyze(d);
        assertThat(a.problems()).allMatch(p -> p.kind() == Problem.Kind.INVALID_PARAMETER && p.nodeId().equals("c"))
                .extracting(Problem::message)
                .anyMatch(m -> m.startsWith("parameter 'kernel'"))
                .anyMatch(m -> m.startsWith("parameter 'stride'") && m.contains("\"two\""))
                .anyMatch(m -> m.startsWith("parameter 'colour'") && m.contains("unknown parameter"))
                .hasSize(3);
        // the ports come from the type's defaults, so the editor can still draw the node
        assertThat(a.node("c").inputPorts()).containsExactly("x");
        assertThat(a.node("c").outputPorts()).containsExactly("y");
    }

    @Test
    void aKernelThatDoesNotFitTheInputIsAShapeMismatchAtTheInputPort() {
        Design d = new Design("too big");
        d.addNode(node("input", "io.image_input", Map.of("height", 4, "width", 4)));
        d.addNode(node("c", "conv.conv2d", Map.of("kernel", 9, "padding", 0)));
        wire(d, "input.y", "c.x");
        DesignAnalysis a = DesignAnalyzer.analyze(d);
        assertThat(a.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.SHAPE_MISMATCH);
            assertThat(p.port()).isEqualTo("x");
            assertThat(p.message()).contains("does not fit");
        });
    }

    @Test
    void anInputOverrideReplacesTheSizesOfEveryImageInput() {
        Design d = new Design("two inputs");
        d.addNode(node("left", "io.image_input", Map.of("channels", 1, "height", 28, "width", 28)));
        d.addNode(node("right", "io.image_input", Map.of("batch", 7, "channels", 3, "height", 224, "width", 224)));
        d.addNode(node("sum", "merge.add", Map.of()));
        wire(d, "left.y", "sum.a");
        wire(d, "right.y", "sum.b");
        assertThat(DesignAnalyzer.analyze(d).hasProblems()).isTrue();

        DesignAnalysis a = DesignAnalyzer.analyze(d, new AnalysisOptions(Shape.of(2, 3, 64, 48)));

        assertThat(a.hasProblems()).isFalse();
        assertThat(a.node("left").output("y")).isEqualTo(Shape.of(2, 3, 64, 48));
        assertThat(a.node("right").output("y")).isEqualTo(Shape.of(2, 3, 64, 48));
        assertThat(a.node("sum").output("y")).isEqualTo(Shape.of(2, 3, 64, 48));
        assertThat(d.node("right").orElseThrow().params()).as("the design itself is untouched").containsEntry("batch", 7);
    }

    @Test
    void anInputOverrideOnALiveAnalyzerReEvaluatesOnlyFromTheInputsDown() {
        Design d = smallNet();
        try (DesignAnalyzer analyzer = new DesignAnalyzer(d)) {
            analyzer.analysis();
            analyzer.setOptions(new AnalysisOptions(Shape.of(1, 3, 64, 64)));
            DesignAnalysis a = analyzer.analysis();
            assertThat(analyzer.options().inputOverride()).isEqualTo(Shape.of(1, 3, 64, 64));
            assertThat(a.node("conv2").output("y")).isEqualTo(Shape.of(1, 32, 16, 16));
            assertThat(a.node("fc").output("y")).isEqualTo(Shape.of(1, 10));
            // the global pool's output is unchanged, so the FC layer is not evaluated again
            assertThat(analyzer.lastEvaluationCount()).isEqualTo(7);
            assertThat(a).isEqualTo(DesignAnalyzer.analyze(d, new AnalysisOptions(Shape.of(1, 3, 64, 64))));

            analyzer.setOptions(AnalysisOptions.DEFAULT);
            assertThat(analyzer.analysis().node("conv2").output("y")).isEqualTo(Shape.of(1, 32, 8, 8));
        }
    }

    @Test
    void anInputOverrideMustHaveFourDimensions() {
        assertThatThrownBy(() -> new AnalysisOptions(Shape.of(3, 224, 224)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("N×C×H×W")
                .hasMessageContaining("3×224×224");
        assertThatThrownBy(() -> new AnalysisOptions(Shape.of(1, 1, 3, 224, 224)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AnalysisOptions.DEFAULT.inputOverride()).isNull();
    }

    @Test
    void anEmptyDesignHasNoProblemsAndZeroTotals() {
        DesignAnalysis a = DesignAnalyzer.analyze(new Design("empty"));
        assertThat(a.nodes()).isEmpty();
        assertThat(a.order()).isEmpty();
        assertThat(a.problems()).isEmpty();
        assertThat(a.totals()).isEqualTo(new Totals(0, 0, 0));
    }

    @Test
    void theAnalysisCarriesTheRevisionItDescribes() {
        Design d = smallNet();
        assertThat(DesignAnalyzer.analyze(d).revision()).isEqualTo(d.revision());
    }

    private static Problem only(DesignAnalysis a, String nodeId) {
        List<Problem> problems = a.node(nodeId).problems();
        assertThat(problems).as(nodeId).hasSize(1);
        return problems.get(0);
    }
}
