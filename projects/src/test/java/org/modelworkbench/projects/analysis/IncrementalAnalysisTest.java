package org.modelworkbench.projects.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;

class IncrementalAnalysisTest {
    private Design design;
    private DesignAnalyzer analyzer;

    /** input 1×3×32×32 → conv1 16 → relu1 → conv2 16 → relu2 → conv3 16 → GAP → FC 10. */
    @BeforeEach
    void chainAndAnalyzer() {
        DesignBuilder b = new DesignBuilder("chain");
        String x = b.input("input", 3, 32, 32);
        x = b.add("conv1", "conv.conv2d", Map.of("out_channels", 16), x);
        x = b.add("relu1", "activation.relu", Map.of(), x);
        x = b.add("conv2", "conv.conv2d", Map.of("out_channels", 16), x);
        x = b.add("relu2", "activation.relu", Map.of(), x);
        x = b.add("conv3", "conv.conv2d", Map.of("out_channels", 16), x);
        x = b.add("gap", "pool.global_avg", Map.of(), x);
        b.add("fc", "linear.linear", Map.of("out_features", 10), x);
        design = b.build();
        analyzer = new DesignAnalyzer(design);
    }

    @AfterEach
    void closeAnalyzer() {
        analyzer.close();
    }

    private void setParam(String id, String name, Object value) {
        design.replaceNode(design.node(id).orElseThrow().withParam(name, value));
    }

    private static Edge edge(String from, String to) {
        return new Edge(PortRef.parse(from), PortRef.parse(to));
    }

    /** Nodes whose input or output shapes differ between two analyses. */
    private static long nodesWhoseShapesChanged(DesignAnalysis before, DesignAnalysis after) {
        return after.nodes().values().stream().filter(n -> {
            NodeAnalysis b = before.node(n.nodeId());
            return b == null || !b.inputs().equals(n.inputs()) || !b.outputs().equals(n.outputs());
        }).count();
    }

    @Test
    void theFirstAnalysisEvaluatesEveryNode() {
        analyzer.analysis();
        assertThat(analyzer.lastEvaluationCount()).isEqualTo(8);
    }

    @Test
    void askingAgainWithoutAnEditReturnsTheSameAnalysisAndEvaluatesNothing() {
        DesignAnalysis first = analyzer.analysis();
        assertThat(analyzer.analysis()).isSameAs(first);
        assertThat(analyzer.lastEvaluationCount()).isZero();
    }

    @Test
    void aParameterEditThatKeepsTheShapesEvaluatesOnlyTheEditedNode() {
        DesignAnalysis before = analyzer.analysis();
        setParam("conv2", "bias", false);
        DesignAnalysis after = analyzer.analysis();

        assertThat(analyzer.lastEvaluationCount()).isEqualTo(1);
        assertThat(after.node("conv2").params()).isEqualTo(before.node("conv2").params() - 16);
        assertThat(after.totals().params()).isEqualTo(before.totals().params() - 16);
        assertThat(after.node("relu2")).isSameAs(before.node("relu2"));
        assertThat(after).isEqualTo(DesignAnalyzer.analyze(design.copy()));
    }

    @Test
    void aParameterEditThatChangesShapesEvaluatesDownstreamOnlyWhileShapesKeepChanging() {
        DesignAnalysis before = analyzer.analysis();
        setParam("conv1", "out_channels", 8);
        DesignAnalysis after = analyzer.analysis();

        // conv1 and relu1 change their outputs; conv2 sees a new input but still makes 16 channels
        assertThat(analyzer.lastEvaluationCount()).isEqualTo(3);
        assertThat(nodesWhoseShapesChanged(before, after)).isEqualTo(3);
        assertThat(after.node("relu1").output("y")).isEqualTo(Shape.of(1, 8, 32, 32));
        assertThat(after.node("relu2")).isSameAs(before.node("relu2"));
        assertThat(after).isEqualTo(DesignAnalyzer.analyze(design.copy()));
    }

    @Test
    void aSpatialChangeWalksDownToTheFirstNodeWhoseOutputStaysTheSame() {
        DesignAnalysis before = analyzer.analysis();
        setParam("conv1", "padding", 0);
        DesignAnalysis after = analyzer.analysis();

        // conv1 … conv3 and the global pool see new sizes; the pool still outputs 1×16, so the FC is re-used
        assertThat(analyzer.lastEvaluationCount()).isEqualTo(6);
        assertThat(nodesWhoseShapesChanged(before, after)).isEqualTo(6);
        assertThat(after.node("conv3").output("y")).isEqualTo(Shape.of(1, 16, 30, 30));
        assertThat(after.node("fc")).isSameAs(before.node("fc"));
        assertThat(after.totals().macs()).isLessThan(before.totals().macs());
        assertThat(after).isEqualTo(DesignAnalyzer.analyze(design.copy()));
    }

