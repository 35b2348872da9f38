package org.modelworkbench.blocks.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;
import static org.modelworkbench.blocks.BlockFixtures.innerIds;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.graph.BlockGraph;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.ShapeException;

class AttentionBlocksTest {

    // ---- SDPA ----

    @Test
    void sdpaCostsTwoTSquaredDPerImage() throws Exception {
        // ViT-B: T = 197, D = 768: 2·197²·768 = 2·38,809·768 = 59,610,624
        Evaluation e = evaluate(AttentionBlocks.SDPA, Map.of("heads", 12), Shape.of(1, 197, 2304));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 197, 768));
        assertThat(e.params()).isZero();
        assertThat(e.macs()).isEqualTo(59_610_624L);
    }

    @Test
    void sdpaCostScalesWithTheBatchAndNotWithTheHeads() throws Exception {
        // N = 2: 2·2·197²·768 = 119,221,248, for 1 head as for 12
        assertThat(evaluate(AttentionBlocks.SDPA, Map.of("heads", 12), Shape.of(2, 197, 2304)).macs()).isEqualTo(119_221_248L);
        assertThat(evaluate(AttentionBlocks.SDPA, Map.of("heads", 1), Shape.of(2, 197, 2304)).macs()).isEqualTo(119_221_248L);
        // Swin window: N = 64 windows × 49 tokens, C = 96: 2·64·49²·96 = 29,503,488 = 2·T·W²·C with T = 3136
        assertThat(evaluate(AttentionBlocks.SDPA, Map.of("heads", 3), Shape.of(64, 49, 288)).macs()).isEqualTo(29_503_488L);
    }

    @Test
    void sdpaHeadsMustDivideTheWidth() {
        assertThatThrownBy(() -> evaluate(AttentionBlocks.SDPA, Map.of("heads", 5), Shape.of(1, 197, 2304)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("heads = 5 must divide the width 768")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isNull());
    }

    @Test
    void sdpaNeedsPackedQkvOnPortQkv() {
        assertThatThrownBy(() -> evaluate(AttentionBlocks.SDPA, Map.of(), Shape.of(1, 197, 768 * 3 + 1)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("the last dimension (2305) must hold q, k and v: a multiple of 3")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("qkv"));
        assertThatThrownBy(() -> evaluate(AttentionBlocks.SDPA, Map.of(), Shape.of(197, 2304)))
                .isInstanceOf(ShapeException.class)
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("qkv"));
    }

    @Test
    void zeroHeadsIsAnInvalidParameter() {
        assertThatThrownBy(() -> AttentionBlocks.SDPA.resolve(Map.of("heads", 0)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("heads: must be between 1 and 1024, got 0");
    }

    // ---- MHSA ----

    @Test
    void mhsaTotalsFourDSquaredPlusFourDParams() throws Exception {
        // D = 768, T = 197: params 4·768² + 4·768 = 2,362,368
        // MACs 4·T·D² + 2·T²·D = 464,781,312 + 59,610,624 = 524,391,936
        Evaluation e = evaluate(AttentionBlocks.MHSA, Map.of("heads", 12), Shape.of(1, 197, 768));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 197, 768));
        assertThat(e.params()).isEqualTo(2_362_368L);
        assertThat(e.macs()).isEqualTo(524_391_936L);
        assertThat(innerIds(AttentionBlocks.MHSA, Map.of("heads", 12), Shape.of(1, 197, 768)))
                .containsExactly("qkv", "attention", "proj");
    }

    @Test
    void mhsaForDeitTinyAndWithoutBiases() throws Exception {
        // D = 192, T = 197: params 4·192² + 4·192 = 148,224; MACs 4·197·36,864 + 2·38,809·192 = 29,048,832 + 14,902,656
        Evaluation e = evaluate(AttentionBlocks.MHSA, Map.of("heads", 3), Shape.of(1, 197, 192));
        assertThat(e.params()).isEqualTo(148_224L);
        assertThat(e.macs()).isEqualTo(43_951_488L);
        // no biases: 4·768² = 2,359,296
        assertThat(evaluate(AttentionBlocks.MHSA, Map.of("heads", 12, "qkv_bias", false, "proj_bias", false), Shape.of(1, 197, 768))
                .params()).isEqualTo(2_359_296L);
        // only the qkv bias: 4D² + 3D = 2,361,600
        assertThat(evaluate(AttentionBlocks.MHSA, Map.of("heads", 12, "proj_bias", false), Shape.of(1, 197, 768))
                .params()).isEqualTo(2_361_600L);
    }

    @Test
    void mhsaHeadsThatDoNotDivideTheWidthNameTheInnerNode() {
        assertThatThrownBy(() -> evaluate(AttentionBlocks.MHSA, Map.of("heads", 5), Shape.of(1, 197, 768)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("in attention (Scaled dot-product attention): heads = 5 must divide the width 768")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isNull());
    }

    @Test
    void mhsaNeedsTokensOnPortX() {
        assertThatThrownBy(() -> evaluate(AttentionBlocks.MHSA, Map.of(), Shape.of(1, 768, 14, 14)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("expects a 3-D tensor N×T×D, got 4-D 1×768×14×14")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    // ---- MLP ----

    @Test
    void mlpOnTokensWithRatio4() throws Exception {
        // 768→3072→768: params 2·768·3072 + 3072 + 768 = 4,722,432; MACs 2·197·768·3072 = 929,562,624
        Evaluation e = evaluate(AttentionBlocks.MLP, Map.of(), Shape.of(1, 197, 768));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 197, 768));
        assertThat(e.params()).isEqualTo(4_722_432L);
        assertThat(e.macs()).isEqualTo(929_562_624L);
        assertThat(innerIds(AttentionBlocks.MLP, Map.of(), Shape.of(1, 197, 768))).containsExactly("fc1", "act", "fc2");
    }

    @Test
    void mlpOnAChannelsFirstMapUsesPointwiseConvs() throws Exception {
        // 96→384→96 as 1×1 convs on 56²: params 2·96·384 + 384 + 96 = 74,208; MACs 3136·2·96·384 = 231,211,008
        Map<String, Object> p = Map.of("layout", "channels_first");
        Evaluation e = evaluate(AttentionBlocks.MLP, p, Shape.of(1, 96, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 96, 56, 56));
        assertThat(e.params()).isEqualTo(74_208L);
        assertThat(e.macs()).isEqualTo(231_211_008L);
        BlockGraph g = ((CompositeBlockType) AttentionBlocks.MLP).expand(List.of(Shape.of(1, 96, 56, 56)),
                AttentionBlocks.MLP.resolve(p));
        assertThat(g.nodes().get(0).type().id()).isEqualTo("conv.pointwise");
    }

    @Test
    void mlpOnAChannelsLastMapInTokenLayoutActsOnTheLastDimension() throws Exception {
        // same counts as above: Linear per pixel
        Evaluation e = evaluate(AttentionBlocks.MLP, Map.of(), Shape.of(1, 56, 56, 96));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 56, 56, 96));
        assertThat(e.params()).isEqualTo(74_208L);
        assertThat(e.macs()).isEqualTo(231_211_008L);
    }

    @Test
    void mlpHiddenAndOutputOverridesWinOverTheRatio() throws Exception {
        // 64→100→50 on 10 tokens: params 64·100 + 100 + 100·50 + 50 = 11,550; MACs 10·(6,400 + 5,000) = 114,000
        Evaluation e = evaluate(AttentionBlocks.MLP, Map.of("hidden", 100, "out_features", 50, "mlp_ratio", 2.0), Shape.of(1, 10, 64));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 10, 50));
        assertThat(e.params()).isEqualTo(11_550L);
        assertThat(e.macs()).isEqualTo(114_000L);
    }

    @Test
    void mlpHiddenWidthIsTruncatedLikeTimm() throws Exception {
        // int(10 · 2.55) = 25: params 10·25 + 25·10 = 500 (no bias); MACs 500
        Evaluation e = evaluate(AttentionBlocks.MLP, Map.of("mlp_ratio", 2.55, "bias", false), Shape.of(1, 1, 10));
        assertThat(e.params()).isEqualTo(500L);
        assertThat(e.macs()).isEqualTo(500L);
    }

    @Test
    void mlpDropoutAddsTwoFreeNodes() throws Exception {
        Map<String, Object> p = Map.of("dropout", 0.1, "activation", "silu");
        assertThat(innerIds(AttentionBlocks.MLP, p, Shape.of(1, 197, 768)))
                .containsExactly("fc1", "act", "drop1", "fc2", "drop2");
        Evaluation e = evaluate(AttentionBlocks.MLP, p, Shape.of(1, 197, 768));
        assertThat(e.params()).isEqualTo(4_722_432L);
        assertThat(e.macs()).isEqualTo(929_562_624L);
    }

    @Test
    void channelsFirstMlpNeedsAFourDimensionalMap() {
        assertThatThrownBy(() -> evaluate(AttentionBlocks.MLP, Map.of("layout", "channels_first"), Shape.of(1, 197, 768)))
                .isInstanceOf(ShapeException.class)
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    // ---- squeeze-excitation ----

    @Test
    void squeezeExcitationWithRatioAQuarter() throws Exception {
        // C = 96, r = ⌊96·0.25⌋ = 24: params 2·96·24 + 96 + 24 = 4,728; MACs 2·96·24 = 4,608
        Evaluation e = evaluate(AttentionBlocks.SQUEEZE_EXCITATION, Map.of(), Shape.of(1, 96, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 96, 56, 56));
        assertThat(e.params()).isEqualTo(4_728L);
        assertThat(e.macs()).isEqualTo(4_608L);
        assertThat(innerIds(AttentionBlocks.SQUEEZE_EXCITATION, Map.of(), Shape.of(1, 96, 56, 56)))
                .containsExactly("squeeze", "reduce", "act", "expand", "gate", "scale");
    }

    @Test
    void squeezeExcitationRdChannelsOverridesTheRatio() throws Exception {
        // EfficientNet: M = 96 from Cin = 16, r = 4: params 2·96·4 + 96 + 4 = 868; MACs 768
        Evaluation e = evaluate(AttentionBlocks.SQUEEZE_EXCITATION,
                Map.of("rd_channels", 4, "rd_ratio", 0.5, "activation", "silu"),
                Shape.of(1, 96, 56, 56));
        assertThat(e.params()).isEqualTo(868L);
        assertThat(e.macs()).isEqualTo(768L);
        // a batch of 2 doubles the MACs
        assertThat(evaluate(AttentionBlocks.SQUEEZE_EXCITATION, Map.of("rd_channels", 4), Shape.of(2, 96, 7, 7)).macs())
                .isEqualTo(1_536L);
    }

    @Test
    void squeezeExcitationRoundsTheSqueezedWidthDown() throws Exception {
        // C = 10, ⌊10·0.25⌋ = 2: params 2·10·2 + 10 + 2 = 52; MACs 40
        Evaluation e = evaluate(AttentionBlocks.SQUEEZE_EXCITATION, Map.of(), Shape.of(1, 10, 4, 4));
        assertThat(e.params()).isEqualTo(52L);
        assertThat(e.macs()).isEqualTo(40L);
    }

    @Test
    void squeezeExcitationToZeroChannelsIsReportedOnTheInnerNode() {
        // C = 3, ⌊3·0.25⌋ = 0: the reduce conv would have 0 output channels
        assertThatThrownBy(() -> evaluate(AttentionBlocks.SQUEEZE_EXCITATION, Map.of(), Shape.of(1, 3, 8, 8)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("inner block 'reduce'")
                .hasMessageContaining("out_channels: must be between 1 and 1048576, got 0");
    }

    @Test
    void squeezeExcitationNeedsAMapOnPortX() {
        assertThatThrownBy(() -> evaluate(AttentionBlocks.SQUEEZE_EXCITATION, Map.of(), Shape.of(1, 49, 96)))
                .isInstanceOf(ShapeException.class)
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }
}
