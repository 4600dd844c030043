package io.jnetlink.ipam.hostlocal;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.Owner;
import io.jnetlink.ipam.RouteConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reference plugin's scenarios, checked down to each file's bytes. */
class HostLocalTest {

    private static final Owner DUMMY = new Owner("dummy", "eth0");

    @TempDir
    Path dataDir;

    private HostLocalAllocator allocator(String network, String... subnets) {
        return new HostLocalAllocator(HostLocalConfig.of(network, dataDir, subnets));
    }

    private String file(String network, String name) throws IOException {
        return Files.readString(dataDir.resolve(network).resolve(name));
    }

    private boolean exists(String network, String name) {
        return Files.exists(dataDir.resolve(network).resolve(name));
    }

    private void write(String network, String name, String content) throws IOException {
        Files.createDirectories(dataDir.resolve(network));
        Files.writeString(dataDir.resolve(network).resolve(name), content);
    }

    private static InetAddress ip(String text) {
        return InetAddresses.parse("test", text);
    }

    @Test
    void twoRangeSetsWithRoutesAndDns() throws IOException {
        Files.writeString(dataDir.resolve("resolv.conf"), "nameserver 192.0.2.3\nsearch example.com example.org\n");
        List<RouteConfig> routes = List.of(
                new RouteConfig(Prefix.parseNetwork("0.0.0.0/0"), null),
                new RouteConfig(Prefix.parseNetwork("::/0"), null),
                new RouteConfig(Prefix.parseNetwork("192.0.2.0/24"), ip("198.51.100.9")),
                new RouteConfig(Prefix.parseNetwork("2001:db8:2::/64"), ip("2001:db8:3::1")));
        HostLocalConfig config = new HostLocalConfig("mynet", dataDir, List.of(
                RangeSet.of(IpRange.of("198.51.100.0/24"), IpRange.of("203.0.113.0/24")),
                RangeSet.of(IpRange.of("2001:db8:1::/64"))), routes, dataDir.resolve("resolv.conf"));
        HostLocalAllocator allocator = new HostLocalAllocator(config);

        Allocation a = allocator.allocate(DUMMY);

        assertThat(a.ips()).extracting(Object::toString)
                .containsExactly("198.51.100.2/24 gw 198.51.100.1", "2001:db8:1::2/64 gw 2001:db8:1::1");
        assertThat(a.routes()).isEqualTo(routes);
        assertThat(a.dns().nameservers()).containsExactly("192.0.2.3");
        assertThat(a.dns().search()).containsExactly("example.com", "example.org");
        assertThat(file("mynet", "198.51.100.2")).isEqualTo("dummy\r\neth0");
        assertThat(file("mynet", "2001:db8:1::2")).isEqualTo("dummy\r\neth0");
        assertThat(file("mynet", "last_reserved_ip.0")).isEqualTo("198.51.100.2");
        assertThat(file("mynet", "last_reserved_ip.1")).isEqualTo("2001:db8:1::2");
        allocator.check(DUMMY);

        allocator.release(DUMMY);

        assertThat(exists("mynet", "198.51.100.2")).isFalse();
        assertThat(exists("mynet", "2001:db8:1::2")).isFalse();
        assertThat(allocator.list()).isEmpty();
        assertThatThrownBy(() -> allocator.check(DUMMY)).isInstanceOf(IpamException.class)
                .hasMessageContaining("failed to find address added by container dummy");
    }

    @Test
    void interfacesOfOneContainerAreReleasedSeparately() throws IOException {
        HostLocalAllocator net0 = allocator("mynet0", "198.51.100.0/24");
        HostLocalAllocator net1 = allocator("mynet1", "203.0.113.0/24");
        net0.allocate(new Owner("dummy", "eth0"));
        net1.allocate(new Owner("dummy", "eth1"));

        net0.release(new Owner("dummy", "eth0"));

        assertThat(exists("mynet0", "198.51.100.2")).isFalse();
        assertThat(file("mynet1", "203.0.113.2")).isEqualTo("dummy\r\neth1");
        net1.release(new Owner("dummy", "eth1"));
        assertThat(exists("mynet1", "203.0.113.2")).isFalse();
    }

