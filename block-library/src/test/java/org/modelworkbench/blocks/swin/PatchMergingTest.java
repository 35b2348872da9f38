package org.modelworkbench.blocks.swin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.embedding.EmbeddingBlocks;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.ShapeException;

/** Swin's patch merging ({@code embedding.patch_merging}) against blocks-exact.md §5. */
class PatchMergingTest {

    @Test
    void patchMergingAtC96Has8C2Plus8CParametersAndQuarterT8C2Macs() throws Exception {
        Evaluation e = evaluate(EmbeddingBlocks.PATCH_MERGING, Map.of(), Shape.of(1, 56, 56, 96));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 28, 28, 192));
        assertThat(e.params()).isEqualTo(74_496); // 8·96² + 8·96
        assertThat(e.macs()).isEqualTo(57_802_752L); // 784 · 8·96²
    }

    @Test
    void patchMergingAtC48On14x14Has18816ParametersAnd903168Macs() throws Exception {
        Evaluation e = evaluate(EmbeddingBlocks.PATCH_MERGING, Map.of(), Shape.of(2, 14, 14, 48));
        assertThat(e.outputs()).containsExactly(Shape.of(2, 7, 7, 96));
        assertThat(e.params()).isEqualTo(18_816); // 8·48² + 8·48
        assertThat(e.macs()).isEqualTo(2 * 903_168L); // 2 images × 49 · 8·48²
    }

    @Test
    void patchMergingRejectsAnOddMap() {
        assertThatThrownBy(() -> evaluate(EmbeddingBlocks.PATCH_MERGING, Map.of(), Shape.of(1, 7, 7, 768)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("7×7");
    }
}
