package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.NetworkSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Link changes, veth pairs across namespaces, bridges and hairpin, against the real kernel. */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class LinkOperationsTest {

    @Test
    void upDownRenameMtuMacAliasGroup(Topology t) {
        t.links().create(Macvlan.of("mv0", "parent0"));
        t.links().setUp("mv0");
        assertThat(t.links().require("mv0").isUp()).isTrue();
        t.links().setDown("mv0");
        assertThat(t.links().require("mv0").isUp()).isFalse();

        t.links().rename("mv0", "renamed0");
        assertThat(t.links().get("mv0")).isEmpty();
        MacAddress mac = MacAddress.parse("02:00:5e:00:53:99");
        t.links().setMtu("renamed0", 1280);
        t.links().setMac("renamed0", mac);
        t.links().setAlias("renamed0", "seed macvlan1");
        t.links().setGroup("renamed0", 77);

        Link link = t.links().require("renamed0");
        assertThat(link.mtu()).isEqualTo(1280);
        assertThat(link.mac()).isEqualTo(mac);
        assertThat(link.alias()).isEqualTo("seed macvlan1");
        assertThat(link.group()).isEqualTo(77);
        assertThat(t.links().get(link.index())).contains(link);
        assertThat(Command.check("ip", "-n", t.name(), "link", "show", "renamed0"))
                .contains("mtu 1280").contains("link/ether 02:00:5e:00:53:99").contains("alias seed macvlan1");

        t.links().delete("renamed0");
        assertThat(t.links().get("renamed0")).isEmpty();
    }

    @Test
    void moveToAnotherNamespaceByHandleAndByPid(Topology t) throws Exception {
        NetNs other = t.box.namespace("other");
        RtNetlink there = t.box.closeLater(RtNetlink.open(other));
        t.links().create(Macvlan.of("mv0", "parent0"));
        t.links().moveTo("mv0", other);
        assertThat(t.links().get("mv0")).isEmpty();
        assertThat(there.links().require("mv0").linkNetnsId()).isNotNegative(); // parent is elsewhere now

        Process sleeper = new ProcessBuilder("ip", "netns", "exec", t.name(), "sleep", "60").start();
        try {
            waitUntilIn(sleeper.pid(), t.box.ns());
            there.links().moveToPid("mv0", sleeper.pid());
            assertThat(there.links().get("mv0")).isEmpty();
            assertThat(t.links().get("mv0")).isPresent();
        } finally {
            sleeper.destroy();
            sleeper.waitFor();
        }
    }

    private static void waitUntilIn(long pid, NetNs ns) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (NetNs of = NetNs.pid(pid)) {
                if (of.isSameAs(ns)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("process " + pid + " never entered " + ns);
    }

    @Test
    void vethPeerIsCreatedDirectlyInAnotherNamespace(Topology t) {
        NetNs other = t.box.namespace("other");
        RtNetlink there = t.box.closeLater(RtNetlink.open(other));
        Link end = t.links().create(Veth.of("ve0", "ve1").withMtu(1450).withPeerNetns(other));
        assertThat(end.kind()).isEqualTo("veth");
        assertThat(end.mtu()).isEqualTo(1450);
        assertThat(t.links().get("ve1")).isEmpty();
        Link peer = there.links().require("ve1");
        assertThat(peer.kind()).isEqualTo("veth");
        assertThat(peer.mtu()).isEqualTo(1450);
    }

    @Test
    void bridgePortsAttachDetachAndHairpin(Topology t) {
        Link bridge = t.links().create(Bridge.of("br0"));
        assertThat(bridge.kind()).isEqualTo("bridge");
        t.links().setMaster("peer0", "br0");
        assertThat(t.links().require("peer0").masterIndex()).isEqualTo(bridge.index());
        assertThat(t.links().require("peer0").port()).isInstanceOfSatisfying(BridgePort.class,
                port -> assertThat(port.hairpin()).isFalse());

        t.links().setHairpinOn("peer0");
        assertThat(Command.check("ip", "-n", t.name(), "-d", "link", "show", "peer0")).contains("hairpin on");
        assertThat(t.links().require("peer0").port()).isInstanceOfSatisfying(BridgePort.class,
                port -> assertThat(port.hairpin()).isTrue());
        t.links().setHairpinOff("peer0");
        assertThat(Command.check("ip", "-n", t.name(), "-d", "link", "show", "peer0")).contains("hairpin off");

        t.links().removeMaster("peer0");
        assertThat(t.links().require("peer0").masterIndex()).isZero();
        assertThat(t.links().require("peer0").port()).isNull();
    }

    @Test
    void listReportsEveryLinkWithKindAndCommonAttributes(Topology t) {
        t.links().create(Macvlan.of("mv0", "parent0"));
        t.links().create(Bridge.of("br0"));
        var links = t.links().list();
        assertThat(MacvlanTest.names(links)).containsExactlyInAnyOrder("lo", "parent0", "peer0", "mv0", "br0");
        Link lo = links.stream().filter(l -> l.name().equals("lo")).findFirst().orElseThrow();
        assertThat(lo.kind()).isNull();
        assertThat(lo.mtu()).isEqualTo(65536);
        Link parent = links.stream().filter(l -> l.name().equals("parent0")).findFirst().orElseThrow();
        assertThat(parent.operState()).isEqualTo(OperState.UP);
        assertThat(parent.kind()).isEqualTo("veth");
    }

    @Test
    void arpNotifyIsSetThroughNetlink(Topology t) {
        t.links().create(Macvlan.of("mv0", "parent0"));
        String sysctl = "/proc/sys/net/ipv4/conf/mv0/arp_notify";
        assertThat(Command.check("ip", "netns", "exec", t.name(), "cat", sysctl).strip()).isEqualTo("0");
        t.links().setArpNotifyOn("mv0");
        assertThat(Command.check("ip", "netns", "exec", t.name(), "cat", sysctl).strip()).isEqualTo("1");
        t.links().setArpNotifyOff("mv0");
        assertThat(Command.check("ip", "netns", "exec", t.name(), "cat", sysctl).strip()).isEqualTo("0");
    }
}
