package org.modelworkbench.blocks.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.PortSpec;
import org.modelworkbench.blocks.type.ShapeException;

class TensorBlocksTest {

    private static Shape out(BlockType type, Shape in, Map<String, ?> params) throws Exception {
        Evaluation e = evaluate(type, params, in);
        assertThat(e.params()).isZero();
        assertThat(e.macs()).isZero();
        return e.outputs().get(0);
    }

    private static String portOf(Throwable t) {
        return ((ShapeException) t).port();
    }

    // ---- flatten ----

    @Test
    void flattenByDefaultMergesEverythingAfterTheBatch() throws Exception {
        // 2×3×4×5 → 2×60
        assertThat(out(TensorBlocks.FLATTEN, Shape.of(2, 3, 4, 5), Map.of())).isEqualTo(Shape.of(2, 60));
    }

    @Test
    void flattenMergesOnlyTheChosenRange() throws Exception {
        // ViT: start 2 on 1×768×14×14 → 1×768×196; start 0, end 1 on 2×3×4×5 → 6×4×5; start = end → unchanged
        assertThat(out(TensorBlocks.FLATTEN, Shape.of(1, 768, 14, 14), Map.of("start_dim", 2))).isEqualTo(Shape.of(1, 768, 196));
        assertThat(out(TensorBlocks.FLATTEN, Shape.of(2, 3, 4, 5), Map.of("start_dim", 0, "end_dim", 1)))
                .isEqualTo(Shape.of(6, 4, 5));
        assertThat(out(TensorBlocks.FLATTEN, Shape.of(2, 3, 4, 5), Map.of("start_dim", -2, "end_dim", -2)))
                .isEqualTo(Shape.of(2, 3, 4, 5));
        // 1..2 of 2×3×4×5 → 2×12×5
        assertThat(out(TensorBlocks.FLATTEN, Shape.of(2, 3, 4, 5), Map.of("start_dim", 1, "end_dim", 2)))
                .isEqualTo(Shape.of(2, 12, 5));
    }

