package org.modelworkbench.blocks.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;

/** A convolution's padding defaults to "auto": "same" for odd kernels, none for even ones (patchify). */
class AutoPaddingTest {

    @Test
    void aTwoByTwoStrideTwoDownsampleWithoutPaddingHalvesTheMapExactly() throws Exception {
        Shape y = evaluate(ConvBlocks.CONV2D, Map.of("out_channels", 192, "kernel", 2, "stride", 2),
                Shape.of(1, 96, 56, 56)).outputs().get(0);
        assertThat(y).isEqualTo(Shape.of(1, 192, 28, 28)); // padding 1 gave 29×29
    }

    @Test
    void aFourByFourPatchConvWithoutPaddingCutsNonOverlappingPatches() throws Exception {
        assertThat(evaluate(ConvBlocks.CONV2D, Map.of("out_channels", 96, "kernel", 4, "stride", 4),
                Shape.of(1, 3, 224, 224)).outputs()).containsExactly(Shape.of(1, 96, 56, 56));
    }

    @Test
    void oddKernelsKeepTheSizeAtStrideOneWhateverTheKernelAndDilation() throws Exception {
        for (int k : List.of(1, 3, 5, 7)) {
            for (int d : List.of(1, 2)) {
                assertThat(evaluate(ConvBlocks.CONV2D, Map.of("out_channels", 8, "kernel", k, "dilation", d),
                        Shape.of(1, 4, 20, 20)).outputs()).as("k %d d %d", k, d).containsExactly(Shape.of(1, 8, 20, 20));
                assertThat(evaluate(ConvBlocks.DEPTHWISE, Map.of("kernel", k, "dilation", d),
                        Shape.of(1, 4, 20, 20)).outputs()).as("dw k %d d %d", k, d).containsExactly(Shape.of(1, 4, 20, 20));
            }
        }
    }

    @Test
    void autoResolvesToTheNumberTheInspectorShows() throws Exception {
        var values = ConvBlocks.CONV2D.resolve(Map.of("kernel", 7, "dilation", 2));
        assertThat(values.get("padding")).isEqualTo("auto");
        var bound = ConvBlocks.CONV2D.bind(values, List.of(Shape.of(1, 3, 32, 32)), List.of(Layout.NCHW));
        assertThat(bound.integer("padding")).isEqualTo(6);
        assertThat(ConvBlocks.autoPadding(4, 1)).isZero();
    }

    @Test
    void explicitPaddingIsHonouredAsBefore() throws Exception {
        assertThat(evaluate(ConvBlocks.CONV2D, Map.of("out_channels", 8, "kernel", 2, "stride", 2, "padding", 1),
                Shape.of(1, 4, 56, 56)).outputs()).containsExactly(Shape.of(1, 8, 29, 29));
    }

    @Test
    void paddingAcceptsANumberOrAutoAndSaysSo() {
        assertThatThrownBy(() -> ConvBlocks.CONV2D.resolve(Map.of("padding", "same")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("padding: expected a whole number or auto, got \"same\"");
        assertThat(ConvBlocks.CONV2D.param("padding").rangeText()).isEqualTo("auto or 0 … 64");
    }
}
