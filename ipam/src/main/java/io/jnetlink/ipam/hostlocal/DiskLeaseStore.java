package io.jnetlink.ipam.hostlocal;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.posix.Directory;
import io.jnetlink.core.posix.FileLock;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.LeaseRecord;
import io.jnetlink.ipam.LeaseStore;
import io.jnetlink.ipam.Owner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The reference plugin's on-disk {@link LeaseStore}: in {@code dataDir/network}, one file per leased address
 * named by the address and holding its {@link LeaseRecord} ({@code <containerId>\r\n<ifName>}),
 * {@code last_reserved_ip.<N>} per range set, and a {@code lock} file taken with {@code flock}
 * ({@link FileLock}) around every operation.
 * <p>
 * Each operation opens the directory once and works relative to it ({@link Directory}): ~16 system
 * calls for an allocation. A lease file is written whole or not at all (an unnamed file linked
 * into place when complete; where the file system has none, the named temporary file
 * {@value #TEMP_FILE}), and only under a name that is free (as {@code O_EXCL}): a crash never leaves
 * an empty or partial lease file. {@code last_reserved_ip.<N>}, only a hint where to start, is
 * written in place, as the reference writes it, but without truncating it first (ext4 writes a
 * file truncated to zero out at once). Garbage collection removes any temporary file a crash left
 * (names starting with {@value #TEMP_PREFIX}).
 * <p>
 * Nothing planted in the directory leads out of it: files are only created by linking a new file
 * under a free name or written with {@code O_NOFOLLOW} (a link in the way is removed), read with
 * {@code O_NOFOLLOW}, and listed without
 * following links; a symbolic link where a lease belongs is reported as a damaged lease (garbage
 * collection removes the link, never its target), and a network directory that is itself a link is
 * refused.
 */
public final class DiskLeaseStore implements LeaseStore {

    static final String LAST_RESERVED_PREFIX = "last_reserved_ip.";
    static final String TEMP_PREFIX = ".jnetlink-";
    static final String TEMP_FILE = Directory.FALLBACK_TEMP;
    private static final Set<PosixFilePermission> LOCK_MODE = PosixFilePermissions.fromString("rwxr-x---");

    private final Path directory;
    /** The directory as the calling thread's {@link #locked} operation opened it. */
    private final ThreadLocal<Directory> open = new ThreadLocal<>();

    /** The store in {@code directory} (a network's directory, {@code dataDir/network}). */
    public DiskLeaseStore(Path directory) {
        this.directory = directory;
    }

    /** Runs {@code operation} holding the store's {@code flock}, creating the directory if needed. */
    @Override
    public <T> T locked(String attempt, Supplier<T> operation) {
        try (Directory dir = openDirectory(attempt)) {
            FileLock lock;
            try {
                // created 0750 (less the umask), as the reference's go-filemutex creates it
                lock = dir.lock("lock", LOCK_MODE);
            } catch (IOException e) {
                throw new IpamException(attempt + ": locking " + e.getMessage(), e);
            }
            Directory outer = open.get();
            open.set(dir);
            try (lock) {
                return operation.get();
            } catch (UncheckedIOException e) {
                throw new IpamException(attempt + ": " + e.getMessage(), e.getCause());
            } finally {
                open.set(outer);
            }
        }
    }

    /** Opens the network's directory, creating it (and its parents) if absent; a symbolic link is refused. */
    private Directory openDirectory(String attempt) {
        try {
            return Directory.open(directory);
        } catch (NoSuchFileException absent) {
            try {
                Files.createDirectories(directory);
                return Directory.open(directory);
            } catch (IOException e) {
                throw new IpamException(attempt + ": cannot create " + directory + ": " + e, e);
            }
        } catch (IOException e) {
            if (Files.isSymbolicLink(directory)) {
                throw new IpamException(attempt + ": " + directory + " is a symbolic link; refusing to follow it");
            }
            throw new IpamException(attempt + ": cannot open " + directory + ": " + e.getMessage(), e);
        }
    }

    /** An operation on the open directory. */
    @FunctionalInterface
    private interface InDirectory<T> {
        T run(Directory dir) throws IOException;
    }

    /**
     * Runs {@code operation} on the directory the calling thread's {@link #locked} operation
     * opened, or, called on its own, on the directory opened for it alone ({@code ifAbsent} if
     * there is none).
     */
    private <T> T inDirectory(InDirectory<T> operation, T ifAbsent) {
        try {
            Directory held = open.get();
            if (held != null) {
                return operation.run(held);
            }
            try (Directory dir = Directory.open(directory)) {
                return operation.run(dir);
            } catch (NoSuchFileException absent) {
                return ifAbsent;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates the lease file of {@code address} for {@code owner} (false if it exists), then
     * records it in {@code last_reserved_ip.<rangeSet>}; if that fails, the lease file is removed
     * again, so a failed reserve leaves nothing.
     */
    @Override
    public boolean reserve(Owner owner, InetAddress address, int rangeSet) {
        String lease = InetAddresses.text(address);
        return inDirectory(dir -> {
            if (!dir.createNew(lease, LeaseRecord.of(owner).text().getBytes(StandardCharsets.UTF_8))) {
                return false;
            }
            try {
                // a hint only ("start after this one"): written in place, as the reference writes it
                dir.overwrite(LAST_RESERVED_PREFIX + rangeSet, lease.getBytes(StandardCharsets.UTF_8));
                return true;
            } catch (IOException | RuntimeException e) {
                try {
                    dir.delete(lease);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw new IOException("recording " + LAST_RESERVED_PREFIX + rangeSet + " for " + lease
                        + " (the lease was withdrawn): " + e.getMessage(), e);
            }
        }, false);
    }

    /** The address in {@code last_reserved_ip.<rangeSet>}, or null if absent or unreadable. */
    @Override
    public InetAddress lastReserved(int rangeSet) {
        try {
            byte[] record = inDirectory(dir -> dir.read(LAST_RESERVED_PREFIX + rangeSet), null);
            return record == null ? null
                    : InetAddresses.parse("last_reserved_ip", new String(record, StandardCharsets.UTF_8).strip());
        } catch (UncheckedIOException | IllegalArgumentException e) {
            return null; // as the reference: an unreadable record only means "start from the beginning"
        }
    }

    /** Every lease file, sound or damaged. */
    @Override
    public List<Lease> leases() {
        return inDirectory(dir -> {
            List<Lease> leases = new ArrayList<>();
            for (Directory.Entry entry : dir.list()) {
                InetAddress address = addressOf(entry.name());
                if (address == null) {
                    continue;
                }
                Path file = directory.resolve(entry.name());
                if (entry.kind() == Directory.Kind.REGULAR) {
                    leases.add(LeaseRecord.lease(address, new String(dir.read(entry.name()), StandardCharsets.UTF_8),
                            "lease file " + file));
                } else if (entry.kind() == Directory.Kind.SYMBOLIC_LINK) {
                    leases.add(new Lease(address, null, null, "symbolic link " + file + " where a lease file belongs"));
                }
            }
            return leases;
        }, List.of());
    }

    /** Deletes the lease file of {@code address}; callers hold the lock, so it is as they read it. */
    @Override
    public boolean release(InetAddress address) {
        return inDirectory(dir -> dir.delete(InetAddresses.text(address)), false);
    }

    /** Deletes temporary files a crashed writer left; returns how many. */
    @Override
    public int cleanUp() {
        return inDirectory(dir -> {
            int deleted = 0;
            for (Directory.Entry entry : dir.list()) {
                if (entry.name().startsWith(TEMP_PREFIX) && entry.name().endsWith(".tmp") && dir.delete(entry.name())) {
                    deleted++;
                }
            }
            return deleted;
        }, 0);
    }

    private static InetAddress addressOf(String name) {
        if (name.startsWith(".") || name.equals("lock") || name.startsWith(LAST_RESERVED_PREFIX)) {
            return null;
        }
        try {
            InetAddress address = InetAddresses.parse("file", name);
            return InetAddresses.text(address).equals(name) ? address : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
