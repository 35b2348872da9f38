package org.modelworkbench.blocks.norm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.ShapeException;

class NormBlocksTest {

    @Test
    void batchNormHasTwoCParametersAndNoMacs() throws Exception {
        // BN(64): γ and β = 128; running statistics are buffers
        Evaluation e = evaluate(NormBlocks.BATCH_NORM, Map.of(), Shape.of(1, 64, 112, 112));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 64, 112, 112));
        assertThat(e.params()).isEqualTo(128L);
        assertThat(e.macs()).isZero();
    }

    @Test
    void batchNormOnFeatureVectorsReadsDimensionOne() throws Exception {
        // BN1d(256) on N×C: 2·256 = 512
        Evaluation e = evaluate(NormBlocks.BATCH_NORM, Map.of(), Shape.of(8, 256));
        assertThat(e.outputs()).containsExactly(Shape.of(8, 256));
        assertThat(e.params()).isEqualTo(512L);
    }

    @Test
    void batchNormRejectsAVectorOnPortX() {
        assertThatThrownBy(() -> evaluate(NormBlocks.BATCH_NORM, Map.of(), Shape.of(64)))
                .isInstanceOf(ShapeException.class)
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    @Test
    void layerNormChannelsLastReadsTheLastDimension() throws Exception {
        // LN(96) on 1×56×56×96: 192
        Evaluation e = evaluate(NormBlocks.LAYER_NORM, Map.of(), Shape.of(1, 56, 56, 96));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 56, 56, 96));
        assertThat(e.params()).isEqualTo(192L);
        assertThat(e.macs()).isZero();
    }

    @Test
    void layerNormChannelsFirstReadsDimensionOne() throws Exception {
        // the same tensor read channels-first: C = 56 → 112, not 2·96
        Evaluation first = evaluate(NormBlocks.LAYER_NORM, Map.of("layout", "channels_first"), Shape.of(1, 56, 56, 96));
        assertThat(first.params()).isEqualTo(112L);
        // ConvNeXt stem LN on 1×96×56×56 channels_first: 192
        Evaluation stem = evaluate(NormBlocks.LAYER_NORM, Map.of("layout", "channels_first"), Shape.of(1, 96, 56, 56));
        assertThat(stem.outputs()).containsExactly(Shape.of(1, 96, 56, 56));
        assertThat(stem.params()).isEqualTo(192L);
    }

    @Test
    void layerNormOnTokens() throws Exception {
        // LN(768) on 1×197×768: 1,536
        assertThat(evaluate(NormBlocks.LAYER_NORM, Map.of(), Shape.of(1, 197, 768)).params()).isEqualTo(1_536L);
    }

    @Test
    void layerNormRejectsAnUnknownLayoutNamingTheChoices() {
        assertThatThrownBy(() -> NormBlocks.LAYER_NORM.resolve(Map.of("layout", "nhwc")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("layout: expected one of auto, channels_last, channels_first, got \"nhwc\"");
    }

    @Test
    void layerNormRejectsAnEpsilonOutOfRange() {
        assertThatThrownBy(() -> NormBlocks.LAYER_NORM.resolve(Map.of("eps", 0.5)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("eps: must be between");
    }

    @Test
    void groupNormHasTwoCParametersWhateverTheGroups() throws Exception {
        // GN(32 groups, 256): 512; PoolFormer's GN(1 group, 64): 128
        Evaluation e = evaluate(NormBlocks.GROUP_NORM, Map.of(), Shape.of(1, 256, 14, 14));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 256, 14, 14));
        assertThat(e.params()).isEqualTo(512L);
        assertThat(evaluate(NormBlocks.GROUP_NORM, Map.of("groups", 1), Shape.of(1, 64, 56, 56)).params()).isEqualTo(128L);
    }

    @Test
    void groupNormGroupsMustDivideTheChannels() {
        assertThatThrownBy(() -> evaluate(NormBlocks.GROUP_NORM, Map.of("groups", 3), Shape.of(1, 64, 8, 8)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("groups = 3 must divide the 64 channels");
        // more groups than channels also fails: 16 % 32 ≠ 0
        assertThatThrownBy(() -> evaluate(NormBlocks.GROUP_NORM, Map.of(), Shape.of(1, 16, 8, 8)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("groups = 32 must divide the 16 channels");
    }

    @Test
    void layerScaleHasOneParameterPerChannelInEitherLayout() throws Exception {
        // γ ∈ R^C: channels_last 1×56×56×96 → 96; channels_first 1×64×56×56 → 64
        Evaluation last = evaluate(NormBlocks.LAYER_SCALE, Map.of(), Shape.of(1, 56, 56, 96));
        assertThat(last.outputs()).containsExactly(Shape.of(1, 56, 56, 96));
        assertThat(last.params()).isEqualTo(96L);
        assertThat(last.macs()).isZero();
        Evaluation first = evaluate(NormBlocks.LAYER_SCALE, Map.of("layout", "channels_first"), Shape.of(1, 64, 56, 56));
        assertThat(first.params()).isEqualTo(64L);
    }

    @Test
    void layerScaleRejectsANegativeInit() {
        assertThatThrownBy(() -> NormBlocks.LAYER_SCALE.resolve(Map.of("init", -1.0)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("init: must be between 0 and 10, got -1");
    }
}
