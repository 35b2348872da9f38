package org.modelworkbench.projects.templates.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;

class ConvNetTemplatesTest {

    private static DesignAnalysis analyse(Design design) {
        DesignAnalysis a = DesignAnalyzer.analyze(design);
        assertThat(a.problems()).as(design.name()).isEmpty();
        return a;
    }

    private static void assertReference(Design design, long params, long macs) {
        DesignAnalysis a = analyse(design);
        assertThat(a.totals().params()).as(design.name() + " params").isEqualTo(params);
        assertThat((double) a.totals().macs()).as(design.name() + " MACs").isCloseTo(macs, within(0.02 * macs));
        assertThat(a.totals().macs()).as(design.name() + " MACs (exact)").isEqualTo(macs);
        assertThat(a.node("head").output("logits")).isEqualTo(Shape.of(1, 1000));
    }

    @Test
    void resNet18MatchesTorchvisionWith11689512ParametersAnd1814073344Macs() {
        assertReference(ConvNetTemplates.resnet18(), 11_689_512L, 1_814_073_344L);
    }

    @Test
    void resNet50MatchesTorchvisionWith25557032ParametersAnd4089184256Macs() {
        assertReference(ConvNetTemplates.resnet50(), 25_557_032L, 4_089_184_256L);
    }

    @Test
    void mobileNetV2MatchesTorchvisionWith3504872ParametersAnd300774272Macs() {
        assertReference(ConvNetTemplates.mobileNetV2(), 3_504_872L, 300_774_272L);
    }

    @Test
    void efficientNetB0MatchesTimmWith5288548Parameters() {
        // MACs from the formulas of blocks-exact §3 summed by hand over the 16 blocks (torchvision quotes 0.39 G).
        assertReference(ConvNetTemplates.efficientNetB0(), 5_288_548L, 385_814_752L);
    }

    @Test
    void resNetTemplatesDownsampleToSevenBySevenBeforeTheHead() {
        DesignAnalysis a = analyse(ConvNetTemplates.resnet50());
        assertThat(a.node("stem_pool").output("y")).isEqualTo(Shape.of(1, 64, 56, 56));
        assertThat(a.node("stage4_block3").output("y")).isEqualTo(Shape.of(1, 2048, 7, 7));
    }

    @Test
    void mobileNetV2WidthRoundingFollowsTorchvisionsMakeDivisible() {
        assertThat(ConvNetTemplates.makeDivisible(32)).isEqualTo(32);
        assertThat(ConvNetTemplates.makeDivisible(0.5 * 32)).isEqualTo(16);
        assertThat(ConvNetTemplates.makeDivisible(0.35 * 16)).isEqualTo(8);
        assertThat(ConvNetTemplates.makeDivisible(0.75 * 24)).isEqualTo(24);   // 16 would lose more than 10 %
        assertThat(ConvNetTemplates.makeDivisible(1.4 * 24)).isEqualTo(32);
        assertThat(ConvNetTemplates.makeDivisible(0.75 * 1280)).isEqualTo(960);
    }

    @Test
    void narrowMobileNetV2KeepsTheLast1280Channels() {
        DesignAnalysis a = analyse(ConvNetTemplates.mobileNetV2(0.5));
        assertThat(a.node("stem_conv").output("y")).isEqualTo(Shape.of(1, 16, 112, 112));
        assertThat(a.node("head_conv").output("y")).isEqualTo(Shape.of(1, 1280, 7, 7));
        assertThat(a.node("head").output("logits")).isEqualTo(Shape.of(1, 1000));
    }

    @Test
    void fashionMnistTemplatesEndIn10LogitsWithAFewHundredThousandParameters() {
        for (Design d : List.of(ConvNetTemplates.resnetFashionMnist(), ConvNetTemplates.mobileNetV2FashionMnist())) {
            DesignAnalysis a = analyse(d);
            assertThat(a.node("input").output("y")).isEqualTo(Shape.of(1, 1, 28, 28));
            assertThat(a.node("head").output("logits")).as(d.name()).isEqualTo(Shape.of(1, 10));
            assertThat(a.totals().params()).as(d.name()).isBetween(100_000L, 1_000_000L);
        }
    }

    @Test
    void fashionMnistResNetHas272186ParametersAnd31021952Macs() {
        DesignAnalysis a = analyse(ConvNetTemplates.resnetFashionMnist());
        // stem 176; stage 1: 3·4,672; stage 2: 14,528 + 2·18,560; stage 3: 57,728 + 2·73,984; FC 650
        assertThat(a.totals().params()).isEqualTo(272_186L);
        assertThat(a.totals().macs()).isEqualTo(31_021_952L);
        assertThat(a.node("stage3_block3").output("y")).isEqualTo(Shape.of(1, 64, 7, 7));
    }

    @Test
    void fashionMnistMobileNetV2Has424106ParametersAnd23610576Macs() {
        DesignAnalysis a = analyse(ConvNetTemplates.mobileNetV2FashionMnist());
        assertThat(a.totals().params()).isEqualTo(424_106L);
        assertThat(a.totals().macs()).isEqualTo(23_610_576L);
        assertThat(a.node("head_conv").output("y")).isEqualTo(Shape.of(1, 512, 7, 7));
    }

    @Test
    void everyTemplateHasADistinctFileAndBuildsWithoutProblems() {
        List<TemplateSource> all = ConvNetTemplates.all();
        assertThat(all).extracting(TemplateSource::fileName).containsExactly("resnet18.json", "resnet50.json",
                "mobilenetv2.json", "efficientnet-b0.json", "resnet-fmnist.json", "mobilenetv2-fmnist.json");
        for (TemplateSource t : all) {
            Design d = t.build().get();
            assertThat(d.description()).as(t.fileName()).isNotBlank();
            analyse(d);
        }
    }
}
