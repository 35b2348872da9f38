package org.modelworkbench.visualizers.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class AttentionEntropyTest {

    @Test
    void uniformAttentionOverOneHundredNinetySixKeysHasEntropyLnOneHundredNinetySix() {
        FloatTensor a = FloatTensor.zeros(1, 1, 196, 196);
        Arrays.fill(a.values(), 1f / 196);
        AttentionEntropy.Result r = AttentionEntropy.perHead(a, 0, true);
        assertThat(r.perHead()[0]).isCloseTo(5.278115, within(1e-5));
        assertThat(r.upperBound()).isCloseTo(Math.log(196), within(1e-12));
    }

    @Test
    void oneHotAttentionHasZeroEntropy() {
        FloatTensor a = FloatTensor.zeros(2, 3, 5, 5);
        for (int r = 0; r < 2 * 3 * 5; r++) {
            a.values()[r * 5 + (r * 7) % 5] = 1;
        }
        assertThat(AttentionEntropy.perHead(a, 1, true).perHead()).containsOnly(0.0);
    }

    @Test
    void excludingTheClsTokenRenormalisesThePatchRowsAndSaysSo() {
        // every row: .2 on CLS and .2 on each of 4 patches → over patches uniform: ln 4
        FloatTensor a = FloatTensor.zeros(1, 1, 5, 5);
        Arrays.fill(a.values(), .2f);
        AttentionEntropy.Result with = AttentionEntropy.perHead(a, 1, true);
        AttentionEntropy.Result without = AttentionEntropy.perHead(a, 1, false);
        assertThat(with.perHead()[0]).isCloseTo(Math.log(5), within(1e-6));
        assertThat(with.prefixIncluded()).isTrue();
        assertThat(with.describe()).isEqualTo("CLS included");
        assertThat(without.perHead()[0]).isCloseTo(Math.log(4), within(1e-6));
        assertThat(without.prefixIncluded()).isFalse();
        assertThat(without.upperBound()).isCloseTo(Math.log(4), within(1e-12));
        assertThat(without.describe()).startsWith("CLS excluded");
    }

    @Test
    void headsAreKeptApartAndAveragedOverImagesAndQueries() {
        // head 0 uniform over 4 keys (ln 4), head 1 one-hot (0); image 1 the same
        FloatTensor a = FloatTensor.zeros(2, 2, 4, 4);
        float[] v = a.values();
        for (int b = 0; b < 2; b++) {
            Arrays.fill(v, (b * 2) * 16, (b * 2 + 1) * 16, .25f);
            for (int i = 0; i < 4; i++) {
                v[(b * 2 + 1) * 16 + i * 4] = 1;
            }
        }
        double[] h = AttentionEntropy.perHead(a, 0, true).perHead();
        assertThat(h[0]).isCloseTo(Math.log(4), within(1e-6));
        assertThat(h[1]).isZero();
    }

    @Test
    void logitsInsteadOfProbabilitiesAreRefused() {
        FloatTensor a = FloatTensor.zeros(1, 1, 4, 4);
        a.values()[5] = -3;
        assertThatThrownBy(() -> AttentionEntropy.perHead(a, 0, true)).hasMessageContaining("query 1, key 1");
    }
}
