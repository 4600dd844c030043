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
 * one /22 (198.18.0.0/22, the benchmarking range; no traffic) in one etcd, all at the same time.
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
                for (int h = 0; h < HOSTS; h++) {
                    List<String> command = EtcdFixture.javaCommand(AllocateMany.class,
                            String.join(",", etcd.endpoints()), "fleet", "host" + h, String.valueOf(EACH),
                            "198.18.0.0/22");
                    hosts.add(new ProcessBuilder(command).redirectOutput(out.resolve("host" + h).toFile())
                            .redirectError(out.resolve("host" + h + ".err").toFile()).start());
                }
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
            } finally {
                Posix.deleteRecursively(out);
            }
        }
    }
}
