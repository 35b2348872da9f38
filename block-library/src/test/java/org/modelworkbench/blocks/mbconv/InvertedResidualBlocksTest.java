package org.modelworkbench.blocks.mbconv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;
import static org.modelworkbench.blocks.BlockFixtures.innerIds;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.ShapeException;

class InvertedResidualBlocksTest {

    // ---------------------------------------------------------------- MobileNetV2 inverted residual

    @Test
    void invertedResidualT6At24ChannelsHas8832ParametersAnd25740288Macs() throws Exception {
        Map<String, Object> p = Map.of("out_channels", 24, "expand_ratio", 6);
        Evaluation e = evaluate(InvertedResidualBlocks.INVERTED_RESIDUAL, p, Shape.of(1, 24, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 24, 56, 56));
        assertThat(e.params()).isEqualTo(8_832);
        assertThat(e.macs()).isEqualTo(25_740_288L);
        assertThat(innerIds(InvertedResidualBlocks.INVERTED_RESIDUAL, p, Shape.of(1, 24, 56, 56)))
                .containsExactly("expand_conv", "expand_bn", "expand_act", "dw_conv", "dw_bn", "dw_act",
                        "project_conv", "project_bn", "add");
    }

    @Test
    void invertedResidualWithT1SkipsTheExpansionConv() throws Exception {
        Map<String, Object> p = Map.of("out_channels", 16, "expand_ratio", 1);
        Evaluation e = evaluate(InvertedResidualBlocks.INVERTED_RESIDUAL, p, Shape.of(1, 32, 112, 112));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 16, 112, 112));
        // M = 32: 9·32 + 2·32 + 32·16 + 2·16
        assertThat(e.params()).isEqualTo(896);
        // 112²·(9·32 + 32·16)
        assertThat(e.macs()).isEqualTo(10_035_200L);
        assertThat(innerIds(InvertedResidualBlocks.INVERTED_RESIDUAL, p, Shape.of(1, 32, 112, 112)))
                .containsExactly("dw_conv", "dw_bn", "dw_act", "project_conv", "project_bn");
    }

    @Test
    void stridedInvertedResidualHasNoResidualAndExpandsAtTheInputResolution() throws Exception {
        Map<String, Object> p = Map.of("out_channels", 24, "stride", 2);
        Evaluation e = evaluate(InvertedResidualBlocks.INVERTED_RESIDUAL, p, Shape.of(1, 16, 112, 112));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 24, 56, 56));
        // M = 96: 16·96 + 2·96 + 9·96 + 2·96 + 96·24 + 2·24
        assertThat(e.params()).isEqualTo(5_136);
        // 112²·16·96 + 56²·(9·96 + 96·24)
        assertThat(e.macs()).isEqualTo(19_267_584L + 9_934_848L);
        assertThat(innerIds(InvertedResidualBlocks.INVERTED_RESIDUAL, p, Shape.of(1, 16, 112, 112)))
                .doesNotContain("add");
    }

    @Test
    void invertedResidualWithAWiderOutputHasNoResidual() throws Exception {
        Map<String, Object> p = Map.of("out_channels", 32);
        assertThat(innerIds(InvertedResidualBlocks.INVERTED_RESIDUAL, p, Shape.of(1, 24, 28, 28))).doesNotContain("add");
    }

    @Test
    void invertedResidualWithKernel5AndHardswishCountsK2PerHiddenChannel() throws Exception {
        Map<String, Object> p = Map.of("out_channels", 40, "expand_ratio", 3, "kernel", 5, "activation", "hardswish");
        Evaluation e = evaluate(InvertedResidualBlocks.INVERTED_RESIDUAL, p, Shape.of(1, 40, 14, 14));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 40, 14, 14));
        // M = 120: 40·120 + 240 + 25·120 + 240 + 120·40 + 80
        assertThat(e.params()).isEqualTo(13_160);
        // 14²·(40·120 + 25·120 + 120·40)
        assertThat(e.macs()).isEqualTo(196L * 12_600);
        assertThat(((CompositeBlockType) InvertedResidualBlocks.INVERTED_RESIDUAL)
                .expand(List.of(Shape.of(1, 40, 14, 14)), InvertedResidualBlocks.INVERTED_RESIDUAL.resolve(p))
                .nodes().stream().filter(n -> n.id().equals("dw_act")).findFirst().orElseThrow().type().id())
                .isEqualTo("activation.hardswish");
    }

    @Test
    void invertedResidualRejectsAnEvenKernel() {
        assertThatThrownBy(() -> evaluate(InvertedResidualBlocks.INVERTED_RESIDUAL, Map.of("kernel", 4),
                Shape.of(1, 24, 56, 56)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("kernel = 4 must be odd");
    }

    @Test
    void invertedResidualRejectsAnUnknownActivation() {
        assertThatThrownBy(() -> InvertedResidualBlocks.INVERTED_RESIDUAL.resolve(Map.of("activation", "gelu")))
                .hasMessageContaining("activation")
                .hasMessageContaining("relu6");
    }

    @Test
    void invertedResidualRejectsTokens() {
        assertThatThrownBy(() -> evaluate(InvertedResidualBlocks.INVERTED_RESIDUAL, Map.of(), Shape.of(1, 196, 24)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("expects a 4-D tensor")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    // ---------------------------------------------------------------- EfficientNet MBConv

    @Test
    void mbConvE6K5At40ChannelsHas31290ParametersAnd19761600Macs() throws Exception {
        Map<String, Object> p = Map.of("out_channels", 40, "expand_ratio", 6, "kernel", 5);
        Evaluation e = evaluate(InvertedResidualBlocks.MBCONV, p, Shape.of(1, 40, 28, 28));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 40, 28, 28));
        assertThat(e.params()).isEqualTo(31_290);
        assertThat(e.macs()).isEqualTo(19_761_600L);
        assertThat(innerIds(InvertedResidualBlocks.MBCONV, p, Shape.of(1, 40, 28, 28)))
                .containsExactly("conv_pw", "bn1", "act1", "conv_dw", "bn2", "act2", "se", "conv_pwl", "bn3", "add");
    }

    @Test
    void mbConvTakesTheSqueezeWidthFromTheBlockInput() throws Exception {
        // M = 96, r = ⌊16·0.25⌋ = 4 (not ⌊96·0.25⌋)
        Map<String, Object> p = Map.of("out_channels", 24, "stride", 2);
        Evaluation e = evaluate(InvertedResidualBlocks.MBCONV, p, Shape.of(1, 16, 112, 112));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 24, 56, 56));
        // 16·96 + 192 + 9·96 + 192 + (2·96·4 + 96 + 4) + 96·24 + 48
        assertThat(e.params()).isEqualTo(6_004);
        // 112²·16·96 + 56²·(9·96 + 96·24) + 2·96·4
        assertThat(e.macs()).isEqualTo(19_267_584L + 9_934_848L + 768L);
        assertThat(innerIds(InvertedResidualBlocks.MBCONV, p, Shape.of(1, 16, 112, 112))).doesNotContain("add");
    }

    @Test
    void mbConvWithExpansion1IsTheDepthwiseSeparableBlock() throws Exception {
        Map<String, Object> p = Map.of("out_channels", 16, "expand_ratio", 1, "kernel", 3);
        Evaluation e = evaluate(InvertedResidualBlocks.MBCONV, p, Shape.of(1, 32, 112, 112));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 16, 112, 112));
        // 9·32 + 64 + (2·32·8 + 32 + 8) + 32·16 + 32
        assertThat(e.params()).isEqualTo(1_448);
        // 112²·(9·32 + 32·16) + 2·32·8
        assertThat(e.macs()).isEqualTo(10_035_712L);
        assertThat(innerIds(InvertedResidualBlocks.MBCONV, p, Shape.of(1, 32, 112, 112)))
                .containsExactly("conv_dw", "bn2", "act2", "se", "conv_pwl", "bn3");
    }

    @Test
    void mbConvDepthwiseSeparableBlockKeepsItsResidualWhenTheWidthIsKept() throws Exception {
        Map<String, Object> p = Map.of("out_channels", 16, "expand_ratio", 1);
        Evaluation e = evaluate(InvertedResidualBlocks.MBCONV, p, Shape.of(1, 16, 32, 32));
        // 9·16 + 32 + (2·16·4 + 16 + 4) + 16·16 + 32
        assertThat(e.params()).isEqualTo(612);
        assertThat(innerIds(InvertedResidualBlocks.MBCONV, p, Shape.of(1, 16, 32, 32))).endsWith("add");
    }

    @Test
    void mbConvWithSeRatio0HasNoSqueezeExcitation() throws Exception {
        Map<String, Object> p = Map.of("out_channels", 40, "kernel", 5, "se_ratio", 0.0);
        Evaluation e = evaluate(InvertedResidualBlocks.MBCONV, p, Shape.of(1, 40, 28, 28));
        assertThat(e.params()).isEqualTo(31_290 - 5_050);
        assertThat(e.macs()).isEqualTo(19_761_600L - 4_800L);
        assertThat(innerIds(InvertedResidualBlocks.MBCONV, p, Shape.of(1, 40, 28, 28))).doesNotContain("se");
    }

    @Test
    void mbConvPutsDropPathOnTheResidualBranchOnly() throws Exception {
        Map<String, Object> p = Map.of("out_channels", 40, "drop_path", 0.1);
        assertThat(innerIds(InvertedResidualBlocks.MBCONV, p, Shape.of(1, 40, 28, 28))).endsWith("bn3", "drop_path", "add");
        Map<String, Object> strided = Map.of("out_channels", 40, "stride", 2, "drop_path", 0.1);
        assertThat(innerIds(InvertedResidualBlocks.MBCONV, strided, Shape.of(1, 40, 28, 28)))
                .doesNotContain("drop_path", "add");
        Evaluation withDrop = evaluate(InvertedResidualBlocks.MBCONV, p, Shape.of(1, 40, 28, 28));
        Evaluation without = evaluate(InvertedResidualBlocks.MBCONV, Map.of("out_channels", 40), Shape.of(1, 40, 28, 28));
        assertThat(withDrop.params()).isEqualTo(without.params());
        assertThat(withDrop.macs()).isEqualTo(without.macs());
    }

    @Test
    void mbConvRejectsASqueezeRatioThatLeavesNoChannels() {
        assertThatThrownBy(() -> evaluate(InvertedResidualBlocks.MBCONV, Map.of("se_ratio", 0.25), Shape.of(1, 3, 32, 32)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("se_ratio = 0.25")
                .hasMessageContaining("3 input channels");
    }

    @Test
    void mbConvRejectsAnEvenKernel() {
        assertThatThrownBy(() -> evaluate(InvertedResidualBlocks.MBCONV, Map.of("kernel", 6), Shape.of(1, 40, 28, 28)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("kernel = 6 must be odd");
    }

    @Test
    void bothBlocksAreInTheStandardLibrary() {
        assertThat(BlockLibrary.standard().ids()).contains("mbconv.inverted_residual", "mbconv.mbconv");
    }
}
