package io.jnetlink.macvlan;

import io.jnetlink.core.testkit.Sandbox;

/**
 * A sandbox namespace with a veth pair {@code parent0}/{@code peer0} (both up) to use as
 * macvlan parents, and an {@link RtNetlink} bound to it. Closing deletes everything.
 */
final class Topology implements AutoCloseable {

    final Sandbox box;
    final RtNetlink rt;

    private Topology(Sandbox box) {
        this.box = box;
        RtNetlink opened = null;
        try {
            opened = RtNetlink.open(box.ns());
            opened.links().create(Veth.of("parent0", "peer0"));
            opened.links().setUp("parent0");
            opened.links().setUp("peer0");
        } catch (RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            box.close();
            throw e;
        }
        this.rt = opened;
    }

    static Topology create() {
        return new Topology(Sandbox.create());
    }

    String name() {
        return box.name();
    }

    Links links() {
        return rt.links();
    }

    @Override
    public void close() {
        try {
            rt.close();
        } finally {
            box.close();
        }
    }
}