    @Test
    void repeatedAllocationForTheSameOwnerIsRefused() throws IOException {
        HostLocalAllocator allocator = allocator("mynet0", "198.51.100.0/24");
        assertThat(allocator.allocate(DUMMY).ips().getFirst().address()).hasToString("198.51.100.2/24");

        assertThatThrownBy(() -> allocator.allocate(DUMMY)).isInstanceOf(IpamException.class)
                .hasMessageContaining("198.51.100.2 has been allocated to dummy, duplicate allocation is not allowed");
        assertThat(allocator.allocate(new Owner("dummy1", "eth0")).ips().getFirst().address())
                .hasToString("198.51.100.3/24");
        assertThatThrownBy(() -> allocator.allocate(DUMMY)).isInstanceOf(IpamException.class);
        assertThat(allocator.list()).hasSize(2);

        allocator.release(DUMMY);
        assertThat(exists("mynet0", "198.51.100.2")).isFalse();
        assertThat(file("mynet0", "198.51.100.3")).isEqualTo("dummy1\r\neth0");
    }

    @Test
    void releaseUnderstandsLegacyFilesAndStrayWhitespace() throws IOException {
        HostLocalAllocator allocator = allocator("mynet", "198.51.100.0/24");
        allocator.allocate(DUMMY);
        write("mynet", "198.51.100.2", "dummy");
        write("mynet", "198.51.100.7", "  other\r\neth0\n\n");

        assertThat(allocator.list()).containsExactlyInAnyOrder(
                new Lease(ip("198.51.100.2"), "dummy", null, null),
                new Lease(ip("198.51.100.7"), "other", "eth0", null));
        allocator.check(DUMMY);
        allocator.release(DUMMY);
        allocator.release(new Owner("other", "eth0"));

        assertThat(allocator.list()).isEmpty();
    }

    @Test
    void releasingAnUnknownOwnerIsNotAnError() {
        HostLocalAllocator allocator = allocator("mynet", "198.51.100.0/24");
        allocator.allocate(DUMMY);
        List<Lease> before = allocator.list();

        allocator.release(new Owner("unknown", "eth0"));

        assertThat(allocator.list()).isEqualTo(before).hasSize(1);
    }

    @Test
    void containerIdIsTrimmed() throws IOException {
        HostLocalAllocator allocator = allocator("mynet", "198.51.100.0/24");
        allocator.allocate(new Owner("   dummy\n ", "eth0"));

        assertThat(file("mynet", "198.51.100.2")).isEqualTo("dummy\r\neth0");
        allocator.release(new Owner("dummy", "eth0"));
        assertThat(allocator.list()).isEmpty();
    }

