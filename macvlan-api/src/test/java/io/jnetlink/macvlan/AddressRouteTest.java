package io.jnetlink.macvlan;

import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.core.rtnl.Ifa;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.NetworkSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Addresses and routes, both families, cross-checked with iproute2. */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class AddressRouteTest {

    @Test
    void ipv4AndIpv6AddressesAddListReplaceDelete(Topology t) {
        t.links().create(Macvlan.of("mv0", "parent0"));
        t.links().setUp("mv0");
        t.rt.addresses().add("mv0", Address.parse("192.0.2.10/24"));
        t.rt.addresses().add("mv0", Address.parse("2001:db8::10/64").withFlags(Ifa.IFA_F_NODAD));

        t.links().setUp("lo"); // lo gets 127.0.0.1: list("mv0") must leave it out
        int mv0 = t.links().require("mv0").index();
        assertThat(t.rt.addresses().list()).extracting(Address::toString).contains("127.0.0.1/8");
        assertThat(t.rt.addresses().list("mv0")).extracting(Address::toString)
                .contains("192.0.2.10/24", "2001:db8::10/64").doesNotContain("127.0.0.1/8");
        assertThat(t.rt.addresses().list("mv0")).allSatisfy(a -> assertThat(a.index()).isEqualTo(mv0));
        Address v4 = t.rt.addresses().list("mv0").stream().filter(a -> a.family() == 2).findFirst().orElseThrow();
        assertThat(v4.broadcast().getHostAddress()).isEqualTo("192.0.2.255");
        String ip = Command.check("ip", "-n", t.name(), "address", "show", "mv0");
        assertThat(ip).contains("inet 192.0.2.10/24 brd 192.0.2.255").contains("inet6 2001:db8::10/64");

        assertThatThrownBy(() -> t.rt.addresses().add("mv0", Address.parse("192.0.2.10/24")))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> assertThat(e.errnoName()).isEqualTo("EEXIST"));
        t.rt.addresses().replace("mv0", Address.parse("192.0.2.10/24").withLifetimes(300, 200));
        Address replaced = t.rt.addresses().list("mv0").stream().filter(a -> a.family() == 2).findFirst().orElseThrow();
        assertThat(replaced.validLifetime()).isBetween(290L, 300L);
        assertThat(replaced.preferredLifetime()).isBetween(190L, 200L);

        t.rt.addresses().delete("mv0", Address.parse("192.0.2.10/24"));
        assertThat(t.rt.addresses().list("mv0")).extracting(Address::toString).doesNotContain("192.0.2.10/24");
    }

    @Test
    void addressFlagsAsATypedSetAboveTheHeadersEightBits(Topology t) {
        t.links().create(Macvlan.of("mv0", "parent0"));
        t.links().setUp("mv0");
        t.rt.addresses().add("mv0", Address.parse("2001:db8::10/64").withFlags(AddressFlag.NODAD, AddressFlag.NOPREFIXROUTE));
        t.rt.addresses().add("mv0", Address.parse("192.0.2.10/24").withFlags(Set.of(AddressFlag.NOPREFIXROUTE)));

        Address v6 = find(t, "2001:db8::10");
        assertThat(v6.addressFlags()).contains(AddressFlag.NODAD, AddressFlag.NOPREFIXROUTE)
                .doesNotContain(AddressFlag.TENTATIVE);
        assertThat(v6.flags() & 0x202).as("the int accessor").isEqualTo(0x202);
        assertThat(find(t, "192.0.2.10").addressFlags()).contains(AddressFlag.NOPREFIXROUTE, AddressFlag.PERMANENT)
                .doesNotContain(AddressFlag.NODAD);
        String json = Command.check("ip", "-n", t.name(), "-j", "address", "show", "dev", "mv0");
        assertThat(addrInfo(json, "2001:db8::10")).contains("\"nodad\":true", "\"noprefixroute\":true");
        assertThat(addrInfo(json, "192.0.2.10")).contains("\"noprefixroute\":true").doesNotContain("nodad");
        String routes = Command.check("ip", "-n", t.name(), "route", "show", "dev", "mv0")
                + Command.check("ip", "-n", t.name(), "-6", "route", "show", "dev", "mv0");
        assertThat(routes).as("noprefixroute (0x200, in IFA_FLAGS only)").doesNotContain("192.0.2.0/24")
                .doesNotContain("2001:db8::/64");

        assertThat(AddressFlag.fromBits(0x202)).containsExactlyInAnyOrder(AddressFlag.NODAD, AddressFlag.NOPREFIXROUTE);
        assertThat(AddressFlag.fromBits(0x1000)).isEmpty();
        assertThat(AddressFlag.toBits(java.util.EnumSet.allOf(AddressFlag.class))).isEqualTo(0xfff);
        assertThat(Address.parse("192.0.2.1/24").withFlags(AddressFlag.MCAUTOJOIN).flags()).isEqualTo(0x400);
        assertThat(Address.parse("192.0.2.1/24").withFlags(0x802).addressFlags())
                .containsExactlyInAnyOrder(AddressFlag.NODAD, AddressFlag.STABLE_PRIVACY);
        assertThat(Address.parse("192.0.2.1/24").withFlags(0x80).withFlags(Set.of()).flags()).isZero();
        assertThatThrownBy(() -> Address.parse("192.0.2.1/24").withFlags((AddressFlag) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("address flags: must not contain null");
        assertThatThrownBy(() -> Address.parse("192.0.2.1/24").withFlags((Set<AddressFlag>) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("address flags: must not be null");
    }

    private static Address find(Topology t, String address) {
        return t.rt.addresses().list("mv0").stream().filter(a -> a.address().getHostAddress().equals(address)
                || a.toString().startsWith(address + "/")).findFirst().orElseThrow();
    }

    /** The {@code addr_info} object of {@code address} in {@code ip -j address show}. */
    private static String addrInfo(String json, String address) {
        int at = json.indexOf("\"local\":\"" + address + "\"");
        assertThat(at).as(address + " in " + json).isNotNegative();
        return json.substring(json.lastIndexOf('{', at), json.indexOf('}', at) + 1);
    }

    @Test
    void routesDefaultViaGatewayOnLinkMetricAndTable(Topology t) throws Exception {
        t.links().create(Macvlan.of("macvlan1", "parent0"));
        t.links().setUp("macvlan1");
        int dev = t.links().require("macvlan1").index();
        t.rt.addresses().add("macvlan1", Address.parse("203.0.113.200/24"));
        InetAddress gateway = InetAddress.getByName("203.0.113.254");

        t.rt.routes().add(Route.defaultRoute(IpFamily.IPV4).withGateway(gateway).withOif(dev));
        t.rt.routes().add(Route.to("198.51.100.0/24").withOif(dev).withMetric(50));
        t.rt.routes().add(Route.to("192.0.2.0/24").withGateway(InetAddress.getByName("192.0.2.1")).withOif(dev).withOnlink()
                .withTable(100));

        String ip = Command.check("ip", "-n", t.name(), "route", "show");
        assertThat(ip).contains("default via 203.0.113.254 dev macvlan1")
                .contains("198.51.100.0/24 dev macvlan1 scope link metric 50"); // ip hides proto boot
        assertThat(Command.check("ip", "-n", t.name(), "route", "show", "table", "100"))
                .contains("192.0.2.0/24 via 192.0.2.1 dev macvlan1").contains("onlink");
        assertThat(t.rt.routes().list(IpFamily.IPV4)).anySatisfy(r -> {
            assertThat(r.isDefault()).isTrue();
            assertThat(r.gateway()).isEqualTo(gateway);
            assertThat(r.oif()).isEqualTo(dev);
        });
        assertThat(t.rt.routes().listTable(IpFamily.IPV4, 100)).singleElement()
                .satisfies(r -> assertThat(r.onlink()).isTrue());

        t.rt.routes().replace(Route.to("198.51.100.0/24").withOif(dev).withMetric(50).withPreferredSource(InetAddress.getByName("203.0.113.200")));
        t.rt.routes().delete(Route.defaultRoute(IpFamily.IPV4).withGateway(gateway).withOif(dev));
        assertThat(t.rt.routes().list(IpFamily.IPV4)).noneMatch(Route::isDefault);
    }

    @Test
    void ipv6DefaultRoute(Topology t) throws Exception {
        t.links().create(Macvlan.of("mv6", "parent0"));
        t.links().setUp("mv6");
        int dev = t.links().require("mv6").index();
        t.rt.addresses().add("mv6", Address.parse("2001:db8:1::5/64").withFlags(Ifa.IFA_F_NODAD));
        t.rt.routes().add(Route.defaultRoute(IpFamily.IPV6).withGateway(InetAddress.getByName("2001:db8:1::1")).withOif(dev).withMetric(10));
        assertThat(Command.check("ip", "-n", t.name(), "-6", "route", "show", "default"))
                .contains("default via 2001:db8:1::1 dev mv6");
        assertThat(t.rt.routes().list(IpFamily.IPV6)).anyMatch(Route::isDefault);
    }
}
