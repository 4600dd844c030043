package io.jnetlink.macvlan;

import io.jnetlink.testkit.NetworkSandbox;
import io.jnetlink.testkit.Sandbox;
import io.jnetlink.testkit.SandboxParameter;

/**
 * The test's sandbox with veth parents {@code parent0}/{@code peer0} (both up) and an
 * {@link RtNetlink} bound to it: a test parameter where {@link NetworkSandbox} and
 * {@code @ExtendWith(Topology.Parameter.class)} apply; it goes with the sandbox.
 */
final class Topology {

    final Sandbox box;
    final RtNetlink rt;

    private Topology(Sandbox box) {
        this.box = box;
        box.veth("parent0", "peer0");
        this.rt = box.closeLater(RtNetlink.open(box.ns()));
    }

    String name() {
        return box.name();
    }

    Links links() {
        return rt.links();
    }

    /** Makes the test's topology on its sandbox. */
    static final class Parameter extends SandboxParameter<Topology> {
        Parameter() {
            super(Topology.class);
        }

        @Override
        protected Topology create(Sandbox box) {
            return new Topology(box);
        }
    }
}
