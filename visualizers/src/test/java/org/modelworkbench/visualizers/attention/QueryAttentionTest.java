package org.modelworkbench.visualizers.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class QueryAttentionTest {

    @Test
    void aPatchesRowIsShownOverTheGridPerHeadAndAveraged() {
        // (B=2, h=2, N=1+9): a distinct value per entry so every cell is traceable
        FloatTensor a = AttentionRolloutTest.softmaxRows(new Random(1), 2, 2, 10);
        QueryAttention.Maps m = QueryAttention.ofPatch(a, 1, 2, 1, 1);
        assertThat(m.query()).isEqualTo(1 + 2 * 3 + 1);
        assertThat(m.perHead().shape()).containsExactly(2, 3, 3);
        assertThat(m.mean().shape()).containsExactly(3, 3);
        for (int h = 0; h < 2; h++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    float expected = a.get(1, h, 8, 1 + r * 3 + c);
                    assertThat(m.perHead().get(h, r, c)).isEqualTo(expected);
                }
            }
        }
        assertThat(m.mean().get(0, 2)).isCloseTo((a.get(1, 0, 8, 3) + a.get(1, 1, 8, 3)) / 2, within(1e-7f));
    }

    @Test
    void withoutPrefixTokensEachHeadsMapSumsToOneAndWithAClsItMissesOnlyTheClsMass() {
        FloatTensor noCls = AttentionRolloutTest.softmaxRows(new Random(2), 1, 3, 16);
        QueryAttention.Maps m = QueryAttention.ofPatch(noCls, 0, 3, 3, 0);
        for (int h = 0; h < 3; h++) {
            assertThat(sum(m.perHead().select(h))).isCloseTo(1, within(1e-5));
        }
        assertThat(sum(m.mean())).isCloseTo(1, within(1e-5));

        FloatTensor cls = AttentionRolloutTest.softmaxRows(new Random(3), 1, 1, 17);
        QueryAttention.Maps c = QueryAttention.ofToken(cls, 0, 0, 1);
        assertThat(sum(c.mean()) + cls.get(0, 0, 0, 0)).isCloseTo(1, within(1e-5));
    }

    @Test
    void aQueryOutsideTheGridIsRefused() {
        FloatTensor a = FloatTensor.zeros(1, 1, 5, 5);
        assertThatThrownBy(() -> QueryAttention.ofPatch(a, 0, 0, 2, 1)).hasMessageContaining("(0,2) outside");
        assertThatThrownBy(() -> QueryAttention.ofToken(a, 0, 5, 1)).hasMessageContaining("query token 5");
        assertThatThrownBy(() -> QueryAttention.ofToken(a, 3, 0, 1)).hasMessageContaining("image 3");
    }

    static double sum(FloatTensor t) {
        double s = 0;
        for (float x : t.values()) {
            s += x;
        }
        return s;
    }
}
