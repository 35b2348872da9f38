package org.modelworkbench.blocks.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Evaluation;

class ActivationBlocksTest {

    @Test
    void everyActivationKeepsTheShapeWithNoParametersAndNoMacs() throws Exception {
        for (BlockType t : ActivationBlocks.ALL) {
            for (Shape s : List.of(Shape.of(1, 64, 112, 112), Shape.of(2, 197, 768), Shape.of(5))) {
                Evaluation e = t.evaluate(List.of(s), t.defaults());
                assertThat(e.outputs()).as(t.id()).containsExactly(s);
                assertThat(e.params()).as(t.id()).isZero();
                assertThat(e.macs()).as(t.id()).isZero();
                // output activation memory: numel · 4 bytes
                assertThat(e.activationBytes()).as(t.id()).isEqualTo(s.numel() * 4);
            }
        }
    }

    @Test
    void theSevenActivationsAreFoundByTheirShortNames() {
        assertThat(ActivationBlocks.ALL).hasSize(7);
        for (String name : List.of("relu", "relu6", "gelu", "silu", "hardswish", "sigmoid", "hardsigmoid")) {
            assertThat(ActivationBlocks.byName(name).id()).isEqualTo("activation." + name);
        }
        assertThat(ActivationBlocks.byName("silu")).isSameAs(ActivationBlocks.SILU);
    }

    @Test
    void anUnknownActivationNameIsRejected() {
        assertThatThrownBy(() -> ActivationBlocks.byName("tanh"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no activation tanh");
    }

    @Test
    void activationsTakeNoParameters() {
        assertThatThrownBy(() -> ActivationBlocks.RELU.resolve(Map.of("inplace", true)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("inplace: unknown parameter (this block has no parameters)");
    }
}
