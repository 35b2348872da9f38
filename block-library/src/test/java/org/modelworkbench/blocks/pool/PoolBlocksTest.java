package org.modelworkbench.blocks.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.ShapeException;

class PoolBlocksTest {

    private static Shape out(BlockType type, Shape in, Map<String, ?> params) throws Exception {
        return evaluate(type, params, in).outputs().get(0);
    }

    @Test
    void resnetMaxPool3Stride2Padding1Takes112To56() throws Exception {
        // ⌊(112 + 2 − 3)/2⌋ + 1 = ⌊111/2⌋ + 1 = 56
        Evaluation e = evaluate(PoolBlocks.MAX2D, Map.of("kernel", 3, "stride", 2, "padding", 1), Shape.of(1, 64, 112, 112));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 64, 56, 56));
        assertThat(e.params()).isZero();
        assertThat(e.macs()).isZero();
    }

    @Test
    void strideZeroMeansStrideEqualsTheKernel() throws Exception {
        // default k2 s=k: 56 → 28
        assertThat(out(PoolBlocks.MAX2D, Shape.of(1, 8, 56, 56), Map.of())).isEqualTo(Shape.of(1, 8, 28, 28));
        // k3, s=3 on 10: ⌊(10 − 3)/3⌋ + 1 = 3
        assertThat(out(PoolBlocks.AVG2D, Shape.of(1, 8, 10, 10), Map.of("kernel", 3))).isEqualTo(Shape.of(1, 8, 3, 3));
    }

    @Test
    void ceilModeRoundsUpWhenTheLastWindowStartsInside() throws Exception {
        // 7, k2 s2: floor ⌊5/2⌋+1 = 3; ceil ⌈5/2⌉+1 = 4 (last window starts at 6 < 7)
        assertThat(out(PoolBlocks.MAX2D, Shape.of(1, 4, 7, 7), Map.of())).isEqualTo(Shape.of(1, 4, 3, 3));
        assertThat(out(PoolBlocks.MAX2D, Shape.of(1, 4, 7, 7), Map.of("ceil_mode", true))).isEqualTo(Shape.of(1, 4, 4, 4));
        // 56, k3 s2 p0: floor ⌊53/2⌋+1 = 27; ceil ⌈53/2⌉+1 = 28
        assertThat(out(PoolBlocks.AVG2D, Shape.of(1, 4, 56, 56), Map.of("kernel", 3, "stride", 2, "ceil_mode", true)))
                .isEqualTo(Shape.of(1, 4, 28, 28));
    }

    @Test
    void ceilModeDropsAWindowThatWouldStartInThePadding() throws Exception {
        // 5, k2 s2 p1: span 5 + 2 − 1 − 1 = 5, ⌈5/2⌉+1 = 4, but window 3 starts at 6 ≥ 5 + 1 → 3 (as PyTorch)
        assertThat(out(PoolBlocks.MAX2D, Shape.of(1, 4, 5, 5), Map.of("padding", 1, "ceil_mode", true)))
                .isEqualTo(Shape.of(1, 4, 3, 3));
    }

    @Test
    void poolFormerAvgPool3Stride1Padding1KeepsTheMap() throws Exception {
        assertThat(out(PoolBlocks.AVG2D, Shape.of(1, 64, 56, 56),
                Map.of("kernel", 3, "stride", 1, "padding", 1, "count_include_pad", false)))
                .isEqualTo(Shape.of(1, 64, 56, 56));
    }

    @Test
    void paddingMustBeAtMostHalfTheKernel() throws Exception {
        // k3 p2: 2·2 > 3 → rejected; k2 p1: 2 ≤ 2 → allowed (PyTorch: pad ≤ k/2)
        assertThatThrownBy(() -> evaluate(PoolBlocks.MAX2D, Map.of("kernel", 3, "padding", 2), Shape.of(1, 4, 8, 8)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("padding = 2 must be at most half the kernel (3)")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isNull());
        assertThat(out(PoolBlocks.MAX2D, Shape.of(1, 4, 8, 8), Map.of("kernel", 2, "padding", 1)))
                .isEqualTo(Shape.of(1, 4, 5, 5));
    }

    @Test
    void aWindowLargerThanTheInputIsReportedOnPortX() {
        assertThatThrownBy(() -> evaluate(PoolBlocks.AVG2D, Map.of("kernel", 3), Shape.of(1, 4, 2, 2)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("a 3×3 window does not fit the 2×2 input")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    @Test
    void windowPoolsNeedAFourDimensionalMap() {
        assertThatThrownBy(() -> evaluate(PoolBlocks.MAX2D, Map.of(), Shape.of(1, 49, 96)))
                .isInstanceOf(ShapeException.class)
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    @Test
    void kernelOutOfRangeIsAnInvalidParameter() {
        assertThatThrownBy(() -> PoolBlocks.MAX2D.resolve(Map.of("kernel", 0)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("kernel: must be between 1 and 63, got 0");
    }

    @Test
    void globalAveragePoolChannelsFirst() throws Exception {
        Evaluation e = evaluate(PoolBlocks.GLOBAL_AVG, Map.of(), Shape.of(2, 512, 7, 7));
        assertThat(e.outputs()).containsExactly(Shape.of(2, 512));
        assertThat(e.params()).isZero();
        assertThat(e.macs()).isZero();
        assertThat(out(PoolBlocks.GLOBAL_AVG, Shape.of(2, 512, 7, 7), Map.of("keep_dims", true)))
                .isEqualTo(Shape.of(2, 512, 1, 1));
    }

    @Test
    void globalAveragePoolChannelsLast() throws Exception {
        assertThat(out(PoolBlocks.GLOBAL_AVG, Shape.of(1, 7, 7, 768), Map.of("layout", "channels_last")))
                .isEqualTo(Shape.of(1, 768));
        assertThat(out(PoolBlocks.GLOBAL_AVG, Shape.of(1, 7, 7, 768), Map.of("layout", "channels_last", "keep_dims", true)))
                .isEqualTo(Shape.of(1, 1, 1, 768));
    }

    @Test
    void globalAveragePoolOverTokens() throws Exception {
        assertThat(out(PoolBlocks.GLOBAL_AVG, Shape.of(1, 49, 768), Map.of("layout", "tokens")))
                .isEqualTo(Shape.of(1, 768));
        assertThat(out(PoolBlocks.GLOBAL_AVG, Shape.of(1, 49, 768), Map.of("layout", "tokens", "keep_dims", true)))
                .isEqualTo(Shape.of(1, 1, 768));
    }

    @Test
    void globalAveragePoolChecksTheRankOfItsLayout() {
        assertThatThrownBy(() -> evaluate(PoolBlocks.GLOBAL_AVG, Map.of(), Shape.of(1, 49, 768)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("expects a 4-D tensor N×C×H×W, got 3-D 1×49×768")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
        assertThatThrownBy(() -> evaluate(PoolBlocks.GLOBAL_AVG, Map.of("layout", "tokens"), Shape.of(1, 768, 7, 7)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("expects a 3-D tensor N×T×C, got 4-D 1×768×7×7");
    }
}
