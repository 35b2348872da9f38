package org.modelworkbench.app.gui.training;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands events from a background thread to the UI thread in batches: {@link #post} only queues;
 * at most one hand-over is pending at a time, and hand-overs are at least {@code minIntervalMillis}
 * apart, so a run reporting a thousand events a second costs the UI about ten batches a second,
 * never a task per event. Events keep their order.
 *
 * @param <T> the events
 */
public final class EventPump<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong lastDrain = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicInteger handOvers = new AtomicInteger();
    private final Consumer<Runnable> ui;
    private final Consumer<List<T>> sink;
    private final long minIntervalNanos;

    /**
     * @param ui                runs a task on the UI thread (e.g. {@code Platform::runLater})
     * @param sink              takes each batch, on the UI thread
     * @param minIntervalMillis the least time between two batches
     */
    public EventPump(Consumer<Runnable> ui, Consumer<List<T>> sink, long minIntervalMillis) {
        this.ui = ui;
        this.sink = sink;
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
    }

    /** Queues an event (any thread); it reaches the sink with the next batch. */
    public void post(T event) {
        queue.add(event);
        if (scheduled.compareAndSet(false, true)) {
            long wait = lastDrain.get() + minIntervalNanos - System.nanoTime();
            handOvers.incrementAndGet();
            if (wait > 0) {
                CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS).execute(() -> ui.accept(this::drain));
            } else {
                ui.accept(this::drain);
            }
        }
    }

    /** How many tasks were handed to the UI thread so far. */
    public int handOvers() {
        return handOvers.get();
    }

    private void drain() {
        // Cleared before reading: an event queued from now on schedules the next batch itself.
        scheduled.set(false);
        lastDrain.set(System.nanoTime());
        List<T> batch = new ArrayList<>();
        for (T e = queue.poll(); e != null; e = queue.poll()) {
            batch.add(e);
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}
