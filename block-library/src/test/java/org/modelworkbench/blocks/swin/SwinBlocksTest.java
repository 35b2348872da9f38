package org.modelworkbench.blocks.swin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;
import static org.modelworkbench.blocks.BlockFixtures.innerIds;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.graph.BlockGraph;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.ShapeException;

class SwinBlocksTest {

    // --- swin.block ---

    @Test
    void swinBlockAtC96Has112347ParametersAnd376320000Macs() throws Exception {
        Evaluation e = evaluate(SwinBlocks.BLOCK, Map.of("heads", 3, "window", 7), Shape.of(1, 56, 56, 96));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 56, 56, 96));
        assertThat(e.params()).isEqualTo(112_347);
        assertThat(e.macs()).isEqualTo(376_320_000L);
    }

    @Test
    void shiftedSwinBlockCostsTheSameAsUnshifted() throws Exception {
        Evaluation plain = evaluate(SwinBlocks.BLOCK, Map.of("heads", 3, "shifted", false), Shape.of(1, 56, 56, 96));
        Evaluation shifted = evaluate(SwinBlocks.BLOCK, Map.of("heads", 3, "shifted", true), Shape.of(1, 56, 56, 96));
        assertThat(shifted.outputs()).isEqualTo(plain.outputs());
        assertThat(shifted.params()).isEqualTo(plain.params());
        assertThat(shifted.macs()).isEqualTo(plain.macs());
    }

    @Test
    void swinBlockAtC192With6HeadsAt28Has445878ParametersAnd361568256Macs() throws Exception {
        // 12·192² + 13·192 + 13²·6 = 442,368 + 2,496 + 1,014
        // 784·12·192² + 2·784·49·192 = 346,816,512 + 14,751,744
        Evaluation e = evaluate(SwinBlocks.BLOCK, Map.of("heads", 6, "shifted", true), Shape.of(1, 28, 28, 192));
        assertThat(e.params()).isEqualTo(445_878);
        assertThat(e.macs()).isEqualTo(361_568_256L);
    }

    @Test
    void swinBlockWithWindow4At8x8Has12802ParametersAnd851968Macs() throws Exception {
        // 12·32² + 13·32 + 7²·2 = 12,288 + 416 + 98; 64·12·32² + 2·64·16·32 = 786,432 + 65,536
        Evaluation e = evaluate(SwinBlocks.BLOCK, Map.of("heads", 2, "window", 4, "shifted", true), Shape.of(1, 8, 8, 32));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 8, 8, 32));
        assertThat(e.params()).isEqualTo(12_802);
        assertThat(e.macs()).isEqualTo(851_968L);
    }

    @Test
    void swinBlockMacsScaleWithTheBatchButParametersDoNot() throws Exception {
        Evaluation e = evaluate(SwinBlocks.BLOCK, Map.of("heads", 3), Shape.of(4, 56, 56, 96));
        assertThat(e.outputs()).containsExactly(Shape.of(4, 56, 56, 96));
        assertThat(e.params()).isEqualTo(112_347);
        assertThat(e.macs()).isEqualTo(4 * 376_320_000L);
    }

    @Test
    void swinBlockWithMlpRatio2Has8C2Plus11CPlusTableParameters() throws Exception {
        // LN 2C + attention 4C²+4C + table + LN 2C + MLP (2C² + 2C + C) = 8C² + 11C + 169·3
        Evaluation e = evaluate(SwinBlocks.BLOCK, Map.of("heads", 3, "mlp_ratio", 2.0), Shape.of(1, 14, 14, 96));
        assertThat(e.params()).isEqualTo(8L * 96 * 96 + 11 * 96 + 169 * 3);
        assertThat(e.macs()).isEqualTo(196L * 8 * 96 * 96 + 2L * 196 * 49 * 96);
    }

    @Test
    void swinBlockWithDropPathAddsDropPathNodesButNoCost() throws Exception {
        Map<String, Object> params = Map.of("heads", 3, "drop_path", 0.1);
        Evaluation e = evaluate(SwinBlocks.BLOCK, params, Shape.of(1, 56, 56, 96));
        assertThat(e.params()).isEqualTo(112_347);
        assertThat(e.macs()).isEqualTo(376_320_000L);
        assertThat(innerIds(SwinBlocks.BLOCK, params, Shape.of(1, 56, 56, 96))).contains("drop_path1", "drop_path2");
        assertThat(innerIds(SwinBlocks.BLOCK, Map.of("heads", 3), Shape.of(1, 56, 56, 96)))
                .containsExactly("norm1", "attention", "add1", "norm2", "mlp", "add2");
    }

    @Test
    void swinBlockRejectsAMapNotDivisibleByTheWindow() {
        assertThatThrownBy(() -> evaluate(SwinBlocks.BLOCK, Map.of("heads", 3, "window", 7), Shape.of(1, 30, 30, 96)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("the 30×30 feature map is not divisible by window 7")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    @Test
    void swinBlockRejectsHeadsThatDoNotDivideTheWidth() {
        assertThatThrownBy(() -> evaluate(SwinBlocks.BLOCK, Map.of("heads", 5), Shape.of(1, 56, 56, 96)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("heads = 5 must divide the width 96");
    }

    @Test
    void swinBlockRejectsAChannelsFirstRank3Input() {
        assertThatThrownBy(() -> evaluate(SwinBlocks.BLOCK, Map.of("heads", 3), Shape.of(1, 3136, 96)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("4-D");
    }

    // --- swin.window_attention ---

    @Test
    void windowAttentionAtC96Has37755ParametersAnd145108992Macs() throws Exception {
        // qkv 3C²+3C, proj C²+C, table 13²·3; MACs 3136·4·96² + 2·3136·49·96
        Evaluation e = evaluate(SwinBlocks.WINDOW_ATTENTION, Map.of("heads", 3), Shape.of(1, 56, 56, 96));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 56, 56, 96));
        assertThat(e.params()).isEqualTo(37_755);
        assertThat(e.macs()).isEqualTo(115_605_504L + 29_503_488L);
    }

    @Test
    void windowAttentionWithoutQkvBiasHas3CFewerParameters() throws Exception {
        Evaluation e = evaluate(SwinBlocks.WINDOW_ATTENTION, Map.of("heads", 3, "qkv_bias", false), Shape.of(1, 56, 56, 96));
        assertThat(e.params()).isEqualTo(37_755 - 288);
    }

    @Test
    void shiftedWindowAttentionRollsTheMapAndRollsItBack() throws Exception {
        Map<String, Object> shifted = Map.of("heads", 3, "shifted", true);
        assertThat(innerIds(SwinBlocks.WINDOW_ATTENTION, shifted, Shape.of(1, 56, 56, 96)))
                .containsExactly("roll", "qkv", "attention", "proj", "roll_back");
        BlockGraph g = ((CompositeBlockType) SwinBlocks.WINDOW_ATTENTION)
                .expand(List.of(Shape.of(1, 56, 56, 96)), SwinBlocks.WINDOW_ATTENTION.resolve(shifted));
        assertThat(g.nodes().get(0).params().intList("shifts")).containsExactly(-3, -3);
        assertThat(g.nodes().get(0).params().intList("dims")).containsExactly(1, 2);
        assertThat(g.nodes().get(2).params().bool("shifted")).isTrue();
        assertThat(g.nodes().get(4).params().intList("shifts")).containsExactly(3, 3);
        assertThat(innerIds(SwinBlocks.WINDOW_ATTENTION, Map.of("heads", 3), Shape.of(1, 56, 56, 96)))
                .containsExactly("qkv", "attention", "proj");
    }

    @Test
    void shiftIsSwitchedOffWhenTheMapIsNoLargerThanTheWindow() throws Exception {
        Map<String, Object> shifted = Map.of("heads", 24, "shifted", true);
        BlockGraph g = ((CompositeBlockType) SwinBlocks.WINDOW_ATTENTION)
                .expand(List.of(Shape.of(1, 7, 7, 768)), SwinBlocks.WINDOW_ATTENTION.resolve(shifted));
        assertThat(g.nodes().stream().map(BlockGraph.Node::id)).containsExactly("qkv", "attention", "proj");
        assertThat(g.nodes().get(1).params().bool("shifted")).isFalse();
        Evaluation on = evaluate(SwinBlocks.WINDOW_ATTENTION, shifted, Shape.of(1, 7, 7, 768));
        Evaluation off = evaluate(SwinBlocks.WINDOW_ATTENTION, Map.of("heads", 24), Shape.of(1, 7, 7, 768));
        assertThat(on.params()).isEqualTo(off.params()).isEqualTo(4L * 768 * 768 + 4 * 768 + 169 * 24);
        assertThat(on.macs()).isEqualTo(off.macs()).isEqualTo(49L * 4 * 768 * 768 + 2L * 49 * 49 * 768);
    }

    @Test
    void shiftIsSwitchedOffOnlyOnTheAxisNoLargerThanTheWindow() throws Exception {
        BlockGraph g = ((CompositeBlockType) SwinBlocks.WINDOW_ATTENTION)
                .expand(List.of(Shape.of(1, 7, 14, 32)), SwinBlocks.WINDOW_ATTENTION.resolve(
                        Map.of("heads", 2, "shifted", true)));
        assertThat(g.nodes().get(0).id()).isEqualTo("roll");
        assertThat(g.nodes().get(0).params().intList("dims")).containsExactly(2);
        assertThat(g.nodes().get(0).params().intList("shifts")).containsExactly(-3);
    }

    @Test
    void windowAttentionReportsAnIndivisibleMapOnItsInput() {
        assertThatThrownBy(() -> evaluate(SwinBlocks.WINDOW_ATTENTION, Map.of("heads", 3), Shape.of(1, 56, 30, 96)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("the 56×30 feature map is not divisible by window 7")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    // --- swin.window_attention_core ---

    @Test
    void windowAttentionCoreHasOnlyTheBiasTableAsParameters() throws Exception {
        Evaluation e = evaluate(SwinBlocks.WINDOW_ATTENTION_CORE, Map.of("heads", 3, "window", 7), Shape.of(1, 56, 56, 288));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 56, 56, 96));
        assertThat(e.params()).isEqualTo(13 * 13 * 3);
        // 64 windows × 2·49²·96 = 2·3136·49·96
        assertThat(e.macs()).isEqualTo(29_503_488L);
    }

    @Test
    void windowAttentionCoreWithWindow4And2ImagesCountsBothImages() throws Exception {
        // table 7²·4 = 196; MACs 2 images × 2·T·W²·C with T = 16·16, W² = 16, C = 64
        Evaluation e = evaluate(SwinBlocks.WINDOW_ATTENTION_CORE, Map.of("heads", 4, "window", 4, "shifted", true),
                Shape.of(2, 16, 16, 192));
        assertThat(e.outputs()).containsExactly(Shape.of(2, 16, 16, 64));
        assertThat(e.params()).isEqualTo(196);
        assertThat(e.macs()).isEqualTo(2L * 2 * 256 * 16 * 64);
    }

    @Test
    void windowAttentionCoreShiftedCostsTheSameAsUnshifted() throws Exception {
        Evaluation a = evaluate(SwinBlocks.WINDOW_ATTENTION_CORE, Map.of("heads", 6), Shape.of(1, 28, 28, 576));
        Evaluation b = evaluate(SwinBlocks.WINDOW_ATTENTION_CORE, Map.of("heads", 6, "shifted", true), Shape.of(1, 28, 28, 576));
        assertThat(b.params()).isEqualTo(a.params()).isEqualTo(169 * 6);
        assertThat(b.macs()).isEqualTo(a.macs()).isEqualTo(2L * 784 * 49 * 192);
    }

    @Test
    void windowAttentionCoreRejectsAMapNotDivisibleByTheWindow() {
        assertThatThrownBy(() -> evaluate(SwinBlocks.WINDOW_ATTENTION_CORE, Map.of("heads", 3), Shape.of(1, 30, 30, 288)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("the 30×30 feature map is not divisible by window 7")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("qkv"));
    }

    @Test
    void windowAttentionCoreRejectsHeadsThatDoNotDivideTheWidth() {
        assertThatThrownBy(() -> evaluate(SwinBlocks.WINDOW_ATTENTION_CORE, Map.of("heads", 5), Shape.of(1, 56, 56, 288)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("heads = 5 must divide the width 96");
    }

    @Test
    void windowAttentionCoreRejectsALastDimensionThatIsNotPackedQkv() {
        assertThatThrownBy(() -> evaluate(SwinBlocks.WINDOW_ATTENTION_CORE, Map.of("heads", 1), Shape.of(1, 56, 56, 100)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("multiple of 3");
    }

    @Test
    void windowParameterRejectsZero() {
        assertThatThrownBy(() -> SwinBlocks.BLOCK.resolve(Map.of("window", 0)))
                .hasMessageContaining("window");
    }

    // --- family ---

    @Test
    void everySwinBlockIsInTheSwinCategoryWithTheSwinPaper() {
        assertThat(SwinBlocks.ALL).extracting(BlockType::id)
                .containsExactlyInAnyOrder("swin.block", "swin.window_attention", "swin.window_attention_core");
        for (BlockType t : SwinBlocks.ALL) {
            assertThat(t.category()).isEqualTo(Category.SWIN);
            assertThat(t.paper()).isEqualTo(Papers.SWIN);
            assertThat(t.description()).contains("MACs");
            assertThat(t.defaults()).isNotNull();
        }
    }
}
