package io.jnetlink.ipam.hostlocal;

import io.jnetlink.ipam.InetAddresses;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.Owner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The reference plugin's on-disk store: in {@code dataDir/network}, one file per leased address
 * named by the address and holding {@code <containerId>\r\n<ifName>}, {@code last_reserved_ip.<N>}
 * per range set, and a {@code lock} file taken with {@code flock} around every operation.
 * <p>
 * Lease files are written to a temporary file first and then hard-linked into place, which
 * fails if the name exists (as {@code O_EXCL} does): a crash never leaves an empty lease file.
 * Temporary files start with {@value #TEMP_PREFIX}; any left by a crash are removed by garbage
 * collection.
 */
final class DiskStore {

    static final String LAST_RESERVED_PREFIX = "last_reserved_ip.";
    static final String LINE_BREAK = "\r\n";
    static final String TEMP_PREFIX = ".jnetlink-";

    private final Path directory;

    DiskStore(Path directory) {
        this.directory = directory;
    }

    /** Runs {@code operation} holding the store's lock, creating the directory if needed. */
    <T> T locked(String attempt, Supplier<T> operation) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IpamException(attempt + ": cannot create " + directory + ": " + e, e);
        }
        try (Flock ignored = Flock.lock(directory.resolve("lock"))) {
            return operation.get();
        } catch (UncheckedIOException e) {
            throw new IpamException(attempt + ": " + e.getCause(), e.getCause());
        }
    }

    /** The lease file of {@code address}. */
    Path file(InetAddress address) {
        return directory.resolve(InetAddresses.text(address));
    }

    /** Creates the lease file of {@code address} for {@code owner}; false if it exists. */
    boolean reserve(Owner owner, InetAddress address, int rangeSet) {
        Path temp = directory.resolve(TEMP_PREFIX + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(Files.createFile(temp, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-r--r--"))), owner.containerId() + LINE_BREAK + owner.ifName());
            try {
                Files.createLink(file(address), temp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.deleteIfExists(temp);
            }
            writeAtomically(directory.resolve(LAST_RESERVED_PREFIX + rangeSet), InetAddresses.text(address));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address in {@code last_reserved_ip.<rangeSet>}, or null if absent or unreadable. */
    InetAddress lastReserved(int rangeSet) {
        try {
            String text = Files.readString(directory.resolve(LAST_RESERVED_PREFIX + rangeSet)).strip();
            return InetAddresses.parse("last_reserved_ip", text);
        } catch (NoSuchFileException | IllegalArgumentException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every lease file, sound or damaged. */
    List<Lease> leases() {
        List<Lease> leases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                InetAddress address = addressOf(file);
                if (address != null && Files.isRegularFile(file)) {
                    leases.add(read(address, file));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return leases;
    }

    /**
     * The leases of {@code owner}, matched as the reference matches them: files holding
     * {@code id\r\nifname}, or if there are none, legacy files holding just the id.
     */
    List<Lease> leasesOf(Owner owner, List<Lease> all) {
        List<Lease> exact = all.stream()
                .filter(l -> l.isSound() && owner.containerId().equals(l.containerId())
                        && owner.ifName().equals(l.ifName()))
                .toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        return all.stream()
                .filter(l -> l.isSound() && l.ifName() == null && owner.containerId().equals(l.containerId()))
                .toList();
    }

    /** Deletes the lease file of {@code address}; callers hold the lock, so it is as they read it. */
    boolean delete(InetAddress address) {
        try {
            return Files.deleteIfExists(file(address));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes temporary files a crashed writer left; returns how many. */
    int deleteTemporaryFiles() {
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
        String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        if (content.isEmpty()) {
            return new Lease(address, null, null, "empty lease file " + file);
        }
        String[] parts = content.split(LINE_BREAK, -1);
        boolean readable = parts.length <= 2;
        for (String part : parts) {
            readable &= !part.isEmpty() && part.chars().noneMatch(c -> Character.isWhitespace(c)
                    || Character.isISOControl(c));
        }
        if (!readable) {
            return new Lease(address, null, null, "unreadable lease file " + file + ": \""
                    + content.replace("\r", "\\r").replace("\n", "\\n") + "\"");
        }
        return new Lease(address, parts[0], parts.length == 2 ? parts[1] : null, null);
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

    private void writeAtomically(Path target, String content) throws IOException {
        Path temp = directory.resolve(TEMP_PREFIX + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
