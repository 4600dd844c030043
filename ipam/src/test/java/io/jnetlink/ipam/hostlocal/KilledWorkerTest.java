package io.jnetlink.ipam.hostlocal;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.Owner;
import io.jnetlink.testkit.Jvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 50 processes, each killed with SIGKILL at a random moment while allocating and releasing in one
 * host-local directory, all taking turns with one small pool of owners. After every kill the store
 * is consistent: each lease file names its holder, no holder has two leases, {@code last_reserved_ip.0} is absent or names an address of
 * the range, the next allocation (in this JVM) works; at the end garbage collection leaves no
 * lease and no temporary file.
 */
class KilledWorkerTest {

    private static final int KILLS = 50;
    private static final String SUBNET = "198.18.0.0/22";

    @TempDir
    Path dataDir;

    @Test
    void killedAllocatorsLeaveAConsistentStore() throws Exception {
        Path store = dataDir.resolve("churn");
        IpRange range = HostLocalConfig.of("churn", dataDir, SUBNET).ranges().getFirst().ranges().getFirst();
        try (HostLocalAllocator probe = new HostLocalAllocator(HostLocalConfig.of("churn", dataDir, SUBNET))) {
            for (int kill = 0; kill < KILLS; kill++) {
                Process worker = start("pool-"); // every worker takes over the owners the last one held
                try {
                    BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream()));
                    assertThat(out.readLine()).as("worker " + kill + " started").isEqualTo("READY");
                    Thread.sleep(ThreadLocalRandom.current().nextInt(1, 200));
                } finally {
                    worker.destroyForcibly(); // SIGKILL
                    assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
                assertThat(worker.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

                List<Lease> leases = probe.list();
                assertThat(leases).as("after kill " + kill).allSatisfy(l -> assertThat(l.isSound()).as(l.toString()).isTrue());
                Set<String> holders = new HashSet<>();
                assertThat(leases).allSatisfy(l -> assertThat(holders.add(l.containerId())).as("doubled: " + l).isTrue());
                assertThat(holders).as("holders after kill " + kill).hasSizeLessThanOrEqualTo(ChurnWorker.POOL);
                Path last = store.resolve("last_reserved_ip.0");
                if (Files.exists(last)) {
                    InetAddress recorded = InetAddresses.parse("last_reserved_ip.0", Files.readString(last));
                    assertThat(range.contains(recorded)).as("last_reserved_ip.0 " + recorded).isTrue();
                }
                Owner next = new Owner("probe" + kill, "eth0");
                assertThat(probe.allocate(next).ips()).hasSize(1);
                probe.release(next);
            }
            probe.garbageCollect(Set.of());
            assertThat(probe.list()).isEmpty();
        }
        try (Stream<Path> files = Files.list(store)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("what garbage collection leaves").allMatch(f -> f.equals("lock") || f.equals("last_reserved_ip.0"));
        }
    }

    private Process start(String ownerPrefix) throws IOException {
        return new ProcessBuilder(Jvm.command(List.of("--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1"),
                ChurnWorker.class, dataDir.toString(), "churn", SUBNET, ownerPrefix))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
