package org.modelworkbench.projects.templates.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;

class HierarchicalTransformerTemplatesTest {

    private static DesignAnalysis analyse(Design d) {
        DesignAnalysis a = DesignAnalyzer.analyze(d);
        assertThat(a.problems()).as(d.name() + " problems").isEmpty();
        return a;
    }

    @Test
    void swinTinyMatchesTimmAndTorchvisionExactly() {
        DesignAnalysis a = analyse(HierarchicalTransformerTemplates.swinTiny());
        assertThat(a.totals().params()).isEqualTo(28_288_354L);
        assertThat(a.totals().macs()).isEqualTo(4_490_566_656L);
        assertThat(a.node("patch_embed").output("y")).isEqualTo(Shape.of(1, 56, 56, 96));
        assertThat(a.node("stage1_block2").output("y")).isEqualTo(Shape.of(1, 56, 56, 96));
        assertThat(a.node("patch_merging2").output("y")).isEqualTo(Shape.of(1, 28, 28, 192));
        assertThat(a.node("stage3_block6").output("y")).isEqualTo(Shape.of(1, 14, 14, 384));
        assertThat(a.node("stage4_block2").output("y")).isEqualTo(Shape.of(1, 7, 7, 768));
        assertThat(a.node("head").output("logits")).isEqualTo(Shape.of(1, 1000));
    }

    @Test
    void swinTinyAlternatesRegularAndShiftedWindows() {
        Design d = HierarchicalTransformerTemplates.swinTiny();
        assertThat(d.node("stage3_block1").orElseThrow().params().get("shifted")).isEqualTo(false);
        assertThat(d.node("stage3_block2").orElseThrow().params().get("shifted")).isEqualTo(true);
        assertThat(d.node("stage3_block6").orElseThrow().params().get("shifted")).isEqualTo(true);
        assertThat(d.node("stage4_block1").orElseThrow().params().get("heads")).isEqualTo(24);
    }

    @Test
    void focalnetTinyLrfMatchesTimmExactly() {
        DesignAnalysis a = analyse(HierarchicalTransformerTemplates.focalnetTinyLrf());
        assertThat(a.totals().params()).isEqualTo(28_647_928L);
        assertThat(a.totals().macs()).isEqualTo(4_474_836_480L);
        assertThat(a.node("stem").output("y")).isEqualTo(Shape.of(1, 96, 56, 56));
        assertThat(a.node("downsample4").output("y")).isEqualTo(Shape.of(1, 768, 7, 7));
        assertThat(a.node("stage4_block2").output("y")).isEqualTo(Shape.of(1, 768, 7, 7));
        assertThat(a.node("head").output("logits")).isEqualTo(Shape.of(1, 1000));
    }

    @Test
    void swinFashionMnistEndsInTenLogits() {
        // embed 336 + 2·28,779 + merging 18,816 + 2·112,854 + head 1,162
        DesignAnalysis a = analyse(HierarchicalTransformerTemplates.swinFashionMnist());
        assertThat(a.totals().params()).isEqualTo(303_580L);
        assertThat(a.totals().macs()).isEqualTo(25_383_744L);
        assertThat(a.node("stage1_block2").output("y")).isEqualTo(Shape.of(1, 14, 14, 48));
        assertThat(a.node("stage2_block2").output("y")).isEqualTo(Shape.of(1, 7, 7, 96));
        assertThat(a.node("head").output("logits")).isEqualTo(Shape.of(1, 10));
    }

    @Test
    void focalnetFashionMnistEndsInTenLogits() {
        // stem 336 + 2·30,051 + downsample 18,720 + 2·115,395 + head 1,162
        DesignAnalysis a = analyse(HierarchicalTransformerTemplates.focalnetFashionMnist());
        assertThat(a.totals().params()).isEqualTo(311_110L);
        assertThat(a.totals().macs()).isEqualTo(23_662_080L);
        assertThat(a.node("stage2_block2").output("y")).isEqualTo(Shape.of(1, 96, 7, 7));
        assertThat(a.node("head").output("logits")).isEqualTo(Shape.of(1, 10));
    }

    @Test
    void everyTemplateHasAFileNameAndBuildsWithoutProblems() {
        assertThat(HierarchicalTransformerTemplates.all()).extracting(TemplateSource::fileName).containsExactly(
                "swin-tiny.json", "focalnet-tiny-lrf.json", "swin-fmnist.json", "focalnet-fmnist.json");
        for (TemplateSource t : HierarchicalTransformerTemplates.all()) {
            Design d = t.build().get();
            assertThat(d.description()).isNotBlank();
            analyse(d);
        }
    }
}
