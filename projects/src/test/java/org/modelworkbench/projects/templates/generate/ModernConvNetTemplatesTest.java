package org.modelworkbench.projects.templates.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;

class ModernConvNetTemplatesTest {

    private static DesignAnalysis analyse(Design d) {
        DesignAnalysis a = DesignAnalyzer.analyze(d);
        assertThat(a.problems()).as(d.name() + " problems").isEmpty();
        return a;
    }

    @Test
    void convnextTinyMatchesTorchvisionExactly() {
        DesignAnalysis a = analyse(ModernConvNetTemplates.convnextTiny());
        assertThat(a.totals().params()).isEqualTo(28_589_128L);
        assertThat(a.totals().macs()).isEqualTo(4_455_531_264L);
        assertThat(a.node("head").output("logits")).isEqualTo(Shape.of(1, 1000));
    }

    @Test
    void poolformerS12MatchesTimmExactly() {
        // timm poolformer_s12: 11,915,176 params (published as 11.9 M), 1.812 GMACs by the formulas of §9.
        DesignAnalysis a = analyse(ModernConvNetTemplates.poolformerS12());
        assertThat(a.totals().params()).isEqualTo(11_915_176L);
        assertThat(a.totals().macs()).isEqualTo(1_812_267_008L);
        assertThat(a.node("stage4_block2").output("y")).isEqualTo(Shape.of(1, 512, 7, 7));
        assertThat(a.node("head").output("logits")).isEqualTo(Shape.of(1, 1000));
    }

    @Test
    void deitTinyMatchesTimmExactly() {
        // patch conv 147,648 + cls 192 + pos 37,824 + 12·444,864 + head 193,384.
        DesignAnalysis a = analyse(ModernConvNetTemplates.deitTiny());
        assertThat(a.totals().params()).isEqualTo(5_717_416L);
        // patch 196·147,456 + 12·(197·12·192² + 2·197²·192) + 192,000.
        assertThat(a.totals().macs()).isEqualTo(1_253_683_200L);
        assertThat(a.node("block12").output("y")).isEqualTo(Shape.of(1, 197, 192));
        assertThat(a.node("head").output("logits")).isEqualTo(Shape.of(1, 1000));
    }

    @Test
    void convnextFashionMnistEndsInTenLogits() {
        DesignAnalysis a = analyse(ModernConvNetTemplates.convnextFashionMnist());
        assertThat(a.totals().params()).isEqualTo(300_442L);
        assertThat(a.totals().macs()).isEqualTo(20_618_592L);
        assertThat(a.node("head").output("logits")).isEqualTo(Shape.of(1, 10));
    }

    @Test
    void poolformerFashionMnistEndsInTenLogits() {
        DesignAnalysis a = analyse(ModernConvNetTemplates.poolformerFashionMnist());
        assertThat(a.totals().params()).isEqualTo(305_482L);
        assertThat(a.totals().macs()).isEqualTo(20_181_120L);
        assertThat(a.node("head").output("logits")).isEqualTo(Shape.of(1, 10));
    }

    @Test
    void vitFashionMnistEndsInTenLogits() {
        DesignAnalysis a = analyse(ModernConvNetTemplates.vitFashionMnist());
        assertThat(a.totals().params()).isEqualTo(305_034L);
        assertThat(a.totals().macs()).isEqualTo(16_716_416L);
        assertThat(a.node("pos_embed").output("y")).isEqualTo(Shape.of(1, 50, 64));
        assertThat(a.node("head").output("logits")).isEqualTo(Shape.of(1, 10));
    }

    @Test
    void everyTemplateHasAFileNameAndBuildsWithoutProblems() {
        assertThat(ModernConvNetTemplates.all()).extracting(TemplateSource::fileName).containsExactly(
                "convnext-tiny.json", "poolformer-s12.json", "deit-tiny.json",
                "convnext-fmnist.json", "poolformer-fmnist.json", "vit-fmnist.json");
        for (TemplateSource t : ModernConvNetTemplates.all()) {
            Design d = t.build().get();
            assertThat(d.description()).isNotBlank();
            analyse(d);
        }
    }
}
