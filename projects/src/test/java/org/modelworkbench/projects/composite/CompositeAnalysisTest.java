package org.modelworkbench.projects.composite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.analysis.Problem;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;

class CompositeAnalysisTest {

    private static Edge edge(String from, String to) {
        return new Edge(PortRef.parse(from), PortRef.parse(to));
    }

    @Test
    void aProblemInsideShowsOnTheCompositeNodeNamingTheInnerBlock() {
        Design d = CompositeFixtures.grouped();
        Design inside = d.composites().get("ResidualUnit").inside();
        inside.replaceNode(inside.node("conv1").orElseThrow().withParam("out_channels", 16));

        DesignAnalysis a = DesignAnalyzer.analyze(d);
        assertThat(a.problems()).hasSize(1);
        Problem p = a.problems().get(0);
        assertThat(p.nodeId()).isEqualTo("residual_unit");
        assertThat(p.kind()).isEqualTo(Problem.Kind.SHAPE_MISMATCH);
        assertThat(p.message()).startsWith("in add (Add)");
        assertThat(a.node("head").evaluated()).isFalse();
    }

    @Test
    void anInnerProblemAtAPortFedStraightFromABoundaryInputIsPlacedOnThatOuterPort() {
        Design d = CompositeFixtures.grouped();
        // feed the unit a 2-D tensor: conv1 (fed by x) refuses it
        d.disconnect(edge("input.y", "residual_unit.x"));
        d.addNode(new Node("flat", "tensor.flatten", Map.of(), 0, 0));
        d.connect(edge("input.y", "flat.x"));
        d.connect(edge("flat.y", "residual_unit.x"));

        Problem p = DesignAnalyzer.analyze(d).problems().get(0);
        assertThat(p.nodeId()).isEqualTo("residual_unit");
        assertThat(p.port()).isEqualTo("x");
        assertThat(p.message()).startsWith("in conv1 (Conv2d), input 'x': ");
    }

    @Test
    void theEditorsAnalyzerFollowsEditsInsideADefinition() {
        Design d = CompositeFixtures.grouped();
        try (DesignAnalyzer analyzer = new DesignAnalyzer(d)) {
            long before = analyzer.analysis().totals().params();
            Design inside = d.composites().get("ResidualUnit").inside();
            inside.replaceNode(inside.node("conv1").orElseThrow().withParam("bias", true));

            DesignAnalysis after = analyzer.analysis();
            assertThat(after.totals().params()).isEqualTo(before + 8);
            assertThat(after).isEqualTo(DesignAnalyzer.analyze(d.copy()));
        }
    }

    @Test
    void theInsideOpenedOnItsOwnUsesTheExampleShapesOrTheShapesWhereItIsUsed() {
        Design d = CompositeFixtures.grouped();
        Design inside = d.composites().get("ResidualUnit").inside();
        try (DesignAnalyzer analyzer = new DesignAnalyzer(inside)) {
            assertThat(analyzer.analysis().problems()).isEmpty();
            assertThat(analyzer.analysis().node("relu2").output("y")).isEqualTo(Shape.of(1, 8, 16, 16));
            analyzer.setBoundaryInputs(Map.of("x", Shape.of(2, 8, 7, 7)));
            assertThat(analyzer.analysis().node("relu2").output("y")).isEqualTo(Shape.of(2, 8, 7, 7));
        }
    }

    @Test
    void theInputSizeOptionReachesTheInsideOfComposites() {
        Design d = CompositeFixtures.grouped();
        DesignAnalysis a = DesignAnalyzer.analyze(d, new AnalysisOptions(Shape.of(4, 8, 32, 32)));
        assertThat(a.problems()).isEmpty();
        assertThat(a.node("residual_unit").output("y")).isEqualTo(Shape.of(4, 8, 32, 32));
        assertThat(a.node("residual_unit").macs()).isEqualTo(4L * 32 * 32 * 8 * 8 * 9);
    }

