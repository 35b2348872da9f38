package org.modelworkbench.trainer.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.trainer.engine.TestEngine;

/** The compiled focal.block against {@link FocalReference}, a loop version of timm's FocalNetBlock. */
class FocalNetBlockReferenceTest {
    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    @ParameterizedTest(name = "C {0}, {1}×{2}, levels {3}, window {4}, factor {5}, post-norm {6}, layer scale {7}")
    @CsvSource({
            "16, 8, 8, 2, 3, 2, false, false",  // FocalNet-T SRF: kernels 3, 5
            "16, 8, 8, 3, 3, 2, false, false",  // LRF: kernels 3, 5, 7 (7 nearly covers the map: the padding matters)
            "24, 6, 10, 3, 3, 2, false, false", // not square
            "16, 8, 8, 2, 5, 2, true, true"})   // large models: post-norm, layer scale, focal window 5
    void theFocalNetBlockMatchesALoopVersionOfTimmsBlock(int c, int h, int w, int levels, int window, int factor,
                                                         boolean postNorm, boolean layerScale) throws Exception {
        int batch = 2;
        Map<String, Object> params = new HashMap<>(Map.of("focal_level", levels, "focal_window", window,
                "focal_factor", factor, "post_norm", postNorm));
        if (layerScale) {
            params.put("layer_scale_init", 1e-4);
        }
        DesignBuilder b = new DesignBuilder("focal");
        b.add("blk", "focal.block", params, b.input("in", c, h, w));
        try (Compiled m = new Compiled(b.build(), Shape.of(batch, c, h, w), 21)) {
            float[] input = Compiled.randomInput(batch * c * h * w, 22);
            FocalReference ref = new FocalReference(batch, c, h, w, levels, window, factor);
            double[] expected = ref.block(Plain.toDouble(input), name -> m.weight("blk." + name), postNorm, layerScale);

            assertThat(Compiled.relativeError(m.forward(input, false), expected)).isLessThan(1e-4);
        }
    }
}