    @Test
    void flattenRejectsAReversedRangeAndOutOfRangeDimensions() {
        assertThatThrownBy(() -> out(TensorBlocks.FLATTEN, Shape.of(2, 3, 4, 5), Map.of("start_dim", 2, "end_dim", 1)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("end_dim must not come before start_dim");
        assertThatThrownBy(() -> out(TensorBlocks.FLATTEN, Shape.of(2, 3, 4, 5), Map.of("start_dim", 4)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("start_dim = 4 is out of range for a 4-D input");
        assertThatThrownBy(() -> out(TensorBlocks.FLATTEN, Shape.of(2, 3), Map.of("end_dim", -3)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("end_dim = -3 is out of range for a 2-D input");
    }

    // ---- reshape ----

    @Test
    void reshapeCopiesZerosAndInfersMinusOne() throws Exception {
        // 2×3×4×5 = 120 elements: [0, −1] → 2×60; [0, 0, −1] → 2×3×20; [−1, 5] → 24×5; [4, 30] → 4×30
        Shape x = Shape.of(2, 3, 4, 5);
        assertThat(out(TensorBlocks.RESHAPE, x, Map.of())).isEqualTo(Shape.of(2, 60));
        assertThat(out(TensorBlocks.RESHAPE, x, Map.of("shape", List.of(0, 0, -1)))).isEqualTo(Shape.of(2, 3, 20));
        assertThat(out(TensorBlocks.RESHAPE, x, Map.of("shape", List.of(-1, 5)))).isEqualTo(Shape.of(24, 5));
        assertThat(out(TensorBlocks.RESHAPE, x, Map.of("shape", List.of(4, 30)))).isEqualTo(Shape.of(4, 30));
    }

    @Test
    void reshapeRejectsTwoMinusOnes() {
        assertThatThrownBy(() -> out(TensorBlocks.RESHAPE, Shape.of(2, 3), Map.of("shape", List.of(-1, -1))))
                .isInstanceOf(ShapeException.class)
                .hasMessage("shape may contain −1 only once")
                .satisfies(t -> assertThat(portOf(t)).isNull());
    }

    @Test
    void reshapeRejectsASizeThatDoesNotDivideOnPortX() {
        // 120 % 7 ≠ 0
        assertThatThrownBy(() -> out(TensorBlocks.RESHAPE, Shape.of(2, 3, 4, 5), Map.of("shape", List.of(7, -1))))
                .isInstanceOf(ShapeException.class)
                .hasMessage("cannot reshape 2×3×4×5 (120 elements) to [7, -1]")
                .satisfies(t -> assertThat(portOf(t)).isEqualTo("x"));
    }

    @Test
    void reshapeRejectsADifferentElementCount() {
        // 2·61 = 122 ≠ 120
        assertThatThrownBy(() -> out(TensorBlocks.RESHAPE, Shape.of(2, 3, 4, 5), Map.of("shape", List.of(2, 61))))
                .isInstanceOf(ShapeException.class)
                .hasMessage("cannot reshape 2×3×4×5 (120 elements) to [2, 61] (122 elements)")
                .satisfies(t -> assertThat(portOf(t)).isEqualTo("x"));
    }

    @Test
    void reshapeRejectsAZeroBeyondTheInputRank() {
        assertThatThrownBy(() -> out(TensorBlocks.RESHAPE, Shape.of(6, 4), Map.of("shape", List.of(0, 2, 0))))
                .isInstanceOf(ShapeException.class)
                .hasMessage("shape[2] = 0 copies a dimension the 2-D input lacks");
    }

    @Test
    void reshapeRejectsNegativeEntriesOtherThanMinusOneNamingTheEntry() {
        assertThatThrownBy(() -> TensorBlocks.RESHAPE.resolve(Map.of("shape", List.of(2, -2))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("shape[1]: must be between -1 and 16777216, got -2");
    }

    // ---- permute ----

    @Test
    void permuteReordersTheDimensions() throws Exception {
        // default [0, 2, 3, 1]: N×C×H×W → N×H×W×C; [0, 2, 1] swaps tokens and channels
        assertThat(out(TensorBlocks.PERMUTE, Shape.of(1, 96, 56, 48), Map.of())).isEqualTo(Shape.of(1, 56, 48, 96));
        assertThat(out(TensorBlocks.PERMUTE, Shape.of(1, 768, 196), Map.of("dims", List.of(0, 2, 1))))
                .isEqualTo(Shape.of(1, 196, 768));
    }

    @Test
    void permuteNeedsOneEntryPerDimensionReportedOnPortX() {
        assertThatThrownBy(() -> out(TensorBlocks.PERMUTE, Shape.of(1, 196, 768), Map.of()))
                .isInstanceOf(ShapeException.class)
                .hasMessage("dims [0, 2, 3, 1] has 4 entries but the input 1×196×768 has 3 dimensions")
                .satisfies(t -> assertThat(portOf(t)).isEqualTo("x"));
    }

    @Test
    void permuteRejectsRepeatsAndIndicesBeyondTheRank() {
        assertThatThrownBy(() -> out(TensorBlocks.PERMUTE, Shape.of(1, 2, 3), Map.of("dims", List.of(0, 1, 1))))
                .isInstanceOf(ShapeException.class)
                .hasMessage("dims [0, 1, 1] must be a permutation of 0 … 2");
        assertThatThrownBy(() -> out(TensorBlocks.PERMUTE, Shape.of(1, 2, 3), Map.of("dims", List.of(0, 3, 1))))
                .isInstanceOf(ShapeException.class)
                .hasMessage("dims [0, 3, 1] must be a permutation of 0 … 2");
    }

    // ---- concat ----

    @Test
    void concatOfThreeInputsAddsTheirChannels() throws Exception {
        // 16 + 32 + 8 = 56 channels
        Map<String, Object> p = Map.of("inputs", 3);
        assertThat(TensorBlocks.CONCAT.inputs(TensorBlocks.CONCAT.resolve(p))).extracting(PortSpec::name)
                .containsExactly("x0", "x1", "x2");
        Evaluation e = evaluate(TensorBlocks.CONCAT, p,
                Shape.of(1, 16, 8, 8), Shape.of(1, 32, 8, 8), Shape.of(1, 8, 8, 8));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 56, 8, 8));
        assertThat(e.params()).isZero();
        assertThat(e.macs()).isZero();
    }

    @Test
    void concatAlongTheLastDimensionWithANegativeIndex() throws Exception {
        Evaluation e = evaluate(TensorBlocks.CONCAT, Map.of("dim", -1), Shape.of(1, 49, 96), Shape.of(1, 49, 32));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 49, 128));
    }

    @Test
    void concatReportsASizeMismatchOnTheInputAtFault() {
        // x2 differs in dimension 2 (7 ≠ 8)
        assertThatThrownBy(() -> evaluate(TensorBlocks.CONCAT, Map.of("inputs", 3),
                Shape.of(1, 16, 8, 8), Shape.of(1, 32, 8, 8), Shape.of(1, 8, 7, 8)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("size 1×8×7×8 differs from 1×16×8×8 in dimension 2 (only dimension 1 may differ)")
                .satisfies(t -> assertThat(portOf(t)).isEqualTo("x2"));
    }

    @Test
    void concatReportsARankMismatchOnTheInputAtFault() {
        assertThatThrownBy(() -> evaluate(TensorBlocks.CONCAT, Map.of("inputs", 3),
                Shape.of(1, 16, 8, 8), Shape.of(1, 16, 64), Shape.of(1, 8, 8, 8)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("has rank 3 but x0 has rank 4")
                .satisfies(t -> assertThat(portOf(t)).isEqualTo("x1"));
    }

    @Test
    void concatNeedsAtLeastTwoInputs() {
        assertThatThrownBy(() -> TensorBlocks.CONCAT.resolve(Map.of("inputs", 1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("inputs: must be between 2 and 16, got 1");
    }

    // ---- split / chunk ----

    @Test
    void splitCutsPiecesOfTheGivenSizes() throws Exception {
        // FocalNet f output 2C + (L+1) with C = 96, L = 3: 196 = 96 + 96 + 4
        Map<String, Object> p = Map.of("sizes", List.of(96, 96, 4));
        assertThat(TensorBlocks.SPLIT.outputs(TensorBlocks.SPLIT.resolve(p))).extracting(PortSpec::name)
                .containsExactly("y0", "y1", "y2");
        Evaluation e = evaluate(TensorBlocks.SPLIT, p, Shape.of(1, 196, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 96, 56, 56), Shape.of(1, 96, 56, 56), Shape.of(1, 4, 56, 56));
        assertThat(e.params()).isZero();
    }

    @Test
    void splitSizesMustAddUpToTheDimension() {
        assertThatThrownBy(() -> evaluate(TensorBlocks.SPLIT, Map.of("sizes", List.of(32, 64)), Shape.of(1, 100, 4)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("sizes [32, 64] add up to 96 but dimension 1 of 1×100×4 is 100")
                .satisfies(t -> assertThat(portOf(t)).isEqualTo("x"));
    }

    @Test
    void chunkCutsEqualPieces() throws Exception {
        // 1×197×2304 in 3 along −1 → 3 × 1×197×768
        Evaluation e = evaluate(TensorBlocks.CHUNK, Map.of("chunks", 3, "dim", -1), Shape.of(1, 197, 2304));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 197, 768), Shape.of(1, 197, 768), Shape.of(1, 197, 768));
        assertThat(TensorBlocks.CHUNK.outputs(TensorBlocks.CHUNK.resolve(Map.of("chunks", 3)))).hasSize(3);
    }

    @Test
    void chunkRejectsASizeThatDoesNotDivide() {
        assertThatThrownBy(() -> evaluate(TensorBlocks.CHUNK, Map.of("chunks", 3), Shape.of(1, 100, 4)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("dimension 1 of 1×100×4 (100) does not divide into 3 equal chunks")
                .satisfies(t -> assertThat(portOf(t)).isEqualTo("x"));
    }

    // ---- roll ----

    @Test
    void rollKeepsTheShape() throws Exception {
        assertThat(out(TensorBlocks.ROLL, Shape.of(1, 56, 56, 96), Map.of())).isEqualTo(Shape.of(1, 56, 56, 96));
        assertThat(out(TensorBlocks.ROLL, Shape.of(1, 56, 56, 96), Map.of("shifts", List.of(3), "dims", List.of(-2))))
                .isEqualTo(Shape.of(1, 56, 56, 96));
    }

    @Test
    void rollNeedsOneShiftPerDimensionAndDimensionsInRange() {
        assertThatThrownBy(() -> out(TensorBlocks.ROLL, Shape.of(1, 56, 56, 96), Map.of("shifts", List.of(3))))
                .isInstanceOf(ShapeException.class)
                .hasMessage("shifts and dims must have the same length");
        assertThatThrownBy(() -> out(TensorBlocks.ROLL, Shape.of(1, 56, 56, 96), Map.of("dims", List.of(1, 4))))
                .isInstanceOf(ShapeException.class)
                .hasMessage("dims = 4 is out of range for a 4-D input");
    }

    // ---- select ----

    @Test
    void selectTakesTheClassTokenAndDropsTheDimension() throws Exception {
        assertThat(out(TensorBlocks.SELECT, Shape.of(1, 197, 768), Map.of())).isEqualTo(Shape.of(1, 768));
        // negative index counts from the end; dim −1 of 2×3×4 → 2×3
        assertThat(out(TensorBlocks.SELECT, Shape.of(1, 197, 768), Map.of("index", -197))).isEqualTo(Shape.of(1, 768));
        assertThat(out(TensorBlocks.SELECT, Shape.of(2, 3, 4), Map.of("dim", -1, "index", 3))).isEqualTo(Shape.of(2, 3));
    }

    @Test
    void selectRejectsAnIndexOutOfRangeOnPortX() {
        assertThatThrownBy(() -> out(TensorBlocks.SELECT, Shape.of(1, 197, 768), Map.of("index", 197)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("index 197 is out of range for dimension 1 of size 197")
                .satisfies(t -> assertThat(portOf(t)).isEqualTo("x"));
        assertThatThrownBy(() -> out(TensorBlocks.SELECT, Shape.of(1, 197, 768), Map.of("index", -198)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("index -198 is out of range for dimension 1 of size 197");
    }

    // ---- space to depth ----

    @Test
    void spaceToDepthChannelsLastGathersEach2x2IntoChannelsInSwinOrder() throws Exception {
        // Swin patch merging gather: 1×56×56×96 → 1×28×28×384
        assertThat(out(TensorBlocks.SPACE_TO_DEPTH, Shape.of(1, 56, 56, 96), Map.of())).isEqualTo(Shape.of(1, 28, 28, 384));
        assertThat(TensorBlocks.SPACE_TO_DEPTH.description()).contains("(0,0),(1,0),(0,1),(1,1)");
    }

    @Test
    void spaceToDepthChannelsFirstIsAPixelUnshuffle() throws Exception {
        // 1×96×56×56 → 1×384×28×28; block 3 on 2×5×6×9 → 2×45×2×3
        assertThat(out(TensorBlocks.SPACE_TO_DEPTH, Shape.of(1, 96, 56, 56), Map.of("layout", "channels_first")))
                .isEqualTo(Shape.of(1, 384, 28, 28));
        assertThat(out(TensorBlocks.SPACE_TO_DEPTH, Shape.of(2, 5, 6, 9), Map.of("layout", "channels_first", "block", 3)))
                .isEqualTo(Shape.of(2, 45, 2, 3));
    }

    @Test
    void spaceToDepthRejectsAMapNotDivisibleByTheBlock() {
        // Swin stage 4 at 224 is 7×7: nothing to merge
        assertThatThrownBy(() -> out(TensorBlocks.SPACE_TO_DEPTH, Shape.of(1, 7, 7, 768), Map.of()))
                .isInstanceOf(ShapeException.class)
                .hasMessage("the 7×7 map is not divisible by block 2")
                .satisfies(t -> assertThat(portOf(t)).isEqualTo("x"));
        assertThatThrownBy(() -> out(TensorBlocks.SPACE_TO_DEPTH, Shape.of(1, 49, 768), Map.of()))
                .isInstanceOf(ShapeException.class)
                .hasMessage("expects a 4-D tensor N×H×W×C, got 3-D 1×49×768");
    }

    @Test
    void dimensionParametersOutsideMinus8To7AreInvalid() {
        assertThatThrownBy(() -> TensorBlocks.SELECT.resolve(Map.of("dim", 8)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("dim: must be between -8 and 7, got 8");
    }
}
