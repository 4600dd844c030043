package io.jnetlink.benchmarks;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.jnetlink.core.posix.Posix;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.Owner;
import io.jnetlink.ipam.etcd.EtcdIpamConfig;
import io.jnetlink.ipam.etcd.EtcdIpamPlugin;
import io.jnetlink.ipam.etcd.EtcdLeaseStore;
import io.jnetlink.ipam.hostlocal.HostLocalAllocator;
import io.jnetlink.testkit.EtcdCluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * Allocation rate of the etcd IPAM type: allocate + release pairs per second with 1, 4 and 16
 * concurrent clients (each with an allocator, an etcd connection and a host id of its own, as
 * separate hosts would have), against a 1-member and a 3-member etcd on loopback, next to
 * host-local's on-disk store on the same machine (its clients share one data directory, as
 * containers on one host do); and once more on 1 member with {@value #HELD} leases of other hosts
 * already in the network, which an allocation must not have to read. For etcd, also the
 * reservation transactions that lost a race to another client, per allocation. Arguments:
 * {@code [--seconds 5] [--out benchmarks/results]}.
 */
public final class EtcdIpamRate {

    private static final int[] CLIENTS = {1, 4, 16};
    /** Measured rounds per cell, the median reported. */
    private static final int ROUNDS = 3;
    /** Leases other hosts hold in the network of the last row. */
    private static final int HELD = 5_000;
    /** Leases written per transaction when setting up {@link #HELD} (two keys each; etcd allows 128 operations). */
    private static final int HELD_PER_TXN = 64;
    /** Set-up transactions in flight at once: etcd refuses a flood as "too many requests". */
    private static final int HELD_IN_FLIGHT = 4;

    private EtcdIpamRate() {
    }

    /** One client's allocator and, for etcd, its store (whose counts tell the conflicts). */
    private record Host(IpAllocator allocator, EtcdLeaseStore store) {
    }

    /** One cell: pairs per second, and etcd's lost reservation races per allocation (NaN for host-local). */
    private record Cell(double pairsPerSecond, double conflictsPerAllocation) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length >= 2 && args[0].equals("--seconds") ? Integer.parseInt(args[1]) : 5;
        Path out = Path.of(args.length >= 4 && args[2].equals("--out") ? args[3] : "benchmarks/results");
        Map<String, Cell[]> rows = new LinkedHashMap<>();
        Path data = Files.createTempDirectory("jnltest-bench-ipam-");
        try {
            rows.put("host-local (files, one host)", rates(seconds, (name, client) -> new Host(Ipam.open(name, Map.of(
                    "type", "host-local", "subnet", "198.18.0.0/16", "dataDir", data.toString())), null)));
        } finally {
            Posix.deleteRecursively(data);
        }
        for (int members : new int[] {1, 3}) {
            try (EtcdCluster etcd = EtcdCluster.start(members)) {
                rows.put("etcd, " + members + " member" + (members > 1 ? "s" : ""), rates(seconds,
                        (name, client) -> etcdHost(etcd, name, client)));
            }
        }
        try (EtcdCluster etcd = EtcdCluster.start(1); Client client = Client.builder().endpoints(
                etcd.endpoints().toArray(String[]::new)).build()) {
            rows.put(String.format("etcd, 1 member, %,d leases of other hosts held", HELD), rates(seconds,
                    (name, c) -> {
                        holdOthers(client, name);
                        return etcdHost(etcd, name, c);
                    }));
        }
        String table = table(seconds, rows);
        System.out.print(table);
        Files.createDirectories(out);
        Files.writeString(out.resolve("etcd-ipam-rate.md"), table + "\nMachine: " + Runtime.getRuntime()
                .availableProcessors() + " cores, " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + ", JDK " + Runtime.version() + ", Debian's etcd-server, members on loopback.\n");
    }

    private static String table(int seconds, Map<String, Cell[]> rows) {
        StringBuilder table = new StringBuilder("IPAM allocate + release pairs per second: the median of " + ROUNDS
                + " rounds of " + seconds + " s per cell, the client counts taking turns, after a 2 s warm-up;"
                + " conflicts: reservation transactions per allocation that lost a race to another client and were"
                + " tried again\n\n"
                + "| store | 1 client | 4 clients | 16 clients | conflicts per allocation (1 / 4 / 16 clients) |\n"
                + "|---|---:|---:|---:|---:|\n");
        rows.forEach((name, cells) -> {
            table.append("| ").append(name).append(" | ");
            for (Cell cell : cells) {
                table.append(String.format("%,.0f | ", cell.pairsPerSecond()));
            }
            List<String> conflicts = new ArrayList<>();
            for (Cell cell : cells) {
                conflicts.add(Double.isNaN(cell.conflictsPerAllocation()) ? "–"
                        : String.format("%.2f", cell.conflictsPerAllocation()));
            }
            table.append(String.join(" / ", conflicts)).append(" |\n");
        });
        return table.toString();
    }

    /** A client of the etcd type with its own connection and host id {@code bench-<client>}. */
    private static Host etcdHost(EtcdCluster etcd, String network, int client) {
        EtcdIpamConfig config = new EtcdIpamPlugin().parseConfig(network, Map.of("subnet", "198.18.0.0/16",
                "etcd", Map.of("endpoints", etcd.endpoints(), "keyPrefix", "/bench", "hostId", "bench-" + client,
                        "timeoutMillis", 10_000)));
        EtcdLeaseStore store = EtcdLeaseStore.open(config.etcd(), network);
        return new Host(new HostLocalAllocator(config.addresses(), store), store);
    }

    /**
     * Writes {@link #HELD} leases of another host into {@code network} once, as the etcd store
     * records them (address key and owner index key), from 198.18.100.0 up: beyond what the
     * measured clients reach, so they cost only by being there. {@link #HELD_PER_TXN} leases per
     * transaction, at most {@link #HELD_IN_FLIGHT} transactions at once.
     */
    private static void holdOthers(Client client, String network) {
        String base = "/bench/" + network + "/";
        ByteSequence marker = bytes(base + "ips/198.18.100.0");
        if (client.getKVClient().get(marker).join().getCount() > 0) {
            return;
        }
        Semaphore inFlight = new Semaphore(HELD_IN_FLIGHT);
        List<CompletableFuture<?>> txns = new ArrayList<>();
        for (int first = 0; first < HELD; first += HELD_PER_TXN) {
            List<Op> puts = new ArrayList<>();
            for (int i = first; i < Math.min(HELD, first + HELD_PER_TXN); i++) {
                String address = "198.18." + (100 + i / 256) + "." + (i % 256);
                String owner = "other" + i;
                puts.add(Op.put(bytes(base + "ips/" + address), bytes(owner + "\r\neth0\r\nother-host"),
                        PutOption.DEFAULT));
                puts.add(Op.put(bytes(base + "owners/" + owner + "/eth0/" + address), bytes(address), PutOption.DEFAULT));
            }
            inFlight.acquireUninterruptibly();
            txns.add(client.getKVClient().txn().Then(puts.toArray(Op[]::new)).commit()
                    .whenComplete((response, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(txns.toArray(CompletableFuture[]::new)).join();
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    /**
     * One cell per client count: the median of {@link #ROUNDS} rounds that take the client counts in
     * turn (so a change in the machine's load shows in every column alike), with the conflicts of all
     * rounds; {@code open} makes client number {@code c}'s allocator for a network.
     */
    private static Cell[] rates(int seconds, BiFunction<String, Integer, Host> open) throws Exception {
        Interval[][] rounds = new Interval[ROUNDS][CLIENTS.length];
        for (int clients : CLIENTS) {
            measure(clients, 2, c -> open.apply("bench" + clients + "-warmup", c));
        }
        for (int r = 0; r < ROUNDS; r++) {
            for (int i = 0; i < CLIENTS.length; i++) {
                String network = "bench" + CLIENTS[i];
                rounds[r][i] = measure(CLIENTS[i], seconds, c -> open.apply(network, c));
            }
        }
        Cell[] cells = new Cell[CLIENTS.length];
        for (int i = 0; i < CLIENTS.length; i++) {
            double[] pairs = new double[ROUNDS];
            long allocations = 0;
            long conflicts = 0;
            for (int r = 0; r < ROUNDS; r++) {
                pairs[r] = rounds[r][i].pairs() / (double) seconds;
                allocations += rounds[r][i].pairs();
                conflicts += rounds[r][i].conflicts();
            }
            Arrays.sort(pairs);
            cells[i] = new Cell(pairs[ROUNDS / 2], rounds[0][i].conflicts() < 0 ? Double.NaN
                    : allocations == 0 ? 0 : (double) conflicts / allocations);
        }
        return cells;
    }

    /** What {@code clients} clients did in one measured interval; conflicts -1 for host-local. */
    private record Interval(long pairs, long conflicts) {
    }

    /** Runs {@code clients} clients for {@code seconds}, each allocating and releasing in a loop. */
    private static Interval measure(int clients, int seconds, IntFunction<Host> open) throws Exception {
        LongAdder pairs = new LongAdder();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Host> hosts = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        long[] deadline = new long[1];
        for (int c = 0; c < clients; c++) {
            Owner owner = new Owner("client" + c, "eth0");
            Host host = open.apply(c);
            hosts.add(host);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    while (System.nanoTime() < deadline[0]) {
                        host.allocator().allocate(owner, List.of());
                        host.allocator().release(owner);
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
        long conflicts = hosts.getFirst().store() == null ? -1 : 0;
        for (Host host : hosts) {
            if (host.store() != null) {
                conflicts += host.store().counts().conflicts();
            }
            host.allocator().close();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a client failed: " + failures.getFirst(), failures.getFirst());
        }
        return new Interval(pairs.sum(), conflicts);
    }
}
