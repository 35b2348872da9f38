package org.modelworkbench.blocks.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;
import static org.modelworkbench.blocks.BlockFixtures.inside;
import static org.modelworkbench.blocks.BlockFixtures.innerIds;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.graph.BlockGraph;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.ShapeException;

class HeadBlocksTest {

    @Test
    void resnetHeadPoolsAChannelsFirstMap() throws Exception {
        // pool 1×512×7×7 → 1×512, FC 512→1000: params 512,000 + 1,000; MACs 512,000
        Evaluation e = evaluate(HeadBlocks.CLASSIFIER, Map.of(), Shape.of(1, 512, 7, 7));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 1000));
        assertThat(e.params()).isEqualTo(513_000L);
        assertThat(e.macs()).isEqualTo(512_000L);
        assertThat(innerIds(HeadBlocks.CLASSIFIER, Map.of(), Shape.of(1, 512, 7, 7))).containsExactly("pool", "fc");
    }

    @Test
    void batchOfFourMultipliesTheMacs() throws Exception {
        Evaluation e = evaluate(HeadBlocks.CLASSIFIER, Map.of(), Shape.of(4, 512, 7, 7));
        assertThat(e.outputs()).containsExactly(Shape.of(4, 1000));
        assertThat(e.macs()).isEqualTo(2_048_000L);
    }

    @Test
    void convNextHeadNormalisesAfterPooling() throws Exception {
        // pool → LN(768) 1,536 → FC 768·1000 + 1000: 770,536
        Map<String, Object> p = Map.of("norm", "after_pool", "norm_eps", 1e-6);
        Evaluation e = evaluate(HeadBlocks.CLASSIFIER, p, Shape.of(1, 768, 7, 7));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 1000));
        assertThat(e.params()).isEqualTo(770_536L);
        assertThat(e.macs()).isEqualTo(768_000L);
        assertThat(innerIds(HeadBlocks.CLASSIFIER, p, Shape.of(1, 768, 7, 7))).containsExactly("pool", "norm", "fc");
    }

    @Test
    void channelsFirstNormBeforePoolingNormalisesDimensionOne() throws Exception {
        // FocalNet: LN channels_first on 1×768×7×7 (2·768) then pool and FC: 770,536
        Map<String, Object> p = Map.of("norm", "before_pool");
        assertThat(evaluate(HeadBlocks.CLASSIFIER, p, Shape.of(1, 768, 7, 7)).params()).isEqualTo(770_536L);
        BlockGraph g = inside(HeadBlocks.CLASSIFIER, p, Shape.of(1, 768, 7, 7));
        assertThat(g.nodes().get(0).params().choice("layout")).isEqualTo("channels_first");
    }

    @Test
    void swinHeadNormalisesAChannelsLastMapBeforePooling() throws Exception {
        Map<String, Object> p = Map.of("layout", "channels_last", "norm", "before_pool");
        Evaluation e = evaluate(HeadBlocks.CLASSIFIER, p, Shape.of(1, 7, 7, 768));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 1000));
        assertThat(e.params()).isEqualTo(770_536L);
        assertThat(e.macs()).isEqualTo(768_000L);
        assertThat(innerIds(HeadBlocks.CLASSIFIER, p, Shape.of(1, 7, 7, 768))).containsExactly("norm", "pool", "fc");
    }

    @Test
    void tokenHeadAveragesTheTokens() throws Exception {
        // 1×49×768 averaged, FC 768→10: 7,690 params, 7,680 MACs
        Evaluation e = evaluate(HeadBlocks.CLASSIFIER, Map.of("layout", "tokens", "classes", 10), Shape.of(1, 49, 768));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 10));
        assertThat(e.params()).isEqualTo(7_690L);
        assertThat(e.macs()).isEqualTo(7_680L);
    }

    @Test
    void vitHeadReadsTheClassTokenAfterTheNorm() throws Exception {
        // LN(768) 1,536 on all 197 tokens, select token 0, FC 768→1000: 770,536
        Map<String, Object> p = Map.of("layout", "class_token", "norm", "before_pool", "dropout", 0.1);
        Evaluation e = evaluate(HeadBlocks.CLASSIFIER, p, Shape.of(1, 197, 768));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 1000));
        assertThat(e.params()).isEqualTo(770_536L);
        assertThat(e.macs()).isEqualTo(768_000L);
        assertThat(innerIds(HeadBlocks.CLASSIFIER, p, Shape.of(1, 197, 768))).containsExactly("norm", "take_class_token", "dropout", "fc");
    }

    @Test
    void classTokenLayoutRejectsAMapOnPortX() {
        // a 4-D map would otherwise give 1×7×1000 "logits" (token 0 of dimension 1 is a channel)
        assertThatThrownBy(() -> evaluate(HeadBlocks.CLASSIFIER, Map.of("layout", "class_token"), Shape.of(1, 768, 7, 7)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("expects a 3-D tensor N×T×C, got 4-D 1×768×7×7")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    @Test
    void tokenLayoutWithANormRejectsAMapOnPortX() {
        assertThatThrownBy(() -> evaluate(HeadBlocks.CLASSIFIER, Map.of("layout", "tokens", "norm", "before_pool"), Shape.of(1, 7, 7, 768)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("expects a 3-D tensor N×T×C")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    @Test
    void channelsFirstLayoutRejectsTokensOnPortX() {
        assertThatThrownBy(() -> evaluate(HeadBlocks.CLASSIFIER, Map.of(), Shape.of(1, 197, 768)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("expects a 4-D tensor")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }
}
