package io.jnetlink.ipam.hostlocal;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.posix.FileLock;
import io.jnetlink.core.posix.Posix;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.LeaseRecord;
import io.jnetlink.ipam.LeaseStore;
import io.jnetlink.ipam.Owner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * Lease files are written to a temporary file first and then hard-linked into place, which
 * fails if the name exists (as {@code O_EXCL} does): a crash never leaves an empty lease file.
 * The temporary file has one fixed name, {@value #TEMP_FILE}: every writer holds the lock, and a
 * name the directory has seen before is created several times faster than a fresh one (ext4 looks
 * a new name up in the directory's blocks and leaves a negative dentry behind for each). One left
 * by a crash is replaced by the next writer; garbage collection removes any temporary file
 * (names starting with {@value #TEMP_PREFIX}).
 * <p>
 * Nothing planted in the directory leads out of it: files are only created exclusively
 * ({@code O_EXCL}) or replaced by unlinking first, read with {@code O_NOFOLLOW}, and listed without
 * following links; a symbolic link where a lease belongs is reported as a damaged lease (garbage
 * collection removes the link, never its target), and a network directory that is itself a link is
 * refused.
 */
public final class DiskLeaseStore implements LeaseStore {

    static final String LAST_RESERVED_PREFIX = "last_reserved_ip.";
    static final String TEMP_PREFIX = ".jnetlink-";
    static final String TEMP_FILE = TEMP_PREFIX + "write.tmp";
    private static final Set<PosixFilePermission> LOCK_MODE = PosixFilePermissions.fromString("rwxr-x---");

    private final Path directory;

    /** The store in {@code directory} (a network's directory, {@code dataDir/network}). */
    public DiskLeaseStore(Path directory) {
        this.directory = directory;
    }

    /** Runs {@code operation} holding the store's {@code flock}, creating the directory if needed. */
    @Override
    public <T> T locked(String attempt, Supplier<T> operation) {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) { // one lstat when it is there
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new IpamException(attempt + ": cannot create " + directory + ": " + e, e);
            }
            if (Files.isSymbolicLink(directory)) {
                throw new IpamException(attempt + ": " + directory + " is a symbolic link; refusing to follow it");
            }
        }
        FileLock lock;
        try {
            // created 0750 (less the umask), as the reference's go-filemutex creates it
            lock = FileLock.exclusive(directory.resolve("lock"), LOCK_MODE);
        } catch (IOException e) {
            throw new IpamException(attempt + ": locking " + e.getMessage(), e);
        }
        try (lock) {
            return operation.get();
        } catch (UncheckedIOException e) {
            throw new IpamException(attempt + ": " + e.getMessage(), e.getCause());
        }
    }

    /** The lease file of {@code address}. */
    private Path file(InetAddress address) {
        return directory.resolve(InetAddresses.text(address));
    }

    /**
     * Creates the lease file of {@code address} for {@code owner} (false if it exists), then
     * records it in {@code last_reserved_ip.<rangeSet>}; if that fails, the lease file is removed
     * again, so a failed reserve leaves nothing.
     */
    @Override
    public boolean reserve(Owner owner, InetAddress address, int rangeSet) {
        Path temp = directory.resolve(TEMP_FILE);
        Path lease = file(address);
        try {
            // mode 0644 less the umask, as the reference's os.OpenFile(..., 0o644)
            writeNew(temp, LeaseRecord.of(owner).text());
            try {
                Files.createLink(lease, temp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            rewrite(directory.resolve(LAST_RESERVED_PREFIX + rangeSet), InetAddresses.text(address));
            return true;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(lease);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new UncheckedIOException("recording " + LAST_RESERVED_PREFIX + rangeSet + " for "
                    + InetAddresses.text(address) + " (the lease was withdrawn)",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** The address in {@code last_reserved_ip.<rangeSet>}, or null if absent or unreadable. */
    @Override
    public InetAddress lastReserved(int rangeSet) {
        try {
            String text = new String(Posix.readNoFollow(directory.resolve(LAST_RESERVED_PREFIX + rangeSet)),
                    StandardCharsets.UTF_8).strip();
            return InetAddresses.parse("last_reserved_ip", text);
        } catch (IOException | IllegalArgumentException e) {
            return null; // as the reference: an unreadable record only means "start from the beginning"
        }
    }

    /** Every lease file, sound or damaged. */
    @Override
    public List<Lease> leases() {
        List<Lease> leases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                InetAddress address = addressOf(file);
                if (address == null) {
                    continue;
                }
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    leases.add(read(address, file));
                } else if (Files.isSymbolicLink(file)) {
                    leases.add(new Lease(address, null, null, "symbolic link " + file + " where a lease file belongs"));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return leases;
    }

    /** Deletes the lease file of {@code address}; callers hold the lock, so it is as they read it. */
    @Override
    public boolean release(InetAddress address) {
        try {
            return Files.deleteIfExists(file(address));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes temporary files a crashed writer left; returns how many. */
    @Override
    public int cleanUp() {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, TEMP_PREFIX + "*.tmp")) {
            for (Path file : files) {
                if (Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deleted;
    }

    private static Lease read(InetAddress address, Path file) throws IOException {
        return LeaseRecord.lease(address, new String(Posix.readNoFollow(file), StandardCharsets.UTF_8),
                "lease file " + file);
    }

    private static InetAddress addressOf(Path file) {
        String name = file.getFileName().toString();
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

    /**
     * Replaces {@code target}'s content: the new content goes to a temporary file, the old file is
     * removed and the new one hard-linked into its place. A crash at any moment leaves the old
     * record, no record (which only means "start from the beginning") or the new one, never a
     * partial one. Every reader holds the store's lock, so none sees it missing. (Truncating in
     * place or renaming over it makes ext4 flush the data at once, ~0.25 ms.)
     */
    private void rewrite(Path target, String content) throws IOException {
        Path temp = directory.resolve(TEMP_FILE);
        try {
            writeNew(temp, content);
            Files.deleteIfExists(target);
            Files.createLink(target, temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes {@code content} to a new file {@code temp} (created exclusively); a file of that name,
     * left by a crash (every writer holds the lock, so no one else is writing it), is removed first.
     */
    private static void writeNew(Path temp, String content) throws IOException {
        try {
            Files.writeString(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException leftByACrash) {
            Files.delete(temp);
            Files.writeString(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }
}
