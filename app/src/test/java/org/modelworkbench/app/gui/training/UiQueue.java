package org.modelworkbench.app.gui.training;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The "UI thread" of the model tests: tasks queue until the test runs them, on its own thread. */
final class UiQueue implements Consumer<Runnable> {
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    final AtomicInteger posted = new AtomicInteger();

    @Override
    public void accept(Runnable task) {
        posted.incrementAndGet();
        tasks.add(task);
    }

    /** Runs what is queued now (and what those tasks queue). */
    void runPending() {
        for (Runnable r = tasks.poll(); r != null; r = tasks.poll()) {
            r.run();
        }
    }

    /** Runs tasks as they come until the condition holds (10 s at most). */
    void runUntil(BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        runPending();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in 10 s");
            }
            try {
                Runnable r = tasks.poll(20, TimeUnit.MILLISECONDS);
                if (r != null) {
                    r.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
