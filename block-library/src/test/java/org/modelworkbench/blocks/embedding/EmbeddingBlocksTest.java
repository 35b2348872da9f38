package org.modelworkbench.blocks.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;
import static org.modelworkbench.blocks.BlockFixtures.innerIds;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.ShapeException;

class EmbeddingBlocksTest {

    // ---- class token ----

    @Test
    void classTokenAddsOneTokenAndDParameters() throws Exception {
        // ViT-B: 1×196×768 → 1×197×768, params D = 768
        Evaluation e = evaluate(EmbeddingBlocks.CLASS_TOKEN, Map.of(), Shape.of(1, 196, 768));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 197, 768));
        assertThat(e.params()).isEqualTo(768L);
        assertThat(e.macs()).isZero();
        // DeiT-T on a batch of 8: 8×196×192 → 8×197×192, params 192
        Evaluation deit = evaluate(EmbeddingBlocks.CLASS_TOKEN, Map.of(), Shape.of(8, 196, 192));
        assertThat(deit.outputs()).containsExactly(Shape.of(8, 197, 192));
        assertThat(deit.params()).isEqualTo(192L);
    }

    @Test
    void classTokenNeedsTokensOnPortX() {
        assertThatThrownBy(() -> evaluate(EmbeddingBlocks.CLASS_TOKEN, Map.of(), Shape.of(1, 768, 14, 14)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("expects a 3-D tensor N×T×D, got 4-D 1×768×14×14")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    // ---- position embeddings ----

    @Test
    void learnedPositionEmbeddingHasTTimesDParameters() throws Exception {
        // 197·768 = 151,296; 50·64 = 3,200
        Evaluation e = evaluate(EmbeddingBlocks.POSITION_LEARNED, Map.of(), Shape.of(1, 197, 768));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 197, 768));
        assertThat(e.params()).isEqualTo(151_296L);
        assertThat(e.macs()).isZero();
        assertThat(evaluate(EmbeddingBlocks.POSITION_LEARNED, Map.of(), Shape.of(4, 50, 64)).params()).isEqualTo(3_200L);
    }

    @Test
    void sinCosPositionEmbeddingIsFree() throws Exception {
        Evaluation e = evaluate(EmbeddingBlocks.POSITION_SINCOS, Map.of(), Shape.of(1, 196, 768));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 196, 768));
        assertThat(e.params()).isZero();
        assertThat(e.macs()).isZero();
    }

    @Test
    void sinCosPositionEmbeddingNeedsAnEvenWidth() {
        assertThatThrownBy(() -> evaluate(EmbeddingBlocks.POSITION_SINCOS, Map.of(), Shape.of(1, 196, 767)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("the embedding width 767 must be even for sine/cosine pairs")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    // ---- patch embed ----

    @Test
    void vitPatchEmbedGivesTokens() throws Exception {
        // conv16×16/16 3→768 with bias: 768·3·256 + 768 = 590,592; T = 14·14 = 196; MACs 196·589,824 = 115,605,504
        Evaluation e = evaluate(EmbeddingBlocks.PATCH_EMBED, Map.of(), Shape.of(1, 3, 224, 224));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 196, 768));
        assertThat(e.params()).isEqualTo(590_592L);
        assertThat(e.macs()).isEqualTo(115_605_504L);
        assertThat(innerIds(EmbeddingBlocks.PATCH_EMBED, Map.of(), Shape.of(1, 3, 224, 224)))
                .containsExactly("proj", "flatten", "to_tokens");
    }

    @Test
    void tokenPatchEmbedWithNormAddsTwoD() throws Exception {
        // 590,592 + 2·768
        Evaluation e = evaluate(EmbeddingBlocks.PATCH_EMBED, Map.of("norm", true), Shape.of(1, 3, 224, 224));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 196, 768));
        assertThat(e.params()).isEqualTo(592_128L);
        assertThat(e.macs()).isEqualTo(115_605_504L);
    }

    @Test
    void swinPatchEmbedGivesAChannelsLastMapWithNorm() throws Exception {
        // conv4×4/4 3→96: 96·48 + 96 = 4,704, LN 192 → 4,896; MACs 56·56·96·48 = 14,450,688
        Map<String, Object> p = Map.of("patch", 4, "embed_dim", 96, "norm", true, "output", "channels_last");
        Evaluation e = evaluate(EmbeddingBlocks.PATCH_EMBED, p, Shape.of(1, 3, 224, 224));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 56, 56, 96));
        assertThat(e.params()).isEqualTo(4_896L);
        assertThat(e.macs()).isEqualTo(14_450_688L);
        assertThat(innerIds(EmbeddingBlocks.PATCH_EMBED, p, Shape.of(1, 3, 224, 224)))
                .containsExactly("proj", "to_channels_last", "norm");
    }

    @Test
    void channelsLastPatchEmbedWithoutNormIsTheConvAlone() throws Exception {
        Evaluation e = evaluate(EmbeddingBlocks.PATCH_EMBED,
                Map.of("patch", 4, "embed_dim", 96, "output", "channels_last"),
                Shape.of(1, 3, 224, 224));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 56, 56, 96));
        assertThat(e.params()).isEqualTo(4_704L);
    }

    @Test
    void channelsFirstPatchEmbedNormalisesDimensionOne() throws Exception {
        // ConvNeXt stem: conv4×4/4 3→96 + LN channels_first: 4,704 + 192
        Map<String, Object> p = Map.of("patch", 4, "embed_dim", 96, "norm", true, "output", "channels_first");
        Evaluation e = evaluate(EmbeddingBlocks.PATCH_EMBED, p, Shape.of(1, 3, 224, 224));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 96, 56, 56));
        assertThat(e.params()).isEqualTo(4_896L);
        assertThat(innerIds(EmbeddingBlocks.PATCH_EMBED, p, Shape.of(1, 3, 224, 224))).containsExactly("proj", "norm");
        Evaluation bare = evaluate(EmbeddingBlocks.PATCH_EMBED,
                Map.of("patch", 4, "embed_dim", 96, "output", "channels_first"),
                Shape.of(2, 3, 224, 224));
        assertThat(bare.outputs()).containsExactly(Shape.of(2, 96, 56, 56));
        assertThat(bare.params()).isEqualTo(4_704L);
        assertThat(bare.macs()).isEqualTo(2 * 14_450_688L);
    }

    @Test
    void patchEmbedRejectsAnImageNotDivisibleByThePatchOnPortX() {
        assertThatThrownBy(() -> evaluate(EmbeddingBlocks.PATCH_EMBED, Map.of(), Shape.of(1, 3, 225, 224)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("the 225×224 image is not divisible by patch 16")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    // ---- patch merging ----

    @Test
    void patchMergingHalvesTheMapAndDoublesTheChannels() throws Exception {
        // C = 96 on 56²: LN(384) 768 + 384·192 = 73,728 → 8C² + 8C = 74,496; MACs (3136/4)·8·96² = 57,802,752
        Evaluation e = evaluate(EmbeddingBlocks.PATCH_MERGING, Map.of(), Shape.of(1, 56, 56, 96));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 28, 28, 192));
        assertThat(e.params()).isEqualTo(74_496L);
        assertThat(e.macs()).isEqualTo(57_802_752L);
        assertThat(innerIds(EmbeddingBlocks.PATCH_MERGING, Map.of(), Shape.of(1, 56, 56, 96)))
                .containsExactly("gather", "norm", "reduction");
    }

    @Test
    void patchMergingWithAnExplicitOutputWidth() throws Exception {
        // C = 96 → 128: LN(384) 768 + 384·128 = 49,152 → 49,920; MACs 784·49,152 = 38,535,168
        Evaluation e = evaluate(EmbeddingBlocks.PATCH_MERGING, Map.of("out_channels", 128), Shape.of(1, 56, 56, 96));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 28, 28, 128));
        assertThat(e.params()).isEqualTo(49_920L);
        assertThat(e.macs()).isEqualTo(38_535_168L);
    }

    @Test
    void patchMergingOfAnOddMapIsReportedOnItsInputPort() {
        // the inner gather is fed straight from x, so the error moves to the composite's port x
        assertThatThrownBy(() -> evaluate(EmbeddingBlocks.PATCH_MERGING, Map.of(), Shape.of(1, 7, 7, 768)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("in gather (Space to depth): the 7×7 map is not divisible by block 2")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }
}
