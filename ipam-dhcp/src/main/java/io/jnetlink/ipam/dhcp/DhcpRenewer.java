package io.jnetlink.ipam.dhcp;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.SyscallException;
import io.jnetlink.core.posix.Directory;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.Owner;
import io.jnetlink.macvlan.Address;
import io.jnetlink.macvlan.RtNetlink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Keeps the {@code dhcp} IPAM type's leases: each lease is a file in one directory (written whole,
 * read without following links), renewed at T1 by unicast to its server, rebound at T2 by
 * broadcast, and when it is lost (a DHCPNAK, or expiry without an answer) its address is removed
 * from the container and the loss logged. A renewer started on a directory picks up every lease
 * in it, so renewals go on after the process that got them (the CNI daemon, or your program)
 * restarts. The CNI daemon runs one; a program that uses the {@code dhcp} type in process starts
 * one and closes it:
 *
 * <pre>{@code
 * try (DhcpRenewer renewer = DhcpRenewer.start(Path.of("/var/lib/jnetlink/dhcp"))) {
 *     // ADD, CHECK, DEL with ipam type "dhcp" while it runs
 * }
 * }</pre>
 *
 * One renewer runs per process ({@link #running()}), and one should use a directory at a time.
 */
public final class DhcpRenewer implements AutoCloseable {

    /** Where the CNI daemon keeps its DHCP leases unless told otherwise. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/var/lib/cni/jnetlink-dhcp");

    private static final AtomicReference<DhcpRenewer> RUNNING = new AtomicReference<>();
    /** Where a renewer starts when first asked for ({@link #onDemand}), or null. */
    private static final AtomicReference<Path> ON_DEMAND = new AtomicReference<>();
    private static final Duration SHORTEST_WAIT = Duration.ofSeconds(1);

    private final Path directory;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<String, Kept> leases = new ConcurrentHashMap<>();
    private final AtomicInteger renewals = new AtomicInteger();
    private volatile boolean closed;

    /** One lease with its next scheduled step; its monitor orders renewals, release and checks. */
    private static final class Kept {
        volatile DhcpLease lease;
        ScheduledFuture<?> next;

        Kept(DhcpLease lease) {
            this.lease = lease;
        }
    }

    private DhcpRenewer(Path directory) {
        this.directory = directory;
        AtomicInteger threads = new AtomicInteger();
        this.scheduler = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "dhcp-renewer-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts the process's renewer on {@code directory} (created, mode 0700, if absent): every
     * lease file in it is read and its renewal scheduled (a lease already past its end is lost at
     * once).
     *
     * @throws IllegalStateException if a renewer runs in this process already
     */
    public static DhcpRenewer start(Path directory) {
        DhcpRenewer renewer = new DhcpRenewer(directory.toAbsolutePath());
        if (!RUNNING.compareAndSet(null, renewer)) {
            renewer.scheduler.shutdownNow();
            throw new IllegalStateException("a DHCP renewer runs in this process already, on "
                    + RUNNING.get().directory + "; close it first");
        }
        try {
            renewer.load();
            return renewer;
        } catch (RuntimeException e) {
            renewer.close();
            throw e;
        }
    }

    /**
     * The renewer running in this process, if one is; started now on the directory given to
     * {@link #onDemand} if that was called and none runs.
     */
    public static Optional<DhcpRenewer> running() {
        DhcpRenewer renewer = RUNNING.get();
        Path demand = ON_DEMAND.get();
        if (renewer == null && demand != null) {
            synchronized (ON_DEMAND) {
                renewer = RUNNING.get();
                if (renewer == null && ON_DEMAND.get() != null) {
                    renewer = start(demand);
                }
            }
        }
        return Optional.ofNullable(renewer);
    }

    /**
     * Has the process's renewer start on {@code directory} when the {@code dhcp} type is first
     * used ({@link #running()}), or at once if the directory holds leases already (so they are
     * renewed after a restart): a service that costs nothing where no one uses DHCP. Closing the
     * returned handle closes the renewer if it started, and stops starting one.
     */
    public static AutoCloseable onDemand(Path directory) {
        Path dir = directory.toAbsolutePath();
        ON_DEMAND.set(dir);
        try (var files = Files.list(dir)) {
            if (files.anyMatch(f -> f.getFileName().toString().endsWith(".lease"))) {
                running();
            }
        } catch (java.nio.file.NoSuchFileException absent) {
            // no leases yet: the first use creates the directory
        } catch (IOException e) {
            throw new UncheckedIOException("DHCP renewer: cannot read its directory " + dir, e);
        }
        return () -> {
            synchronized (ON_DEMAND) {
                ON_DEMAND.compareAndSet(dir, null);
                DhcpRenewer renewer = RUNNING.get();
                if (renewer != null && renewer.directory.equals(dir)) {
                    renewer.close();
                }
            }
        };
    }

    /** The directory of lease files. */
    public Path directory() {
        return directory;
    }

    /** Every lease kept, bound or lost. */
    public List<DhcpLease> leases() {
        return leases.values().stream().map(k -> k.lease).toList();
    }

    /** The lease of {@code owner} on {@code network}, if one is kept. */
    public Optional<DhcpLease> lease(String network, Owner owner) {
        return Optional.ofNullable(leases.get(fileName(network, owner))).map(k -> k.lease);
    }

    /** How many renewals (DHCPACKs after the first) this renewer has had. */
    public int renewals() {
        return renewals.get();
    }

    /** Acquires a lease for {@code owner}'s interface in {@code container}, stores it and schedules its renewal. */
    DhcpLease acquire(DhcpConfig config, Owner owner, NetNs container, List<InetAddress> requested) {
        requireOpen();
        String name = fileName(config.network(), owner);
        Kept existing = leases.get(name);
        if (existing != null && existing.lease.state() == DhcpLease.State.BOUND) {
            throw new IpamException("DHCP: " + owner + " already holds a lease on network " + config.network() + " ("
                    + existing.lease.address().getHostAddress() + "); DEL it first");
        }
        DhcpLease lease = DhcpClient.acquire(config, owner, container, requested);
        Kept kept = new Kept(lease);
        synchronized (kept) {
            try {
                write(name, lease);
            } catch (RuntimeException e) {
                DhcpClient.release(lease);
                throw e;
            }
            leases.put(name, kept);
            schedule(name, kept);
        }
        DhcpClient.LOG.log(DEBUG, "DHCP {0}: bound {1}", owner, lease);
        return lease;
    }

    /** Stops renewing {@code owner}'s lease, sends a DHCPRELEASE if it is bound, and forgets it. */
    void release(String network, Owner owner) {
        String name = fileName(network, owner);
        Kept kept = leases.get(name);
        if (kept == null) {
            return;
        }
        synchronized (kept) {
            if (kept.next != null) {
                kept.next.cancel(false);
            }
            DhcpLease lease = kept.lease;
            if (lease.state() == DhcpLease.State.BOUND) {
                DhcpClient.release(lease);
                DhcpClient.LOG.log(DEBUG, "DHCP {0}: released {1}", owner, lease.address().getHostAddress());
            }
            delete(name);
            leases.remove(name);
        }
    }

    /** Stops renewing (the lease files stay: the next renewer on the directory takes them up); idempotent. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RUNNING.compareAndSet(this, null);
    }

    @Override
    public String toString() {
        return "DhcpRenewer[" + directory + ", " + leases.size() + " leases" + (closed ? ", closed]" : "]");
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this DHCP renewer was closed");
        }
    }

    private void load() {
        try {
            if (!Files.isDirectory(directory)) { // only the last one private: parents as the umask makes them
                Files.createDirectories(directory.getParent());
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            try (Directory dir = Directory.open(directory)) {
                for (Directory.Entry entry : dir.list()) {
                    if (entry.kind() != Directory.Kind.REGULAR || !entry.name().endsWith(".lease")) {
                        continue;
                    }
                    try {
                        DhcpLease lease = DhcpLease.parse(directory.resolve(entry.name()).toString(),
                                new String(dir.read(entry.name()), StandardCharsets.UTF_8));
                        Kept kept = new Kept(lease);
                        synchronized (kept) {
                            leases.put(entry.name(), kept);
                            schedule(entry.name(), kept);
                        }
                    } catch (IllegalArgumentException e) {
                        DhcpClient.LOG.log(WARNING, "DHCP: skipped a damaged lease file: {0}", e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("DHCP renewer: cannot read its directory " + directory, e);
        }
        DhcpClient.LOG.log(DEBUG, "DHCP renewer on {0}: {1} leases taken up", directory, leases.size());
    }

    /** Schedules the next step of a bound lease: at T1, or now if T1 has passed. Holds {@code kept}'s monitor. */
    private void schedule(String name, Kept kept) {
        Instant at = kept.lease.renewAt();
        if (kept.lease.state() != DhcpLease.State.BOUND || at == null || closed) {
            return; // lost, or infinite
        }
        schedule(name, kept, Duration.between(Instant.now(), at));
    }

    private void schedule(String name, Kept kept, Duration delay) {
        kept.next = scheduler.schedule(() -> maintain(name, kept), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Renews, rebinds or gives up the lease, as its times say, and schedules what comes next. */
    private void maintain(String name, Kept kept) {
        synchronized (kept) {
            if (closed || leases.get(name) != kept) {
                return;
            }
            DhcpLease lease = kept.lease;
            Instant now = Instant.now();
            if (!now.isBefore(lease.expiresAt())) {
                lose(name, kept, "it expired at " + lease.expiresAt() + " without a DHCPACK");
                return;
            }
            DhcpClient.Phase phase = now.isBefore(lease.rebindAt()) ? DhcpClient.Phase.RENEWING
                    : DhcpClient.Phase.REBINDING;
            Instant until = phase == DhcpClient.Phase.RENEWING ? lease.rebindAt() : lease.expiresAt();
            Duration half = Duration.between(now, until).dividedBy(2);
            Duration attempt = half.compareTo(SHORTEST_WAIT) < 0 ? Duration.between(now, until) : half;
            DhcpMessage reply;
            try {
                reply = DhcpClient.renew(lease, phase, System.nanoTime() + attempt.toNanos());
            } catch (SyscallException | IllegalArgumentException e) {
                if (!Files.exists(Path.of(lease.netns()))) { // the container went without a DEL
                    lose(name, kept, "its network namespace " + lease.netns() + " is gone");
                    return;
                }
                DhcpClient.LOG.log(WARNING, "DHCP {0}: cannot renew {1} ({2}); trying again in {3}",
                        lease.owner(), lease.address().getHostAddress(), e.getMessage(), attempt);
                schedule(name, kept, attempt);
                return;
            }
            if (reply == null) {
                DhcpClient.LOG.log(DEBUG, "DHCP {0}: no answer while {1}", lease.owner(), phase);
                schedule(name, kept, Duration.ZERO);
            } else if (reply.type().orElseThrow() == DhcpMessageType.DHCPNAK) {
                lose(name, kept, "server " + reply.options().address(DhcpOptions.SERVER_IDENTIFIER)
                        .map(InetAddress::getHostAddress).orElse("?") + " answered DHCPNAK"
                        + reply.options().text(DhcpOptions.MESSAGE).map(m -> " (" + m + ")").orElse(""));
            } else if (!reply.yiaddr().equals(lease.address())) {
                lose(name, kept, "server acknowledged another address, " + reply.yiaddr().getHostAddress());
            } else {
                kept.lease = lease.acknowledgedBy(reply, Instant.now());
                write(name, kept.lease);
                renewals.incrementAndGet();
                DhcpClient.LOG.log(DEBUG, "DHCP {0}: renewed ({1})", lease.owner(), phase);
                schedule(name, kept);
            }
        }
    }

    /** Marks the lease lost, removes its address from the container and logs why. */
    private void lose(String name, Kept kept, String why) {
        DhcpLease lease = kept.lease;
        String removed; // the address goes first: whoever sees the lease LOST sees it gone too
        try (NetNs container = NetNs.path(Path.of(lease.netns())); RtNetlink inside = RtNetlink.open(container)) {
            boolean present = isOnInterface(inside, lease);
            if (present) {
                inside.addresses().delete(lease.owner().ifName(), Address.of(lease.prefix()));
            }
            removed = present ? "removed it from " + lease.owner().ifName() : "it was not on " + lease.owner().ifName();
        } catch (RuntimeException e) {
            removed = "could not remove it: " + e.getMessage();
        }
        kept.lease = lease.lost();
        write(name, kept.lease);
        DhcpClient.LOG.log(WARNING, "DHCP {0}: lost the lease of {1}: {2}; {3}", lease.owner(),
                lease.address().getHostAddress(), why, removed);
    }

    /** Whether the lease's address is on its interface in {@code inside} (the container's namespace). */
    static boolean isOnInterface(RtNetlink inside, DhcpLease lease) {
        return inside.addresses().list(lease.owner().ifName()).stream()
                .anyMatch(a -> a.address().equals(lease.address()));
    }

    private void write(String name, DhcpLease lease) {
        try (Directory dir = Directory.open(directory)) {
            dir.replace(name, lease.toText().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("DHCP " + lease.owner() + ": cannot write its lease file in " + directory, e);
        }
    }

    private void delete(String name) {
        try (Directory dir = Directory.open(directory)) {
            dir.delete(name);
        } catch (IOException e) {
            throw new UncheckedIOException("DHCP: cannot remove lease file " + directory.resolve(name), e);
        }
    }

    /** The lease file of {@code owner} on {@code network}: a digest, since ids and names may hold any character. */
    static String fileName(String network, Owner owner) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((network + "/" + owner.containerId() + "/"
                    + owner.ifName()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16) + ".lease";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
