package io.jnetlink.macvlan;

import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.NetworkSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Values print as {@code ip} prints them, checked against {@code ip} itself on the same objects. */
class PrintingTest {

    @Test
    void flagsPrintByNameInIpsOrder() {
        assertThat(LinkFlag.text(0x11043)).isEqualTo("<BROADCAST,MULTICAST,UP,LOWER_UP>"); // 69699
        assertThat(LinkFlag.text(0x1003)).isEqualTo("<NO-CARRIER,BROADCAST,MULTICAST,UP>");
        assertThat(LinkFlag.text(0x49)).isEqualTo("<LOOPBACK,UP>");
        assertThat(LinkFlag.text(0x1000 | 0x8000000)).isEqualTo("<MULTICAST,8000000>");
        assertThat(LinkFlag.fromBits(0x11043)).containsExactly(LinkFlag.BROADCAST, LinkFlag.MULTICAST, LinkFlag.UP,
                LinkFlag.LOWER_UP, LinkFlag.RUNNING);
    }

    @Test
    @NetworkSandbox
    @ExtendWith(Topology.Parameter.class)
    void aLinkPrintsAsIpDetailedLinkShowDoes(Topology t) {
        Link mv = t.links().create(Macvlan.of("mv0", "parent0").withMode(MacvlanMode.VEPA));
        t.links().setUp("mv0");
        Link link = t.links().require("mv0");
        String ip = Command.check("ip", "-n", t.name(), "-d", "-o", "link", "show", "mv0");

        assertThat(link.toString()).matches(mv.index() + ": mv0@if\\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500"
                + " state UP link/ether [0-9a-f:]{17} macvlan mode vepa bcqueuelen 1000 usedbcqueuelen 1000");
        // the same facts as ip's line (ip names the parent, which a Link alone knows by index)
        assertThat(ip).contains(mv.index() + ": mv0@parent0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500")
                .contains("state UP").contains("link/ether " + link.mac()).contains("macvlan mode vepa")
                .contains("bcqueuelen 1000 usedbcqueuelen 1000");
        assertThat(link.toString()).doesNotContain("flags=").doesNotContain("modeValue").doesNotContain("Info[");
        assertThat(t.links().require("lo").toString()).matches("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN"
                + " link/ether 00:00:00:00:00:00");
    }

    @Test
    @NetworkSandbox
    @ExtendWith(Topology.Parameter.class)
    void listedRoutesNameTheirDevicesAsIpRouteDoes(Topology t) {
        t.rt.addresses().add("parent0", Address.parse("198.51.100.1/24"));
        t.rt.routes().add(Route.defaultRoute(IpFamily.IPV4).withGateway("198.51.100.254").withDev("parent0")
                .withMetric(10));
        t.rt.routes().add(Route.to("203.0.113.0/24").withGateway("198.51.100.253").withTable(100));

        List<String> ours = t.rt.routes().list(IpFamily.IPV4).stream().map(Route::toString).toList();
        List<String> ip = Command.check("ip", "-n", t.name(), "route", "show").lines().map(String::strip).toList();
        assertThat(ours).containsExactlyInAnyOrderElementsOf(ip);
        assertThat(ours).contains("default via 198.51.100.254 dev parent0 metric 10",
                "198.51.100.0/24 dev parent0 proto kernel scope link src 198.51.100.1");
        assertThat(t.rt.routes().listTable(IpFamily.IPV4, 100)).singleElement().hasToString(
                "203.0.113.0/24 via 198.51.100.253 dev parent0 table 100");
        assertThat(Command.check("ip", "-n", t.name(), "route", "show", "table", "100").strip())
                .isEqualTo("203.0.113.0/24 via 198.51.100.253 dev parent0");
    }

    @Test
    void infosPrintTheirSettingsNotTheirFields() {
        assertThat(new Bridge.Info(0, 32768, 1500, 30000, false).toString())
                .isEqualTo("forward_delay 1500 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0");
        assertThat(new BridgePort(3, 32, 2, true, true).toString())
                .isEqualTo("bridge_slave state forwarding priority 32 cost 2 hairpin on learning on");
        assertThat(new Macvlan.Info(4, 0, List.of(), 1000, 1000, null).toString())
                .isEqualTo("mode bridge bcqueuelen 1000 usedbcqueuelen 1000");
        assertThat(Vxlan.of("vx0", 42).withRemote(java.net.InetAddress.ofLiteral("198.51.100.2")).withParent("parent0")
                .withPort(4789).withoutLearning().toString())
                .isEqualTo("vxlan vx0 id 42 remote 198.51.100.2 dev parent0 dstport 4789 nolearning");
    }
}
