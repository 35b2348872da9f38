package org.modelworkbench.projects.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.projects.composite.CompositeFixtures.UNIT;
import static org.modelworkbench.projects.composite.CompositeFixtures.edgeSet;
import static org.modelworkbench.projects.composite.CompositeFixtures.nodesById;
import static org.modelworkbench.projects.composite.CompositeFixtures.residual;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.BoundaryBlocks;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;
import org.modelworkbench.projects.files.DesignWriter;
import org.modelworkbench.projects.templates.Templates;

class GroupingTest {

    private static Edge edge(String from, String to) {
        return new Edge(PortRef.parse(from), PortRef.parse(to));
    }

    @Test
    void aTensorFeedingTwoSelectedBlocksBecomesOneInputAndTheSelectionBecomesOneNode() {
        Design d = residual();
        Grouping.apply(Grouping.plan(d, UNIT, "ResidualUnit", DesignAnalyzer.analyze(d)));

        CompositeDefinition def = d.composites().get("ResidualUnit");
        assertThat(def.inputs()).containsExactly("x");
        assertThat(def.outputs()).containsExactly("y");
        assertThat(d.nodeOrder()).containsExactly("input", "pool", "head", "residual_unit");
        assertThat(d.node("residual_unit").orElseThrow().type()).isEqualTo("user.ResidualUnit");
        assertThat(d.edges()).containsExactlyInAnyOrder(edge("input.y", "residual_unit.x"),
                edge("residual_unit.y", "pool.x"), edge("pool.y", "head.x"));
        Design inside = def.inside();
        assertThat(inside.node("x").orElseThrow().type()).isEqualTo(BoundaryBlocks.INPUT_ID);
        assertThat(inside.node("x").orElseThrow().params()).containsEntry("shape", List.of(1, 8, 16, 16));
        assertThat(inside.edges()).contains(edge("x.y", "conv1.x"), edge("x.y", "add.b"), edge("relu2.y", "y.x"),
                edge("conv1.y", "bn1.x"));
        assertThat(inside.isCompositeInside()).isTrue();
        assertThat(inside.compositeScope()).isSameAs(d);
    }

    @Test
    void theGroupedDesignAnalysesToTheSameShapesAndTotals() {
        Design d = residual();
        DesignAnalysis before = DesignAnalyzer.analyze(d);
        Grouping.apply(Grouping.plan(d, UNIT, "ResidualUnit", before));
        DesignAnalysis after = DesignAnalyzer.analyze(d);

        assertThat(after.problems()).isEmpty();
        assertThat(after.totals()).isEqualTo(before.totals());
        assertThat(after.node("residual_unit").output("y")).isEqualTo(Shape.of(1, 8, 16, 16));
        assertThat(after.node("head").output("y")).isEqualTo(before.node("head").output("y"));
        assertThat(after.node("residual_unit").params()).isEqualTo(8 * 8 * 9 + 16);
    }

    @Test
    void aCompositeUsedTwiceCountsTwice() {
        Design d = CompositeFixtures.grouped();
        DesignAnalysis once = DesignAnalyzer.analyze(d);
        long unitParams = once.node("residual_unit").params();
        long unitMacs = once.node("residual_unit").macs();
        // a second unit between the first and the pool
        d.disconnect(edge("residual_unit.y", "pool.x"));
        d.addNode(new Node("unit2", "user.ResidualUnit", Map.of(), 0, 0));
        d.connect(edge("residual_unit.y", "unit2.x"));
        d.connect(edge("unit2.y", "pool.x"));

        DesignAnalysis twice = DesignAnalyzer.analyze(d);
        assertThat(twice.problems()).isEmpty();
        assertThat(twice.totals().params()).isEqualTo(once.totals().params() + unitParams);
        assertThat(twice.totals().macs()).isEqualTo(once.totals().macs() + unitMacs);
        assertThat(unitMacs).isEqualTo(16L * 16 * 8 * 8 * 9);
    }

    @Test
    void groupingThenUngroupingRestoresNodesEdgesAndParameters() {
        Design original = residual();
        Design d = residual();
        Grouping.apply(Grouping.plan(d, UNIT, "ResidualUnit", DesignAnalyzer.analyze(d)));
        Ungrouping.apply(Ungrouping.plan(d, "residual_unit", BlockLibrary.standard(), DesignAnalyzer.analyze(d)));

        assertThat(nodesById(d)).isEqualTo(nodesById(original));
        assertThat(edgeSet(d)).isEqualTo(edgeSet(original));
        assertThat(d.composites()).isEmpty();
        assertThat(DesignAnalyzer.analyze(d).totals()).isEqualTo(DesignAnalyzer.analyze(original).totals());
    }

    @Test
    void revertingAGroupRestoresTheFileByteForByte() {
        Design d = residual();
        String before = DesignWriter.toJson(d);
        Grouping.Plan plan = Grouping.plan(d, List.of("bn1", "relu1"), "BnRelu", DesignAnalyzer.analyze(d));
        Grouping.apply(plan);
        assertThat(DesignWriter.toJson(d)).isNotEqualTo(before).contains("\"BnRelu\"");
        Grouping.revert(plan);
        assertThat(DesignWriter.toJson(d)).isEqualTo(before);
        // and again (redo, undo) with the same definition object
        Grouping.apply(plan);
        assertThat(d.composites().get("BnRelu")).isSameAs(plan.definition());
        Grouping.revert(plan);
        assertThat(DesignWriter.toJson(d)).isEqualTo(before);
    }

