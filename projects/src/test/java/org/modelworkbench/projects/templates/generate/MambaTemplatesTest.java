package org.modelworkbench.projects.templates.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;

class MambaTemplatesTest {

    private static DesignAnalysis analyse(Design d) {
        DesignAnalysis a = DesignAnalyzer.analyze(d);
        assertThat(a.problems()).as(d.name() + " problems").isEmpty();
        return a;
    }

    @Test
    void vmambaTinyMatchesTheReferenceExactly() {
        // blocks-exact §12: 30,249,064 params; 4,812,621,312 conv/linear MACs + 25,288,704 scan MACs (3N+1)
        DesignAnalysis a = analyse(MambaTemplates.vmambaTiny());
        assertThat(a.totals().params()).isEqualTo(30_249_064L);
        assertThat(a.totals().macs()).isEqualTo(4_837_910_016L);
        assertThat(a.node("stem").output("y")).isEqualTo(Shape.of(1, 56, 56, 96));
        assertThat(a.node("stage1_block2").output("y")).isEqualTo(Shape.of(1, 56, 56, 96));
        assertThat(a.node("downsample2").output("y")).isEqualTo(Shape.of(1, 28, 28, 192));
        assertThat(a.node("stage3_block8").output("y")).isEqualTo(Shape.of(1, 14, 14, 384));
        assertThat(a.node("stage4_block2").output("y")).isEqualTo(Shape.of(1, 7, 7, 768));
        assertThat(a.node("head").output("logits")).isEqualTo(Shape.of(1, 1000));
    }

    @Test
    void vmambaTinyBlocksFollowTheS1l8Config() {
        Design d = MambaTemplates.vmambaTiny();
        assertThat(d.node("stage1_block1").orElseThrow().params().get("drop_path")).isEqualTo(0.0);
        assertThat(d.node("stage4_block2").orElseThrow().params().get("drop_path")).isEqualTo(0.2);
        assertThat(d.node("stage3_block1").orElseThrow().params().get("d_state")).isEqualTo(1);
        assertThat(d.node("stage3_block1").orElseThrow().params().get("ssm_ratio")).isEqualTo(1.0);
        assertThat(d.node("downsample4").orElseThrow().params().get("version")).isEqualTo("v3");
    }

    @Test
    void vmambaTinyStage1BlockHas100608Parameters() {
        DesignAnalysis a = analyse(MambaTemplates.vmambaTiny());
        assertThat(a.node("stage1_block1").params()).isEqualTo(100_608L);
        assertThat(a.node("stage1_block1").macs()).isEqualTo(313_399_296L);
    }

    @Test
    void vmambaFashionMnistEndsInTenLogits() {
        // stem 10,800 + 2·26,112 + downsample 41,760 + 2·100,608 + head 1,162
        DesignAnalysis a = analyse(MambaTemplates.vmambaFashionMnist());
        assertThat(a.totals().params()).isEqualTo(307_162L);
        assertThat(a.totals().macs()).isEqualTo(24_132_480L);
        assertThat(a.node("stem_norm2").output("y")).isEqualTo(Shape.of(1, 14, 14, 48));
        assertThat(a.node("stage1_block2").output("y")).isEqualTo(Shape.of(1, 14, 14, 48));
        assertThat(a.node("stage2_block2").output("y")).isEqualTo(Shape.of(1, 7, 7, 96));
        assertThat(a.node("head").output("logits")).isEqualTo(Shape.of(1, 10));
    }

    @Test
    void everyTemplateHasAFileNameAndBuildsWithoutProblems() {
        assertThat(MambaTemplates.all()).extracting(TemplateSource::fileName)
                .containsExactly("vmamba-tiny.json", "vmamba-fmnist.json");
        for (TemplateSource t : MambaTemplates.all()) {
            Design d = t.build().get();
            assertThat(d.description()).isNotBlank();
            analyse(d);
        }
    }
}
