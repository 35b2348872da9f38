package org.modelworkbench.blocks.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.ShapeException;

class InputBlocksTest {

    @Test
    void imageInputDefaultsToOneImageNetImageWithNoInputsAndNoCost() throws Exception {
        Evaluation e = InputBlocks.IMAGE.evaluate(List.of(), InputBlocks.IMAGE.defaults());
        assertThat(InputBlocks.IMAGE.inputs(InputBlocks.IMAGE.defaults())).isEmpty();
        assertThat(e.outputs()).containsExactly(Shape.of(1, 3, 224, 224));
        assertThat(e.params()).isZero();
        assertThat(e.macs()).isZero();
        // 3·224·224 = 150,528 fp32 values = 602,112 bytes
        assertThat(e.activationBytes()).isEqualTo(602_112L);
    }

    @Test
    void imageInputBuildsAFashionMnistBatchFromItsParameters() throws Exception {
        Evaluation e = InputBlocks.IMAGE.evaluate(List.of(),
                InputBlocks.IMAGE.resolve(Map.of("batch", 64, "channels", 1, "height", 28, "width", 28)));
        assertThat(e.outputs()).containsExactly(Shape.of(64, 1, 28, 28));
        // 64·784·4 bytes
        assertThat(e.activationBytes()).isEqualTo(200_704L);
    }

    @Test
    void imageInputRejectsAZeroHeightNamingTheParameter() {
        assertThatThrownBy(() -> InputBlocks.IMAGE.resolve(Map.of("height", 0)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("height: must be between 1 and 65536, got 0");
    }

    @Test
    void imageInputTakesNoWiredInputs() {
        assertThatThrownBy(() -> InputBlocks.IMAGE.evaluate(List.of(Shape.of(1, 3, 8, 8)), InputBlocks.IMAGE.defaults()))
                .isInstanceOf(ShapeException.class)
                .hasMessage("expects 0 inputs, got 1");
    }
}
