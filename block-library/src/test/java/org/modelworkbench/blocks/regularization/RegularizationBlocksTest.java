package org.modelworkbench.blocks.regularization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.Evaluation;

class RegularizationBlocksTest {

    @Test
    void dropoutIsAnIdentityWithNoCost() throws Exception {
        for (Shape s : List.of(Shape.of(1, 1280), Shape.of(2, 197, 768))) {
            Evaluation e = evaluate(RegularizationBlocks.DROPOUT, Map.of("p", 0.2), s);
            assertThat(e.outputs()).containsExactly(s);
            assertThat(e.params()).isZero();
            assertThat(e.macs()).isZero();
        }
    }

    @Test
    void dropPathIsAnIdentityWithNoCost() throws Exception {
        for (Shape s : List.of(Shape.of(1, 96, 56, 56), Shape.of(4, 49, 768))) {
            Evaluation e = evaluate(RegularizationBlocks.DROP_PATH, Map.of(), s);
            assertThat(e.outputs()).containsExactly(s);
            assertThat(e.params()).isZero();
            assertThat(e.macs()).isZero();
        }
    }

    @Test
    void dropProbabilitiesOfOneOrMoreAreRejectedNamingP() {
        assertThatThrownBy(() -> RegularizationBlocks.DROPOUT.resolve(Map.of("p", 1.0)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("p: must be between 0 and 0.99, got 1");
        assertThatThrownBy(() -> RegularizationBlocks.DROP_PATH.resolve(Map.of("p", -0.1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("p: must be between 0 and 0.99, got -0.1");
    }
}
