package io.jnetlink.ipam.hostlocal;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.Owner;
import io.jnetlink.testkit.Jvm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This library and the reference {@code /usr/lib/cni/host-local} on one data directory: same
 * bytes, alternating use, and real concurrent processes with no address handed out twice.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ReferenceInteropTest {

    private static final String IPAM_V4_V6 = "{\"type\":\"host-local\",\"dataDir\":\"%s\",\"ranges\":["
            + "[{\"subnet\":\"198.51.100.0/24\"},{\"subnet\":\"203.0.113.0/28\"}],[{\"subnet\":\"2001:db8:1::/64\"}]]}";

    @TempDir
    Path temp;

    @BeforeEach
    void requireReference() {
        ReferenceHostLocal.require();
    }

    private static HostLocalConfig v4v6(Path dataDir) {
        return new HostLocalConfig("mynet", dataDir, List.of(
                RangeSet.of(IpRange.of("198.51.100.0/24"), IpRange.of("203.0.113.0/28")),
                RangeSet.of(IpRange.of("2001:db8:1::/64"))), List.of(), null);
    }

    /** Every file of a store with its bytes and mode; the lock's content is not state. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.toList()) {
                String mode = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                files.put(f.getFileName().toString(), mode + " " + bytes.replace("\r", "\\r").replace("\n", "\\n"));
            }
        }
        return files;
    }

    @Test
    void theSameOperationsLeaveByteIdenticalStores() throws IOException {
        Path theirs = temp.resolve("reference");
        Path ours = temp.resolve("jnetlink");
        String config = ReferenceHostLocal.config("mynet", IPAM_V4_V6.formatted(theirs));
        HostLocalAllocator allocator = new HostLocalAllocator(v4v6(ours));

        for (String id : List.of("c1", "c2", "c3")) {
            assertThat(ReferenceHostLocal.run("ADD", id, "eth0", config).ok()).isTrue();
            allocator.allocate(new Owner(id, "eth0"));
        }
        assertThat(ReferenceHostLocal.run("DEL", "c2", "eth0", config).ok()).isTrue();
        allocator.release(new Owner("c2", "eth0"));
        assertThat(ReferenceHostLocal.run("ADD", "c4", "net1", config).ok()).isTrue();
        allocator.allocate(new Owner("c4", "net1"));

        Map<String, String> expected = snapshot(theirs.resolve("mynet"));
        assertThat(expected).containsKeys("198.51.100.2", "198.51.100.5", "2001:db8:1::5", "last_reserved_ip.1",
                "lock");
        assertThat(snapshot(ours.resolve("mynet"))).isEqualTo(expected);
    }

    @Test
    void alternatingToolsShareOneStore() {
        Path dataDir = temp.resolve("shared");
        String config = ReferenceHostLocal.config("mynet", IPAM_V4_V6.formatted(dataDir));
        HostLocalAllocator allocator = new HostLocalAllocator(v4v6(dataDir));
        List<String> v4 = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ReferenceHostLocal.Result theirs = ReferenceHostLocal.run("ADD", "ref" + i, "eth0", config);
            assertThat(theirs.ok()).as(theirs.stdout()).isTrue();
            v4.add(theirs.addresses().getFirst());
            v4.add(InetAddresses.text(allocator.allocate(new Owner("jnl" + i, "eth0")).ips().getFirst()
                    .address().address()));
        }
        // one round-robin sequence, as if one tool had made all twenty allocations
        List<String> expected = new ArrayList<>();
        for (int i = 2; i < 22; i++) {
            expected.add("198.51.100." + i);
        }
        assertThat(v4).isEqualTo(expected);

        // each tool sees, checks and releases the other's allocations
        assertThat(ReferenceHostLocal.run("CHECK", "jnl3", "eth0", config).ok()).isTrue();
        allocator.check(new Owner("ref3", "eth0"));
        ReferenceHostLocal.Result duplicate = ReferenceHostLocal.run("ADD", "jnl3", "eth0", config);
        assertThat(duplicate.ok()).isFalse();
        assertThat(duplicate.stdout()).contains("duplicate allocation is not allowed");
        for (int i = 0; i < 10; i++) {
            assertThat(ReferenceHostLocal.run("DEL", "jnl" + i, "eth0", config).ok()).isTrue();
            allocator.release(new Owner("ref" + i, "eth0"));
        }
        assertThat(allocator.list()).isEmpty();
    }

    @Test
    void concurrentProcessesNeverShareAnAddress() throws Exception {
        Path dataDir = temp.resolve("contended");
        String subnet = "198.51.100.0/25"; // 125 leasable addresses
        String config = ReferenceHostLocal.config("busy",
                "{\"type\":\"host-local\",\"dataDir\":\"" + dataDir + "\",\"ranges\":[[{\"subnet\":\"" + subnet
                        + "\"}]]}");
        HostLocalAllocator allocator = new HostLocalAllocator(HostLocalConfig.of("busy", dataDir, subnet));
        int perSource = 40; // 5 sources x 40 = 200 requests for 125 addresses

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<String>>> sources = new ArrayList<>();
        for (String jvm : List.of("jvmA", "jvmB")) {
            sources.add(pool.submit(() -> worker(dataDir, subnet, jvm, perSource)));
        }
        sources.add(pool.submit(() -> {
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
                for (int i = 0; i < perSource; i++) {
                    Owner owner = new Owner("thread" + i, "eth0");
                    threads.submit(() -> got.add(outcome(() -> allocator.allocate(owner).ips().getFirst())));
                }
            }
            return got;
        }));
        for (String ref : List.of("refA", "refB")) {
            sources.add(pool.submit(() -> {
                List<String> got = new ArrayList<>();
                for (int i = 0; i < perSource; i++) {
                    ReferenceHostLocal.Result r = ReferenceHostLocal.run("ADD", ref + i, "eth0", config);
                    got.add(r.ok() ? "OK " + r.addresses().getFirst() : "FAIL " + r.stdout());
                }
                return got;
            }));
        }
        List<String> granted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Future<List<String>> source : sources) {
            for (String line : source.get()) {
                (line.startsWith("OK ") ? granted : refused).add(line);
            }
        }
        pool.shutdown();

        assertThat(granted).hasSize(125).doesNotHaveDuplicates();
        assertThat(refused).hasSize(75).allSatisfy(line -> assertThat(line).contains("no IP addresses available"));
        List<Lease> leases = allocator.list();
        assertThat(leases).hasSize(125).allSatisfy(l -> assertThat(l.isSound()).isTrue());
        Set<String> owners = new HashSet<>();
        leases.forEach(l -> owners.add(l.containerId()));
        assertThat(owners).hasSize(125);
        Map<String, InetAddress> byAddress = new HashMap<>();
        leases.forEach(l -> byAddress.put("OK " + InetAddresses.text(l.address()), l.address()));
        assertThat(byAddress.keySet()).containsExactlyInAnyOrderElementsOf(granted);
    }

    @Test
    void oneOwnerAskingThroughBothToolsAtOnceGetsOneAddress() throws Exception {
        Path dataDir = temp.resolve("same-owner");
        String subnet = "198.51.100.0/24";
        String config = ReferenceHostLocal.config("race",
                "{\"type\":\"host-local\",\"dataDir\":\"" + dataDir + "\",\"ranges\":[[{\"subnet\":\"" + subnet
                        + "\"}]]}");
        HostLocalAllocator allocator = new HostLocalAllocator(HostLocalConfig.of("race", dataDir, subnet));
        int owners = 30;
        List<Future<String>> attempts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < owners; i++) {
                Owner owner = new Owner("pod" + i, "eth0");
                for (int tool = 0; tool < 2; tool++) {
                    attempts.add(pool.submit(() -> owner + " reference: "
                            + ReferenceHostLocal.run("ADD", owner.containerId(), "eth0", config)));
                }
                attempts.add(pool.submit(() -> owner + " jnetlink: "
                        + outcome(() -> allocator.allocate(owner).ips().getFirst())));
            }
        }
        List<String> log = new ArrayList<>();
        for (Future<String> attempt : attempts) {
            log.add(attempt.get());
        }

        List<Lease> leases = allocator.list();
        assertThat(leases).as("%s", log).allSatisfy(l -> assertThat(l.isSound()).isTrue());
        assertThat(leases).as("%s", log).extracting(Lease::containerId).hasSize(owners).doesNotHaveDuplicates();
    }

    private static String outcome(java.util.function.Supplier<io.jnetlink.ipam.IpConfig> allocation) {
        try {
            return "OK " + InetAddresses.text(allocation.get().address().address());
        } catch (IpamException e) {
            return "FAIL " + e.getMessage();
        }
    }

    /** Runs {@link AllocatorWorker} in its own JVM. */
    private static List<String> worker(Path dataDir, String subnet, String prefix, int count) throws Exception {
        Process p = new ProcessBuilder(Jvm.command(List.of("--enable-native-access=ALL-UNNAMED"), AllocatorWorker.class,
                dataDir.toString(), "busy", subnet, prefix, Integer.toString(count)))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor()).as("worker %s exit code", prefix).isZero();
        assertThat(lines).hasSize(count);
        return lines;
    }
}
