package io.jnetlink.benchmarks;

import io.jnetlink.core.BatchResult;
import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.Macvlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Link throughput against the real kernel, in a sandbox namespace whose veth parent starts
 * empty for every measured invocation (creation slows as one parent gathers children). Each
 * invocation handles {@code n} macvlans, so links per second = {@code n * 1000 / score}. The
 * library's own CPU cost is measured by {@link RequestOverheadBenchmark} (precisely) and by
 * {@code benchmarks/compare} (user time over many creations).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class LinkThroughputBenchmark {

    /** An empty parent in a fresh namespace, and the specs of {@code n} children. */
    @State(Scope.Thread)
    public static class EmptyParent {
        @Param("1000")
        public int n;
        BenchNamespace box;
        List<Macvlan> specs;

        @Setup(Level.Invocation)
        public void create() {
            box = BenchNamespace.create();
            specs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                specs.add(Macvlan.of("mv" + i, BenchNamespace.PARENT));
            }
        }

        @TearDown(Level.Invocation)
        public void delete() {
            box.close();
        }
    }

    /** A fresh namespace whose parent already has {@code n} children. */
    @State(Scope.Thread)
    public static class PopulatedParent {
        @Param("1000")
        public int n;
        BenchNamespace box;
        List<String> names;

        @Setup(Level.Invocation)
        public void create() {
            box = BenchNamespace.create();
            List<Macvlan> specs = new ArrayList<>(n);
            names = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                specs.add(Macvlan.of("mv" + i, BenchNamespace.PARENT));
                names.add("mv" + i);
            }
            BatchResult created = box.rt().bulk().createAll(specs);
            if (!created.allSucceeded()) {
                throw new IllegalStateException("setup: " + created.failures());
            }
        }

        @TearDown(Level.Invocation)
        public void delete() {
            box.close();
        }
    }

    /** Requests per {@code sendmsg} for batched creation. */
    @State(Scope.Thread)
    public static class Batch {
        @Param({"1", "16", "128"})
        public int perSend;
    }


    /** Creates the links one at a time, each waiting for its ACK ({@code Links.add}, parent looked up once). */
    @Benchmark
    public void createOneAtATime(EmptyParent p) {
        Link parent = p.box.rt().links().require(BenchNamespace.PARENT);
        for (Macvlan spec : p.specs) {
            p.box.rt().links().add(spec, parent);
        }
    }

    /** Creates the links with {@code perSend} requests per {@code sendmsg} ({@code Links.createAll}). */
    @Benchmark
    public void createBatched(EmptyParent p, Batch b) {
        BatchResult result = p.box.rt().bulk().createAll(p.specs, b.perSend);
        if (!result.allSucceeded()) {
            throw new IllegalStateException(result.failures().toString());
        }
    }

    /** Deletes the links one at a time ({@code Links.delete}); each waits for an RCU grace period. */
    @Benchmark
    public void deleteOneAtATime(PopulatedParent p) {
        for (String name : p.names) {
            p.box.rt().links().delete(name);
        }
    }

    /** Deletes all links with the API's fast path ({@code Links.deleteAll}: one link-group delete). */
    @Benchmark
    public void bulkDelete(PopulatedParent p) {
        BatchResult result = p.box.rt().bulk().deleteAll(p.names);
        if (!result.allSucceeded()) {
            throw new IllegalStateException(result.failures().toString());
        }
    }

    /** Lists (dumps) the parent's namespace: n children plus lo and the veth pair. */
    @Benchmark
    public List<Link> list(PopulatedParent p) {
        return p.box.rt().links().list();
    }
}
