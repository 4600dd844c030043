package io.jnetlink.benchmarks;

import io.jnetlink.core.NetNs;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.Sandbox;

/**
 * A test kit sandbox holding an empty veth parent {@code parent0} (peer {@code peer0}, both up)
 * and an {@link RtNetlink} bound to it. Closing deletes the namespace and every link in it; the
 * sandbox's shutdown hook deletes any a failed trial could not close.
 */
final class BenchNamespace implements AutoCloseable {

    static final String PARENT = "parent0";

    private final Sandbox box;
    private final RtNetlink rt;

    private BenchNamespace(Sandbox box) {
        this.box = box;
        try {
            box.veth(PARENT, "peer0");
            this.rt = box.closeLater(RtNetlink.open(box.ns()));
        } catch (RuntimeException e) {
            box.close();
            throw e;
        }
    }

    /** A fresh sandbox with an empty parent; fails in one line without the privileges. */
    static BenchNamespace create() {
        return new BenchNamespace(Sandbox.create());
    }

    String name() {
        return box.name();
    }

    NetNs ns() {
        return box.ns();
    }

    RtNetlink rt() {
        return rt;
    }

    @Override
    public void close() {
        box.close();
    }
}
