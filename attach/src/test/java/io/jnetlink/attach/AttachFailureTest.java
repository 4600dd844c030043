package io.jnetlink.attach;

import io.jnetlink.core.NetNsThread;
import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.Owner;
import io.jnetlink.ipam.RouteConfig;
import io.jnetlink.ipam.hostlocal.HostLocalAllocator;
import io.jnetlink.ipam.hostlocal.HostLocalConfig;
import io.jnetlink.ipam.hostlocal.IpRange;
import io.jnetlink.ipam.hostlocal.RangeSet;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An attach that fails part-way leaves nothing: the parent is looked up while the container is
 * entered, and the link's addresses, up state and routes go in one batch; whichever step fails, the
 * link goes and the lease is released, and the error is the first step's that failed.
 */
@RequiresNetAdmin
class AttachFailureTest {

    private static final Owner FIRST = new Owner("ctr-1", "eth0");
    private static final Owner SECOND = new Owner("ctr-2", "eth0");
    /** The address the first container asks for, and the second one then too. */
    private static final InetAddress TAKEN = InetAddresses.parse("ip", "198.51.100.7");

    @Test
    void aRouteTheKernelRefusesInTheBatchRemovesTheLinkAndReleasesTheLease() {
        try (Sandbox t = Sandbox.create(); Sandbox c1 = Sandbox.create()) {
            Path dataDir = t.directory("ipam");
            RtNetlink rt = host(t);
            HostLocalAllocator ipam = new HostLocalAllocator(new HostLocalConfig("n", dataDir,
                    List.of(RangeSet.of(IpRange.of("198.51.100.0/24"))),
                    List.of(new RouteConfig(Prefix.parseNetwork("203.0.113.0/24"),
                            InetAddresses.parse("gw", "192.0.2.1"))), null)); // not reachable from the link
            MacvlanAttacher attacher = attacher(rt, ipam);

            assertThatThrownBy(() -> attacher.attach(MacvlanAttachment.of("parent0"), c1.ns(), FIRST, List.of()))
                    .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                        assertThat(e.getMessage()).startsWith("add route 203.0.113.0/24 via 192.0.2.1")
                                .contains("in network namespace " + c1.name() + " failed: ENETUNREACH")
                                .contains("kernel says \"Nexthop has invalid gateway\"");
                        assertThat(e.errnoName()).isEqualTo("ENETUNREACH");
                    });

            assertThat(Command.check("ip", "-n", c1.name(), "-o", "link")).doesNotContain("eth0");
            assertThat(ipam.list()).isEmpty();
        }
    }

    @Test
    void aLinkTheKernelCannotMakeReleasesTheLeaseIpamGaveMeanwhile() {
        try (Sandbox t = Sandbox.create(); Sandbox c1 = Sandbox.create()) {
            RtNetlink rt = host(t);
            HostLocalAllocator ipam = hostLocal(t);
            MacvlanAttacher attacher = attacher(rt, ipam);

            assertThatThrownBy(() -> attacher.attach(MacvlanAttachment.of("parent0").withMtu(9000), c1.ns(), FIRST,
                    List.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("mtu: 9000 is larger than the MTU 1500 of parent parent0");

            assertThat(ipam.list()).isEmpty();
            assertThat(Command.check("ip", "-n", c1.name(), "-o", "link")).doesNotContain("eth0");
        }
    }

    @Test
    void whenIpamAndTheLinkWouldBothFailIpamsFailureComesFirst() {
        try (Sandbox t = Sandbox.create(); Sandbox c1 = Sandbox.create(); Sandbox c2 = Sandbox.create();
             NetNsThread entry = new NetNsThread()) {
            RtNetlink rt = host(t);
            HostLocalAllocator ipam = hostLocal(t);
            MacvlanAttacher attacher = attacher(rt, ipam);
            attacher.attach(MacvlanAttachment.of("parent0"), c1.ns(), entry, FIRST, List.of(TAKEN));

            assertThatThrownBy(() -> attacher.attach(MacvlanAttachment.of("parent0").withMtu(9000), c2.ns(), entry,
                    SECOND, List.of(TAKEN)))
                    .isInstanceOf(IpamException.class)
                    .hasMessageContaining("requested IP address 198.51.100.7 is not available");

            assertThat(Command.check("ip", "-n", c2.name(), "-o", "link")).doesNotContain("eth0");
            assertThat(ipam.list()).singleElement().satisfies(l -> assertThat(l.containerId()).isEqualTo("ctr-1"));
        }
    }

    @Test
    void anIpamFailureMakesNoLinkAndKeepsTheOtherLease() {
        try (Sandbox t = Sandbox.create(); Sandbox c1 = Sandbox.create(); Sandbox c2 = Sandbox.create();
             NetNsThread entry = new NetNsThread()) {
            RtNetlink rt = host(t);
            HostLocalAllocator ipam = hostLocal(t);
            MacvlanAttacher attacher = attacher(rt, ipam);
            attacher.attach(MacvlanAttachment.of("parent0"), c1.ns(), entry, FIRST, List.of(TAKEN));

            assertThatThrownBy(() -> attacher.attach(MacvlanAttachment.of("parent0"), c2.ns(), entry, SECOND,
                    List.of(TAKEN))).isInstanceOf(IpamException.class);

            assertThat(Command.check("ip", "-n", c2.name(), "-o", "link")).doesNotContain("eth0");
            assertThat(ipam.list()).hasSize(1);
        }
    }

    private static HostLocalAllocator hostLocal(Sandbox t) {
        return new HostLocalAllocator(HostLocalConfig.of("n", t.directory("ipam"), "198.51.100.0/24"));
    }

    private static MacvlanAttacher attacher(RtNetlink rt, HostLocalAllocator ipam) {
        return new MacvlanAttacher(rt, "n", ipam, MacvlanAttacher.RoutePolicy.FROM_IPAM);
    }

    private static RtNetlink host(Sandbox t) {
        t.veth("parent0", "peer0");
        return t.closeLater(RtNetlink.open(t.ns()));
    }
}
