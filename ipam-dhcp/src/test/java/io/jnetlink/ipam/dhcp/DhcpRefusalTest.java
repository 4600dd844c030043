package io.jnetlink.ipam.dhcp;

import io.jnetlink.attach.Endpoint;
import io.jnetlink.attach.MacvlanAttacher;
import io.jnetlink.attach.MacvlanAttachment;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.Owner;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.NetworkSandbox;
import io.jnetlink.testkit.Sandbox;
import io.jnetlink.testkit.SandboxDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.jnetlink.ipam.dhcp.DhcpMessageType.DHCPACK;
import static io.jnetlink.ipam.dhcp.DhcpMessageType.DHCPDISCOVER;
import static io.jnetlink.ipam.dhcp.DhcpMessageType.DHCPNAK;
import static io.jnetlink.ipam.dhcp.DhcpMessageType.DHCPOFFER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a real server will not do on demand, from a {@link FakeDhcpServer}: a reply for another
 * transaction is ignored; a DHCPNAK on ADD is a clear error leaving nothing; a DHCPNAK on renewal
 * loses the lease, the address leaves the interface and CHECK says so.
 */
@NetworkSandbox
class DhcpRefusalTest {

    @AfterEach
    void noRenewerLeftRunning() {
        DhcpRenewer.running().ifPresent(DhcpRenewer::close);
    }

    @Test
    void aForgedOfferIsIgnoredAndADhcpnakOnAddIsAClearErrorLeavingNothing(Sandbox box, @SandboxDirectory Path leases)
            throws Exception {
        DhcpLan lan = new DhcpLan(box);
        DhcpRenewer renewer = lan.renewer(leases);
        try (FakeDhcpServer server = new FakeDhcpServer(lan.serverNs, "srv0", request -> request.type()
                .orElseThrow() == DHCPDISCOVER
                ? List.of(FakeDhcpServer.reply(request, request.xid() + 1, DHCPOFFER, "198.51.100.66", 60, null),
                FakeDhcpServer.reply(request, request.xid(), DHCPOFFER, "198.51.100.77", 60, null))
                : List.of(FakeDhcpServer.reply(request, request.xid(), DHCPNAK, null, 0, "address in use")))) {
            MacvlanAttacher attacher = lan.attacher(DhcpLan.ipam(Map.of("timeout", 3)));
            NetNs container = lan.container("c1");
            assertThatThrownBy(() -> lan.attach(attacher, container, new Owner("ctr-nak", "eth0")))
                    .isInstanceOf(IpamException.class)
                    .hasMessageContaining("server 198.51.100.1 refused 198.51.100.77 (DHCPNAK: address in use)")
                    .hasMessageContaining("eth0 in network namespace");
            assertThat(server.received()).extracting(m -> m.type().orElseThrow()).startsWith(DHCPDISCOVER,
                    DhcpMessageType.DHCPREQUEST);
            try (RtNetlink inside = RtNetlink.open(container)) {
                assertThat(inside.links().get("eth0")).isEmpty();
            }
            assertThat(renewer.leases()).isEmpty();
            assertThat(leases.toFile().list((d, n) -> n.endsWith(".lease"))).isEmpty();
        }
    }

    @Test
    void aDhcpnakOnRenewalLosesTheLeaseAndTakesTheAddressAway(Sandbox box, @SandboxDirectory Path leases)
            throws Exception {
        DhcpLan lan = new DhcpLan(box);
        DhcpRenewer renewer = lan.renewer(leases);
        try (FakeDhcpServer server = new FakeDhcpServer(lan.serverNs, "srv0", request -> switch (request.type()
                .orElseThrow()) {
            case DHCPDISCOVER -> List.of(FakeDhcpServer.reply(request, request.xid(), DHCPOFFER, "198.51.100.77", 4, null));
            case DHCPREQUEST -> request.ciaddr().getHostAddress().equals("0.0.0.0")
                    ? List.of(FakeDhcpServer.reply(request, request.xid(), DHCPACK, "198.51.100.77", 4, null))
                    : List.of(FakeDhcpServer.reply(request, request.xid(), DHCPNAK, null, 0, "lease revoked"));
            default -> List.of();
        })) {
            MacvlanAttacher attacher = lan.attacher(DhcpLan.ipam(Map.of("timeout", 3)));
            NetNs container = lan.container("c1");
            Owner owner = new Owner("ctr-revoked", "eth0");
            Endpoint e = lan.attach(attacher, container, owner);
            assertThat(e.addresses().getFirst().toString()).isEqualTo("198.51.100.77/24 gw 198.51.100.1");

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (renewer.lease(DhcpLan.NETWORK, owner).orElseThrow().state() != DhcpLease.State.LOST) {
                assertThat(System.nanoTime()).as("lease lost within 10 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            try (RtNetlink inside = RtNetlink.open(container)) {
                assertThat(inside.addresses().list("eth0")).noneMatch(a -> InetAddresses.text(a.address())
                        .equals("198.51.100.77"));
            }
            assertThat(attacher.check(MacvlanAttachment.of("parent0"), container, e))
                    .anyMatch(p -> p.contains("ipam: DHCP: the lease of ctr-revoked/eth0 on 198.51.100.77 was lost"));
            attacher.detach(container, owner);
            assertThat(renewer.leases()).isEmpty();
            assertThat(server.received()).extracting(m -> m.type().orElseThrow())
                    .as("no DHCPRELEASE for a lost lease").doesNotContain(DhcpMessageType.DHCPRELEASE);
        }
    }
}
