package io.jnetlink.samples;

import io.jnetlink.attach.Endpoint;
import io.jnetlink.attach.MacvlanNetwork;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.testkit.Ping;

import java.util.List;

/**
 * Scenario 3: the notes' shim. The host gets a bridge-mode macvlan of its own on the parent
 * (the {@code /etc/sysconfig/network} script's {@code macvlan1} with an address), plus a route to
 * the children through it; then host and children reach each other. One call:
 * {@link MacvlanNetwork#addHostShim}.
 */
public final class HostShim implements Scenario<HostShim.Observation> {

    /** Reachability before and after the shim. */
    public record Observation(boolean hostToChildBefore, boolean hostToChildAfter, boolean childToShimAfter,
                              String shimAddress) {
    }

    public static void main(String[] args) throws Exception {
        Scenario.runAlone(new HostShim());
    }

    @Override
    public String title() {
        return "3 host shim";
    }

    @Override
    public String claim() {
        return "a host-side macvlan + route lets host and children talk";
    }

    @Override
    public Observation observe(Lab lab) throws Exception {
        Lab.Segment segment = lab.segment("192.0.2.1/24");
        MacvlanNetwork network = MacvlanNetwork.create(segment.hostLinks(), "shimnet", "eth0", "192.0.2.0/24",
                "192.0.2.1", lab.directory("ipam"));
        NetNs c1 = lab.namespace("c1");
        Endpoint child = network.attach(c1, "eth0");
        String childAddress = InetAddresses.text(child.addresses().getFirst().address().address());
        boolean before = Ping.answers(segment.host(), childAddress);

        network.addHostShim("macvlan1", InetAddresses.parse("shim", "192.0.2.200"),
                List.of(Prefix.parseNetwork("192.0.2.0/25")));

        return new Observation(before, Ping.answers(segment.host(), childAddress), Ping.answers(c1, "192.0.2.200"),
                "192.0.2.200");
    }

    @Override
    public String describe(Observation o) {
        return "host -> child " + Ping.reply(o.hostToChildBefore()) + " before, " + Ping.reply(o.hostToChildAfter())
                + " after; child -> shim " + Ping.reply(o.childToShimAfter());
    }

    @Override
    public boolean holds(Observation o) {
        return !o.hostToChildBefore() && o.hostToChildAfter() && o.childToShimAfter();
    }
}
