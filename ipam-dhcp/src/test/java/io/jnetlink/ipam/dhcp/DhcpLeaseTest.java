package io.jnetlink.ipam.dhcp;

import io.jnetlink.attach.Endpoint;
import io.jnetlink.attach.MacvlanAttacher;
import io.jnetlink.attach.MacvlanAttachment;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.IpamUnavailableException;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.Owner;
import io.jnetlink.ipam.RouteConfig;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.DhcpServer;
import io.jnetlink.testkit.NetworkSandbox;
import io.jnetlink.testkit.Ping;
import io.jnetlink.testkit.Sandbox;
import io.jnetlink.testkit.SandboxDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code dhcp} type against a real ISC dhcpd on a sandbox LAN (see {@link DhcpLan}): a macvlan
 * attached with it gets an address the server's lease file shows against the reference plugin's
 * client identifier, reaches the server, has its short lease renewed several times (also after the
 * renewer restarts) and released on detach; with no server, ADD fails in its time, leaving nothing.
 */
@NetworkSandbox
class DhcpLeaseTest {

    @AfterEach
    void noRenewerLeftRunning() {
        DhcpRenewer.running().ifPresent(DhcpRenewer::close);
    }

    @Test
    void addGetsALeaseTheServerRecordsRenewsItAndReleasesItOnDetach(Sandbox box, @SandboxDirectory Path leases)
            throws Exception {
        DhcpLan lan = new DhcpLan(box);
        DhcpServer server = lan.iscServer(4, "");
        DhcpRenewer renewer = lan.renewer(leases);
        MacvlanAttacher attacher = lan.attacher(DhcpLan.ipam(Map.of("timeout", 5)));
        NetNs container = lan.container("c1");
        Owner owner = new Owner("ctr-1", "eth0");

        Endpoint e = lan.attach(attacher, container, owner);

        String address = InetAddresses.text(e.addresses().getFirst().address().address());
        assertThat(e.addresses().getFirst().address().length()).isEqualTo(24);
        assertThat(address).startsWith("198.51.100.");
        assertThat(InetAddresses.text(e.addresses().getFirst().gateway())).isEqualTo(DhcpServer.ROUTER);
        assertThat(e.allocation().routes()).extracting(RouteConfig::toString)
                .containsExactly("203.0.113.0/24 via 198.51.100.1", "default via 198.51.100.1");
        assertThat(e.allocation().dns().nameservers()).containsExactly(DhcpServer.DNS);
        assertThat(e.allocation().dns().domain()).isEqualTo(DhcpServer.DOMAIN);

        DhcpServer.LeaseBlock granted = server.lastLease(address);
        assertThat(granted).as("server lease file:\n" + server.leaseFile()).isNotNull();
        assertThat(granted.bindingState()).isEqualTo("active");
        assertThat(granted.uid()).isEqualTo(DhcpServer.uid(DhcpLease.referenceClientId(DhcpLan.NETWORK, owner)));
        assertThat(granted.hardware()).isEqualTo(e.mac().toString());
        try (RtNetlink inside = RtNetlink.open(container)) {
            assertThat(inside.addresses().list("eth0")).anyMatch(a -> InetAddresses.text(a.address()).equals(address));
        }
        assertThat(Ping.answers(container, DhcpServer.SERVER)).as("ping the server from the container").isTrue();

        String firstEnd = granted.ends();
        await(Duration.ofSeconds(20), () -> renewer.renewals() >= 3, "three renewals of a 4 s lease");
        assertThat(server.lastLease(address).ends()).as("the server extended the lease").isNotEqualTo(firstEnd);
        assertThat(server.lastLease(address).bindingState()).isEqualTo("active");
        assertThat(attacher.check(MacvlanAttachment.of("parent0"), container, e)).isEmpty();

        attacher.detach(container, owner);
        await(Duration.ofSeconds(5), () -> "free".equals(server.lastLease(address).bindingState()),
                "the server's lease file shows the release");
        assertThat(renewer.leases()).isEmpty();
        try (var files = Files.list(leases)) {
            assertThat(files.filter(f -> f.toString().endsWith(".lease"))).isEmpty();
        }
    }

