package io.jnetlink.samples;

import io.jnetlink.attach.Endpoint;
import io.jnetlink.attach.MacvlanNetwork;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.Ping;

/**
 * Scenario 8: the notes' Docker network, {@code docker network create -d macvlan
 * --subnet=... --gateway=... -o parent=eth1 mac1} and {@code docker run --ip=... --network mac1},
 * as a {@link MacvlanNetwork}: attached containers reach each other; detach frees the address and
 * removes the interface; attaching a container twice is refused.
 */
public final class DockerNetwork implements Scenario<DockerNetwork.Observation> {

    /** The endpoints, their reachability, the refusal of a second attach, and what detach left. */
    public record Observation(Endpoint c1, Endpoint c2, boolean c1ToC2, String secondAttachRefusal,
                              int leasesAfterDetach, boolean interfaceAfterDetach) {
    }

    public static void main(String[] args) throws Exception {
        Scenario.runAlone(new DockerNetwork());
    }

    @Override
    public String title() {
        return "8 docker network";
    }

    @Override
    public String claim() {
        return "attach/detach containers to a macvlan network with IPAM";
    }

    @Override
    public Observation observe(Lab lab) throws Exception {
        Lab.Segment segment = lab.segment(null);
        // docker network create -d macvlan --subnet=198.51.100.0/24 --gateway=198.51.100.254 -o parent=eth0 mac1
        MacvlanNetwork mac1 = MacvlanNetwork.create(segment.hostLinks(), "mac1", "eth0", "198.51.100.0/24",
                "198.51.100.254", lab.directory("ipam"));
        NetNs c1 = lab.namespace("c1");
        NetNs c2 = lab.namespace("c2");
        // docker run --ip=198.51.100.200 --network mac1 ...
        Endpoint e1 = mac1.attach(c1, "eth0", InetAddresses.parse("ip", "198.51.100.200"));
        Endpoint e2 = mac1.attach(c2, "eth0");
        boolean reach = Ping.answers(c1, InetAddresses.text(e2.addresses().getFirst().address().address()));
        String refusal = null;
        try {
            mac1.attach(c1, "eth0");
        } catch (RuntimeException e) {
            refusal = e.getMessage();
        }
        mac1.detach(c2, "eth0");
        boolean left;
        try (RtNetlink inside = RtNetlink.open(c2)) {
            left = inside.links().get("eth0").isPresent();
        }
        return new Observation(e1, e2, reach, refusal, mac1.ipam().list().size(), left);
    }

    @Override
    public String describe(Observation o) {
        return "c1 -> c2 " + Ping.reply(o.c1ToC2()) + ", 2nd attach "
                + (o.secondAttachRefusal() != null ? "refused" : "accepted") + ", detach: " + o.leasesAfterDetach()
                + " lease left" + (o.interfaceAfterDetach() ? ", iface left" : ", iface gone");
    }

    @Override
    public boolean holds(Observation o) {
        return o.c1ToC2() && o.secondAttachRefusal() != null && o.leasesAfterDetach() == 1
                && !o.interfaceAfterDetach();
    }
}
