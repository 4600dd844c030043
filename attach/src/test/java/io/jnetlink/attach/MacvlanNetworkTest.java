package io.jnetlink.attach;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.hostlocal.HostLocalAllocator;
import io.jnetlink.ipam.hostlocal.HostLocalConfig;
import io.jnetlink.ipam.hostlocal.IpRange;
import io.jnetlink.ipam.hostlocal.RangeSet;
import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.LinkNotFoundException;
import io.jnetlink.macvlan.MacvlanMode;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MacvlanNetwork: attach/detach with IPAM, all-or-nothing, and the host shim. */
@RequiresNetAdmin
class MacvlanNetworkTest {

    @TempDir
    Path dataDir;

    /** The host side: veth parent {@code parent0} in the sandbox, and an RtNetlink there. */
    private static RtNetlink host(Sandbox t) {
        t.veth("parent0", "peer0");
        return t.closeLater(RtNetlink.open(t.ns()));
    }

    private MacvlanNetwork network(RtNetlink rt) {
        return MacvlanNetwork.create(rt, "mac1", "parent0", "198.51.100.0/24", "198.51.100.254", dataDir);
    }

    @Test
    void attachGivesTheContainerAnInterfaceAddressAndDefaultRoute() {
        try (Sandbox t = Sandbox.create(); Sandbox c1 = Sandbox.create()) {
            RtNetlink rt = host(t);
            Endpoint e = network(rt).attach(c1.ns(), "eth0");

            assertThat(e.containerId()).isEqualTo(MacvlanNetwork.containerId(c1.ns()));
            assertThat(e.addresses()).extracting(Object::toString).containsExactly("198.51.100.1/24 gw 198.51.100.254");
            String link = Command.check("ip", "-n", c1.name(), "-d", "link", "show", "eth0");
            assertThat(link).contains("macvlan mode bridge").contains(e.mac().toString()).contains("state UP");
            assertThat(Command.check("ip", "-n", c1.name(), "address", "show", "eth0"))
                    .contains("inet 198.51.100.1/24 brd 198.51.100.255");
            assertThat(Command.check("ip", "-n", c1.name(), "route", "show", "default"))
                    .contains("default via 198.51.100.254 dev eth0");
            assertThat(dataDir.resolve("mac1/198.51.100.1")).hasContent(e.containerId() + "\r\neth0");
        }
    }

    @Test
    void dualStackAllocationsGetBothAddressesAndBothDefaultRoutes() {
        try (Sandbox t = Sandbox.create(); Sandbox c1 = Sandbox.create()) {
            RtNetlink rt = host(t);
            HostLocalAllocator ipam = new HostLocalAllocator(new HostLocalConfig("dual", dataDir, List.of(
                    RangeSet.of(IpRange.of("198.51.100.0/24")), RangeSet.of(IpRange.of("2001:db8:1::/64"))),
                    List.of(), null));
            MacvlanNetwork dual = new MacvlanNetwork(rt, "dual", "parent0", MacvlanMode.PRIVATE, ipam);

            Endpoint e = dual.attach("ctr-1", c1.ns(), "net1", null);

            assertThat(e.addresses()).extracting(ip -> ip.address().toString())
                    .containsExactly("198.51.100.2/24", "2001:db8:1::2/64");
            assertThat(Command.check("ip", "-n", c1.name(), "-d", "link", "show", "net1")).contains("mode private");
            assertThat(Command.check("ip", "-n", c1.name(), "route", "show", "default"))
                    .contains("default via 198.51.100.1 dev net1");
            assertThat(Command.check("ip", "-n", c1.name(), "-6", "route", "show", "default"))
                    .contains("default via 2001:db8:1::1 dev net1");
        }
    }

