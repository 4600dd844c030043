package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.core.SyscallException;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.NetworkSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Per-link IPv6 settings: read from the link message, set through netlink (addrgenmode) or
 * {@code /proc/sys} from inside the entry point's namespace, cross-checked with
 * {@code ip netns exec <ns> sysctl} and {@code ip -d link}; a same-named link in another
 * namespace and the root namespace's values stay as they were.
 */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class Ipv6SettingsTest {

    @Test
    void readsWhatSysctlShows(Topology t) {
        t.links().create(Macvlan.of("mv0", "parent0"));
        Ipv6Settings read = t.links().ipv6("mv0");
        assertThat(values(read)).isEqualTo(sysctl(t.name(), "mv0"));
        assertThat(read.addrGenMode()).isEqualTo(AddrGenMode.EUI64);
        assertThat(read.acceptDad()).isEqualTo(AcceptDad.ON);
        assertThat(Command.check("ip", "-n", t.name(), "-d", "link", "show", "mv0")).contains("addrgenmode eui64");
    }

    @Test
    void setsOnlyTheHandlesNamespace(Topology t) throws IOException {
        NetNs other = t.box.namespace("other");
        t.box.veth(other, "mv0", "mv0peer"); // the same name in another namespace
        RtNetlink there = t.box.closeLater(RtNetlink.open(other));
        t.links().create(Macvlan.of("mv0", "parent0"));
        Map<Ipv6Setting, Integer> otherBefore = sysctl(other.description(), "mv0");
        Path rootConf = Path.of("/proc/sys/net/ipv6/conf");
        assertThat(rootConf.resolve("mv0")).as("no mv0 in this JVM's namespace").doesNotExist();
        String rootDefault = Files.readString(rootConf.resolve("default/accept_ra"));
        String rootAll = Files.readString(rootConf.resolve("all/accept_ra"));

        t.links().setAcceptRa("mv0", AcceptRa.NEVER);
        t.links().setAcceptDad("mv0", AcceptDad.OFF);
        t.links().setIpv6("mv0", Ipv6Setting.DAD_TRANSMITS, 3);
        t.links().setIpv6("mv0", Ipv6Setting.HOP_LIMIT, 42);
        t.links().setIpv6("mv0", Ipv6Setting.MTU, 1400);
        t.links().setIpv6("mv0", Ipv6Setting.AUTOCONF, 0);
        t.links().setIpv6("mv0", Ipv6Setting.FORWARDING, 1);

        Map<Ipv6Setting, Integer> set = sysctl(t.name(), "mv0");
        assertThat(set).containsEntry(Ipv6Setting.ACCEPT_RA, 0).containsEntry(Ipv6Setting.ACCEPT_DAD, 0)
                .containsEntry(Ipv6Setting.DAD_TRANSMITS, 3).containsEntry(Ipv6Setting.HOP_LIMIT, 42)
                .containsEntry(Ipv6Setting.MTU, 1400).containsEntry(Ipv6Setting.AUTOCONF, 0)
                .containsEntry(Ipv6Setting.FORWARDING, 1);
        Ipv6Settings read = t.links().ipv6("mv0");
        assertThat(values(read)).isEqualTo(set);
        assertThat(read.acceptRa()).isEqualTo(AcceptRa.NEVER);
        assertThat(read.acceptDad()).isEqualTo(AcceptDad.OFF);
        assertThat(read.forwarding()).isTrue();
        assertThat(read.autoconf()).isFalse();

        assertThat(sysctl(other.description(), "mv0")).as("the other namespace's mv0").isEqualTo(otherBefore);
        assertThat(values(there.links().ipv6("mv0"))).isEqualTo(otherBefore);
        assertThat(rootConf.resolve("mv0")).doesNotExist();
        assertThat(Files.readString(rootConf.resolve("default/accept_ra"))).isEqualTo(rootDefault);
        assertThat(Files.readString(rootConf.resolve("all/accept_ra"))).isEqualTo(rootAll);

        there.links().setAcceptRa("mv0", AcceptRa.ALWAYS); // and the other way round
        assertThat(there.links().ipv6("mv0").acceptRa()).isEqualTo(AcceptRa.ALWAYS);
        assertThat(sysctl(other.description(), "mv0")).containsEntry(Ipv6Setting.ACCEPT_RA, 2);
        assertThat(t.links().ipv6("mv0").acceptRa()).isEqualTo(AcceptRa.NEVER);
    }

    @Test
    void disablingIpv6RemovesTheLinkLocalAddress(Topology t) throws Exception {
        t.links().create(Macvlan.of("mv0", "parent0"));
        t.links().setAcceptDad("mv0", AcceptDad.OFF); // the link-local address is there at once
        t.links().setUp("mv0");
        awaitLinkLocal(t, "mv0"); // once the kernel has seen the carrier

        t.links().disableIpv6("mv0");
        assertThat(t.links().ipv6("mv0").ipv6Disabled()).isTrue();
        assertThat(sysctl(t.name(), "mv0")).containsEntry(Ipv6Setting.DISABLE_IPV6, 1);
        assertThat(t.rt.addresses().list("mv0")).noneMatch(a -> a.family() == 10);

        t.links().enableIpv6("mv0");
        assertThat(t.links().ipv6("mv0").ipv6Disabled()).isFalse();
        assertThat(sysctl(t.name(), "mv0")).containsEntry(Ipv6Setting.DISABLE_IPV6, 0);
    }

    @Test
    void addrGenModeThroughNetlink(Topology t) throws Exception {
        t.links().create(Macvlan.of("mv0", "parent0"));
        t.links().setAddrGenMode("mv0", AddrGenMode.NONE);
        t.links().setUp("mv0");
        t.links().create(Macvlan.of("mv1", "parent0")); // beside it, at the default: gets one
        t.links().setUp("mv1");
        awaitLinkLocal(t, "mv1");
        assertThat(t.links().ipv6("mv0").addrGenMode()).isEqualTo(AddrGenMode.NONE);
        assertThat(Command.check("ip", "-n", t.name(), "-d", "link", "show", "mv0")).contains("addrgenmode none");
        assertThat(t.rt.addresses().list("mv0")).as("no link-local address").noneMatch(a -> a.family() == 10);

        t.links().setAddrGenMode("mv0", AddrGenMode.RANDOM);
        assertThat(t.links().ipv6("mv0").addrGenMode()).isEqualTo(AddrGenMode.RANDOM);
        assertThat(Command.check("ip", "-n", t.name(), "-d", "link", "show", "mv0")).contains("addrgenmode random");

        assertThatThrownBy(() -> t.links().setAddrGenMode("mv0", AddrGenMode.STABLE_PRIVACY))
                .as("stable privacy without a secret").isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EINVAL");
                    assertThat(e.getMessage()).contains("set addrgenmode stable_secret on link mv0");
                });
        Command.check("ip", "netns", "exec", t.name(), "sysctl", "-q", "-w",
                "net.ipv6.conf.mv0.stable_secret=2001:db8::1234");
        t.links().setAddrGenMode("mv0", AddrGenMode.STABLE_PRIVACY);
        assertThat(t.links().ipv6("mv0").addrGenMode()).isEqualTo(AddrGenMode.STABLE_PRIVACY);
        assertThat(Command.check("ip", "-n", t.name(), "-d", "link", "show", "mv0")).contains("addrgenmode stable_secret");
    }

    @Test
    void badValuesAreRefusedBeforeTheKernelAndKernelRefusalsNameTheErrno(Topology t) {
        t.links().create(Macvlan.of("mv0", "parent0"));
        assertThatThrownBy(() -> t.links().setIpv6("mv0", Ipv6Setting.HOP_LIMIT, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ipv6 hop_limit: 0 is outside 1..255");
        assertThatThrownBy(() -> t.links().setIpv6("mv0", Ipv6Setting.MTU, 1279))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ipv6 mtu: 1279 is below 1280");
        assertThatThrownBy(() -> t.links().setIpv6("mv0", null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ipv6 setting: must not be null");
        assertThatThrownBy(() -> t.links().setAcceptRa("mv0", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ipv6 accept_ra: must not be null");
        assertThatThrownBy(() -> t.links().setAddrGenMode("mv0", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("link addrGenMode: must not be null");
        assertThatThrownBy(() -> t.links().setAcceptRa("../all", AcceptRa.NEVER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("link name");
        // what the kernel takes, this takes too: any accept_ra, a negative dad_transmits
        t.links().setIpv6("mv0", Ipv6Setting.ACCEPT_RA, 7);
        assertThat(t.links().ipv6("mv0").acceptRa()).isEqualTo(AcceptRa.UNLESS_FORWARDING);
        t.links().setIpv6("mv0", Ipv6Setting.DAD_TRANSMITS, -1);
        assertThat(t.links().ipv6("mv0").dadTransmits()).isEqualTo(-1);

        assertThatThrownBy(() -> t.links().setIpv6("mv0", Ipv6Setting.MTU, 9000)).as("above the link's MTU")
                .isInstanceOfSatisfying(SyscallException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EINVAL");
                    assertThat(e.getMessage()).startsWith("set ipv6 mtu 9000 on link mv0 in network namespace "
                            + t.name()).contains("write /proc/sys/net/ipv6/conf/mv0/mtu: EINVAL");
                });
        assertThatThrownBy(() -> t.links().setAcceptRa("nosuch0", AcceptRa.NEVER))
                .isInstanceOf(LinkNotFoundException.class)
                .hasMessage("set ipv6 accept_ra 0 on link nosuch0: no link named \"nosuch0\" in network namespace "
                        + t.name());
        assertThatThrownBy(() -> t.links().ipv6("nosuch0")).isInstanceOf(LinkNotFoundException.class);

        t.links().setMtu("mv0", 1200); // below IPv6's minimum: the kernel drops the link's IPv6 state
        assertThatThrownBy(() -> t.links().ipv6("mv0")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the link has no IPv6");
        assertThatThrownBy(() -> t.links().setAcceptRa("mv0", AcceptRa.NEVER))
                .isInstanceOfSatisfying(SyscallException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.getMessage()).contains("the link has no IPv6");
                });
    }

    private static void awaitLinkLocal(Topology t, String link) throws InterruptedException {
        for (int i = 0; i < 100 && t.rt.addresses().list(link).stream().noneMatch(a -> a.address().isLinkLocalAddress()); i++) {
            Thread.sleep(50);
        }
        assertThat(t.rt.addresses().list(link)).as("addresses of " + link).anyMatch(a -> a.address().isLinkLocalAddress());
    }

    /** The values {@link Ipv6Settings} reports, as {@code sysctl} would show them (for the canonical values). */
    private static Map<Ipv6Setting, Integer> values(Ipv6Settings s) {
        Map<Ipv6Setting, Integer> values = new EnumMap<>(Ipv6Setting.class);
        values.put(Ipv6Setting.FORWARDING, s.forwarding() ? 1 : 0);
        values.put(Ipv6Setting.HOP_LIMIT, s.hopLimit());
        values.put(Ipv6Setting.MTU, s.mtu());
        values.put(Ipv6Setting.ACCEPT_RA, s.acceptRa().value());
        values.put(Ipv6Setting.AUTOCONF, s.autoconf() ? 1 : 0);
        values.put(Ipv6Setting.DAD_TRANSMITS, s.dadTransmits());
        values.put(Ipv6Setting.DISABLE_IPV6, s.ipv6Disabled() ? 1 : 0);
        values.put(Ipv6Setting.ACCEPT_DAD, s.acceptDad().value());
        return values;
    }

    /** {@code ip netns exec <ns> sysctl -n net.ipv6.conf.<link>.<key>} for every setting. */
    private static Map<Ipv6Setting, Integer> sysctl(String ns, String link) {
        Map<Ipv6Setting, Integer> values = new EnumMap<>(Ipv6Setting.class);
        for (Ipv6Setting setting : Ipv6Setting.values()) {
            values.put(setting, Integer.parseInt(Command.check("ip", "netns", "exec", ns, "sysctl", "-n",
                    "net.ipv6.conf." + link + "." + setting.key()).strip()));
        }
        return values;
    }
}
