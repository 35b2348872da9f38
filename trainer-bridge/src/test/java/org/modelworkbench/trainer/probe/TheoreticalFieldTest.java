package org.modelworkbench.trainer.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.trainer.engine.TestEngine;

/** {@link ProbeModel#theoreticalField}: the receptive field propagated through the op graph. */
class TheoreticalFieldTest {
    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    @Test
    void aStackOfThreeByThreeConvolutionsGrowsTheFieldByTwoPerLayer() throws Exception {
        try (ProbeModel m = ProbeModel.untrained(ProbeDesigns.convStack(), 1)) {
            assertThat(m.theoreticalField("c1").size()).isEqualTo(3);
            assertThat(m.theoreticalField("c2").size()).isEqualTo(5);
            ReceptiveField f = m.theoreticalField("c3");
            assertThat(f.size()).isEqualTo(7); // 2L + 1
            assertThat(f.jump()).isEqualTo(1);
            assertThat(f.start()).isEqualTo(0.0); // padding 1 keeps unit 0 centred on pixel 0
            assertThat(f.global()).isFalse();
            assertThat(f.first(7)).isEqualTo(4);
            assertThat(f.last(7)).isEqualTo(10);
        }
    }

    @Test
    void aResNetStemAndStagesGiveTheHandComputedField() throws Exception {
        // stem 3×3 s1 p1; stage 1: a residual block of two 3×3 s1; stage 2: 3×3 s2 then 3×3 s1, with a 1×1 s2
        // pointwise shortcut; then a 2×2 max pool s2.
        DesignBuilder b = new DesignBuilder("resnet-like");
        String x = b.input("input", 1, 28, 28);
        x = b.add("stem", "conv.conv2d", Map.of("out_channels", 4, "kernel", 3, "padding", 1), x);
        String a = b.add("s1a", "conv.conv2d", Map.of("out_channels", 4, "kernel", 3, "padding", 1), x);
        a = b.add("s1b", "conv.conv2d", Map.of("out_channels", 4, "kernel", 3, "padding", 1), a);
        x = b.add("s1sum", "merge.add", Map.of(), a, x);
        String c = b.add("s2a", "conv.conv2d", Map.of("out_channels", 8, "kernel", 3, "stride", 2, "padding", 1), x);
        c = b.add("s2b", "conv.conv2d", Map.of("out_channels", 8, "kernel", 3, "padding", 1), c);
        String sc = b.add("s2short", "conv.pointwise", Map.of("out_channels", 8, "stride", 2), x);
        x = b.add("s2sum", "merge.add", Map.of(), c, sc);
        x = b.add("pool", "pool.max2d", Map.of("kernel", 2, "stride", 2), x);
        x = b.add("flat", "tensor.flatten", Map.of(), x);
        b.add("fc", "linear.linear", Map.of("out_features", 10), x);
        try (ProbeModel m = ProbeModel.untrained(b.build(), 1)) {
            // stem 3; s1: 5, 7 (the sum keeps the larger 7); s2a: 7 + 2 = 9, jump 2; s2b: 9 + 2·2 = 13;
            // shortcut 7 + 0 = 7, so the sum keeps 13; pool 2×2 s2: 13 + 1·2 = 15, jump 4.
            assertThat(m.theoreticalField("s1sum").size()).isEqualTo(7);
            ReceptiveField s2 = m.theoreticalField("s2sum");
            assertThat(s2.size()).isEqualTo(13);
            assertThat(s2.jump()).isEqualTo(2);
            ReceptiveField pool = m.theoreticalField("pool");
            assertThat(pool.size()).isEqualTo(15);
            assertThat(pool.jump()).isEqualTo(4);
            // s2a: start 0 + (1 − 1)·1 = 0; pool: start 0 + (0.5 − 0)·2 = 1
            assertThat(pool.start()).isEqualTo(1.0);
        }
    }

    @Test
    void attentionMakesTheFieldGlobalAndAnUnknownTargetIsNamed() throws Exception {
        try (ProbeModel m = ProbeModel.untrained(ProbeDesigns.vit(), 1)) {
            String last = m.nodes().get(m.nodes().size() - 2);
            ReceptiveField f = m.theoreticalField(last);
            assertThat(f.global()).as(last).isTrue();
            assertThatThrownBy(() -> m.theoreticalField("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'nope'");
        }
    }
}
