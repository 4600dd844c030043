package io.jnetlink.ipam;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.ipam.staticip.StaticConfig;
import io.jnetlink.ipam.staticip.StaticPlugin;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plugins found by type name, the SPI's default garbage collection, and the static plugin. */
class IpamTest {

    @Test
    void pluginsAreFoundByTypeIncludingOnesThatLiveOutsideTheLibrary() {
        assertThat(Ipam.types()).containsExactly("host-local", "in-memory", "static");
        assertThat(Ipam.plugin("in-memory")).isInstanceOf(InMemoryPlugin.class);
        assertThatThrownBy(() -> Ipam.plugin("dhcp")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ipam.type: no IPAM plugin \"dhcp\" (found: [host-local, in-memory, static])");
        assertThatThrownBy(() -> Ipam.open("net", Map.of("subnet", "198.51.100.0/24")))
                .hasMessage("ipam.type: is required");
    }

    @Test
    void aUserPluginAllocatesAndIsGarbageCollectedThroughTheSpi() {
        IpAllocator allocator = Ipam.open("net", Map.of("type", "in-memory", "subnet", "198.51.100.0/24"));
        Owner a = new Owner("a", "eth0");
        Owner b = new Owner("b", "eth0");

        assertThat(allocator.allocate(a).ips().getFirst()).hasToString("198.51.100.10/24");
        assertThat(allocator.allocate(b).ips().getFirst()).hasToString("198.51.100.11/24");
        allocator.check(b);

        List<Lease> released = allocator.garbageCollect(Set.of(b));

        assertThat(released).extracting(Lease::containerId).containsExactly("a");
        assertThat(allocator.list()).extracting(Lease::containerId).containsExactly("b");
        assertThatThrownBy(() -> allocator.check(a)).isInstanceOf(IpamException.class);
    }

    @Test
    void noneAllocatesNothingHoldsNothingAndChecksPass() {
        IpAllocator none = IpAllocator.none();
        Owner owner = new Owner("c1", "eth0");

        Allocation a = none.allocate(owner, List.of(InetAddresses.parse("ip", "198.51.100.7")));

        assertThat(a.ips()).isEmpty();
        assertThat(a.routes()).isEmpty();
        assertThat(a.dns()).isEqualTo(Dns.NONE);
        none.check(owner);
        none.release(owner);
        assertThat(none.list()).isEmpty();
        assertThat(none.garbageCollect(Set.of())).isEmpty();
        none.close();
        assertThat(IpAllocator.none()).isSameAs(none);
    }

    @Test
    void staticHandsOutWhatIsConfigured() {
        IpAllocator allocator = Ipam.open("net", Map.of("type", "static",
                "addresses", List.of(Map.of("address", "198.51.100.7/24", "gateway", "198.51.100.1"),
                        Map.of("address", "2001:db8::7/64")),
                "routes", List.of(Map.of("dst", "0.0.0.0/0", "gw", "198.51.100.1")),
                "dns", Map.of("nameservers", List.of("192.0.2.53"), "domain", "example.com",
                        "search", List.of("example.com"), "options", List.of("ndots:2"))));
        Owner owner = new Owner("c1", "eth0");

        Allocation a = allocator.allocate(owner);

        assertThat(Ipam.plugin("static")).isInstanceOf(StaticPlugin.class);
        assertThat(a.ips()).extracting(Object::toString)
                .containsExactly("198.51.100.7/24 gw 198.51.100.1", "2001:db8::7/64");
        assertThat(a.routes()).extracting(Object::toString).containsExactly("default via 198.51.100.1");
        assertThat(a.dns()).isEqualTo(new Dns(List.of("192.0.2.53"), "example.com", List.of("example.com"),
                List.of("ndots:2")));
        assertThat(allocator.allocate(owner, List.of(a.ips().getFirst().address().address()))).isEqualTo(a);
        assertThatThrownBy(() -> allocator.allocate(owner, List.of(InetAddresses.parse("t", "198.51.100.8"))))
                .hasMessageContaining("requested address 198.51.100.8 is not among the configured addresses");
        allocator.check(owner);
        allocator.release(owner);
        assertThat(allocator.list()).isEmpty();
    }

    @Test
    void staticValidatesItsConfig() {
        var plugin = Ipam.plugin("static");
        assertThatThrownBy(() -> plugin.parseConfig("n", Map.of("addresses", List.of())))
                .hasMessage("ipam.addresses: at least one address is required");
        assertThatThrownBy(() -> plugin.parseConfig("n", Map.of("addresses", List.of(Map.of("gateway", "192.0.2.1")))))
                .hasMessage("ipam.addresses[0].address: is required");
        assertThatThrownBy(() -> plugin.parseConfig("n", Map.of("addresses",
                List.of(Map.of("address", "198.51.100.7/24", "gateway", "2001:db8::1")))))
                .hasMessageContaining("ipam.addresses[0].gateway: 2001:db8::1 is not of the same family");
        assertThatThrownBy(() -> plugin.parseConfig("n", Map.of("addresses",
                List.of(Map.of("address", "198.51.100.7/24"), Map.of("address", "198.51.100.7/25")))))
                .hasMessageContaining("198.51.100.7/25 is listed twice");
        assertThatThrownBy(() -> plugin.parseConfig("n", Map.of("addresses", List.of(Map.of("address", "198.51.100.7/24")),
                "routes", List.of(Map.of("dst", "192.0.2.1/24")))))
                .hasMessageContaining("ipam.routes[0].dst: \"192.0.2.1/24\" has host bits set");
        assertThatThrownBy(() -> plugin.parseConfig("n", Map.of("addresses", List.of(Map.of("address", "198.51.100.7/24")),
                "dns", Map.of("nameservers", List.of("ns1.example.com")))))
                .hasMessageStartingWith("ipam.dns.nameservers: \"ns1.example.com\" is not a numeric");
        assertThat(new StaticConfig(List.of(new IpConfig(Prefix.parse("198.51.100.7/24"), null)), List.of(), null)
                .dns()).isEqualTo(Dns.NONE);
    }

    @Test
    void ownersAreValidated() {
        assertThatThrownBy(() -> new Owner(" ", "eth0")).hasMessage("containerId: must not be empty");
        assertThatThrownBy(() -> new Owner("a b", "eth0")).hasMessageContaining("containerId: \"a b\"");
        assertThatThrownBy(() -> new Owner("a", "eth0/1")).hasMessageContaining("ifName: \"eth0/1\"");
        assertThatThrownBy(() -> new Owner("a", "sixteen-chars-xx")).hasMessageContaining("ifName");
        assertThat(new Owner("  a\n", "eth0").containerId()).isEqualTo("a");
    }
}
