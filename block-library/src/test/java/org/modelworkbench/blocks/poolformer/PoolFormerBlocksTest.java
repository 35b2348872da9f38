package org.modelworkbench.blocks.poolformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;
import static org.modelworkbench.blocks.BlockFixtures.innerIds;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.ShapeException;

class PoolFormerBlocksTest {

    @Test
    void blockAtC64On56x56Has33472ParametersAnd102760448Macs() throws Exception {
        Evaluation e = evaluate(PoolFormerBlocks.BLOCK, Map.of(), Shape.of(1, 64, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 64, 56, 56));
        assertThat(e.params()).isEqualTo(33_472L);
        assertThat(e.macs()).isEqualTo(102_760_448L);
    }

    @Test
    void blockAtC320On14x14FollowsEightCSquaredPlus11C() throws Exception {
        // 8·320² + 11·320 = 819,200 + 3,520; MACs 196·8·320².
        Evaluation e = evaluate(PoolFormerBlocks.BLOCK, Map.of(), Shape.of(1, 320, 14, 14));
        assertThat(e.params()).isEqualTo(822_720L);
        assertThat(e.macs()).isEqualTo(160_563_200L);
    }

    @Test
    void blockWithPool5Ratio2AndNoLayerScaleCountsEachLayer() throws Exception {
        // GN 32 + GN 32, fc1 16·32+32 = 544, fc2 32·16+16 = 528, no γ: 1136.
        // MACs N·T·2·C·hidden = 3·49·1024 = 150,528.
        Evaluation e = evaluate(PoolFormerBlocks.BLOCK, Map.of("pool_size", 5, "mlp_ratio", 2.0, "layer_scale_init", 0.0), Shape.of(3, 16, 7, 7));
        assertThat(e.outputs()).containsExactly(Shape.of(3, 16, 7, 7));
        assertThat(e.params()).isEqualTo(1_136L);
        assertThat(e.macs()).isEqualTo(150_528L);
    }

    @Test
    void blockInsideHasTwoResidualBranchesAndDropPathOnlyWhenAsked() throws Exception {
        assertThat(innerIds(PoolFormerBlocks.BLOCK, Map.of(), Shape.of(1, 64, 56, 56))).containsExactly("norm1", "pool", "subtract",
                "layer_scale1", "add1", "norm2", "mlp", "layer_scale2", "add2");
        assertThat(innerIds(PoolFormerBlocks.BLOCK, Map.of("drop_path", 0.1), Shape.of(1, 64, 56, 56)))
                .contains("drop_path1", "drop_path2");
        assertThat(evaluate(PoolFormerBlocks.BLOCK, Map.of("drop_path", 0.1), Shape.of(1, 64, 56, 56)).params()).isEqualTo(33_472L);
    }

    @Test
    void blockRejectsAnEvenPoolSize() {
        assertThatThrownBy(() -> evaluate(PoolFormerBlocks.BLOCK, Map.of("pool_size", 4), Shape.of(1, 64, 56, 56)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("pool_size = 4 must be odd");
    }

    @Test
    void blockRejectsTokensInsteadOfAMap() {
        assertThatThrownBy(() -> evaluate(PoolFormerBlocks.BLOCK, Map.of(), Shape.of(1, 3136, 64)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("4-D");
    }

    @Test
    void familyIsInTheStandardLibrary() {
        assertThat(BlockLibrary.standard().ids()).contains("poolformer.block");
    }
}
