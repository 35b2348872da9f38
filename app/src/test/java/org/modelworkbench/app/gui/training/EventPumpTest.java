package org.modelworkbench.app.gui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventPumpTest {

    @Test
    void eventsFromSeveralThreadsArriveInBatchesEachThreadsInOrder() throws Exception {
        UiQueue ui = new UiQueue();
        List<List<Integer>> batches = new ArrayList<>();
        EventPump<Integer> pump = new EventPump<>(ui, batches::add, 50);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int base = t * 100_000;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    pump.post(base + i);
                }
            });
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        ui.runUntil(() -> batches.stream().mapToInt(List::size).sum() == 40_000);
        int[] last = {-1, -1, -1, -1};
        for (List<Integer> b : batches) {
            for (int v : b) {
                int t = v / 100_000;
                assertThat(v).isGreaterThan(last[t]);
                last[t] = v;
            }
        }
        assertThat(pump.handOvers()).isEqualTo(ui.posted.get()).isLessThan(100);
    }
}
