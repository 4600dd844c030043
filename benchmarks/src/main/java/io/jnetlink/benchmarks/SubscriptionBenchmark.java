package io.jnetlink.benchmarks;

import io.jnetlink.macvlan.Subscription;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a short-lived event subscription costs: opening one (socket, groups, reader thread) and
 * closing it again. Closing wakes the reader through an eventfd, so it should cost about what
 * ending a thread costs, not a receive timeout.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class SubscriptionBenchmark {

    /** Open a subscription and close it again. */
    @Benchmark
    public boolean openAndClose(SandboxState w) {
        Subscription subscription = w.box.rt().subscribe(event -> { });
        subscription.close();
        return subscription.isOpen();
    }

    /** Open 25 subscriptions, then close all 25 (the "25 closing at once"). */
    @Benchmark
    @OperationsPerInvocation(25)
    public int open25ThenClose25(SandboxState w) {
        List<Subscription> open = new ArrayList<>(25);
        for (int i = 0; i < 25; i++) {
            open.add(w.box.rt().subscribe(event -> { }));
        }
        open.forEach(Subscription::close);
        return open.size();
    }
}