    @Test
    void aParameterEditThatBreaksANodeBlocksEverythingBelowAndFixingItRestoresThem() {
        DesignAnalysis good = analyzer.analysis();
        setParam("conv2", "kernel", 0);
        DesignAnalysis broken = analyzer.analysis();
        assertThat(broken.problems()).singleElement().satisfies(p -> {
            assertThat(p.nodeId()).isEqualTo("conv2");
            assertThat(p.kind()).isEqualTo(Problem.Kind.INVALID_PARAMETER);
        });
        assertThat(broken.node("fc").evaluated()).isFalse();
        assertThat(broken.totals().params()).isEqualTo(good.node("conv1").params() + good.node("input").params());
        assertThat(broken).isEqualTo(DesignAnalyzer.analyze(design.copy()));

        setParam("conv2", "kernel", 3);
        DesignAnalysis fixed = analyzer.analysis();
        assertThat(fixed.problems()).isEmpty();
        assertThat(fixed.totals()).isEqualTo(good.totals());
        assertThat(fixed.nodes()).isEqualTo(good.nodes());
    }

    @Test
    void movingANodeReEvaluatesNothingAndKeepsTheResults() {
        DesignAnalysis before = analyzer.analysis();
        design.replaceNode(design.node("conv2").orElseThrow().at(999, 999));
        DesignAnalysis after = analyzer.analysis();

        assertThat(analyzer.lastEvaluationCount()).isZero();
        assertThat(after.revision()).isEqualTo(design.revision());
        assertThat(after.nodes()).isEqualTo(before.nodes());
        assertThat(after.totals()).isEqualTo(before.totals());
    }

    @Test
    void severalMovesAndRenamesBetweenAnalysesReEvaluateNothing() {
        DesignAnalysis before = analyzer.analysis();
        design.replaceNode(design.node("conv2").orElseThrow().at(1, 1));
        design.replaceNode(design.node("conv3").orElseThrow().at(2, 2));
        design.setName("renamed");
        design.setDescription("described");
        DesignAnalysis after = analyzer.analysis();
        assertThat(analyzer.lastEvaluationCount()).isZero();
        assertThat(after.nodes()).isEqualTo(before.nodes());
        assertThat(after.revision()).isEqualTo(design.revision());
    }

    @Test
    void addingANodeEvaluatesOnlyThatNode() {
        analyzer.analysis();
        design.addNode(new Node("softmax_in", "activation.relu", Map.of(), 0, 0));
        design.connect(edge("fc.y", "softmax_in.x"));
        DesignAnalysis a = analyzer.analysis();

        assertThat(analyzer.lastEvaluationCount()).isEqualTo(1);
        assertThat(a.order()).endsWith("softmax_in");
        assertThat(a.node("softmax_in").output("y")).isEqualTo(Shape.of(1, 10));
        assertThat(a).isEqualTo(DesignAnalyzer.analyze(design.copy()));
    }

    @Test
    void insertingANodeIntoTheChainEvaluatesItAndTheNodeWhoseInputWasRewired() {
        DesignAnalysis before = analyzer.analysis();
        design.disconnect(edge("relu1.y", "conv2.x"));
        design.addNode(new Node("extra", "activation.gelu", Map.of(), 0, 0));
        design.connect(edge("relu1.y", "extra.x"));
        design.connect(edge("extra.y", "conv2.x"));
        DesignAnalysis after = analyzer.analysis();

        assertThat(analyzer.lastEvaluationCount()).isEqualTo(2);
        assertThat(after.order()).containsSubsequence("relu1", "extra", "conv2");
        assertThat(after.node("relu2")).isSameAs(before.node("relu2"));
        assertThat(after).isEqualTo(DesignAnalyzer.analyze(design.copy()));
    }

    @Test
    void removingANodeLeavesItsConsumerUnconnectedAndBlocksTheRest() {
        analyzer.analysis();
        design.removeNode("relu2");
        DesignAnalysis a = analyzer.analysis();

        assertThat(a.node("relu2")).isNull();
        assertThat(a.order()).doesNotContain("relu2");
        assertThat(a.problems()).singleElement().satisfies(p -> {
            assertThat(p.nodeId()).isEqualTo("conv3");
            assertThat(p.port()).isEqualTo("x");
            assertThat(p.kind()).isEqualTo(Problem.Kind.UNCONNECTED_INPUT);
        });
        assertThat(a.node("gap").evaluated()).isFalse();
        assertThat(a.node("gap").problems()).isEmpty();
        assertThat(a).isEqualTo(DesignAnalyzer.analyze(design.copy()));
    }

