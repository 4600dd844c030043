package io.jnetlink.samples;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.macvlan.Macvlan;
import io.jnetlink.macvlan.MacvlanMode;
import io.jnetlink.macvlan.RtNetlink;

/**
 * Scenario 6: a passthru parent takes one child only; the child inherits the parent's MAC, and
 * may change its own MAC (what VMs and containers need).
 */
public final class Passthru implements Scenario<Passthru.Observation> {

    /** MACs seen and the refusal of a second child. */
    public record Observation(MacAddress parentMac, MacAddress childMac, String secondChildRefusal,
                              MacAddress requestedMac, MacAddress childMacAfterChange) {
    }

    private static final MacAddress NEW_MAC = MacAddress.parse("02:00:5e:00:53:99");

    public static void main(String[] args) throws Exception {
        Scenario.runAlone(new Passthru());
    }

    @Override
    public String title() {
        return "6 passthru";
    }

    @Override
    public String claim() {
        return "one child, with the parent's MAC; it may change its MAC";
    }

    @Override
    public Observation observe(Lab lab) {
        Lab.Segment segment = lab.segment(null);
        NetNs vm = lab.namespace("vm");
        NetNs other = lab.namespace("other");
        MacAddress parentMac = segment.hostLinks().links().require("eth0").mac();
        lab.child(segment, vm, MacvlanMode.PASSTHRU, "192.0.2.11/24");
        String refusal = null;
        try {
            segment.hostLinks().links().create(Macvlan.of("eth0", "eth0").withMode(MacvlanMode.PASSTHRU)
                    .withNetns(other));
        } catch (RuntimeException e) {
            refusal = e.getMessage();
        }
        try (RtNetlink inside = RtNetlink.open(vm)) {
            MacAddress childMac = inside.links().require("eth0").mac();
            inside.links().setMac("eth0", NEW_MAC);
            return new Observation(parentMac, childMac, refusal, NEW_MAC, inside.links().require("eth0").mac());
        }
    }

    @Override
    public String describe(Observation o) {
        return "child MAC " + (o.childMac().equals(o.parentMac()) ? "= parent's" : "differs") + ", 2nd child "
                + (o.secondChildRefusal() != null ? "refused" : "created") + ", MAC change "
                + (o.childMacAfterChange().equals(o.requestedMac()) ? "took" : "failed");
    }

    @Override
    public boolean holds(Observation o) {
        return o.childMac().equals(o.parentMac()) && o.secondChildRefusal() != null
                && o.childMacAfterChange().equals(o.requestedMac());
    }
}
