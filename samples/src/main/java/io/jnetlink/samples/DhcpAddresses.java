package io.jnetlink.samples;

import io.jnetlink.attach.Endpoint;
import io.jnetlink.attach.MacvlanAttacher;
import io.jnetlink.attach.MacvlanAttachment;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.Owner;
import io.jnetlink.ipam.dhcp.DhcpRenewer;
import io.jnetlink.macvlan.Address;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.macvlan.Veth;
import io.jnetlink.testkit.DhcpServer;
import io.jnetlink.testkit.Ping;

import java.util.List;
import java.util.Map;

/**
 * Scenario 11: a container on the notes' macvlan gets its address from the LAN's DHCP server (ISC
 * dhcpd on the switch, 4 s leases) through the {@code dhcp} IPAM type, reaches the server, and the
 * lease is renewed while a {@link DhcpRenewer} runs.
 */
public final class DhcpAddresses implements Scenario<DhcpAddresses.Observation> {

    /** The address and gateway the container got, whether it reaches the server, renewals seen in 5 s. */
    public record Observation(String address, String gateway, boolean reachesServer, int renewals) {
    }

    public static void main(String[] args) throws Exception {
        Scenario.runAlone(new DhcpAddresses());
    }

    @Override
    public String title() {
        return "11 DHCP addresses";
    }

    @Override
    public String claim() {
        return "a container's address from the LAN's DHCP server, renewed";
    }

    @Override
    public Observation observe(Lab lab) throws Exception {
        Lab.Segment segment = lab.segment(null);
        NetNs server = lab.namespace("dhcpd");
        segment.switchLinks().links().create(Veth.of("port1", "srv0").withPeerNetns(server));
        segment.switchLinks().links().setMaster("port1", "br0");
        segment.switchLinks().links().setUp("port1");
        RtNetlink serverLinks = lab.rtnetlink(server);
        serverLinks.addresses().add("srv0", Address.parse(DhcpServer.SERVER + "/24"));
        serverLinks.links().setUp("srv0");
        String serverNs = lab.namespaceNames().stream().filter(n -> n.endsWith("-dhcpd")).findFirst().orElseThrow();
        lab.closeLater(DhcpServer.start(serverNs, "srv0", lab.directory("dhcpd"), 4, ""));

        try (DhcpRenewer renewer = DhcpRenewer.start(lab.directory("leases"))) {   // /var/lib/... in real use
            IpAllocator dhcp = lab.closeLater(Ipam.open("lan", Map.of("type", "dhcp")));
            MacvlanAttacher attacher = new MacvlanAttacher(segment.hostLinks(), "lan", dhcp,
                    MacvlanAttacher.RoutePolicy.FROM_IPAM);
            NetNs container = lab.namespace("c1");
            Owner owner = new Owner("c1", "eth0");
            Endpoint e = attacher.attach(MacvlanAttachment.of("eth0"), container, owner, List.of());
            boolean reaches = Ping.answers(container, DhcpServer.SERVER);
            Thread.sleep(5000);
            int renewals = renewer.renewals();
            attacher.detach(container, owner);
            return new Observation(e.addresses().getFirst().address().toString(),
                    InetAddresses.text(e.addresses().getFirst().gateway()), reaches, renewals);
        }
    }

    @Override
    public String describe(Observation o) {
        return o.address() + " gw " + o.gateway() + ", server " + Ping.reply(o.reachesServer()) + ", renewed "
                + o.renewals() + "x in 5 s";
    }

    @Override
    public boolean holds(Observation o) {
        return o.address().startsWith("198.51.100.") && o.gateway().equals(DhcpServer.ROUTER) && o.reachesServer()
                && o.renewals() >= 1;
    }
}