    @Test
    void aFailedAttachLeavesNeitherLinkNorLease() {
        try (Sandbox t = Sandbox.create(); Sandbox c1 = Sandbox.create(); Sandbox c2 = Sandbox.create()) {
            RtNetlink rt = host(t);
            MacvlanNetwork net = network(rt);
            net.attach(c1.ns(), "eth0", InetAddresses.parse("ip", "198.51.100.7"));

            assertThatThrownBy(() -> net.attach(c2.ns(), "eth0", InetAddresses.parse("ip", "198.51.100.7")))
                    .isInstanceOf(IpamException.class)
                    .hasMessageContaining("requested IP address 198.51.100.7 is not available");
            assertThat(Command.check("ip", "-n", c2.name(), "-o", "link")).doesNotContain("eth0");
            assertThat(net.ipam().list()).hasSize(1);
        }
    }

    @Test
    void whenTheLinkCannotBeCreatedTheLeaseIsReleased() {
        try (Sandbox t = Sandbox.create(); Sandbox c1 = Sandbox.create()) {
            RtNetlink rt = host(t);
            MacvlanNetwork net = network(rt);
            rt.links().delete("parent0"); // the parent vanishes after the network was defined

            assertThatThrownBy(() -> net.attach(c1.ns(), "eth0")).isInstanceOf(LinkNotFoundException.class)
                    .hasMessageContaining("parent0");
            assertThat(net.ipam().list()).isEmpty();
            assertThat(Command.check("ip", "-n", c1.name(), "-o", "link")).doesNotContain("eth0");
        }
    }

    @Test
    void attachingTwiceIsRefusedAndDetachFreesEverything() {
        try (Sandbox t = Sandbox.create(); Sandbox c1 = Sandbox.create()) {
            RtNetlink rt = host(t);
            MacvlanNetwork net = network(rt);
            net.attach(c1.ns(), "eth0");

            assertThatThrownBy(() -> net.attach(c1.ns(), "eth0")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("attach " + MacvlanNetwork.containerId(c1.ns()) + "/eth0 to macvlan network mac1: "
                            + "the container already has an interface eth0 (attached twice?)");
            assertThat(net.ipam().list()).hasSize(1);

            net.detach(c1.ns(), "eth0");
            net.detach(c1.ns(), "eth0"); // nothing left: not an error

            assertThat(net.ipam().list()).isEmpty();
            assertThat(Command.check("ip", "-n", c1.name(), "-o", "link")).doesNotContain("eth0");
        }
    }

    @Test
    void networksRefuseModesThatCannotServeSeveralEndpointsAndMissingParents() {
        try (Sandbox t = Sandbox.create()) {
            RtNetlink rt = host(t);
            HostLocalAllocator ipam = new HostLocalAllocator(HostLocalConfig.of("n", dataDir, "198.51.100.0/24"));
            assertThatThrownBy(() -> new MacvlanNetwork(rt, "n", "parent0", MacvlanMode.PASSTHRU, ipam))
                    .hasMessageContaining("network mode: passthru cannot serve several endpoints");
            assertThatThrownBy(() -> new MacvlanNetwork(rt, "n", "eth9", MacvlanMode.BRIDGE, ipam))
                    .isInstanceOf(LinkNotFoundException.class).hasMessageContaining("eth9");
        }
    }

    @Test
    void hostShimHoldsAReservedHostAddressAndRoutes() {
        try (Sandbox t = Sandbox.create()) {
            RtNetlink rt = host(t);
            MacvlanNetwork net = network(rt);

            Link shim = net.addHostShim("shim0", InetAddresses.parse("ip", "198.51.100.250"),
                    List.of(Prefix.parseNetwork("198.51.100.0/25")));

            assertThat(shim.isUp()).isTrue();
            assertThat(shim.macvlan().mode()).contains(MacvlanMode.BRIDGE);
            assertThat(Command.check("ip", "-n", t.name(), "address", "show", "shim0"))
                    .contains("inet 198.51.100.250/32");
            assertThat(Command.check("ip", "-n", t.name(), "route", "show", "198.51.100.0/25"))
                    .contains("dev shim0");
            assertThat(net.ipam().list()).extracting(Lease::containerId, Lease::ifName)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("host-shim", "shim0"));

            net.removeHostShim("shim0");

            assertThat(rt.links().get("shim0")).isEmpty();
            assertThat(net.ipam().list()).isEmpty();
        }
    }
}
