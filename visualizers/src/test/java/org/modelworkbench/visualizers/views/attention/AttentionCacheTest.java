package org.modelworkbench.visualizers.views.attention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class AttentionCacheTest {
    @Test
    void aValueIsComputedOnceWhileItStaysCached() {
        AttentionCache cache = new AttentionCache(1 << 20);
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThat(cache.<String>get("k", () -> "v" + calls.incrementAndGet())).isEqualTo("v1");
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void tensorsBeyondTheBudgetDropTheLeastRecentlyUsedFirst() {
        AttentionCache cache = new AttentionCache(200);
        cache.get("a", () -> FloatTensor.zeros(20));
        cache.get("b", () -> FloatTensor.zeros(20));
        cache.get("a", () -> FloatTensor.zeros(20));
        cache.get("small", () -> "kept");
        cache.get("c", () -> FloatTensor.zeros(20));

        assertThat(cache.holds("b")).as("least recently used").isFalse();
        assertThat(cache.holds("a")).isTrue();
        assertThat(cache.holds("c")).isTrue();
        assertThat(cache.holds("small")).isTrue();
        assertThat(cache.bytes()).isEqualTo(160);
    }

    @Test
    void anEntryLargerThanTheBudgetIsStillReturnedAndKeptAlone() {
        AttentionCache cache = new AttentionCache(100);
        cache.get("a", () -> FloatTensor.zeros(10));
        FloatTensor big = cache.get("big", () -> FloatTensor.zeros(100));

        assertThat(big.size()).isEqualTo(100);
        assertThat(cache.holds("a")).isFalse();
        assertThat(cache.holds("big")).isTrue();
    }
}
