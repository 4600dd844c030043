package io.jnetlink.core.posix;

import io.jnetlink.core.internal.Syscalls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reading, writing and deleting files without following symbolic links: what a store in a shared
 * directory needs so that nothing planted there leads out of it.
 */
public final class Posix {

    private static final int CHUNK = 8192;
    private static final int XATTR_MAX = 256;
    private static final int ENOENT = 2;
    private static final int ENODATA = 61;
    private static final int EOPNOTSUPP = 95;
    private static final int EIO = 5;

    private Posix() {
    }

    /**
     * The content of {@code file}, opened with {@code O_NOFOLLOW}: if {@code file} is a symbolic
     * link, this fails (with {@code ELOOP}) rather than read the link's target.
     *
     * @throws java.nio.file.NoSuchFileException if {@code file} does not exist
     * @throws java.nio.file.FileSystemException naming the call and the errno, e.g.
     *                                           {@code open failed: ELOOP (Too many levels of symbolic links)}
     */
    public static byte[] readNoFollow(Path file) throws IOException {
        String path = file.toFile().getPath();
        int fd = Syscalls.tryOpen(path, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC | Syscalls.O_NOFOLLOW, 0);
        if (fd < 0) {
            throw FileFailure.of(file, "open", -fd);
        }
        byte[] content;
        try (Arena arena = Arena.ofConfined()) {
            content = readAll(file, fd, arena);
        } catch (IOException | RuntimeException failure) {
            try {
                Syscalls.close(fd);
            } catch (RuntimeException closing) {
                failure.addSuppressed(closing); // the read's failure is the one to report
            }
            throw failure;
        }
        Syscalls.close(fd);
        return content;
    }

    /** Reads {@code fd} (the open {@code file}) to its end, the buffers in {@code arena}. */
    static byte[] readAll(Path file, int fd, Arena arena) throws IOException {
        MemorySegment state = Syscalls.newErrnoState(arena);
        MemorySegment buffer = arena.allocate(CHUNK);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        while (true) {
            long n = Syscalls.tryRead(state, fd, buffer);
            if (n < 0) {
                throw FileFailure.of(file, "read", (int) -n);
            }
            if (n == 0) {
                return content.toByteArray();
            }
            content.writeBytes(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /**
     * Writes {@code content} to the existing {@code file} in one {@code write(2)}, as a setting
     * under {@code /proc/sys} must be written: opened {@code O_WRONLY | O_NOFOLLOW}, never created
     * nor truncated. A {@code /proc/sys/net} file is resolved in the network namespace of the
     * calling thread.
     *
     * @return 0, or the negated errno of the {@code open} or the {@code write} (a short write
     *         counts as {@code EIO}), for the caller to name
     */
    public static int tryWriteExisting(Path file, byte[] content) {
        int fd = Syscalls.tryOpen(file.toFile().getPath(), Syscalls.O_WRONLY | Syscalls.O_CLOEXEC | Syscalls.O_NOFOLLOW, 0);
        if (fd < 0) {
            return fd;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(Math.max(1, content.length));
            MemorySegment.copy(content, 0, buffer, ValueLayout.JAVA_BYTE, 0, content.length);
            long n = Syscalls.tryWrite(Syscalls.newErrnoState(arena), fd, buffer.asSlice(0, content.length));
            return n < 0 ? (int) n : n == content.length ? 0 : -EIO;
        } finally {
            Syscalls.close(fd);
        }
    }

    /**
     * The extended attribute {@code name} of {@code file} ({@code getxattr(2)}, following links,
     * as {@code /proc/self/fd/<n>} needs), as text up to its first NUL, e.g. a socket's
     * {@code system.sockprotoname} ({@code NETLINK}); empty if the file is gone, has no such
     * attribute, or lives where there are none (a pipe, a device).
     *
     * @throws java.nio.file.FileSystemException naming the call and the errno for any other failure
     */
    public static Optional<String> extendedAttribute(Path file, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(XATTR_MAX + 1); // zeroed: the last byte always ends the text
            long n = Syscalls.tryGetxattr(file.toString(), name, value.asSlice(0, XATTR_MAX));
            if (n == -ENOENT || n == -ENODATA || n == -EOPNOTSUPP) {
                return Optional.empty();
            }
            if (n < 0) {
                throw FileFailure.of(file, "getxattr " + name, (int) -n);
            }
            return Optional.of(value.getString(0, StandardCharsets.UTF_8)); // up to the first NUL
        }
    }

    /**
     * Deletes {@code root} and everything below it, never following a symbolic link: a link is
     * deleted, not what it points to (every entry, the root included, is opened relative to its
     * parent with {@code O_NOFOLLOW}); a directory swapped for a link while this runs fails it with
     * {@code ELOOP} rather than empty the link's target. If {@code root} is itself a link, only the
     * link is deleted; if it does not exist, nothing happens. Entries that vanish meanwhile are
     * not an error.
     */
    public static void deleteRecursively(Path root) throws IOException {
        TreeDeletion.delete(root);
    }
}
