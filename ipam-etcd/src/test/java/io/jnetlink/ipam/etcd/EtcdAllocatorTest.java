package io.jnetlink.ipam.etcd;

import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.IpamUnavailableException;
import io.jnetlink.ipam.Owner;
import io.jnetlink.testkit.EtcdCluster;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The etcd allocator against a real etcd started for the test. */
class EtcdAllocatorTest {

    private static final Map<String, Object> SMALL = Map.of("subnet", "198.51.100.0/24",
            "rangeStart", "198.51.100.10", "rangeEnd", "198.51.100.14", "gateway", "198.51.100.1",
            "routes", List.of(Map.of("dst", "0.0.0.0/0")));

    private static String first(Allocation a) {
        return a.ips().getFirst().address().toString();
    }

    @Test
    void allocationsAreKeysReleaseAndGcRemoveThemAndTheRangeEnds() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1);
             IpAllocator ipam = Ipam.open("blue", EtcdFixture.ipam(etcd.endpoints(), "host-a", SMALL))) {
            assertThat(first(ipam.allocate(new Owner("c1", "eth0"), List.of()))).isEqualTo("198.51.100.10/24");
            assertThat(first(ipam.allocate(new Owner("c2", "eth0"), List.of()))).isEqualTo("198.51.100.11/24");
            Allocation requested = ipam.allocate(new Owner("c3", "net1"),
                    List.of(InetAddress.getByName("198.51.100.14")));
            assertThat(first(requested)).isEqualTo("198.51.100.14/24");
            assertThat(requested.ips().getFirst().gateway()).isEqualTo(InetAddress.getByName("198.51.100.1"));
            assertThat(requested.routes()).hasSize(1);

            assertThat(EtcdFixture.keys(etcd.endpoints(), "/jnltest/blue/")).isEqualTo(Map.of(
                    "/jnltest/blue/ips/198.51.100.10", "c1\r\neth0\r\nhost-a",
                    "/jnltest/blue/ips/198.51.100.11", "c2\r\neth0\r\nhost-a",
                    "/jnltest/blue/ips/198.51.100.14", "c3\r\nnet1\r\nhost-a",
                    "/jnltest/blue/owners/c1/eth0/198.51.100.10", "198.51.100.10",
                    "/jnltest/blue/owners/c2/eth0/198.51.100.11", "198.51.100.11",
                    "/jnltest/blue/owners/c3/net1/198.51.100.14", "198.51.100.14",
                    "/jnltest/blue/last_reserved_ip.0", "198.51.100.14",
                    // the cursor's position: .11 was the second address walked (a requested one is not walked)
                    "/jnltest/blue/last_reserved_pos.0", "0000000000000000002"));

            assertThatThrownBy(() -> ipam.allocate(new Owner("c1", "eth0"), List.of()))
                    .isInstanceOf(IpamException.class).hasMessageContaining("duplicate allocation is not allowed");
            ipam.allocate(new Owner("c4", "eth0"), List.of());
            ipam.allocate(new Owner("c5", "eth0"), List.of());
            assertThatThrownBy(() -> ipam.allocate(new Owner("c6", "eth0"), List.of()))
                    .isInstanceOf(IpamException.class).hasMessageContaining("no IP addresses available");

            ipam.release(new Owner("c1", "eth0"));
            ipam.check(new Owner("c2", "eth0"));
            assertThatThrownBy(() -> ipam.check(new Owner("c1", "eth0"))).isInstanceOf(IpamException.class);
            ipam.garbageCollect(Set.of(new Owner("c2", "eth0"), new Owner("c3", "net1")));
            assertThat(EtcdFixture.keys(etcd.endpoints(), "/jnltest/blue/ips/")).containsOnlyKeys(
                    "/jnltest/blue/ips/198.51.100.11", "/jnltest/blue/ips/198.51.100.14");
            assertThat(EtcdFixture.keys(etcd.endpoints(), "/jnltest/blue/owners/")).as("the index follows")
                    .containsOnlyKeys("/jnltest/blue/owners/c2/eth0/198.51.100.11",
                            "/jnltest/blue/owners/c3/net1/198.51.100.14");
        }
    }

    @Test
    void anOwnersLeasesAreFoundThroughItsIndexAmongManyAndNestedIdsStayApart() throws Exception {
        Map<String, Object> wide = Map.of("subnet", "198.18.0.0/20");
        try (EtcdCluster etcd = EtcdCluster.start(1);
             IpAllocator ipam = Ipam.open("many", EtcdFixture.ipam(etcd.endpoints(), "host-a", wide))) {
            for (int i = 0; i < 300; i++) {
                ipam.allocate(new Owner("c" + i, "eth0"), List.of());
            }
            // an id with '/' puts its index keys below "owners/c1/eth0/": they are not c1's
            assertThat(first(ipam.allocate(new Owner("c1/eth0", "x"), List.of()))).isEqualTo("198.18.1.46/20");
            assertThatThrownBy(() -> ipam.allocate(new Owner("c1", "eth0"), List.of()))
                    .hasMessageContaining("duplicate allocation is not allowed");
            ipam.release(new Owner("c1", "eth0"));
            ipam.check(new Owner("c1/eth0", "x"));
            assertThatThrownBy(() -> ipam.check(new Owner("c1", "eth0"))).isInstanceOf(IpamException.class);
            assertThat(EtcdFixture.keys(etcd.endpoints(), "/jnltest/many/ips/")).hasSize(300)
                    .doesNotContainKey("/jnltest/many/ips/198.18.0.3");
            assertThat(EtcdFixture.keys(etcd.endpoints(), "/jnltest/many/owners/")).hasSize(300)
                    .containsEntry("/jnltest/many/owners/c1/eth0/x/198.18.1.46", "198.18.1.46")
                    .doesNotContainKey("/jnltest/many/owners/c1/eth0/198.18.0.3");
        }
    }

    @Test
    void aReleaseTakesWhatEtcdSaysTheOwnerHoldsWhenThisProcessRemembersOtherwise() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1);
             EtcdFixture.Host first = EtcdFixture.host(etcd.endpoints(), "host-a", "stale", SMALL, 2000);
             EtcdFixture.Host second = EtcdFixture.host(etcd.endpoints(), "host-b", "stale", SMALL, 2000)) {
            Owner owner = new Owner("c1", "eth0");
            assertThat(first(first.allocator().allocate(owner, List.of()))).isEqualTo("198.51.100.10/24");
            // meanwhile, through another process: released, .10 requested by another owner, c1 allocated again
            second.allocator().release(owner);
            second.allocator().allocate(new Owner("c2", "eth0"), List.of(InetAddress.getByName("198.51.100.10")));
            assertThat(first(second.allocator().allocate(owner, List.of()))).isEqualTo("198.51.100.11/24");

            first.allocator().release(owner); // it remembers .10 for c1: now c2's
            assertThat(EtcdFixture.keys(etcd.endpoints(), "/jnltest/stale/ips/")).isEqualTo(Map.of(
                    "/jnltest/stale/ips/198.51.100.10", "c2\r\neth0\r\nhost-b"));
            assertThat(EtcdFixture.keys(etcd.endpoints(), "/jnltest/stale/owners/")).containsOnlyKeys(
                    "/jnltest/stale/owners/c2/eth0/198.51.100.10");
        }
    }

    @Test
    void withEtcdDownAllocationFailsWithTheReasonRecordsNothingAndWorksAgainAfter() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1);
             IpAllocator ipam = Ipam.open("red", EtcdFixture.ipam(etcd.endpoints(), "host-a", SMALL))) {
            ipam.allocate(new Owner("c1", "eth0"), List.of());
            EtcdCluster.Member only = etcd.members().getFirst();
            etcd.stop(only);

            long start = System.nanoTime();
            assertThatThrownBy(() -> ipam.allocate(new Owner("c2", "eth0"), List.of()))
                    .isInstanceOf(IpamUnavailableException.class)
                    .hasMessageContaining("allocating for c2/eth0")
                    .hasMessageContaining("etcd at " + only.endpoint())
                    .hasMessageContaining("try again later");
            // bounded by the configured timeout (2 s per request), not by the etcd client's own retries
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(20_000);

            etcd.restart(only);
            assertThat(EtcdFixture.keys(etcd.endpoints(), "/jnltest/red/ips/")).containsOnlyKeys(
                    "/jnltest/red/ips/198.51.100.10");
            assertThat(first(ipam.allocate(new Owner("c2", "eth0"), List.of()))).isEqualTo("198.51.100.11/24");
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        Map<String, Object> noEndpoints = new java.util.HashMap<>(SMALL);
        noEndpoints.put("type", "etcd");
        noEndpoints.put("etcd", Map.of("endpoints", List.of()));
        assertThatThrownBy(() -> Ipam.open("n", noEndpoints)).hasMessageContaining("etcd.endpoints");
        noEndpoints.put("etcd", Map.of("endpoints", List.of("127.0.0.1:2379")));
        assertThatThrownBy(() -> Ipam.open("n", noEndpoints)).hasMessageContaining("must be a URL");
        noEndpoints.put("etcd", Map.of("endpoints", List.of("http://127.0.0.1:2379"), "keyPrefix", "nope"));
        assertThatThrownBy(() -> Ipam.open("n", noEndpoints)).hasMessageContaining("etcd.keyPrefix");
        noEndpoints.remove("etcd");
        assertThatThrownBy(() -> Ipam.open("n", noEndpoints)).hasMessageContaining("ipam.etcd: required");
    }
}
