package io.jnetlink.samples;

import io.jnetlink.core.NetNs;
import io.jnetlink.macvlan.MacvlanMode;
import io.jnetlink.testkit.Ping;

/**
 * Scenario 4: VEPA children send everything to the switch; they reach each other only when
 * the switch port reflects frames back ({@code brctl hairpin br0 eth1 on}).
 */
public final class VepaHairpin implements Scenario<VepaHairpin.Observation> {

    /** Child-to-child pings with the switch port's hairpin off, then on. */
    public record Observation(boolean hairpinOff, boolean hairpinOn) {
    }

    public static void main(String[] args) throws Exception {
        Scenario.runAlone(new VepaHairpin());
    }

    @Override
    public String title() {
        return "4 VEPA + hairpin";
    }

    @Override
    public String claim() {
        return "VEPA children reach each other only via a hairpin switch";
    }

    @Override
    public Observation observe(Lab lab) {
        Lab.Segment segment = lab.segment(null);
        NetNs c1 = lab.children(segment, MacvlanMode.VEPA, "c", "192.0.2.11/24", "192.0.2.12/24").getFirst();
        boolean off = Ping.answers(c1, "192.0.2.12");
        segment.switchLinks().links().setHairpinOn("wire0");
        return new Observation(off, Ping.answers(c1, "192.0.2.12"));
    }

    @Override
    public String describe(Observation o) {
        return "c1 -> c2 hairpin off " + Ping.reply(o.hairpinOff()) + ", on " + Ping.reply(o.hairpinOn());
    }

    @Override
    public boolean holds(Observation o) {
        return !o.hairpinOff() && o.hairpinOn();
    }
}
