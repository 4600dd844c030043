package io.jnetlink.samples;

import io.jnetlink.core.NetNs;
import io.jnetlink.macvlan.MacvlanMode;
import io.jnetlink.testkit.Ping;

import java.util.List;

/** Scenario 2: an address on the parent cannot reach a bridge-mode child, nor the child the parent. */
public final class HostIsolation implements Scenario<HostIsolation.Observation> {

    /** Ping results between the parent's address and a child, plus a sibling check that the child is alive. */
    public record Observation(boolean hostToChild, boolean childToHost, boolean siblingToChild) {
    }

    public static void main(String[] args) throws Exception {
        Scenario.runAlone(new HostIsolation());
    }

    @Override
    public String title() {
        return "2 host isolation";
    }

    @Override
    public String claim() {
        return "the parent's address and children cannot reach each other";
    }

    @Override
    public Observation observe(Lab lab) {
        Lab.Segment segment = lab.segment("192.0.2.1/24");
        List<NetNs> c = lab.children(segment, MacvlanMode.BRIDGE, "c", "192.0.2.11/24", "192.0.2.12/24");
        return new Observation(Ping.answers(segment.host(), "192.0.2.11"), Ping.answers(c.get(0), "192.0.2.1"),
                Ping.answers(c.get(1), "192.0.2.11"));
    }

    @Override
    public String describe(Observation o) {
        return "host -> c1 " + Ping.reply(o.hostToChild()) + ", c1 -> host " + Ping.reply(o.childToHost())
                + " (c2 -> c1 " + Ping.reply(o.siblingToChild()) + ")";
    }

    @Override
    public boolean holds(Observation o) {
        return !o.hostToChild() && !o.childToHost() && o.siblingToChild();
    }
}
