package io.jnetlink.ipam;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.ipam.hostlocal.HostLocalConfig;
import io.jnetlink.ipam.hostlocal.IpRange;
import io.jnetlink.ipam.hostlocal.RangeSet;
import io.jnetlink.ipam.staticip.StaticConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Addresses, routes, DNS settings and what holds them print as {@code ip} and resolv.conf write them, only what is set. */
class ValuesPrintLikeIpTest {

    private static final Dns DNS = new Dns(List.of("192.0.2.53", "2001:db8::53"), "example.com",
            List.of("example.com", "example.org"), List.of("ndots:2", "edns0"));

    @Test
    void addressesAndRoutes() {
        assertThat(new IpConfig(Prefix.parse("198.51.100.7/24"), address("198.51.100.1")))
                .hasToString("198.51.100.7/24 gw 198.51.100.1");
        assertThat(new IpConfig(Prefix.parse("2001:db8::7/64"), null)).hasToString("2001:db8::7/64");
        assertThat(new RouteConfig(Prefix.parse("0.0.0.0/0"), address("198.51.100.1")))
                .hasToString("default via 198.51.100.1");
        assertThat(new RouteConfig(Prefix.parse("::/0"), address("fe80::1"))).hasToString("default via fe80::1");
        assertThat(new RouteConfig(Prefix.parse("203.0.113.0/24"), null)).hasToString("203.0.113.0/24");
        assertThat(new RouteConfig(Prefix.parse("2001:db8:1::/48"), address("2001:db8::1")))
                .hasToString("2001:db8:1::/48 via 2001:db8::1");
    }

    @Test
    void dnsSettingsAsResolvConfSaysThem() {
        assertThat(DNS).hasToString("nameserver 192.0.2.53, nameserver 2001:db8::53, domain example.com, "
                + "search example.com example.org, options ndots:2 edns0");
        assertThat(new Dns(List.of("192.0.2.53"), null, List.of(), List.of())).hasToString("nameserver 192.0.2.53");
        assertThat(Dns.NONE).hasToString("no DNS settings");
    }

    @Test
    void anAllocationLeavesOutWhatIsNotSet() {
        Allocation full = new Allocation(List.of(new IpConfig(Prefix.parse("198.51.100.7/24"), address("198.51.100.1")),
                new IpConfig(Prefix.parse("2001:db8::7/64"), null)),
                List.of(new RouteConfig(Prefix.parse("0.0.0.0/0"), address("198.51.100.1")),
                        new RouteConfig(Prefix.parse("203.0.113.0/24"), null)),
                new Dns(List.of("192.0.2.53"), null, List.of(), List.of()));
        assertThat(full).hasToString("198.51.100.7/24 gw 198.51.100.1, 2001:db8::7/64; "
                + "routes: default via 198.51.100.1, 203.0.113.0/24; dns: nameserver 192.0.2.53");
        assertThat(new Allocation(List.of(new IpConfig(Prefix.parse("198.51.100.7/24"), null)), List.of(), null))
                .hasToString("198.51.100.7/24");
        assertThat(IpAllocator.none().allocate(new Owner("c1", "eth0"))).hasToString("no addresses");
    }

    @Test
    void configsAndLeaseRecords() {
        HostLocalConfig hostLocal = new HostLocalConfig("net", Path.of("/var/lib/cni/networks"),
                List.of(RangeSet.of(IpRange.of("198.51.100.0/24"))),
                List.of(new RouteConfig(Prefix.parse("0.0.0.0/0"), null)), null);
        assertThat(hostLocal).hasToString("host-local in /var/lib/cni/networks/net: 198.51.100.1-198.51.100.254; "
                + "routes: default");
        assertThat(new HostLocalConfig("net", null, List.of(RangeSet.of(IpRange.of("198.51.100.0/24"))), List.of(),
                Path.of("/etc/resolv.conf")))
                .hasToString("host-local in /var/lib/cni/networks/net: 198.51.100.1-198.51.100.254; "
                        + "dns from /etc/resolv.conf");
        assertThat(new StaticConfig(List.of(new IpConfig(Prefix.parse("192.0.2.7/24"), address("192.0.2.1"))),
                List.of(), DNS)).hasToString("static: 192.0.2.7/24 gw 192.0.2.1; dns: nameserver 192.0.2.53, "
                + "nameserver 2001:db8::53, domain example.com, search example.com example.org, options ndots:2 edns0");
        assertThat(LeaseRecord.parse("c1\r\neth0")).hasToString("c1/eth0");
        assertThat(LeaseRecord.parse("c1\r\neth0\r\nhost-a")).hasToString("c1/eth0 on host-a");
        assertThat(LeaseRecord.parse("c1")).hasToString("c1");
        assertThat(LeaseRecord.lease(address("198.51.100.7"), "c1\r\neth0", "f")).hasToString("198.51.100.7 (c1/eth0)");
    }

    private static java.net.InetAddress address(String text) {
        return InetAddresses.parse("address", text);
    }
}
