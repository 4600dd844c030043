package io.jnetlink.benchmarks;

import io.jnetlink.core.NetNs;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.macvlan.Veth;

import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A sandbox namespace {@code jnltest-bench-<random>} holding an empty veth parent
 * {@code parent0} (peer {@code peer0}), both up. Closing deletes the namespace and every link in
 * it; a shutdown hook deletes any the benchmark could not close (a failed trial).
 */
final class BenchNamespace implements AutoCloseable {

    static final String PARENT = "parent0";
    private static final Set<String> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(BenchNamespace::deleteQuietly)));
    }

    private final String name;
    private final NetNs ns;
    private final RtNetlink rt;

    private BenchNamespace(String name) {
        this.name = name;
        OPEN.add(name);
        this.ns = NetNs.create(name);
        this.rt = RtNetlink.open(ns);
        rt.links().create(Veth.of(PARENT, "peer0"));
        rt.links().setUp(PARENT);
        rt.links().setUp("peer0");
    }

    /** A fresh sandbox with an empty parent; needs root. */
    static BenchNamespace create() {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("link benchmarks need root: they create network namespaces and links");
        }
        return new BenchNamespace("jnltest-bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    }

    String name() {
        return name;
    }

    NetNs ns() {
        return ns;
    }

    RtNetlink rt() {
        return rt;
    }

    @Override
    public void close() {
        try {
            rt.close();
            ns.close();
        } finally {
            NetNs.delete(name);
            OPEN.remove(name);
        }
    }

    private static void deleteQuietly(String name) {
        try {
            NetNs.delete(name);
        } catch (RuntimeException e) {
            System.err.println("could not delete " + name + ": " + e.getMessage());
        }
    }
}
