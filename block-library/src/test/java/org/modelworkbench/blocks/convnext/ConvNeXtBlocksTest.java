package org.modelworkbench.blocks.convnext;

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

class ConvNeXtBlocksTest {

    @Test
    void blockAtC96On56x56Has79296ParametersAnd245962752Macs() throws Exception {
        Evaluation e = evaluate(ConvNeXtBlocks.BLOCK, Map.of(), Shape.of(1, 96, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 96, 56, 56));
        assertThat(e.params()).isEqualTo(79_296L);
        assertThat(e.macs()).isEqualTo(245_962_752L);
    }

    @Test
    void blockAtC192On28x28FollowsEightCSquaredPlus58C() throws Exception {
        // 8·192² + 58·192 = 294,912 + 11,136; MACs 784·(49·192 + 8·192²) = 784·304,320
        Evaluation e = evaluate(ConvNeXtBlocks.BLOCK, Map.of(), Shape.of(1, 192, 28, 28));
        assertThat(e.params()).isEqualTo(306_048L);
        assertThat(e.macs()).isEqualTo(238_586_880L);
    }

    @Test
    void blockWithKernel3Ratio2AndNoLayerScaleCountsEachLayer() throws Exception {
        // dw 9·32+32 = 320, LN 64, fc1 32·64+64 = 2112, fc2 64·32+32 = 2080, no γ: 4576.
        // MACs N·T·(9C + 2·C·hidden) = 2·64·(288 + 4096) = 561,152.
        Evaluation e = evaluate(ConvNeXtBlocks.BLOCK, Map.of("kernel", 3, "mlp_ratio", 2.0, "layer_scale_init", 0.0),
                Shape.of(2, 32, 8, 8));
        assertThat(e.outputs()).containsExactly(Shape.of(2, 32, 8, 8));
        assertThat(e.params()).isEqualTo(4_576L);
        assertThat(e.macs()).isEqualTo(561_152L);
    }

    @Test
    void blockInsideReadsLikeThePaperWithDropPathOnlyWhenAsked() throws Exception {
        assertThat(innerIds(ConvNeXtBlocks.BLOCK, Map.of(), Shape.of(1, 96, 56, 56)))
                .containsExactly("dwconv", "to_channels_last", "norm", "mlp", "layer_scale", "to_channels_first", "add");
        assertThat(innerIds(ConvNeXtBlocks.BLOCK, Map.of("drop_path", 0.1), Shape.of(1, 96, 56, 56)))
                .contains("drop_path");
        assertThat(innerIds(ConvNeXtBlocks.BLOCK, Map.of("layer_scale_init", 0.0), Shape.of(1, 96, 56, 56)))
                .doesNotContain("layer_scale");
        assertThat(evaluate(ConvNeXtBlocks.BLOCK, Map.of("drop_path", 0.1), Shape.of(1, 96, 56, 56)).params())
                .isEqualTo(79_296L);
    }

    @Test
    void blockRejectsAnEvenKernel() {
        assertThatThrownBy(() -> evaluate(ConvNeXtBlocks.BLOCK, Map.of("kernel", 4), Shape.of(1, 96, 56, 56)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("kernel = 4 must be odd");
    }

    @Test
    void blockRejectsTokensInsteadOfAMap() {
        assertThatThrownBy(() -> evaluate(ConvNeXtBlocks.BLOCK, Map.of(), Shape.of(1, 196, 96)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("4-D")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    @Test
    void downsampleFrom96To192Halves56To28() throws Exception {
        // LN 2·96, conv 4·96·192 + 192; MACs 28²·4·96·192.
        Evaluation e = evaluate(ConvNeXtBlocks.DOWNSAMPLE, Map.of("out_channels", 192), Shape.of(1, 96, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 192, 28, 28));
        assertThat(e.params()).isEqualTo(74_112L);
        assertThat(e.macs()).isEqualTo(57_802_752L);
    }

    @Test
    void downsampleDefaultsToDoubleWidthAndFloorsAnOddSize() throws Exception {
        Evaluation doubled = evaluate(ConvNeXtBlocks.DOWNSAMPLE, Map.of(), Shape.of(1, 96, 56, 56));
        assertThat(doubled.outputs()).containsExactly(Shape.of(1, 192, 28, 28));
        // C=8 → 10 on 7×7: LN 16, conv 4·8·10 + 10 = 330 → 346; output 3×3, MACs 9·320.
        Evaluation odd = evaluate(ConvNeXtBlocks.DOWNSAMPLE, Map.of("out_channels", 10), Shape.of(1, 8, 7, 7));
        assertThat(odd.outputs()).containsExactly(Shape.of(1, 10, 3, 3));
        assertThat(odd.params()).isEqualTo(346L);
        assertThat(odd.macs()).isEqualTo(2_880L);
    }

    @Test
    void downsampleRejectsAOnePixelMap() {
        assertThatThrownBy(() -> evaluate(ConvNeXtBlocks.DOWNSAMPLE, Map.of(), Shape.of(1, 768, 1, 1)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("1×1 map is too small");
    }

    @Test
    void familyIsInTheStandardLibrary() {
        assertThat(BlockLibrary.standard().ids()).contains("convnext.block", "convnext.downsample");
        assertThat(ConvNeXtBlocks.ALL).allSatisfy(t -> assertThat(t.defaults()).isNotNull());
    }
}
