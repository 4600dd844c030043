package io.jnetlink.ipam.etcd;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.ipam.Owner;
import io.jnetlink.testkit.EtcdCluster;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several hosts (each an allocator with its own etcd connection and host id, in this JVM)
 * allocating from one network at the same moment, started together at a barrier: they never get
 * one address twice, they do not all race for the same next address (etcd's revisions show their
 * writes interleaved, and few reservations lose a race), and the cursor never steps back, so an
 * address released while the others allocate is not handed out again before the cursor has gone
 * round the range. A host alone allocates in order after the last reserved address, and a
 * released address is not its next.
 */
class ConcurrentAllocatorsTest {

    private static final int HOSTS = 8;
    private static final int EACH = 40;

    @Test
    void hostsAllocatingAtOnceGetDistinctAddressesAndFewRacesAreLost() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1)) {
            Map<String, String> holderOf = new HashMap<>();
            long[] counts = runHosts(etcd, "crowd", Map.of("subnet", "198.18.8.0/22"), (host, owner) -> {
                String address = allocate(host, owner);
                synchronized (holderOf) {
                    assertThat(holderOf.put(address, owner.containerId())).as("%s handed out twice", address).isNull();
                }
            });
            assertThat(holderOf).hasSize(HOSTS * EACH);
            Map<String, String> keys = EtcdFixture.keys(etcd.endpoints(), "/jnltest/crowd/ips/");
            assertThat(keys.keySet()).as("etcd's records = what the hosts hold")
                    .containsExactlyInAnyOrderElementsOf(holderOf.keySet().stream()
                            .map(a -> "/jnltest/crowd/ips/" + a).toList());

            // they ran at the same time: in etcd's order of writes, every two hosts' writes interleave
            Map<String, Long> revisions = EtcdFixture.createRevisions(etcd.endpoints(), "/jnltest/crowd/ips/");
            Map<String, List<Long>> byHost = new HashMap<>();
            revisions.forEach((key, revision) -> byHost.computeIfAbsent(hostOf(keys.get(key)), h -> new ArrayList<>())
                    .add(revision));
            assertThat(byHost).hasSize(HOSTS);
            byHost.forEach((a, ra) -> byHost.forEach((b, rb) -> {
                if (a.compareTo(b) < 0) {
                    assertThat(Collections.min(ra) < Collections.max(rb) && Collections.min(rb) < Collections.max(ra))
                            .as("%s's writes overlap %s's", a, b).isTrue();
                }
            }));
            // racing for one next address, most reservations would lose a race (each a wasted write)
            assertThat(counts[1]).as("races lost in %d reservations", counts[0]).isLessThan(counts[0] / 2);
        }
    }

    @Test
    void anAddressReleasedWhileOthersAllocateIsNotHandedOutAgainBeforeTheCursorGoesRound() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1)) {
            // 198.18.16.0/20: 4,093 candidates, far more than the 320 allocations take with the spread
            List<String> handedOut = Collections.synchronizedList(new ArrayList<>());
            runHosts(etcd, "churn", Map.of("subnet", "198.18.16.0/20"), (host, owner) -> {
                handedOut.add(allocate(host, owner));
                host.allocator().release(owner);
            });
            long position = Long.parseLong(EtcdFixture.keys(etcd.endpoints(), "/jnltest/churn/")
                    .get("/jnltest/churn/last_reserved_pos.0"));
            assertThat(position).as("the cursor has not gone round the range").isLessThan(4093);
            Map<String, Long> times = handedOut.stream().collect(Collectors.groupingBy(a -> a, Collectors.counting()));
            assertThat(times).as("addresses handed out more than once").allSatisfy((address, n) -> assertThat(n).isOne());
            assertThat(EtcdFixture.keys(etcd.endpoints(), "/jnltest/churn/ips/")).as("all released").isEmpty();
        }
    }

    @Test
    void aHostAloneAllocatesInOrderAndDoesNotReuseWhatItJustReleased() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1);
             EtcdFixture.Host host = EtcdFixture.host(etcd.endpoints(), "alone", "order",
                     Map.of("subnet", "198.18.32.0/24"), 10_000)) {
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Owner owner = new Owner("c" + i, "eth0");
                got.add(allocate(host, owner));
                if (i % 2 == 1) {
                    host.allocator().release(owner); // every other one is released at once: not handed out next
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 2; i <= 21; i++) {
                expected.add("198.18.32." + i); // .1 is the gateway
            }
            assertThat(got).isEqualTo(expected);
        }
    }

    /**
     * Runs {@link #HOSTS} hosts, each doing {@code work} for {@link #EACH} owners of its own, all
     * starting at once; returns the hosts' reservations and lost races together.
     */
    private static long[] runHosts(EtcdCluster etcd, String network, Map<String, Object> range,
                                   BiConsumer<EtcdFixture.Host, Owner> work) throws Exception {
        CyclicBarrier start = new CyclicBarrier(HOSTS);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<EtcdFixture.Host> hosts = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (int h = 0; h < HOSTS; h++) {
                EtcdFixture.Host host = EtcdFixture.host(etcd.endpoints(), "host" + h, network, range, 30_000);
                hosts.add(host);
                String id = "host" + h;
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < EACH; i++) {
                            work.accept(host, new Owner(id + "-c" + i, "eth0"));
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failures).isEmpty();
            long[] counts = new long[2];
            for (EtcdFixture.Host host : hosts) {
                counts[0] += host.store().counts().reservations();
                counts[1] += host.store().counts().conflicts();
            }
            return counts;
        } finally {
            hosts.forEach(EtcdFixture.Host::close);
        }
    }

    private static String allocate(EtcdFixture.Host host, Owner owner) {
        return InetAddresses.text(host.allocator().allocate(owner, List.of()).ips().getFirst().address().address());
    }

    /** The host id of a lease record {@code containerId\r\nifName\r\nhostId}. */
    private static String hostOf(String record) {
        return record.substring(record.lastIndexOf('\n') + 1);
    }
}
