package org.modelworkbench.trainer.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.trainer.capture.ActivationCapture;
import org.modelworkbench.trainer.capture.AttentionMap;
import org.modelworkbench.trainer.compile.DesignCompileException;
import org.modelworkbench.trainer.compile.DesignCompiler;
import org.modelworkbench.trainer.compile.WindowGeometry;
import org.modelworkbench.trainer.engine.TestEngine;

/** The compiled swin.block against {@link SwinReference}, a loop version of timm's block. */
class SwinBlockReferenceTest {
    static final double TOLERANCE = 1e-4;

    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    static DesignBuilder swin(int c, int h, int w, int heads, int window, boolean shifted) {
        DesignBuilder b = new DesignBuilder("swin");
        String x = b.add("to_last", "tensor.permute", Map.of("dims", List.of(0, 2, 3, 1)), b.input("in", c, h, w));
        b.add("blk", "swin.block", Map.of("heads", heads, "window", window, "shifted", shifted), x);
        return b;
    }

    /** Compiles the block at batch 2, runs it and the reference on one random map; returns the relative error. */
    static double compare(int c, int h, int w, int heads, int window, boolean shifted, long seed) throws Exception {
        int batch = 2;
        try (Compiled m = new Compiled(swin(c, h, w, heads, window, shifted).build(), Shape.of(batch, c, h, w), seed)) {
            float[] input = Compiled.randomInput(batch * c * h * w, seed + 1);
            float[] actual = m.forward(input, false);
            SwinReference ref = new SwinReference(batch, h, w, c, heads, window, shifted);
            double[] expected = ref.block(Plain.toChannelsLast(Plain.toDouble(input), batch, c, h, w),
                    name -> m.weight("blk." + name));
            return Compiled.relativeError(actual, expected);
        }
    }

    @ParameterizedTest(name = "{0}×{1} map, C {2}, {3} heads, window {4}, shifted {5}")
    @CsvSource({
            "8, 8, 32, 2, 4, false",   // W-MSA: four windows
            "8, 8, 32, 2, 4, true",    // SW-MSA: shift 2, the mask separates the regions the roll brought together
            "8, 12, 16, 4, 4, true",   // not square: rows and columns cannot be confused
            "4, 8, 16, 2, 4, true",    // as high as the window: shifted along the width only
            "12, 12, 24, 3, 6, true"}) // shift 3, nine windows
    void theSwinBlockMatchesALoopVersionOfTimmsBlock(int h, int w, int c, int heads, int window, boolean shifted)
            throws Exception {
        assertThat(compare(c, h, w, heads, window, shifted, 11)).isLessThan(TOLERANCE);
    }

    @Test
    void theCapturedAttentionIsTheReferencesSoftmaxWindowByWindowHeadByHead() throws Exception {
        int c = 16, h = 8, w = 12, batch = 2;
        try (Compiled m = new Compiled(swin(c, h, w, 2, 4, true).build(), Shape.of(batch, c, h, w), 5)) {
            ActivationCapture capture = ActivationCapture.everyAttention(m.model.program());
            m.model.block().setObserver(capture);
            float[] input = Compiled.randomInput(batch * c * h * w, 6);
            m.forward(input, false);
            m.model.block().setObserver(null);
            SwinReference ref = new SwinReference(batch, h, w, c, 2, 4, true);
            ref.block(Plain.toChannelsLast(Plain.toDouble(input), batch, c, h, w), name -> m.weight("blk." + name));

            AttentionMap map = capture.attention().get(0);
            assertThat(map.windows()).isEqualTo(new WindowGeometry(8, 12, 4, 2, 2));
            assertThat(map.probabilities().shape()).containsExactly(batch, 6, 2, 16, 16);
            assertThat(Compiled.relativeError(map.probabilities().values(), ref.attention)).isLessThan(1e-4);
        }
    }

    @Test
    void theReferenceIsSensitiveToTheShiftSoTheShiftedCaseTestsSomething() throws Exception {
        // The same weights and input through the reference without the shift must disagree with the shifted model.
        int c = 16, h = 8, w = 8, batch = 2;
        try (Compiled m = new Compiled(swin(c, h, w, 2, 4, true).build(), Shape.of(batch, c, h, w), 3)) {
            float[] input = Compiled.randomInput(batch * c * h * w, 4);
            double[] unshifted = new SwinReference(batch, h, w, c, 2, 4, false)
                    .block(Plain.toChannelsLast(Plain.toDouble(input), batch, c, h, w), name -> m.weight("blk." + name));
            assertThat(Compiled.relativeError(m.forward(input, false), unshifted)).isGreaterThan(1e-2);
        }
    }

    @Test
    void theReferenceMaskHasThePlantedRegionCountsOfTheVisualizerNotes() {
        // views-exact §2, H = W = 8, M = 4, s = 2: masked pairs per window 0, 128, 128, 192 of 256
        SwinReference ref = new SwinReference(1, 8, 8, 4, 1, 4, true);
        int[] label = ref.regionLabels();
        int[] masked = new int[4];
        for (int win = 0; win < 4; win++) {
            for (int i = 0; i < 16; i++) {
                for (int j = 0; j < 16; j++) {
                    int pi = (win / 2 * 4 + i / 4) * 8 + win % 2 * 4 + i % 4;
                    int pj = (win / 2 * 4 + j / 4) * 8 + win % 2 * 4 + j % 4;
                    masked[win] += label[pi] != label[pj] ? 1 : 0;
                }
            }
        }
        assertThat(masked).containsExactly(0, 128, 128, 192);
    }

    @Test
    void aMapTheWindowDoesNotDivideIsRefusedWithAMessageNotPaddedSilently() {
        // timm pads such a map; the block library asks the design to pad instead, so there is no padded case to compare
        assertThatThrownBy(() -> new DesignCompiler().compile(swin(16, 6, 8, 2, 4, false).build(), Shape.of(1, 16, 6, 8)))
                .isInstanceOf(DesignCompileException.class)
                .hasMessageContaining("not divisible by window 4");
    }
}
