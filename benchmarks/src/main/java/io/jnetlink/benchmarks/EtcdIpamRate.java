package io.jnetlink.benchmarks;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.core.posix.Posix;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.Owner;
import io.jnetlink.testkit.EtcdCluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Allocation rate of the etcd IPAM type: allocate + release pairs per second with 1, 4 and 16
 * concurrent clients (each with an allocator and an etcd connection of its own, as separate hosts
 * would have), against a 1-member and a 3-member etcd on loopback, next to host-local's on-disk
 * store on the same machine (its clients share one data directory, as containers on one host do);
 * and once more on 1 member with {@value #HELD} leases of other hosts already in the network,
 * which an allocation must not have to read. Arguments: {@code [--seconds 5] [--out benchmarks/results]}.
 */
public final class EtcdIpamRate {

    private static final int[] CLIENTS = {1, 4, 16};
    /** Leases other hosts hold in the network of the last row. */
    private static final int HELD = 5_000;

    private EtcdIpamRate() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length >= 2 && args[0].equals("--seconds") ? Integer.parseInt(args[1]) : 5;
        Path out = Path.of(args.length >= 4 && args[2].equals("--out") ? args[3] : "benchmarks/results");
        Map<String, double[]> rows = new LinkedHashMap<>();
        Path data = Files.createTempDirectory("jnltest-bench-ipam-");
        try {
            rows.put("host-local (files, one host)", rates(seconds, name -> Ipam.open(name, Map.of(
                    "type", "host-local", "subnet", "198.18.0.0/16", "dataDir", data.toString()))));
        } finally {
            Posix.deleteRecursively(data);
        }
        for (int members : new int[] {1, 3}) {
            try (EtcdCluster etcd = EtcdCluster.start(members)) {
                rows.put("etcd, " + members + " member" + (members > 1 ? "s" : ""), rates(seconds,
                        name -> etcdAllocator(etcd, name)));
            }
        }
        try (EtcdCluster etcd = EtcdCluster.start(1); Client client = Client.builder().endpoints(
                etcd.endpoints().toArray(String[]::new)).build()) {
            rows.put(String.format("etcd, 1 member, %,d leases of other hosts held", HELD), rates(seconds, name -> {
                holdOthers(client, name);
                return etcdAllocator(etcd, name);
            }));
        }
        StringBuilder table = new StringBuilder("IPAM allocate + release pairs per second, " + seconds
                + " s per cell after a 2 s warm-up\n\n| store | 1 client | 4 clients | 16 clients |\n|---|---:|---:|---:|\n");
        rows.forEach((name, r) -> table.append("| ").append(name).append(" | ")
                .append(String.format("%,.0f | %,.0f | %,.0f |%n", r[0], r[1], r[2])));
        System.out.print(table);
        Files.createDirectories(out);
        Files.writeString(out.resolve("etcd-ipam-rate.md"), table + "\nMachine: " + Runtime.getRuntime()
                .availableProcessors() + " cores, " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + ", JDK " + Runtime.version() + ", Debian's etcd-server, members on loopback.\n");
    }

    private static IpAllocator etcdAllocator(EtcdCluster etcd, String network) {
        return Ipam.open(network, Map.of("type", "etcd", "subnet", "198.18.0.0/16",
                "etcd", Map.of("endpoints", etcd.endpoints(), "keyPrefix", "/bench", "hostId", "bench",
                        "timeoutMillis", 10_000)));
    }

    /**
     * Writes {@link #HELD} leases of another host into {@code network} once, as the etcd store
     * records them (address key and owner index key), from 198.18.100.0 up: beyond what the
     * measured clients reach, so they cost only by being there.
     */
    private static void holdOthers(Client client, String network) {
        String base = "/bench/" + network + "/";
        ByteSequence marker = bytes(base + "ips/198.18.100.0");
        if (client.getKVClient().get(marker).join().getCount() > 0) {
            return;
        }
        List<CompletableFuture<?>> puts = new ArrayList<>();
        for (int i = 0; i < HELD; i++) {
            String address = "198.18." + (100 + i / 256) + "." + (i % 256);
            String owner = "other" + i;
            puts.add(client.getKVClient().put(bytes(base + "ips/" + address), bytes(owner + "\r\neth0\r\nother-host")));
            puts.add(client.getKVClient().put(bytes(base + "owners/" + owner + "/eth0/" + address), bytes(address)));
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    /** Pairs per second for each client count; {@code open} makes one client's allocator for a network. */
    private static double[] rates(int seconds, Function<String, IpAllocator> open) throws Exception {
        double[] rates = new double[CLIENTS.length];
        for (int i = 0; i < CLIENTS.length; i++) {
            String network = "bench" + CLIENTS[i];
            measure(CLIENTS[i], 2, () -> open.apply(network + "-warmup"));
            rates[i] = measure(CLIENTS[i], seconds, () -> open.apply(network)) / seconds;
        }
        return rates;
    }

    private static double measure(int clients, int seconds, Supplier<IpAllocator> open) throws Exception {
        LongAdder pairs = new LongAdder();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] deadline = new long[1];
        for (int c = 0; c < clients; c++) {
            Owner owner = new Owner("client" + c, "eth0");
            IpAllocator allocator = open.get();
            threads.add(Thread.ofPlatform().start(() -> {
                try (allocator) {
                    start.await();
                    while (System.nanoTime() < deadline[0]) {
                        allocator.allocate(owner, List.of());
                        allocator.release(owner);
                        pairs.increment();
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        deadline[0] = System.nanoTime() + seconds * 1_000_000_000L;
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a client failed: " + failures.getFirst(), failures.getFirst());
        }
        return pairs.sum();
    }
}
