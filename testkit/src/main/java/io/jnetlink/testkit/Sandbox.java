package io.jnetlink.testkit;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.posix.Posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A throwaway network lab: a namespace {@code jnltest-<random>} with {@code lo} up, more
 * namespaces {@code jnltest-<random>-<role>} on demand, veth pairs to use as macvlan parents,
 * temporary directories, and anything else to close. {@link #close()} undoes everything in
 * reverse order (use try-with-resources, so a failing test or sample cleans up too); deleting a
 * namespace deletes every link in it. Namespaces a process could not close (a crashed benchmark
 * trial) are deleted by a shutdown hook.
 */
public final class Sandbox implements AutoCloseable {

    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> LIVE.forEach(Sandbox::deleteQuietly)));
    }

    private final String name;
    private final Deque<AutoCloseable> cleanups = new ArrayDeque<>();
    private final List<String> namespaces = new ArrayList<>();
    private final NetNs ns;
    private boolean closed;

    private Sandbox(String name) {
        this.name = name;
        try {
            this.ns = createNamespace(name);
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** A fresh sandbox; throws a one-line {@link IllegalStateException} without the privileges. */
    public static Sandbox create() {
        Privileges.require();
        return new Sandbox(randomName());
    }

    /** A name {@code jnltest-<8 hex digits>} no other sandbox of this run uses. */
    public static String randomName() {
        return "jnltest-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** The main namespace's name ({@code ip netns} name). */
    public String name() {
        return name;
    }

    /** The main namespace. */
    public NetNs ns() {
        return ns;
    }

    /** Another namespace {@code <name>-<role>}, {@code lo} up, deleted with the sandbox. */
    public NetNs namespace(String role) {
        return createNamespace(name + "-" + role);
    }

    /** The names of every namespace made so far, the main one first. */
    public List<String> namespaceNames() {
        return List.copyOf(namespaces);
    }

    /** A veth pair {@code name}/{@code peer} in the main namespace, both up: a macvlan parent. */
    public void veth(String name, String peer) {
        veth(ns, name, peer);
    }

    /** A veth pair {@code name}/{@code peer} in {@code where}, both up; a kernel error names the pair. */
    public void veth(NetNs where, String name, String peer) {
        try (NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, where)) {
            RawLinks.veth(socket, name, peer);
            RawLinks.setUp(socket, name);
            RawLinks.setUp(socket, peer);
        } catch (NetlinkErrorException e) {
            throw e.withOperation("veth " + name + " peer " + peer + " in " + where.description());
        }
    }

    /** A temporary directory (e.g. an IPAM data directory), deleted with the sandbox. */
    public Path directory(String role) {
        try {
            Path dir = Files.createTempDirectory("jnltest-" + role + "-");
            cleanups.push(() -> Posix.deleteRecursively(dir));
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("temporary directory for " + role + ": " + e, e);
        }
    }

    /** Closes {@code resource} when the sandbox closes (before what was made earlier). */
    public <T extends AutoCloseable> T closeLater(T resource) {
        cleanups.push(resource);
        return resource;
    }

    /** Undoes everything, newest first; the first failure is thrown after all steps ran. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        while (!cleanups.isEmpty()) {
            try {
                cleanups.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("sandbox " + name + " clean-up: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private NetNs createNamespace(String namespace) {
        LIVE.add(namespace);
        NetNs created;
        try {
            created = NetNs.create(namespace);
        } catch (RuntimeException e) {
            LIVE.remove(namespace);
            throw e;
        }
        namespaces.add(namespace);
        cleanups.push(() -> {
            if (NetNs.exists(namespace)) { // a test may have deleted it itself
                NetNs.delete(namespace);
            }
            LIVE.remove(namespace);
        });
        cleanups.push(created);
        try (NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, created)) {
            RawLinks.setUp(socket, "lo");
        }
        return created;
    }

    private static void deleteQuietly(String namespace) {
        try {
            NetNs.delete(namespace);
        } catch (RuntimeException e) {
            System.err.println("sandbox: could not delete network namespace " + namespace + ": " + e.getMessage());
        }
    }
}
