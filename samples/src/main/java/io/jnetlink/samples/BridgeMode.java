package io.jnetlink.samples;

import io.jnetlink.core.NetNs;
import io.jnetlink.macvlan.MacvlanMode;
import io.jnetlink.testkit.Ping;

import java.util.List;

/** Scenario 1: two bridge-mode children of one parent, each in its own namespace, reach each other. */
public final class BridgeMode implements Scenario<BridgeMode.Observation> {

    /** Ping results between the two children. */
    public record Observation(boolean c1ToC2, boolean c2ToC1) {
    }

    public static void main(String[] args) throws Exception {
        Scenario.runAlone(new BridgeMode());
    }

    @Override
    public String title() {
        return "1 bridge mode";
    }

    @Override
    public String claim() {
        return "children of one parent reach each other";
    }

    @Override
    public Observation observe(Lab lab) {
        List<NetNs> c = lab.children(lab.segment(null), MacvlanMode.BRIDGE, "c", "192.0.2.11/24", "192.0.2.12/24");
        return new Observation(Ping.answers(c.get(0), "192.0.2.12"), Ping.answers(c.get(1), "192.0.2.11"));
    }

    @Override
    public String describe(Observation o) {
        return "c1 -> c2 " + Ping.reply(o.c1ToC2()) + ", c2 -> c1 " + Ping.reply(o.c2ToC1());
    }

    @Override
    public boolean holds(Observation o) {
        return o.c1ToC2() && o.c2ToC1();
    }
}