    @Test
    void removingALeafNodeEvaluatesNothingAndTakesItsCostsOutOfTheTotals() {
        DesignAnalysis before = analyzer.analysis();
        design.removeNode("fc");
        DesignAnalysis after = analyzer.analysis();
        assertThat(analyzer.lastEvaluationCount()).isZero();
        assertThat(after.totals().params()).isEqualTo(before.totals().params() - before.node("fc").params());
        assertThat(after.nodes()).doesNotContainKey("fc");
    }

    @Test
    void closingTheAnalyzerStopsItListeningToTheDesign() {
        Design d = design.copy();
        int before = listenerCount(d);
        DesignAnalyzer a = new DesignAnalyzer(d);
        a.close();
        assertThat(listenerCount(d)).isEqualTo(before);
    }

    /** Counts listeners by watching which of them react: a probe listener tells us the change went out. */
    private static int listenerCount(Design d) {
        List<Object> heard = new ArrayList<>();
        d.addListener(heard::add);
        d.setName(d.name());
        return heard.size();
    }

    // ---- randomized equivalence with a fresh full analysis -------------------------------------------------------

    @Test
    void twoHundredRandomEditsAlwaysGiveTheSameResultAsAFreshAnalysis() {
        runRandomEdits(20240607L, 200, false);
    }

    @Test
    void randomEditsInBatchesBetweenAnalysesAlsoGiveTheSameResultAsAFreshAnalysis() {
        runRandomEdits(77L, 200, true);
    }

    private static Design generatedChain(Random random, int convs) {
        DesignBuilder b = new DesignBuilder("generated");
        String x = b.input("input", 3, 32, 32);
        String residual = x;
        for (int i = 0; i < convs; i++) {
            x = b.add("conv" + i, "conv.conv2d", Map.of("out_channels", 3 + 5 * random.nextInt(3),
                    "kernel", 3, "padding", 1), x);
            x = b.add("act" + i, "activation.relu", Map.of(), x);
            if (i % 3 == 2) {
                x = b.add("res" + i, "merge.add", Map.of(), residual, x);
                residual = x;
            }
        }
        x = b.add("gap", "pool.global_avg", Map.of(), x);
        b.add("fc", "linear.linear", Map.of("out_features", 10), x);
        return b.build();
    }

    private void runRandomEdits(long seed, int edits, boolean batched) {
        Random random = new Random(seed);
        Design d = generatedChain(random, 9);
        java.util.Set<Problem.Kind> seen = java.util.EnumSet.noneOf(Problem.Kind.class);
        int partial = 0;
        try (DesignAnalyzer live = new DesignAnalyzer(d)) {
            assertSameAsFresh(live.analysis(), d, AnalysisOptions.DEFAULT, "initial");
            int done = 0;
            while (done < edits) {
                int batch = batched ? 1 + random.nextInt(4) : 1;
                List<String> what = new ArrayList<>();
                for (int i = 0; i < batch && done < edits; i++, done++) {
                    if (batched && random.nextInt(12) == 0) {
                        AnalysisOptions o = pick(List.of(AnalysisOptions.DEFAULT,
                                new AnalysisOptions(Shape.of(1, 3, 16, 16)), new AnalysisOptions(Shape.of(2, 3, 5, 5))),
                                random);
                        live.setOptions(o);
                        what.add("input " + o.inputOverride());
                    } else {
                        what.add(randomEdit(d, random));
                    }
                }
                DesignAnalysis incremental = live.analysis();
                assertThat(live.lastEvaluationCount()).isBetween(0, d.size());
                assertSameAsFresh(incremental, d, live.options(), "after edit " + done + ": " + what);
                incremental.problems().forEach(p -> seen.add(p.kind()));
                if (live.lastEvaluationCount() < d.size() / 2) {
                    partial++;
                }
            }
        }
        // the sequence went through every kind of trouble, and most analyses re-used most results
        assertThat(seen).contains(Problem.Kind.CYCLE, Problem.Kind.SHAPE_MISMATCH, Problem.Kind.UNCONNECTED_INPUT,
                Problem.Kind.INVALID_PARAMETER, Problem.Kind.UNKNOWN_PORT);
        assertThat(partial).isGreaterThan(edits / (batched ? 8 : 2));
    }

