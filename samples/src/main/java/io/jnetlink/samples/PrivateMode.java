package io.jnetlink.samples;

import io.jnetlink.core.NetNs;
import io.jnetlink.macvlan.MacvlanMode;
import io.jnetlink.testkit.Ping;

/**
 * Scenario 5: private children never reach each other, even through a hairpin switch port;
 * VEPA children on the same parent and port do, which shows the hairpin works.
 */
public final class PrivateMode implements Scenario<PrivateMode.Observation> {

    /** Private children with hairpin off and on, and the VEPA control with hairpin on. */
    public record Observation(boolean hairpinOff, boolean hairpinOn, boolean vepaControl) {
    }

    public static void main(String[] args) throws Exception {
        Scenario.runAlone(new PrivateMode());
    }

    @Override
    public String title() {
        return "5 private";
    }

    @Override
    public String claim() {
        return "private children never reach each other, hairpin or not";
    }

    @Override
    public Observation observe(Lab lab) {
        Lab.Segment segment = lab.segment(null);
        NetNs p1 = lab.children(segment, MacvlanMode.PRIVATE, "p", "192.0.2.21/24", "192.0.2.22/24").getFirst();
        NetNs v1 = lab.children(segment, MacvlanMode.VEPA, "v", "192.0.2.31/24", "192.0.2.32/24").getFirst();
        boolean off = Ping.answers(p1, "192.0.2.22");
        segment.switchLinks().links().setHairpinOn("wire0");
        return new Observation(off, Ping.answers(p1, "192.0.2.22"), Ping.answers(v1, "192.0.2.32"));
    }

    @Override
    public String describe(Observation o) {
        return "p1 -> p2 hairpin off " + Ping.reply(o.hairpinOff()) + ", on " + Ping.reply(o.hairpinOn())
                + " (VEPA pair, on: " + Ping.reply(o.vepaControl()) + ")";
    }

    @Override
    public boolean holds(Observation o) {
        return !o.hairpinOff() && !o.hairpinOn() && o.vepaControl();
    }
}
