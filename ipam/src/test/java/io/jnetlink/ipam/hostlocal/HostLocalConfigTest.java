package io.jnetlink.ipam.hostlocal;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.ipam.Ipam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reference plugin's validation, with the field and value named in each error. */
class HostLocalConfigTest {

    private static final HostLocalPlugin PLUGIN = new HostLocalPlugin();

    private static HostLocalConfig parse(Map<String, ?> ipam) {
        return PLUGIN.parseConfig("mynet", ipam);
    }

    private static Map<String, Object> range(String... keyValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsFollowTheReference() {
        HostLocalConfig c = parse(Map.of("type", "host-local", "ranges", List.of(
                List.of(range("subnet", "198.51.100.0/24")), List.of(range("subnet", "2001:db8::/64")))));

        IpRange v4 = c.ranges().get(0).ranges().getFirst();
        IpRange v6 = c.ranges().get(1).ranges().getFirst();
        assertThat(List.of(v4.gateway(), v4.rangeStart(), v4.rangeEnd()))
                .extracting(io.jnetlink.core.inet.InetAddresses::text)
                .containsExactly("198.51.100.1", "198.51.100.1", "198.51.100.254");
        assertThat(List.of(v6.gateway(), v6.rangeStart(), v6.rangeEnd()))
                .extracting(io.jnetlink.core.inet.InetAddresses::text)
                .containsExactly("2001:db8::1", "2001:db8::1", "2001:db8::ffff:ffff:ffff:ffff");
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/cni/networks"));
        assertThat(c.directory()).isEqualTo(Path.of("/var/lib/cni/networks/mynet"));
    }

    @Test
    void legacySingleRangeComesFirst() {
        HostLocalConfig c = parse(Map.of("type", "host-local", "subnet", "203.0.113.0/24", "rangeStart",
                "203.0.113.10", "rangeEnd", "203.0.113.20", "gateway", "203.0.113.254", "dataDir", "/tmp/x",
                "ranges", List.of(List.of(range("subnet", "2001:db8::/64"))),
                "routes", List.of(Map.of("dst", "0.0.0.0/0"), Map.of("dst", "192.0.2.0/24", "gw", "203.0.113.254"))));

        assertThat(c.ranges()).extracting(RangeSet::toString)
                .containsExactly("203.0.113.10-203.0.113.20", "2001:db8::1-2001:db8::ffff:ffff:ffff:ffff");
        assertThat(c.routes()).extracting(Object::toString).containsExactly("default", "192.0.2.0/24 via 203.0.113.254");
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "198.51.100.0/31 | | | | ipam.ranges[0][0].subnet: network 198.51.100.0/31 is too small",
            "198.51.100.7/32 | | | | ipam.ranges[0][0].subnet: network 198.51.100.7/32 is too small",
            "2001:db8::/127 | | | | ipam.ranges[0][0].subnet: network 2001:db8::/127 is too small",
            "2001:db8::/128 | | | | ipam.ranges[0][0].subnet: network 2001:db8::/128 is too small",
            "198.51.100.1/24 | | | | ipam.ranges[0][0].subnet: 198.51.100.1/24 has host bits set; the network is 198.51.100.0/24",
            "198.51.100.0/24 | 198.51.101.5 | | | ipam.ranges[0][0].rangeStart: 198.51.101.5 is not in network 198.51.100.0/24",
            "198.51.100.0/24 | | 2001:db8::5 | | ipam.ranges[0][0].rangeEnd: 2001:db8::5 is not in network 198.51.100.0/24",
            "198.51.100.0/24 | 198.51.100.9 | 198.51.100.8 | | ipam.ranges[0][0].rangeStart: 198.51.100.9 is after rangeEnd 198.51.100.8",
            "198.51.100.0/24 | | | 203.0.113.1 | ipam.ranges[0][0].gateway: 203.0.113.1 is not in network 198.51.100.0/24",
            "198.51.100.0/24 | | 198.51.100.255 | | would lease the network or broadcast address of 198.51.100.0/24",
            "198.51.100.0/24 | 198.51.100.300 | | | ipam.ranges[0][0].rangeStart: \"198.51.100.300\" is not a valid address",
            "not-an-ip/24 | | | | ipam.ranges[0][0].subnet: \"not-an-ip/24\" is not a numeric IPv4 or IPv6 prefix"})
    void badRangesAreRejectedNamingFieldAndValue(String subnet, String start, String end, String gateway,
                                                 String message) {
        Map<String, Object> r = range("subnet", subnet);
        if (start != null) {
            r.put("rangeStart", start);
        }
        if (end != null) {
            r.put("rangeEnd", end);
        }
        if (gateway != null) {
            r.put("gateway", gateway);
        }

        assertThatThrownBy(() -> parse(Map.of("ranges", List.of(List.of(r)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void overlapsAndMixedFamiliesAreRejected() {
        assertThatThrownBy(() -> parse(Map.of("ranges", List.of(List.of(
                range("subnet", "198.51.100.0/24", "rangeStart", "198.51.100.10", "rangeEnd", "198.51.100.20"),
                range("subnet", "198.51.100.0/24", "rangeStart", "198.51.100.20", "rangeEnd", "198.51.100.30"))))))
                .hasMessage("ipam.ranges[0]: ranges: subnets 198.51.100.10-198.51.100.20 and "
                        + "198.51.100.20-198.51.100.30 overlap");
        assertThat(parse(Map.of("ranges", List.of(List.of(
                range("subnet", "198.51.100.0/24", "rangeStart", "198.51.100.10", "rangeEnd", "198.51.100.20"),
                range("subnet", "198.51.100.0/24", "rangeStart", "198.51.100.21", "rangeEnd", "198.51.100.30")))))
                .ranges().getFirst().ranges()).hasSize(2);
        assertThatThrownBy(() -> parse(Map.of("ranges", List.of(
                List.of(range("subnet", "198.51.100.0/24")), List.of(range("subnet", "198.51.100.0/25"))))))
                .hasMessage("ipam.ranges: range set 0 overlaps with 1");
        assertThatThrownBy(() -> parse(Map.of("ranges", List.of(List.of(
                range("subnet", "198.51.100.0/24"), range("subnet", "2001:db8::/64"))))))
                .hasMessageContaining("ipam.ranges[0]: ranges: mixed address families");
        assertThatThrownBy(() -> parse(Map.of("type", "host-local")))
                .hasMessage("ipam.ranges: no IP ranges specified");
        assertThatThrownBy(() -> parse(Map.of("ranges", List.of("198.51.100.0/24"))))
                .hasMessageContaining("ipam.ranges[0]: must be a list of ranges");
    }

    @ParameterizedTest
    @CsvSource({"..", ".", "a/b", "../../etc", "''"})
    void networkNamesThatEscapeTheDataDirectoryAreRejected(String name) {
        assertThatThrownBy(() -> new HostLocalPlugin().parseConfig(name, Map.of("subnet", "198.51.100.0/24")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("would escape the data directory");
    }

    @ParameterizedTest
    @CsvSource({"/var/lib/cni/../../etc", "../data", "/tmp/a/../../root"})
    void dataDirectoriesWithDotDotAreRejected(String dataDir) {
        assertThatThrownBy(() -> parse(Map.of("subnet", "198.51.100.0/24", "dataDir", dataDir)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ipam.dataDir: \"" + dataDir);
    }

    @Test
    void typedDnsOrAResolvConfButNotBoth(@org.junit.jupiter.api.io.TempDir Path dir) {
        HostLocalConfig typed = parse(Map.of("subnet", "198.51.100.0/24", "dataDir", dir.toString(),
                "dns", Map.of("nameservers", List.of("192.0.2.53"), "search", List.of("example.com"))));
        var allocation = new HostLocalAllocator(typed).allocate(new io.jnetlink.ipam.Owner("c1", "eth0"));
        assertThat(allocation.dns().nameservers()).containsExactly("192.0.2.53");
        assertThat(allocation.dns().search()).containsExactly("example.com");
        assertThatThrownBy(() -> parse(Map.of("subnet", "198.51.100.0/24", "resolvConf", "/etc/resolv.conf",
                "dns", Map.of("nameservers", List.of("192.0.2.53")))))
                .hasMessage("ipam.dns/resolvConf: give DNS settings or a resolv.conf, not both");
    }

    @Test
    void openByTypeNameTouchesNothingOnDisk(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("nonexistent-until-used");
        Map<String, Object> ipam = Map.of("type", "host-local", "subnet", "198.51.100.0/24",
                "dataDir", dataDir.toString());
        assertThat(Ipam.plugin("host-local")).isInstanceOf(HostLocalPlugin.class);
        assertThat(((HostLocalConfig) Ipam.plugin("host-local").parseConfig("mynet", ipam)).directory())
                .isEqualTo(dataDir.resolve("mynet"));
        List<String> before = tree(dir);

        try (var allocator = Ipam.open("mynet", ipam)) {
            assertThat(allocator).isNotNull();
            assertThat(tree(dir)).as("open").isEqualTo(before);
        }
        assertThat(tree(dir)).as("open and close").isEqualTo(before);
        assertThat(dataDir).doesNotExist();
    }

    /** {@code root} and every path below it, relative to it, with its modification time. */
    private static List<String> tree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            List<String> paths = new ArrayList<>();
            for (Path p : walk.sorted().toList()) {
                String name = p.equals(root) ? "." : root.relativize(p).toString();
                paths.add(name + " " + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant());
            }
            return paths;
        }
    }
}