    @Test
    void revertingAnUngroupRestoresTheFileByteForByte() {
        Design d = CompositeFixtures.grouped();
        String before = DesignWriter.toJson(d);
        Ungrouping.Plan plan = Ungrouping.plan(d, "residual_unit", BlockLibrary.standard(), DesignAnalyzer.analyze(d));
        Ungrouping.apply(plan);
        assertThat(d.composites()).isEmpty();
        Ungrouping.revert(plan);
        assertThat(DesignWriter.toJson(d)).isEqualTo(before);
        assertThat(DesignAnalyzer.analyze(d).problems()).isEmpty();
    }

    @Test
    void ungroupingOneOfTwoUsesKeepsTheDefinitionAndGivesTheInlinedBlocksFreeIds() {
        Design d = CompositeFixtures.grouped();
        d.disconnect(edge("residual_unit.y", "pool.x"));
        d.addNode(new Node("unit2", "user.ResidualUnit", Map.of(), 500, 500));
        d.connect(edge("residual_unit.y", "unit2.x"));
        d.connect(edge("unit2.y", "pool.x"));
        DesignAnalysis before = DesignAnalyzer.analyze(d);

        Ungrouping.apply(Ungrouping.plan(d, "unit2", BlockLibrary.standard(), before));
        assertThat(d.composites()).containsKey("ResidualUnit");
        Ungrouping.apply(Ungrouping.plan(d, "residual_unit", BlockLibrary.standard(), DesignAnalyzer.analyze(d)));
        assertThat(d.composites()).isEmpty();
        assertThat(d.node("conv1")).isPresent();
        assertThat(d.node("residual_unit_conv1")).isPresent();
        DesignAnalysis after = DesignAnalyzer.analyze(d);
        assertThat(after.problems()).isEmpty();
        assertThat(after.totals()).isEqualTo(before.totals());
    }

    @Test
    void severalOutsideSourcesAndExitsAreNumberedInDocumentOrder() {
        Design d = residual();
        Grouping.apply(Grouping.plan(d, List.of("relu1", "add"), "Tail", DesignAnalyzer.analyze(d)));
        CompositeDefinition def = d.composites().get("Tail");
        assertThat(def.inputs()).containsExactly("x1", "x2");
        assertThat(def.outputs()).containsExactly("y");
        assertThat(d.edges()).contains(edge("bn1.y", "tail.x1"), edge("input.y", "tail.x2"), edge("tail.y", "relu2.x"));
        assertThat(DesignAnalyzer.analyze(d).problems()).isEmpty();
    }

    @Test
    void aSelectionWithAnOutsideBlockBetweenTwoOfItsBlocksIsRefused() {
        Design d = residual();
        assertThat(Grouping.refusal(d, List.of("conv1", "add"), "Gap"))
                .hasValue("the selection cannot become one block: 'bn1', 'relu1', which are not selected, lie on a path "
                        + "from one selected block to another (select them too, or fewer blocks)");
        assertThatThrownBy(() -> Grouping.plan(d, List.of("conv1", "add"), "Gap", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badNamesTakenNamesImageInputsAndEmptySelectionsAreRefusedWithTheReason() {
        Design d = CompositeFixtures.grouped();
        assertThat(Grouping.refusal(d, List.of("pool"), "2fast")).hasValueSatisfying(r ->
                assertThat(r).contains("not a valid composite block name"));
        assertThat(Grouping.refusal(d, List.of("pool"), "ResidualUnit")).hasValueSatisfying(r ->
                assertThat(r).contains("already a composite block named 'ResidualUnit'"));
        assertThat(Grouping.refusal(d, List.of("input", "pool"), "Start")).hasValueSatisfying(r ->
                assertThat(r).contains("image input 'input'"));
        assertThat(Grouping.refusal(d, List.of(), "Empty")).hasValue("select the blocks to group first");
        assertThat(Grouping.refusal(d, List.of("pool", "head"), "Head")).isEmpty();
    }

    @Test
    void groupingInsideACompositeDefinesTheNewBlockAtTheTopLevel() {
        Design d = CompositeFixtures.grouped();
        Design inside = d.composites().get("ResidualUnit").inside();
        Grouping.apply(Grouping.plan(inside, List.of("bn1", "relu1"), "BnRelu", null));

        assertThat(d.composites()).containsOnlyKeys("BnRelu", "ResidualUnit");
        assertThat(inside.composites()).isEmpty();
        assertThat(inside.node("bn_relu").orElseThrow().type()).isEqualTo("user.BnRelu");
        DesignAnalysis a = DesignAnalyzer.analyze(d);
        assertThat(a.problems()).isEmpty();
        assertThat(a.totals()).isEqualTo(DesignAnalyzer.analyze(residual()).totals());
    }

    @Test
    void ungroupingALibraryCompositeInlinesItsGeneratedInside() throws Exception {
        Design d = Templates.load("resnet-fmnist");
        DesignAnalysis before = DesignAnalyzer.analyze(d);
        Ungrouping.apply(Ungrouping.plan(d, "stage2_block1", BlockLibrary.standard(), before));

        assertThat(d.node("stage2_block1")).isEmpty();
        assertThat(d.node("downsample_conv")).isPresent();
        assertThat(d.node("conv1").orElseThrow().type()).isEqualTo("conv.conv2d");
        DesignAnalysis after = DesignAnalyzer.analyze(d);
        assertThat(after.problems()).isEmpty();
        assertThat(after.totals().params()).isEqualTo(before.totals().params());
        assertThat(after.totals().macs()).isEqualTo(before.totals().macs());
    }

    @Test
    void aSingleOperationCannotBeUngrouped() {
        Design d = residual();
        assertThat(Ungrouping.refusal(d, "conv1", BlockLibrary.standard(), DesignAnalyzer.analyze(d)))
                .hasValueSatisfying(r -> assertThat(r).contains("not a composite block"));
    }
}
