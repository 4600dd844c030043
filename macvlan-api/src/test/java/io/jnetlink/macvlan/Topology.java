package io.jnetlink.macvlan;

import io.jnetlink.testkit.Sandbox;

/**
 * A test kit sandbox with veth parents {@code parent0}/{@code peer0} (both up) and an
 * {@link RtNetlink} bound to it, closed with the sandbox.
 */
final class Topology implements AutoCloseable {

    final Sandbox box;
    final RtNetlink rt;

    private Topology(Sandbox box) {
        this.box = box;
        try {
            box.veth("parent0", "peer0");
            this.rt = box.closeLater(RtNetlink.open(box.ns()));
        } catch (RuntimeException e) {
            box.close();
            throw e;
        }
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
        box.close();
    }
}
