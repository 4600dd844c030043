package io.jnetlink.benchmarks;

import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.Owner;
import io.jnetlink.testkit.EtcdCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Allocation rate of the etcd IPAM type: allocate + release pairs per second with 1, 4 and 16
 * concurrent clients (each with an allocator and an etcd connection of its own, as separate hosts
 * would have), against a 1-member and a 3-member etcd on loopback, next to host-local's on-disk
 * store on the same machine (its clients share one data directory, as containers on one host do).
 * Arguments: {@code [--seconds 5] [--out benchmarks/results]}.
 */
public final class EtcdIpamRate {

    private static final int[] CLIENTS = {1, 4, 16};

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
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        for (int members : new int[] {1, 3}) {
            try (EtcdCluster etcd = EtcdCluster.start(members)) {
                rows.put("etcd, " + members + " member" + (members > 1 ? "s" : ""), rates(seconds,
                        name -> Ipam.open(name, Map.of("type", "etcd", "subnet", "198.18.0.0/16",
                                "etcd", Map.of("endpoints", etcd.endpoints(), "keyPrefix", "/bench",
                                        "hostId", "bench", "timeoutMillis", 10_000)))));
            }
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
