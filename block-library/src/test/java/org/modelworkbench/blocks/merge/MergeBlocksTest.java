package org.modelworkbench.blocks.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.PortSpec;
import org.modelworkbench.blocks.type.ShapeException;

class MergeBlocksTest {

    @Test
    void mergesHavePortsAAndB() {
        for (BlockType t : MergeBlocks.ALL) {
            assertThat(t.inputs(t.defaults())).extracting(PortSpec::name).containsExactly("a", "b");
        }
    }

    @Test
    void residualAddOfEqualShapesIsFree() throws Exception {
        for (BlockType t : MergeBlocks.ALL) {
            Evaluation e = evaluate(t, Map.of(), Shape.of(1, 256, 56, 56), Shape.of(1, 256, 56, 56));
            assertThat(e.outputs()).as(t.id()).containsExactly(Shape.of(1, 256, 56, 56));
            assertThat(e.params()).isZero();
            assertThat(e.macs()).isZero();
        }
    }

    @Test
    void squeezeExcitationGateBroadcastsOverThePixels() throws Exception {
        // 1×96×56×56 × 1×96×1×1 → 1×96×56×56
        assertThat(evaluate(MergeBlocks.MULTIPLY, Map.of(), Shape.of(1, 96, 56, 56), Shape.of(1, 96, 1, 1)).outputs())
                .containsExactly(Shape.of(1, 96, 56, 56));
    }

    @Test
    void broadcastingAlignsFromTheLastDimensionAndGrowsBothSides() throws Exception {
        // 2×3×4 with 4 → 2×3×4; 1×1×4 with 3×1 → 1×3×4; 5×1 with 1×6 → 5×6
        assertThat(evaluate(MergeBlocks.ADD, Map.of(), Shape.of(2, 3, 4), Shape.of(4)).outputs()).containsExactly(Shape.of(2, 3, 4));
        assertThat(evaluate(MergeBlocks.SUBTRACT, Map.of(), Shape.of(1, 1, 4), Shape.of(3, 1)).outputs()).containsExactly(Shape.of(1, 3, 4));
        assertThat(evaluate(MergeBlocks.MULTIPLY, Map.of(), Shape.of(5, 1), Shape.of(1, 6)).outputs()).containsExactly(Shape.of(5, 6));
    }

    @Test
    void aMismatchIsReportedOnPortBNamingTheDimensionAndSizes() {
        assertThatThrownBy(() -> evaluate(MergeBlocks.ADD, Map.of(), Shape.of(1, 96, 56, 56), Shape.of(1, 64, 56, 56)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("cannot combine 1×96×56×56 with 1×64×56×56: dimension 1 is 96 on one side and 64 on the other")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("b"));
    }

    @Test
    void aMismatchAgainstALowerRankInputCountsDimensionsInTheBroadcastShape() {
        // b = 3 is aligned with the last dimension (index 2) of 2×3×4
        assertThatThrownBy(() -> evaluate(MergeBlocks.MULTIPLY, Map.of(), Shape.of(2, 3, 4), Shape.of(3)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("cannot combine 2×3×4 with 3: dimension 2 is 4 on one side and 3 on the other")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("b"));
    }

    @Test
    void aMissingSecondInputIsAnErrorOnTheBlock() {
        assertThatThrownBy(() -> MergeBlocks.ADD.evaluate(List.of(Shape.of(1, 2)), MergeBlocks.ADD.defaults()))
                .isInstanceOf(ShapeException.class)
                .hasMessage("expects 2 inputs, got 1");
    }
}
