package org.modelworkbench.blocks.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.ShapeException;

class ConvBlocksTest {

    // ---- conv2d ----

    @Test
    void resnetStemConv7x7Stride2On224Gives112With9408ParamsAnd118013952Macs() throws Exception {
        // Ho = ⌊(224 + 6 − 7)/2⌋ + 1 = 112; params 64·3·7² = 9,408; MACs 112·112·9,408 = 118,013,952
        Evaluation e = evaluate(ConvBlocks.CONV2D,
                Map.of("out_channels", 64, "kernel", 7, "stride", 2, "padding", 3, "bias", false),
                Shape.of(1, 3, 224, 224));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 64, 112, 112));
        assertThat(e.params()).isEqualTo(9_408L);
        assertThat(e.macs()).isEqualTo(118_013_952L);
    }

    @Test
    void aBatchOfTwoDoublesTheMacsButNotTheParameters() throws Exception {
        Evaluation e = evaluate(ConvBlocks.CONV2D,
                Map.of("out_channels", 64, "kernel", 7, "stride", 2, "padding", 3, "bias", false),
                Shape.of(2, 3, 224, 224));
        assertThat(e.outputs()).containsExactly(Shape.of(2, 64, 112, 112));
        assertThat(e.params()).isEqualTo(9_408L);
        assertThat(e.macs()).isEqualTo(2 * 118_013_952L);
    }

    @Test
    void biasAddsOneParameterPerOutputChannelAndNoMacs() throws Exception {
        // default 3×3 p1 s1, 64→64 on 56²: 64·64·9 = 36,864 weights + 64 bias; MACs 3136·36,864 = 115,605,504
        Evaluation e = evaluate(ConvBlocks.CONV2D, Map.of(), Shape.of(1, 64, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 64, 56, 56));
        assertThat(e.params()).isEqualTo(36_928L);
        assertThat(e.macs()).isEqualTo(115_605_504L);
    }

    @Test
    void groupedConvDividesTheWeightsByTheGroups() throws Exception {
        // ResNeXt 32×4d: 128→128, 3×3 p1, g32: 128·(128/32)·9 = 4,608; MACs 56·56·4,608 = 14,450,688
        Evaluation e = evaluate(ConvBlocks.CONV2D,
                Map.of("out_channels", 128, "kernel", 3, "padding", 1, "groups", 32, "bias", false),
                Shape.of(1, 128, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 128, 56, 56));
        assertThat(e.params()).isEqualTo(4_608L);
        assertThat(e.macs()).isEqualTo(14_450_688L);
    }

    @Test
    void dilatedConvWidensTheKernelSpanButNotItsCost() throws Exception {
        // k3 d2 p2 on 56: Ho = ⌊(56 + 4 − 2·2 − 1)/1⌋ + 1 = 56; params 64·64·9 = 36,864; MACs 3136·36,864
        Evaluation e = evaluate(ConvBlocks.CONV2D,
                Map.of("out_channels", 64, "kernel", 3, "padding", 2, "dilation", 2, "bias", false),
                Shape.of(1, 64, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 64, 56, 56));
        assertThat(e.params()).isEqualTo(36_864L);
        assertThat(e.macs()).isEqualTo(115_605_504L);
    }

    @Test
    void dilatedConvWithoutPaddingShrinksTheMapByTheDilatedSpan() throws Exception {
        // k3 d3 p0 on 20: span d(k−1)+1 = 7, Ho = ⌊(20 − 6 − 1)/1⌋ + 1 = 14
        // params 8·4·9 + 8 = 296; MACs 14·14·8·4·9 = 56,448
        Evaluation e = evaluate(ConvBlocks.CONV2D, Map.of("out_channels", 8, "kernel", 3, "padding", 0, "dilation", 3),
                Shape.of(1, 4, 20, 20));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 8, 14, 14));
        assertThat(e.params()).isEqualTo(296L);
        assertThat(e.macs()).isEqualTo(56_448L);
    }

    @Test
    void nonSquareInputsKeepTheirOwnHeightAndWidth() throws Exception {
        // 3×3 s2 p1: H 30 → ⌊(30+2−2−1)/2⌋+1 = 15, W 17 → ⌊16/2⌋+1 = 9; MACs 15·9·16·3·9 = 58,320
        Evaluation e = evaluate(ConvBlocks.CONV2D, Map.of("out_channels", 16, "stride", 2, "bias", false),
                Shape.of(1, 3, 30, 17));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 16, 15, 9));
        assertThat(e.macs()).isEqualTo(58_320L);
    }

    @Test
    void groupsThatDoNotDivideTheInputChannelsAreReportedOnPortX() {
        assertThatThrownBy(() -> evaluate(ConvBlocks.CONV2D, Map.of("groups", 3, "out_channels", 96), Shape.of(1, 64, 56, 56)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("groups = 3 must divide the 64 input channels")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    @Test
    void groupsThatDoNotDivideTheOutputChannelsAreReportedOnTheBlock() {
        assertThatThrownBy(() -> evaluate(ConvBlocks.CONV2D, Map.of("groups", 3, "out_channels", 64), Shape.of(1, 48, 8, 8)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("groups = 3 must divide the 64 output channels")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isNull());
    }

    @Test
    void aKernelLargerThanThePaddedInputIsReportedOnPortX() {
        // (2 + 0 − 7)/1 < 0: no output position
        assertThatThrownBy(() -> evaluate(ConvBlocks.CONV2D, Map.of("kernel", 7, "padding", 0), Shape.of(1, 3, 2, 2)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("a 7×7 kernel (dilation 1, padding 0) does not fit the 2×2 input")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    @Test
    void tokensInsteadOfAMapAreRejectedOnPortX() {
        assertThatThrownBy(() -> evaluate(ConvBlocks.CONV2D, Map.of(), Shape.of(1, 196, 768)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("expects a 4-D tensor N×C×H×W, got 3-D 1×196×768")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    @Test
    void outOfRangeValuesAreInvalidParametersNamingTheParameter() {
        assertThatThrownBy(() -> ConvBlocks.CONV2D.resolve(Map.of("kernel", 64)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("kernel: must be between 1 and 63, got 64")
                .satisfies(t -> assertThat(((InvalidParameterException) t).problems().get(0).param()).isEqualTo("kernel"));
        assertThatThrownBy(() -> ConvBlocks.CONV2D.resolve(Map.of("out_channels", 0, "stride", 0)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("out_channels: must be between 1 and 1048576, got 0")
                .hasMessageContaining("stride: must be between 1 and 64, got 0");
    }

    @Test
    void theWrongNumberOfInputsIsAnErrorOnTheBlock() {
        assertThatThrownBy(() -> ConvBlocks.CONV2D.evaluate(List.of(), ConvBlocks.CONV2D.defaults()))
                .isInstanceOf(ShapeException.class)
                .hasMessage("expects 1 inputs, got 0")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isNull());
    }

    // ---- depthwise ----

    @Test
    void depthwiseWithMultiplier2DoublesTheChannels() throws Exception {
        // 32 channels, m=2: 64 filters of 1·3·3 = 576 params; MACs 112·112·576 = 7,225,344
        Evaluation e = evaluate(ConvBlocks.DEPTHWISE, Map.of("multiplier", 2, "bias", false), Shape.of(1, 32, 112, 112));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 64, 112, 112));
        assertThat(e.params()).isEqualTo(576L);
        assertThat(e.macs()).isEqualTo(7_225_344L);
    }

    @Test
    void depthwiseStride2WithBiasHalvesTheMap() throws Exception {
        // Ho = ⌊(112 + 2 − 3)/2⌋ + 1 = 56; params 96·9 + 96 = 960; MACs 56·56·96·9 = 2,709,504
        Evaluation e = evaluate(ConvBlocks.DEPTHWISE, Map.of("stride", 2), Shape.of(1, 96, 112, 112));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 96, 56, 56));
        assertThat(e.params()).isEqualTo(960L);
        assertThat(e.macs()).isEqualTo(2_709_504L);
    }

    @Test
    void depthwise5x5KeepsTheMapWithPadding2() throws Exception {
        // EfficientNet k5: 240·25 = 6,000 params; MACs 28·28·6,000 = 4,704,000
        Evaluation e = evaluate(ConvBlocks.DEPTHWISE, Map.of("kernel", 5, "padding", 2, "bias", false), Shape.of(1, 240, 28, 28));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 240, 28, 28));
        assertThat(e.params()).isEqualTo(6_000L);
        assertThat(e.macs()).isEqualTo(4_704_000L);
    }

    @Test
    void depthwiseRejectsTokensOnPortX() {
        assertThatThrownBy(() -> evaluate(ConvBlocks.DEPTHWISE, Map.of(), Shape.of(1, 49, 96)))
                .isInstanceOf(ShapeException.class)
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    // ---- pointwise ----

    @Test
    void pointwiseWithStride2SubsamplesLikeAResNetProjection() throws Exception {
        // Ho = ⌊(56 − 1)/2⌋ + 1 = 28; params 64·128 = 8,192; MACs 28·28·8,192 = 6,422,528
        Evaluation e = evaluate(ConvBlocks.POINTWISE, Map.of("out_channels", 128, "stride", 2, "bias", false),
                Shape.of(1, 64, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 128, 28, 28));
        assertThat(e.params()).isEqualTo(8_192L);
        assertThat(e.macs()).isEqualTo(6_422_528L);
    }

    @Test
    void pointwiseCostsTheSameAsALinearPerPixel() throws Exception {
        // 96→384 with bias on 56²: params 96·384 + 384 = 37,248; MACs 3136·96·384 = 115,605,504
        Evaluation e = evaluate(ConvBlocks.POINTWISE, Map.of("out_channels", 384), Shape.of(1, 96, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 384, 56, 56));
        assertThat(e.params()).isEqualTo(37_248L);
        assertThat(e.macs()).isEqualTo(115_605_504L);
    }

    @Test
    void pointwiseRejectsAFlatVectorOnPortX() {
        assertThatThrownBy(() -> evaluate(ConvBlocks.POINTWISE, Map.of(), Shape.of(1, 96)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("4-D")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }
}
