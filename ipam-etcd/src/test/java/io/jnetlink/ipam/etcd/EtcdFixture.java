package io.jnetlink.ipam.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.jnetlink.ipam.hostlocal.HostLocalAllocator;
import io.jnetlink.testkit.Jvm;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Configs and key reads shared by the etcd tests. */
final class EtcdFixture {

    private EtcdFixture() {
    }

    /** An {@code ipam} object of type etcd: {@code range} (host-local fields) on {@code endpoints}, 2 s timeout. */
    static Map<String, Object> ipam(List<String> endpoints, String hostId, Map<String, Object> range) {
        return ipam(endpoints, hostId, range, 2000);
    }

    /** As above with a request timeout of {@code timeoutMillis}. */
    static Map<String, Object> ipam(List<String> endpoints, String hostId, Map<String, Object> range,
                                    int timeoutMillis) {
        return ipam(endpoints, hostId, range, Map.of("timeoutMillis", timeoutMillis));
    }

    /** As above with more {@code etcd} settings ({@code timeoutMillis}, {@code leaseSeconds}, ...). */
    static Map<String, Object> ipam(List<String> endpoints, String hostId, Map<String, Object> range,
                                    Map<String, Object> etcdSettings) {
        Map<String, Object> etcd = new java.util.LinkedHashMap<>(Map.of("endpoints", endpoints,
                "keyPrefix", "/jnltest", "hostId", hostId));
        etcd.putAll(etcdSettings);
        Map<String, Object> ipam = new java.util.LinkedHashMap<>(range);
        ipam.put("type", "etcd");
        ipam.put("etcd", etcd);
        return ipam;
    }

    /** An allocator and its store (whose {@link EtcdStoreCounts} a test reads), as one host has them. */
    record Host(HostLocalAllocator allocator, EtcdLeaseStore store) implements AutoCloseable {
        @Override
        public void close() {
            allocator.close();
        }
    }

    /** A host with id {@code hostId} allocating from {@code range} (host-local fields) in {@code network}. */
    static Host host(List<String> endpoints, String hostId, String network, Map<String, Object> range,
                     int timeoutMillis) {
        EtcdIpamConfig config = new EtcdIpamPlugin().parseConfig(network, ipam(endpoints, hostId, range, timeoutMillis));
        EtcdLeaseStore store = EtcdLeaseStore.open(config.etcd(), network);
        return new Host(new HostLocalAllocator(config.addresses(), store), store);
    }

    /** A command line running {@code main} with {@code args} in a JVM like this one (class path, options). */
    static List<String> javaCommand(Class<?> main, String... args) {
        return Jvm.command(List.of(System.getProperty("etcd.jvm.options", "").split(" ")), main, args);
    }

    /** The revision at which each key below {@code prefix} was created: etcd's own order of the writes. */
    static Map<String, Long> createRevisions(List<String> endpoints, String prefix) throws Exception {
        try (Client client = Client.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
            Map<String, Long> revisions = new TreeMap<>();
            for (KeyValue kv : client.getKVClient().get(ByteSequence.from(prefix, StandardCharsets.UTF_8),
                    GetOption.builder().isPrefix(true).build()).get(10, TimeUnit.SECONDS).getKvs()) {
                revisions.put(kv.getKey().toString(StandardCharsets.UTF_8), kv.getCreateRevision());
            }
            return revisions;
        }
    }

    /** Every key below {@code prefix} with its value, read straight from etcd. */
    static Map<String, String> keys(List<String> endpoints, String prefix) throws Exception {
        try (Client client = Client.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
            Map<String, String> keys = new TreeMap<>();
            for (KeyValue kv : client.getKVClient().get(ByteSequence.from(prefix, StandardCharsets.UTF_8),
                    GetOption.builder().isPrefix(true).build()).get(10, TimeUnit.SECONDS).getKvs()) {
                keys.put(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().toString(StandardCharsets.UTF_8));
            }
            return keys;
        }
    }
}
