package org.modelworkbench.blocks.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.LayoutException;

class PadBlockTest {

    @Test
    void eachSideAddsToItsOwnAxisAtNoCost() throws Exception {
        Evaluation e = evaluate(TensorBlocks.PAD, Map.of("left", 1, "right", 2, "top", 3, "bottom", 0),
                Shape.of(2, 8, 10, 20));
        assertThat(e.outputs()).containsExactly(Shape.of(2, 8, 13, 23));
        assertThat(e.params()).isZero();
        assertThat(e.macs()).isZero();
        assertThat(e.activationBytes()).isEqualTo(2L * 8 * 13 * 23 * 4);
    }

    @Test
    void anAsymmetricPadThenAnUnpaddedEvenConvGivesTensorFlowsSameSize() throws Exception {
        Shape padded = evaluate(TensorBlocks.PAD, Map.of("right", 1, "bottom", 1), Shape.of(1, 4, 7, 7)).outputs().get(0);
        Shape y = evaluate(org.modelworkbench.blocks.conv.ConvBlocks.CONV2D,
                Map.of("out_channels", 4, "kernel", 2, "padding", 0), padded).outputs().get(0);
        assertThat(y).isEqualTo(Shape.of(1, 4, 7, 7));
    }

    @Test
    void reflectPaddingMustBeSmallerThanTheMapAsInPyTorch() throws Exception {
        assertThat(evaluate(TensorBlocks.PAD, Map.of("mode", "reflect", "left", 3, "right", 3), Shape.of(1, 1, 4, 4))
                .outputs()).containsExactly(Shape.of(1, 1, 4, 10));
        assertThatThrownBy(() -> evaluate(TensorBlocks.PAD, Map.of("mode", "reflect", "top", 4), Shape.of(1, 1, 4, 4)))
                .hasMessageContaining("reflect padding must be smaller than the map")
                .hasMessageContaining("top/bottom 4/0 for height 4");
        assertThat(evaluate(TensorBlocks.PAD, Map.of("mode", "replicate", "top", 9), Shape.of(1, 1, 4, 4))
                .outputs()).containsExactly(Shape.of(1, 1, 13, 4));
    }

    @Test
    void itPadsChannelsFirstMapsOnly() {
        assertThatThrownBy(() -> TensorBlocks.PAD.evaluate(List.of(Shape.of(1, 4, 4, 8)), List.of(Layout.NHWC),
                TensorBlocks.PAD.defaults()))
                .isInstanceOf(LayoutException.class)
                .hasMessage("expects channels-first N×C×H×W; the input is channels-last N×H×W×C");
    }
}
