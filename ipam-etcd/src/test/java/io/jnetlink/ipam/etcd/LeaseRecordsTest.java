package io.jnetlink.ipam.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.hostlocal.DiskLeaseStore;
import io.jnetlink.testkit.EtcdCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The etcd store reads lease records by host-local's rules: the same texts, planted in etcd and
 * in host-local's files, give the same leases. Before, the etcd store split records loosely and
 * took {@code c1\r\n\r\nhost-a} (an empty interface) as sound, and refused host-local's legacy
 * record {@code legacy} (container id only).
 */
class LeaseRecordsTest {

    private static final Map<String, String> RECORDS = new LinkedHashMap<>();

    static {
        RECORDS.put("198.51.100.2", "c1\r\neth0\r\nhost-a");              // the etcd store's own
        RECORDS.put("198.51.100.3", "c2\r\neth0");                        // host-local's
        RECORDS.put("198.51.100.4", "legacy");                            // etcd refused it, host-local took it
        RECORDS.put("198.51.100.5", "c3\r\n\r\nhost-a");                  // etcd took it (ifName ""), disk refused
        RECORDS.put("198.51.100.6", "c 4\r\neth0\r\nhost-a");             // etcd took it, host-local refused
        RECORDS.put("198.51.100.7", "c5\r\neth0\r\nhost-a\r\nextra");     // etcd took it, host-local refused
        RECORDS.put("198.51.100.8", "");                                  // empty
    }

    @TempDir
    Path dataDir;

    @Test
    void etcdAndDiskStoresAcceptAndRefuseTheSameRecords() throws Exception {
        Path network = Files.createDirectories(dataDir.resolve("net"));
        for (Map.Entry<String, String> record : RECORDS.entrySet()) {
            Files.writeString(network.resolve(record.getKey()), record.getValue());
        }
        Map<String, String> disk = summary(new DiskLeaseStore(network).leases());

        try (EtcdCluster etcd = EtcdCluster.start(1);
             Client client = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build()) {
            for (Map.Entry<String, String> record : RECORDS.entrySet()) {
                client.getKVClient().put(bytes("/jnltest/net/ips/" + record.getKey()), bytes(record.getValue()))
                        .get(10, TimeUnit.SECONDS);
            }
            EtcdSettings settings = new EtcdSettings(etcd.endpoints(), "/jnltest", "host-a", Duration.ofSeconds(5),
                    null, null, null, null);
            Map<String, String> inEtcd = summary(new EtcdLeaseStore(client, settings, "net").leases());

            assertThat(inEtcd).isEqualTo(disk);
            assertThat(inEtcd).containsEntry("198.51.100.2", "c1/eth0").containsEntry("198.51.100.3", "c2/eth0")
                    .containsEntry("198.51.100.4", "legacy/-").containsEntry("198.51.100.5", "unreadable")
                    .containsEntry("198.51.100.6", "unreadable").containsEntry("198.51.100.7", "unreadable")
                    .containsEntry("198.51.100.8", "empty");
        }
    }

    /** Address -> holder ({@code id/ifName}, {@code -} for none) or the first word of the problem. */
    private static Map<String, String> summary(List<Lease> leases) {
        Function<Lease, String> holder = l -> !l.isSound() ? l.problem().substring(0, l.problem().indexOf(' '))
                : l.containerId() + "/" + (l.ifName() == null ? "-" : l.ifName());
        return leases.stream().collect(Collectors.toMap(l -> InetAddresses.text(l.address()), holder, (a, b) -> a,
                TreeMap::new));
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
