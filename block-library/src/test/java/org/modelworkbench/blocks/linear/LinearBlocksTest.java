package org.modelworkbench.blocks.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.ShapeException;

class LinearBlocksTest {

    @Test
    void linearOnTokensCountsEveryToken() throws Exception {
        // 768→3072 on 197 tokens: params 768·3072 + 3072 = 2,362,368; MACs 197·768·3072 = 464,781,312
        Evaluation e = evaluate(LinearBlocks.LINEAR, Map.of("out_features", 3072), Shape.of(1, 197, 768));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 197, 3072));
        assertThat(e.params()).isEqualTo(2_362_368L);
        assertThat(e.macs()).isEqualTo(464_781_312L);
    }

    @Test
    void linearOnABatchOfTokenSequencesCountsBatchTimesTokens() throws Exception {
        // N·T = 2·197: MACs 2 × 464,781,312
        Evaluation e = evaluate(LinearBlocks.LINEAR, Map.of("out_features", 3072), Shape.of(2, 197, 768));
        assertThat(e.outputs()).containsExactly(Shape.of(2, 197, 3072));
        assertThat(e.params()).isEqualTo(2_362_368L);
        assertThat(e.macs()).isEqualTo(929_562_624L);
    }

    @Test
    void classifierLinearOnPooledFeatures() throws Exception {
        // 512→1000: params 512,000 + 1,000; MACs 512,000
        Evaluation e = evaluate(LinearBlocks.LINEAR, Map.of(), Shape.of(1, 512));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 1000));
        assertThat(e.params()).isEqualTo(513_000L);
        assertThat(e.macs()).isEqualTo(512_000L);
    }

    @Test
    void linearWithoutBiasOnAChannelsLastMap() throws Exception {
        // Swin reduction 384→192 on 1×28×28×384: params 384·192 = 73,728; MACs 784·73,728 = 57,802,752
        Evaluation e = evaluate(LinearBlocks.LINEAR, Map.of("out_features", 192, "bias", false), Shape.of(1, 28, 28, 384));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 28, 28, 192));
        assertThat(e.params()).isEqualTo(73_728L);
        assertThat(e.macs()).isEqualTo(57_802_752L);
    }

    @Test
    void linearRejectsAOneDimensionalInputOnPortX() {
        assertThatThrownBy(() -> evaluate(LinearBlocks.LINEAR, Map.of(), Shape.of(768)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("expects at least a 2-D tensor")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    @Test
    void linearRejectsZeroOutputFeaturesNamingTheParameter() {
        assertThatThrownBy(() -> LinearBlocks.LINEAR.resolve(Map.of("out_features", 0)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("out_features: must be between 1 and 1048576, got 0");
    }
}
