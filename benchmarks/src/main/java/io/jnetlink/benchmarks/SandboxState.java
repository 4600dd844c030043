package io.jnetlink.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** JMH state: one {@link BenchNamespace} (an up veth parent and its handle) per thread and trial. */
@State(Scope.Thread)
public class SandboxState {

    BenchNamespace box;

    @Setup(Level.Trial)
    public void create() {
        box = BenchNamespace.create();
    }

    @TearDown(Level.Trial)
    public void delete() {
        box.close();
    }
}
