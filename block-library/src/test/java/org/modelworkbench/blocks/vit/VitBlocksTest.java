package org.modelworkbench.blocks.vit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.graph.BlockGraph;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.ShapeException;

class VitBlocksTest {

    @Test
    void encoderBlockAtD384With197TokensHas1774464ParametersAnd378391296Macs() throws Exception {
        Evaluation e = evaluate(VitBlocks.ENCODER_BLOCK, Map.of("heads", 6), Shape.of(1, 197, 384));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 197, 384));
        assertThat(e.params()).isEqualTo(1_774_464L);
        assertThat(e.macs()).isEqualTo(378_391_296L);
    }

    @Test
    void deitTinyBlockAtD192Has444864ParametersAnd102049152Macs() throws Exception {
        // 12·192² + 13·192; MACs 197·12·192² + 2·197²·192 = 87,146,496 + 14,902,656.
        Evaluation e = evaluate(VitBlocks.ENCODER_BLOCK, Map.of("heads", 3), Shape.of(1, 197, 192));
        assertThat(e.params()).isEqualTo(444_864L);
        assertThat(e.macs()).isEqualTo(102_049_152L);
    }

    @Test
    void encoderBlockWithoutQkvBiasAndRatio2CountsEachLayer() throws Exception {
        // LN 2·128, qkv 64·192 (no bias), proj 64·64+64, fc1 64·128+128, fc2 128·64+64 = 33,280.
        // MACs per image 50·(4·64² + 4·64²) + 2·50²·64 = 1,638,400 + 320,000; batch 2.
        Evaluation e = evaluate(VitBlocks.ENCODER_BLOCK, Map.of("heads", 4, "mlp_ratio", 2.0, "qkv_bias", false), Shape.of(2, 50, 64));
        assertThat(e.outputs()).containsExactly(Shape.of(2, 50, 64));
        assertThat(e.params()).isEqualTo(33_280L);
        assertThat(e.macs()).isEqualTo(3_916_800L);
    }

    @Test
    void encoderBlockInsideIsPreNormWithDropPathOnlyWhenAsked() throws Exception {
        BlockType type = VitBlocks.ENCODER_BLOCK;
        BlockGraph plain = ((CompositeBlockType) type).expand(List.of(Shape.of(1, 197, 192)),
                type.resolve(Map.of("heads", 3)));
        assertThat(plain.nodes().stream().map(BlockGraph.Node::id))
                .containsExactly("norm1", "attn", "add1", "norm2", "mlp", "add2");
        BlockGraph dropped = ((CompositeBlockType) type).expand(List.of(Shape.of(1, 197, 192)),
                type.resolve(Map.of("heads", 3, "drop_path", 0.1)));
        assertThat(dropped.nodes().stream().map(BlockGraph.Node::id)).contains("drop_path1", "drop_path2");
    }

    @Test
    void encoderBlockRejectsHeadsThatDoNotDivideTheWidth() {
        assertThatThrownBy(() -> evaluate(VitBlocks.ENCODER_BLOCK, Map.of("heads", 5), Shape.of(1, 197, 384)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("heads = 5 must divide the width D = 384");
    }

    @Test
    void encoderBlockRejectsAnImageMap() {
        assertThatThrownBy(() -> evaluate(VitBlocks.ENCODER_BLOCK, Map.of(), Shape.of(1, 3, 224, 224)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("3-D")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    @Test
    void familyIsInTheStandardLibrary() {
        assertThat(BlockLibrary.standard().ids()).contains("vit.encoder_block");
    }
}
