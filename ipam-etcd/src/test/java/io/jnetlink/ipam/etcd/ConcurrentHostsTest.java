package io.jnetlink.ipam.etcd;

import io.jnetlink.core.posix.Posix;
import io.jnetlink.testkit.EtcdCluster;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many hosts at once: four JVMs (each a "host" with its own id) allocate 250 addresses each from
 * one /22 (198.18.0.0/22, the benchmarking range; no traffic) in one etcd, all at the same time:
 * they start together at a barrier, and etcd's revisions show their writes interleaved.
 */
class ConcurrentHostsTest {

    private static final int HOSTS = 4;
    private static final int EACH = 250;

    @Test
    void fourProcessesAllocatingAtOnceNeverShareAnAddressAndTheKeysAgree() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1)) {
            Path out = Files.createTempDirectory("jnltest-hosts-");
            try {
                List<Process> hosts = new ArrayList<>();
                Path go = out.resolve("go");
                for (int h = 0; h < HOSTS; h++) {
                    List<String> command = EtcdFixture.javaCommand(AllocateMany.class,
                            String.join(",", etcd.endpoints()), "fleet", "host" + h, String.valueOf(EACH),
                            "198.18.0.0/22", go.toString());
                    hosts.add(new ProcessBuilder(command).redirectOutput(out.resolve("host" + h).toFile())
                            .redirectError(out.resolve("host" + h + ".err").toFile()).start());
                }
                awaitReady(out, hosts);
                Files.createFile(go); // the start barrier: every host is connected and waiting
                for (int h = 0; h < HOSTS; h++) {
                    Process p = hosts.get(h);
                    if (!p.waitFor(5, TimeUnit.MINUTES)) {
                        hosts.forEach(Process::destroyForcibly);
                    }
                    assertThat(p.exitValue()).as("host" + h + ": " + Files.readString(out.resolve("host" + h + ".err")))
                            .isZero();
                }

                Map<String, String> holderOf = new HashMap<>();
                Set<String> duplicates = new HashSet<>();
                for (int h = 0; h < HOSTS; h++) {
                    List<String> lines = Files.readAllLines(out.resolve("host" + h));
                    assertThat(lines).as("host" + h + " allocations").hasSize(EACH);
                    for (String line : lines) {
                        String[] ownerAndAddress = line.split(" ");
                        if (holderOf.put(ownerAndAddress[1], ownerAndAddress[0] + "\r\neth0\r\nhost" + h) != null) {
                            duplicates.add(ownerAndAddress[1]);
                        }
                    }
                }
                assertThat(duplicates).as("addresses handed out twice").isEmpty();
                assertThat(holderOf).hasSize(HOSTS * EACH);

                Map<String, String> keys = new HashMap<>();
                EtcdFixture.keys(etcd.endpoints(), "/jnltest/fleet/ips/")
                        .forEach((key, value) -> keys.put(key.substring("/jnltest/fleet/ips/".length()), value));
                assertThat(keys).as("etcd's records = what the processes hold").isEqualTo(holderOf);

                // they ran at the same time: in etcd's own order of writes, every two hosts' writes interleave
                Map<String, Long> revisions = EtcdFixture.createRevisions(etcd.endpoints(), "/jnltest/fleet/ips/");
                long[] first = new long[HOSTS];
                long[] last = new long[HOSTS];
                java.util.Arrays.fill(first, Long.MAX_VALUE);
                revisions.forEach((key, revision) -> {
                    String holder = keys.get(key.substring("/jnltest/fleet/ips/".length())); // "<id>\r\neth0\r\nhost<h>"
                    int h = Integer.parseInt(holder.substring(holder.lastIndexOf("\nhost") + "\nhost".length()));
                    first[h] = Math.min(first[h], revision);
                    last[h] = Math.max(last[h], revision);
                });
                for (int a = 0; a < HOSTS; a++) {
                    for (int b = a + 1; b < HOSTS; b++) {
                        assertThat(first[a] < last[b] && first[b] < last[a])
                                .as("host%d's writes (revisions %d..%d) overlap host%d's (%d..%d)", a, first[a], last[a],
                                        b, first[b], last[b]).isTrue();
                    }
                }
            } finally {
                Posix.deleteRecursively(out);
            }
        }
    }

    /** Waits until every host has said "ready" on its standard error (connected, waiting for the barrier). */
    private static void awaitReady(Path out, List<Process> hosts) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        for (int h = 0; h < HOSTS; h++) {
            Path err = out.resolve("host" + h + ".err");
            while (!Files.readString(err).contains("ready")) {
                if (!hosts.get(h).isAlive() || System.nanoTime() > deadline) {
                    hosts.forEach(Process::destroyForcibly);
                    throw new AssertionError("host" + h + " never got ready: " + Files.readString(err));
                }
                Thread.sleep(20);
            }
        }
    }
}