package io.jnetlink.core.posix;

import io.jnetlink.core.internal.Syscalls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * Reading and deleting files without following symbolic links: what a store in a shared
 * directory needs so that nothing planted there leads out of it.
 */
public final class Posix {

    private static final int CHUNK = 8192;

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
        try (Arena arena = Arena.ofConfined()) {
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
        } finally {
            Syscalls.close(fd);
        }
    }

    /**
     * Deletes {@code root} and everything below it, never following a symbolic link: a link is
     * deleted, not what it points to, even one planted while this runs (directories are opened
     * relative to their parent with {@code O_NOFOLLOW}). If {@code root} is itself a link, only the
     * link is deleted; if it does not exist, nothing happens. Entries that vanish meanwhile are
     * not an error.
     */
    public static void deleteRecursively(Path root) throws IOException {
        TreeDeletion.delete(root);
    }
}