    @Test
    void requestedAddressesFromSeveralRangeSets() throws IOException {
        HostLocalAllocator allocator = allocator("mynet", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/64");

        Allocation a = allocator.allocate(DUMMY, List.of(ip("203.0.113.77"), ip("198.51.100.88")));

        assertThat(a.ips()).extracting(ip -> ip.address().toString())
                .containsExactly("198.51.100.88/24", "203.0.113.77/24", "2001:db8::2/64");
        assertThat(file("mynet", "198.51.100.88")).isEqualTo("dummy\r\neth0");
        assertThat(file("mynet", "last_reserved_ip.1")).isEqualTo("203.0.113.77");
    }

    @Test
    void badRequestsChangeNothing() throws IOException {
        HostLocalAllocator allocator = allocator("mynet", "198.51.100.0/24", "203.0.113.0/24");
        allocator.allocate(new Owner("first", "eth0"), List.of(ip("203.0.113.9")));
        List<Lease> before = allocator.list();

        assertThatThrownBy(() -> allocator.allocate(DUMMY, List.of(ip("192.0.2.5"))))
                .hasMessageContaining("failed to allocate all requested IPs: 192.0.2.5");
        assertThatThrownBy(() -> allocator.allocate(DUMMY, List.of(ip("198.51.100.1"))))
                .hasMessageContaining("requested ip 198.51.100.1 is subnet's gateway");
        assertThatThrownBy(() -> allocator.allocate(DUMMY, List.of(ip("198.51.100.5"), ip("198.51.100.6"))))
                .hasMessageContaining("198.51.100.6");
        // range set 0 succeeds first, range set 1 fails: the first reservation is rolled back
        assertThatThrownBy(() -> allocator.allocate(DUMMY, List.of(ip("198.51.100.5"), ip("203.0.113.9"))))
                .hasMessageContaining("requested IP address 203.0.113.9 is not available in range set "
                        + "203.0.113.1-203.0.113.254");

        assertThat(allocator.list()).isEqualTo(before);
        assertThat(exists("mynet", "198.51.100.5")).isFalse();
    }

    @Test
    void exhaustionRollsBackEveryRangeSet() throws IOException {
        HostLocalAllocator allocator = allocator("mynet", "198.51.100.0/24", "203.0.113.0/30");
        allocator.allocate(new Owner("first", "eth0"));

        assertThatThrownBy(() -> allocator.allocate(DUMMY)).isInstanceOf(IpamException.class)
                .hasMessageContaining("range set 1")
                .hasMessageContaining("no IP addresses available in range set: 203.0.113.1-203.0.113.2");

        assertThat(allocator.list()).extracting(l -> l.containerId()).containsOnly("first");
        assertThat(file("mynet", "last_reserved_ip.0")).isEqualTo("198.51.100.3");
    }

    @ParameterizedTest(name = "{0} holding {1}")
    @CsvSource(delimiter = '|', value = {
            "10.0.0.0/30 | 10.0.0.2",
            "10.0.0.0/29 | 10.0.0.2 10.0.0.3 10.0.0.4 10.0.0.5 10.0.0.6",
            "10.0.0.0/30 10.0.1.0/30 | 10.0.0.2 10.0.1.2"})
    void outOfAddressesIsAMeaningfulError(String subnets, String held) throws IOException {
        HostLocalConfig config = new HostLocalConfig("net", dataDir, List.of(new RangeSet(
                Arrays.stream(subnets.split(" ")).map(IpRange::of).toList())), List.of(), null);
        for (String address : held.split(" ")) {
            write("net", address, "id");
        }

        assertThatThrownBy(() -> new HostLocalAllocator(config).allocate(DUMMY))
                .hasMessageContaining("no IP addresses available in range set");
    }

    /** The reference's round-robin table: subnets, leases held, last reserved, expected. */
    @ParameterizedTest(name = "{0}, held [{1}], last {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "10.0.0.0/29              |                                     |            | 10.0.0.2",
            "2001:db8:1::/64          |                                     |            | 2001:db8:1::2",
            "10.0.0.0/30              |                                     |            | 10.0.0.2",
            "10.0.0.0/29              | 10.0.0.2                            |            | 10.0.0.3",
            "10.0.0.0/29              |                                     | 10.0.0.5   | 10.0.0.6",
            "10.0.0.0/29              | 10.0.0.4 10.0.0.5                   | 10.0.0.3   | 10.0.0.6",
            "10.0.0.0/29              | 10.0.0.6                            | 10.0.0.5   | 10.0.0.2",
            "10.0.0.0/29              | 10.0.0.2                            | 10.0.0.128 | 10.0.0.3",
            "10.0.0.0/29              | 10.0.0.2 10.0.0.4 10.0.0.5 10.0.0.6 | 10.0.0.3   | 10.0.0.3",
            "10.0.0.0/30 10.0.1.0/30  |                                     |            | 10.0.0.2",
            "10.0.0.0/30 10.0.1.0/30  |                                     | 10.0.0.2   | 10.0.1.2",
            "10.0.0.0/30 10.0.1.0/30 10.0.2.0/30 |                          | 10.0.2.2   | 10.0.0.2"})
    void roundRobin(String subnets, String held, String last, String expected) throws IOException {
        HostLocalConfig config = new HostLocalConfig("net", dataDir, List.of(new RangeSet(
                Arrays.stream(subnets.split(" ")).map(IpRange::of).toList())), List.of(), null);
        if (held != null) {
            for (String address : held.split(" ")) {
                write("net", address, "id");
            }
        }
        if (last != null) {
            write("net", "last_reserved_ip.0", last);
        }

        Allocation a = new HostLocalAllocator(config).allocate(DUMMY);

        assertThat(InetAddresses.text(a.ips().getFirst().address().address())).isEqualTo(expected);
        assertThat(file("net", expected)).isEqualTo("dummy\r\neth0");
        assertThat(file("net", "last_reserved_ip.0")).isEqualTo(expected);
    }

