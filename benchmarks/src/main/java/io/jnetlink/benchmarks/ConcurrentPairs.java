package io.jnetlink.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * ADD+DEL pairs per second with several callers at once, each in a container of its own, for a
 * fixed time after a short warm-up: how a node's plugin copes when a runtime starts many pods.
 */
final class ConcurrentPairs {

    /** One caller's pair: the ADD and the DEL of caller {@code index}'s container. */
    @FunctionalInterface
    interface Pair {
        void run(int caller) throws Exception;
    }

    private ConcurrentPairs() {
    }

    /** Pairs per second of {@code callers} callers running {@code pair} for {@code seconds}. */
    static double rate(int callers, double seconds, Pair pair) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong begin = new AtomicLong();
        // every caller warmed up: the window starts now
        CyclicBarrier start = new CyclicBarrier(callers + 1, () -> begin.set(System.nanoTime()));
        long length = (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int caller = i;
            Thread t = Thread.ofPlatform().name("bench-caller-" + i).start(() -> {
                try {
                    pair.run(caller); // warm-up, unmeasured
                    start.await();
                    while (System.nanoTime() - begin.get() < length) {
                        pair.run(caller);
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    start.reset();
                }
            });
            threads.add(t);
        }
        try {
            start.await();
        } catch (java.util.concurrent.BrokenBarrierException e) {
            // a caller failed in its warm-up: reported below
        }
        for (Thread t : threads) {
            t.join();
        }
        long end = System.nanoTime();
        if (failure.get() != null) {
            throw new IllegalStateException("a caller failed: " + failure.get(), failure.get());
        }
        return done.get() / ((end - begin.get()) / 1e9);
    }
}
