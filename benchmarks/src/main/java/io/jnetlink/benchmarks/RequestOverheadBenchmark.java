package io.jnetlink.benchmarks;

import io.jnetlink.macvlan.Link;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The whole request path (library, syscalls and a request the kernel answers at once) for
 * requests whose kernel work is tiny: an upper bound on the library's own cost per request,
 * measured in nanoseconds rather than scheduler ticks. Compare with the ~140 µs the kernel
 * spends creating a macvlan.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class RequestOverheadBenchmark {

    /** {@code ip link set parent0 up} on a link that is up: one RTM_NEWLINK and its ACK. */
    @Benchmark
    public void setLinkUp(SandboxState s) {
        s.box.rt().links().setUp(BenchNamespace.PARENT);
    }

    /** {@code ip link show parent0}: one RTM_GETLINK, its reply decoded into a {@link Link}. */
    @Benchmark
    public Link getLink(SandboxState s) {
        return s.box.rt().links().require(BenchNamespace.PARENT);
    }
}