    @Test
    void aDefinitionThatContainsItselfIsReportedClearlyAndNotEvaluated() {
        Design d = CompositeFixtures.grouped();
        Design inside = d.composites().get("ResidualUnit").inside();
        inside.addNode(new Node("again", "user.ResidualUnit", Map.of(), 0, 0));

        DesignAnalysis a = DesignAnalyzer.analyze(d);
        assertThat(a.problems()).extracting(Problem::nodeId).contains("residual_unit");
        Problem p = a.problems().stream().filter(x -> x.nodeId().equals("residual_unit")).findFirst().orElseThrow();
        assertThat(p.kind()).isEqualTo(Problem.Kind.UNKNOWN_BLOCK_TYPE);
        assertThat(p.message()).isEqualTo("composite block 'ResidualUnit' contains itself (ResidualUnit → ResidualUnit); "
                + "a composite block may not contain itself, directly or through another one");
        // inside, the offending node is marked too
        assertThat(DesignAnalyzer.analyze(inside).problems()).extracting(Problem::nodeId).contains("again");
    }

    @Test
    void twoDefinitionsThatContainEachOtherAreReportedWithTheCycle() {
        Design d = CompositeFixtures.grouped();
        Design unit = d.composites().get("ResidualUnit").inside();
        Grouping.apply(Grouping.plan(unit, List.of("bn1", "relu1"), "BnRelu", null));
        Design bnRelu = d.composites().get("BnRelu").inside();
        bnRelu.addNode(new Node("loop", "user.ResidualUnit", Map.of(), 0, 0));

        assertThat(DesignAnalyzer.analyze(d).problems().get(0).message())
                .startsWith("composite block 'ResidualUnit' contains itself (ResidualUnit → BnRelu → ResidualUnit)");
    }

    @Test
    void aNodeOfAnUndefinedCompositeIsAnUnknownTypeNamingTheDefinitionsThereAre() {
        Design d = CompositeFixtures.grouped();
        d.addNode(new Node("ghost", "user.Ghost", Map.of(), 0, 0));
        Problem p = DesignAnalyzer.analyze(d).problems().get(0);
        assertThat(p.kind()).isEqualTo(Problem.Kind.UNKNOWN_BLOCK_TYPE);
        assertThat(p.message()).isEqualTo("unknown block type 'user.Ghost': this design has no composite block named "
                + "'Ghost' (it has ResidualUnit)");
    }

    @Test
    void aLibraryInsideIsAnOrdinaryDesignWithTheSameCostsAsTheBlock() throws Exception {
        var type = (org.modelworkbench.blocks.graph.CompositeBlockType) BlockLibrary.standard()
                .find("resnet.basic_block").orElseThrow();
        var values = type.resolve(Map.of("out_channels", 32, "stride", 2));
        Shape in = Shape.of(1, 16, 28, 28);
        Design inside = LibraryInsides.expand(type, values, List.of(in));

        assertThat(inside.node("downsample_conv").orElseThrow().type()).isEqualTo("conv.pointwise");
        assertThat(inside.node("downsample_bn")).isPresent();
        assertThat(inside.node("x").orElseThrow().params()).containsEntry("shape", List.of(1, 16, 28, 28));
        assertThat(inside.node("y").orElseThrow().type()).isEqualTo("io.group_output");
        DesignAnalysis a = DesignAnalyzer.analyze(inside);
        var block = type.evaluate(List.of(in), values);
        assertThat(a.problems()).isEmpty();
        assertThat(a.totals().params()).isEqualTo(block.params());
        assertThat(a.totals().macs()).isEqualTo(block.macs());
        assertThat(a.node("y").inputs()).containsExactly(Shape.of(1, 32, 14, 14));
        // inputs sit above what they feed
        assertThat(inside.node("x").orElseThrow().y()).isLessThan(inside.node("conv1").orElseThrow().y());
        assertThat(inside.node("conv1").orElseThrow().y()).isLessThan(inside.node("y").orElseThrow().y());
    }
}
