package org.modelworkbench.blocks.focal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;
import static org.modelworkbench.blocks.BlockFixtures.inside;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.graph.BlockGraph;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.ShapeException;

class FocalNetBlocksTest {

    // --- focal.block ---

    @Test
    void focalBlockLrfAtC96Has120196ParametersAnd373008384Macs() throws Exception {
        Evaluation e = evaluate(FocalNetBlocks.BLOCK, Map.of("focal_level", 3, "focal_window", 3), Shape.of(1, 96, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 96, 56, 56));
        assertThat(e.params()).isEqualTo(120_196);
        assertThat(e.macs()).isEqualTo(373_008_384L);
    }

    @Test
    void focalBlockSrfAtC96Has115395ParametersAnd357955584Macs() throws Exception {
        // L = 2, kernels 3 and 5 (Σk² = 34): 12·96² + 96·3 + 96·34 + 13·96 + 3; MACs 3136·(12·96² + 96·3 + 96·34)
        Evaluation e = evaluate(FocalNetBlocks.BLOCK, Map.of("focal_level", 2), Shape.of(1, 96, 56, 56));
        assertThat(e.params()).isEqualTo(115_395);
        assertThat(e.macs()).isEqualTo(357_955_584L);
    }

    @Test
    void focalBlockLrfAtC192On28x28Has461572ParametersAnd359912448Macs() throws Exception {
        // 12·192² + 192·4 + 192·83 + 13·192 + 4; MACs 784·(12·192² + 192·4 + 192·83)
        Evaluation e = evaluate(FocalNetBlocks.BLOCK, Map.of(), Shape.of(1, 192, 28, 28));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 192, 28, 28));
        assertThat(e.params()).isEqualTo(461_572);
        assertThat(e.macs()).isEqualTo(359_912_448L);
    }

    @Test
    void focalBlockMacsScaleWithTheBatchButParametersDoNot() throws Exception {
        Evaluation e = evaluate(FocalNetBlocks.BLOCK, Map.of(), Shape.of(3, 96, 56, 56));
        assertThat(e.params()).isEqualTo(120_196);
        assertThat(e.macs()).isEqualTo(3 * 373_008_384L);
    }

    @Test
    void focalBlockWithLayerScaleAdds2CParametersAndNoMacs() throws Exception {
        Map<String, Object> params = Map.of("layer_scale_init", 1e-4);
        Evaluation e = evaluate(FocalNetBlocks.BLOCK, params, Shape.of(1, 96, 56, 56));
        assertThat(e.params()).isEqualTo(120_196 + 2 * 96);
        assertThat(e.macs()).isEqualTo(373_008_384L);
        assertThat(inside(FocalNetBlocks.BLOCK, params, Shape.of(1, 96, 56, 56)).nodes())
                .extracting(BlockGraph.Node::id).contains("layer_scale1", "layer_scale2");
    }

    @Test
    void focalBlockWithPostNormMovesTheNormsAfterEachBranchAtTheSameCost() throws Exception {
        Map<String, Object> params = Map.of("post_norm", true);
        Evaluation e = evaluate(FocalNetBlocks.BLOCK, params, Shape.of(1, 96, 56, 56));
        assertThat(e.params()).isEqualTo(120_196);
        assertThat(e.macs()).isEqualTo(373_008_384L);
        assertThat(inside(FocalNetBlocks.BLOCK, params, Shape.of(1, 96, 56, 56)).nodes())
                .extracting(BlockGraph.Node::id)
                .containsExactly("modulation", "norm1", "add1", "mlp", "norm2", "add2");
        assertThat(inside(FocalNetBlocks.BLOCK, Map.of(), Shape.of(1, 96, 56, 56)).nodes())
                .extracting(BlockGraph.Node::id)
                .containsExactly("norm1", "modulation", "add1", "norm2", "mlp", "add2");
    }

    @Test
    void focalBlockWithDropPathAddsDropPathNodesButNoCost() throws Exception {
        Map<String, Object> params = Map.of("drop_path", 0.2);
        Evaluation e = evaluate(FocalNetBlocks.BLOCK, params, Shape.of(1, 96, 56, 56));
        assertThat(e.params()).isEqualTo(120_196);
        assertThat(e.macs()).isEqualTo(373_008_384L);
        assertThat(inside(FocalNetBlocks.BLOCK, params, Shape.of(1, 96, 56, 56)).nodes())
                .extracting(BlockGraph.Node::id).contains("drop_path1", "drop_path2");
    }

    @Test
    void focalBlockRejectsAChannelsLastRank3Input() {
        assertThatThrownBy(() -> evaluate(FocalNetBlocks.BLOCK, Map.of(), Shape.of(1, 3136, 96)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("4-D");
    }

    @Test
    void focalBlockRejectsAnEvenFocalWindow() {
        assertThatThrownBy(() -> evaluate(FocalNetBlocks.BLOCK, Map.of("focal_window", 4), Shape.of(1, 96, 56, 56)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("focal_window 4")
                .hasMessageContaining("even");
    }

    // --- focal.modulation ---

    @Test
    void focalModulationLrfAtC96Has45604ParametersAnd141797376Macs() throws Exception {
        // f: 96·(2·96+4) + 196; dw: 96·83; h, proj: 2·(96² + 96)
        Evaluation e = evaluate(FocalNetBlocks.MODULATION, Map.of(), Shape.of(1, 96, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 96, 56, 56));
        assertThat(e.params()).isEqualTo(45_604);
        assertThat(e.macs()).isEqualTo(3136L * (4 * 96 * 96 + 96 * 4 + 96 * 83));
    }

    @Test
    void focalModulationWithFactor0UsesTheSameKernelAtEveryLevel() throws Exception {
        // L = 2, kernels 5 and 5 (Σk² = 50), C = 32 on 14×14
        Evaluation e = evaluate(FocalNetBlocks.MODULATION,
                Map.of("focal_level", 2, "focal_window", 5, "focal_factor", 0),
                Shape.of(1, 32, 14, 14));
        assertThat(e.params()).isEqualTo(4L * 32 * 32 + 32 * 3 + 32 * 50 + 4 * 32 + 3);
        assertThat(e.macs()).isEqualTo(196L * (4 * 32 * 32 + 32 * 3 + 32 * 50));
    }

    @Test
    void focalModulationHasOneDepthwiseConvPerLevelWithGrowingKernels() throws Exception {
        BlockGraph g = inside(FocalNetBlocks.MODULATION, Map.of("focal_level", 3), Shape.of(1, 96, 56, 56));
        List<BlockGraph.Node> dw = g.nodes().stream().filter(n -> n.id().endsWith("_dwconv")).toList();
        assertThat(dw).extracting(n -> n.params().integer("kernel")).containsExactly(3, 5, 7);
        assertThat(dw).extracting(n -> n.params().integer("padding")).containsExactly(1, 2, 3);
        assertThat(dw).extracting(n -> n.params().bool("bias")).containsOnly(false);
        assertThat(g.nodes()).extracting(BlockGraph.Node::id)
                .contains("f", "split", "split_gates", "global_pool", "gate3", "h", "modulate", "proj");
    }

    @Test
    void focalModulationRejectsAnEvenKernelAtALaterLevel() {
        assertThatThrownBy(() -> evaluate(FocalNetBlocks.MODULATION, Map.of("focal_window", 3, "focal_factor", 1),
                Shape.of(1, 96, 56, 56)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("focal level 1 has kernel 4");
    }

    @Test
    void focalModulationRejectsZeroFocalLevels() {
        assertThatThrownBy(() -> FocalNetBlocks.MODULATION.resolve(Map.of("focal_level", 0)))
                .hasMessageContaining("focal_level");
    }

    // --- family ---

    @Test
    void everyFocalNetBlockIsInTheFocalNetCategoryWithTheFocalNetPaper() {
        assertThat(FocalNetBlocks.ALL).extracting(BlockType::id)
                .containsExactlyInAnyOrder("focal.block", "focal.modulation");
        for (BlockType t : FocalNetBlocks.ALL) {
            assertThat(t.category()).isEqualTo(Category.FOCALNET);
            assertThat(t.paper()).isEqualTo(Papers.FOCALNET);
            assertThat(t.description()).contains("MACs");
        }
    }
}