    @Test
    void renewalsGoOnAfterTheRenewerRestarts(Sandbox box, @SandboxDirectory Path leases) throws Exception {
        DhcpLan lan = new DhcpLan(box);
        DhcpServer server = lan.iscServer(4, "");
        DhcpRenewer first = DhcpRenewer.start(leases);
        MacvlanAttacher attacher = lan.attacher(DhcpLan.ipam(Map.of("timeout", 5)));
        NetNs container = lan.container("c1");
        Owner owner = new Owner("ctr-restart", "eth0");
        Endpoint e = lan.attach(attacher, container, owner);
        String address = InetAddresses.text(e.addresses().getFirst().address().address());
        first.close();

        Thread.sleep(1000);
        DhcpRenewer second = lan.renewer(leases);
        assertThat(second.leases()).singleElement().satisfies(l -> assertThat(l.owner()).isEqualTo(owner));
        Instant firstExpiry = second.leases().getFirst().expiresAt();
        await(Duration.ofSeconds(20), () -> second.renewals() >= 3, "three renewals by the restarted renewer");
        assertThat(Instant.now()).isAfter(firstExpiry);
        assertThat(server.lastLease(address).bindingState()).isEqualTo("active");
        assertThat(second.lease(DhcpLan.NETWORK, owner).orElseThrow().state()).isEqualTo(DhcpLease.State.BOUND);
        assertThat(Ping.answers(container, DhcpServer.SERVER)).isTrue();
        attacher.detach(container, owner);
    }

    @Test
    void withoutAServerAddFailsInItsTimeAndLeavesNothing(Sandbox box, @SandboxDirectory Path leases) {
        DhcpLan lan = new DhcpLan(box);
        DhcpRenewer renewer = lan.renewer(leases);
        MacvlanAttacher attacher = lan.attacher(DhcpLan.ipam(Map.of("timeout", "1500ms")));
        NetNs container = lan.container("c1");
        Instant before = Instant.now();
        assertThatThrownBy(() -> lan.attach(attacher, container, new Owner("ctr-none", "eth0")))
                .isInstanceOf(IpamUnavailableException.class)
                .hasMessageContaining("eth0").hasMessageContaining("no DHCPOFFER within PT1.5S")
                .hasMessageContaining("DHCPDISCOVERs broadcast");
        assertThat(Duration.between(before, Instant.now())).as("the timeout holds (generously: a busy machine)")
                .isLessThan(Duration.ofSeconds(15));
        try (RtNetlink inside = RtNetlink.open(container)) {
            assertThat(inside.links().get("eth0")).isEmpty();
        }
        assertThat(renewer.leases()).isEmpty();
        assertThat(leases.toFile().list((d, n) -> n.endsWith(".lease"))).isEmpty();
    }

    @Test
    void gcReleasesTheLeasesOfAttachmentsNotListedAsValid(Sandbox box, @SandboxDirectory Path leases)
            throws Exception {
        DhcpLan lan = new DhcpLan(box);
        DhcpServer server = lan.iscServer(60, "");
        lan.renewer(leases);
        IpAllocator dhcp = box.closeLater(Ipam.open(DhcpLan.NETWORK, DhcpLan.ipam(Map.of("timeout", 5))));
        MacvlanAttacher attacher = new MacvlanAttacher(lan.host, DhcpLan.NETWORK, dhcp,
                MacvlanAttacher.RoutePolicy.FROM_IPAM);
        Owner kept = new Owner("ctr-kept", "eth0");
        Owner gone = new Owner("ctr-gone", "eth0");
        String keptAddress = address(lan.attach(attacher, lan.container("c1"), kept));
        String goneAddress = address(lan.attach(attacher, lan.container("c2"), gone));

        assertThat(dhcp.garbageCollect(Set.of(kept))).extracting(Lease::containerId).containsExactly("ctr-gone");

        await(Duration.ofSeconds(5), () -> "free".equals(server.lastLease(goneAddress).bindingState()),
                "the server's lease file shows the release of the collected lease");
        assertThat(server.lastLease(keptAddress).bindingState()).isEqualTo("active");
        assertThat(dhcp.list()).extracting(Lease::containerId).containsExactly("ctr-kept");
        dhcp.check(kept);
        assertThatThrownBy(() -> dhcp.check(gone)).isInstanceOf(IpamException.class)
                .hasMessageContaining("ctr-gone/eth0 holds no lease on network " + DhcpLan.NETWORK);
    }

    @Test
    void withoutARenewerTheTypeIsRefusedWithTryAgainLater() {
        assertThat(DhcpRenewer.running()).isEmpty();
        assertThatThrownBy(() -> Ipam.open(DhcpLan.NETWORK, DhcpLan.ipam(Map.of())))
                .isInstanceOf(IpamUnavailableException.class)
                .hasMessageContaining("no DHCP renewer runs in this process")
                .hasMessageContaining("cni-daemon").hasMessageContaining("DhcpRenewer.start");
    }

    private static String address(Endpoint e) {
        return InetAddresses.text(e.addresses().getFirst().address().address());
    }

    private static void await(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