    private static void assertSameAsFresh(DesignAnalysis incremental, Design d, AnalysisOptions options, String when) {
        DesignAnalysis fresh = DesignAnalyzer.analyze(d.copy(), options);
        assertThat(incremental.nodes().keySet()).as(when + ": nodes").isEqualTo(fresh.nodes().keySet());
        for (String id : fresh.nodes().keySet()) {
            NodeAnalysis inc = incremental.node(id);
            NodeAnalysis exp = fresh.node(id);
            assertThat(inc.outputs()).as(when + ": outputs of " + id).isEqualTo(exp.outputs());
            assertThat(inc.problems()).as(when + ": problems of " + id).isEqualTo(exp.problems());
            assertThat(inc).as(when + ": result of " + id).isEqualTo(exp);
        }
        assertThat(incremental.totals()).as(when + ": totals").isEqualTo(fresh.totals());
        assertThat(incremental.problems()).as(when + ": problems").containsExactlyInAnyOrderElementsOf(fresh.problems());
        assertThat(incremental.order()).as(when + ": order").containsExactlyInAnyOrderElementsOf(fresh.order());
        assertThat(incremental.revision()).as(when + ": revision").isEqualTo(d.revision());
    }

    private static <T> T pick(List<T> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }

    private static List<String> inputPortsOf(Node n) {
        return switch (n.type()) {
            case "io.image_input" -> List.of();
            case "merge.add" -> List.of("a", "b");
            default -> List.of("x");
        };
    }

    /** Makes one random edit and says what it was. */
    private static String randomEdit(Design d, Random random) {
        List<Node> nodes = new ArrayList<>(d.nodes());
        List<Node> convs = nodes.stream().filter(n -> n.type().equals("conv.conv2d")).toList();
        int kind = random.nextInt(100);
        if (kind < 15 && !convs.isEmpty()) {
            Node c = pick(convs, random);
            int value = pick(List.of(3, 8, 13, 16), random);
            d.replaceNode(c.withParam("out_channels", value));
            return c.id() + ".out_channels=" + value;
        }
        if (kind < 27 && !convs.isEmpty()) {
            Node c = pick(convs, random);
            int value = pick(List.of(1, 3, 3, 5, 7, 45, 0), random); // 45 does not fit, 0 is invalid
            d.replaceNode(c.withParam("kernel", value));
            return c.id() + ".kernel=" + value;
        }
        if (kind < 39 && !convs.isEmpty()) {
            Node c = pick(convs, random);
            int value = random.nextInt(4);
            d.replaceNode(c.withParam("padding", value));
            return c.id() + ".padding=" + value;
        }
        if (kind < 50 && !convs.isEmpty()) {
            Node c = pick(convs, random);
            boolean bias = !(Boolean) c.params().getOrDefault("bias", true);
            d.replaceNode(c.withParam("bias", bias));
            return c.id() + ".bias=" + bias;
        }
        if (kind < 62 && !d.edges().isEmpty()) {
            Edge e = pick(d.edges(), random);
            d.disconnect(e);
            return "disconnect " + e;
        }
        if (kind < 76) {
            List<PortRef> free = new ArrayList<>();
            for (Node n : nodes) {
                for (String port : inputPortsOf(n)) {
                    if (!d.incoming(n.id()).containsKey(port)) {
                        free.add(new PortRef(n.id(), port));
                    }
                }
            }
            if (!free.isEmpty()) {
                PortRef to = pick(free, random);
                Node from = pick(nodes, random); // may be downstream: cycles are part of the game
                String port = random.nextInt(5) == 0 ? "z" : "y";
                Edge e = new Edge(new PortRef(from.id(), port), to);
                d.connect(e);
                return "connect " + e;
            }
        }
        if (kind < 88) {
            String type = pick(List.of("conv.conv2d", "activation.relu", "merge.add", "activation.gelu"), random);
            String id = d.uniqueId("new_" + type.substring(type.indexOf('.') + 1));
            Map<String, Object> params = type.equals("conv.conv2d") ? Map.of("out_channels", 8) : Map.of();
            d.addNode(new Node(id, type, params, random.nextInt(1000), random.nextInt(1000)));
            Node source = pick(nodes, random);
            d.connect(new Edge(new PortRef(source.id(), "y"), new PortRef(id, type.equals("merge.add") ? "a" : "x")));
            return "add " + id + " after " + source.id();
        }
        if (kind < 91) {
            Node n = pick(nodes, random);
            String type = pick(List.of("activation.relu", "activation.gelu", "conv.conv2", "conv.conv2d"), random);
            d.replaceNode(new Node(n.id(), type, n.params(), n.x(), n.y()));
            return "retype " + n.id() + " as " + type;
        }
        if (kind < 95 && nodes.size() > 3) {
            Node victim = pick(nodes, random);
            d.removeNode(victim.id());
            return "remove " + victim.id();
        }
        Node moved = pick(nodes, random);
        d.replaceNode(moved.at(random.nextInt(2000), random.nextInt(2000)));
        return "move " + moved.id();
    }
}