    @Test
    void broadcastIsNeverLeasedAndReleasedAddressesComeBackLast() {
        HostLocalAllocator allocator = allocator("net", "198.51.100.0/29");
        List<String> got = new ArrayList<>();
        for (int i = 2; i < 7; i++) {
            got.add(allocator.allocate(new Owner("ID" + i, "eth0")).ips().getFirst().address().toString());
        }
        assertThat(got).containsExactly("198.51.100.2/29", "198.51.100.3/29", "198.51.100.4/29",
                "198.51.100.5/29", "198.51.100.6/29");
        assertThatThrownBy(() -> allocator.allocate(new Owner("ID8", "eth0")))
                .hasMessageContaining("no IP addresses available in range set: 198.51.100.1-198.51.100.6");

        allocator.release(new Owner("ID3", "eth0"));
        allocator.release(new Owner("ID2", "eth0"));
        assertThat(allocator.allocate(new Owner("again", "eth0")).ips().getFirst().address())
                .hasToString("198.51.100.2/29");
    }

    @Test
    void aCrashBeforeLastReservedIsWrittenIsHarmless() throws IOException {
        HostLocalAllocator allocator = allocator("net", "198.51.100.0/24");
        allocator.allocate(new Owner("a", "eth0"));
        // a writer died after creating 198.51.100.3 but before updating last_reserved_ip.0
        write("net", "198.51.100.3", "b\r\neth0");

        assertThat(allocator.allocate(new Owner("c", "eth0")).ips().getFirst().address())
                .hasToString("198.51.100.4/24");
        assertThat(file("net", "last_reserved_ip.0")).isEqualTo("198.51.100.4");
    }

    @Test
    void aTemporaryFileLeftByACrashIsNotReadAsALeaseAndGarbageCollectionRemovesIt() throws IOException {
        HostLocalAllocator allocator = allocator("net", "198.51.100.0/24");
        write("net", DiskLeaseStore.TEMP_FILE, "half written by a writer that died");

        assertThat(allocator.allocate(new Owner("a", "eth0")).ips().getFirst().address())
                .hasToString("198.51.100.2/24");

        assertThat(file("net", "198.51.100.2")).isEqualTo("a\r\neth0");
        assertThat(file("net", "last_reserved_ip.0")).isEqualTo("198.51.100.2");
        assertThat(allocator.list()).extracting(l -> l.address().getHostAddress()).containsExactly("198.51.100.2");
        allocator.garbageCollect(Set.of(new Owner("a", "eth0")));
        assertThat(exists("net", DiskLeaseStore.TEMP_FILE)).isFalse();
    }

    @Test
    void damagedFilesAreReportedAndReclaimable() throws IOException {
        HostLocalAllocator allocator = allocator("net", "198.51.100.0/24");
        write("net", "198.51.100.2", "");
        write("net", "198.51.100.3", "x\ny\nz");
        write("net", ".jnetlink-0000.tmp", "left by a crash");
        write("net", "last_reserved_ip.0", "");

        assertThat(allocator.list()).allSatisfy(l -> assertThat(l.isSound()).isFalse())
                .extracting(Lease::problem).anyMatch(p -> p.startsWith("empty lease file"))
                .anyMatch(p -> p.startsWith("unreadable lease file"));
        assertThat(allocator.allocate(new Owner("a", "eth0")).ips().getFirst().address())
                .hasToString("198.51.100.4/24");

        List<Lease> released = allocator.garbageCollect(Set.of(new Owner("a", "eth0")));

        assertThat(released).extracting(l -> InetAddresses.text(l.address()))
                .containsExactlyInAnyOrder("198.51.100.2", "198.51.100.3");
        assertThat(exists("net", ".jnetlink-0000.tmp")).isFalse();
        assertThat(allocator.list()).extracting(Lease::containerId).containsExactly("a");
    }

    @Test
    void garbageCollectionKeepsLiveOwnersOnly() throws IOException {
        HostLocalAllocator allocator = allocator("net", "198.51.100.0/24", "2001:db8::/64");
        for (String id : List.of("a", "b", "c")) {
            allocator.allocate(new Owner(id, "eth0"));
        }
        write("net", "198.51.100.50", "legacy");
        write("net", "198.51.100.51", "gone");

        List<Lease> released = allocator.garbageCollect(Set.of(new Owner("b", "eth0"), new Owner("legacy", "net1")));

        assertThat(released).extracting(Lease::containerId).containsOnly("a", "c", "gone").hasSize(5);
        assertThat(allocator.list()).extracting(Lease::containerId).containsExactlyInAnyOrder("b", "b", "legacy");
        allocator.check(new Owner("b", "eth0"));
    }

    @Test
    void checkNamesTheMissingRangeSet() throws IOException {
        HostLocalAllocator allocator = allocator("net", "198.51.100.0/24", "2001:db8::/64");
        allocator.allocate(DUMMY);
        Files.delete(dataDir.resolve("net").resolve("2001:db8::2"));

        assertThatThrownBy(() -> allocator.check(DUMMY)).isInstanceOf(IpamException.class)
                .hasMessageContaining("nothing in range set 1 (2001:db8::1-2001:db8::ffff:ffff:ffff:ffff)");
    }

    @Test
    void whenLastReservedCannotBeRecordedTheNewLeaseIsWithdrawn() throws IOException {
        HostLocalAllocator allocator = allocator("net", "198.51.100.0/24");
        // a directory where last_reserved_ip.0 belongs: the lease file is written, the record fails
        Files.createDirectories(dataDir.resolve("net/last_reserved_ip.0/blocker"));

        assertThatThrownBy(() -> allocator.allocate(DUMMY, List.of(ip("198.51.100.7"))))
                .isInstanceOf(IpamException.class)
                .hasMessageContaining("recording last_reserved_ip.0 for 198.51.100.7 (the lease was withdrawn)");

        assertThat(exists("net", "198.51.100.7")).as("lease file").isFalse();
        assertThat(allocator.list()).isEmpty();
        try (var files = Files.list(dataDir.resolve("net"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("lock",
                    "last_reserved_ip.0");
        }
    }

    @Test
    void anAllocatorOverMemoryFollowsTheSameRules() {
        try (HostLocalAllocator allocator = new HostLocalAllocator(HostLocalConfig.of("mem", dataDir,
                "198.51.100.0/30"), new io.jnetlink.ipam.MemoryLeaseStore())) {
            assertThat(allocator.allocate(new Owner("a", "eth0")).ips()).extracting(ip -> ip.address().toString())
                    .containsExactly("198.51.100.2/30");
            assertThatThrownBy(() -> allocator.allocate(new Owner("b", "eth0")))
                    .hasMessageContaining("no IP addresses available");
            allocator.release(new Owner("a", "eth0"));
            assertThat(allocator.allocate(new Owner("b", "eth0")).ips()).extracting(ip -> ip.address().toString())
                    .containsExactly("198.51.100.2/30");
            assertThat(allocator.list()).extracting(Lease::containerId).containsExactly("b");
        }
        assertThat(dataDir.resolve("mem")).doesNotExist();
    }
}
