package io.jnetlink.core.posix;

import io.jnetlink.core.Errno;
import io.jnetlink.core.SyscallException;
import io.jnetlink.core.internal.Syscalls;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An exclusive {@code flock(2)} on a file, released on {@link #close}: the lock Go programs take
 * (go-filemutex, the CNI reference plugins). Java's {@code FileChannel.lock} takes {@code fcntl}
 * record locks, which do not exclude {@code flock} holders on Linux. Every lock opens its own
 * descriptor, so two locks on one file exclude each other within a process as well as across
 * processes. The file is opened with {@code O_NOFOLLOW}: a symbolic link in its place is refused
 * ({@code ELOOP}), never followed.
 */
public final class FileLock implements AutoCloseable {

    private static final int OPEN_FLAGS = Syscalls.O_RDONLY | Syscalls.O_CREAT | Syscalls.O_CLOEXEC
            | Syscalls.O_NOFOLLOW;

    private final Path file;
    private final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FileLock(Path file, int fd) {
        this.file = file;
        this.fd = fd;
    }

    /**
     * Opens {@code file} (creating it with {@code modeIfCreated}, less the umask, if absent) and
     * locks it exclusively, waiting for other holders.
     *
     * @throws java.nio.file.FileSystemException naming the call and the errno, e.g. {@code open failed: ELOOP}
     */
    public static FileLock exclusive(Path file, Set<PosixFilePermission> modeIfCreated) throws IOException {
        return lock(file, modeIfCreated, Syscalls.LOCK_EX).orElseThrow();
    }

    /**
     * As {@link #exclusive}, but empty at once instead of waiting if another holder has the lock.
     *
     * @throws java.nio.file.FileSystemException naming the call and the errno
     */
    static Optional<FileLock> tryExclusive(Path file, Set<PosixFilePermission> modeIfCreated)
            throws IOException {
        return lock(file, modeIfCreated, Syscalls.LOCK_EX | Syscalls.LOCK_NB);
    }

    /** As {@link #exclusive}, for the file {@code name} of the open directory {@code dirFd} (whose path is {@code file}). */
    static FileLock exclusiveAt(int dirFd, Path file, String name, Set<PosixFilePermission> modeIfCreated)
            throws IOException {
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = Syscalls.tryOpenat(Syscalls.newErrnoState(arena), dirFd, arena.allocateFrom(name), OPEN_FLAGS,
                    mode(modeIfCreated));
        }
        return locked(file, fd, Syscalls.LOCK_EX).orElseThrow();
    }

    private static Optional<FileLock> lock(Path file, Set<PosixFilePermission> modeIfCreated, int operation)
            throws IOException {
        return locked(file, Syscalls.tryOpen(file.toFile().getPath(), OPEN_FLAGS, mode(modeIfCreated)), operation);
    }

    /** Locks {@code fd} (or reports why {@code file} could not be opened, a negated errno). */
    private static Optional<FileLock> locked(Path file, int fd, int operation) throws IOException {
        if (fd < 0) {
            throw FileFailure.of(file, "open", -fd);
        }
        int rc = Syscalls.tryFlock(fd, operation);
        if (rc == 0) {
            return Optional.of(new FileLock(file, fd));
        }
        closeQuietly(fd);
        if (-rc == Errno.EAGAIN) { // EWOULDBLOCK: held by another (LOCK_NB only)
            return Optional.empty();
        }
        throw FileFailure.of(file, "flock", -rc);
    }

    /** The locked file. */
    Path file() {
        return file;
    }

    /** Unlocks by closing the descriptor; closing again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(fd);
        }
    }

    @Override
    public String toString() {
        return "FileLock[" + file + (closed.get() ? ", released]" : "]");
    }

    /** Closes {@code fd}; Linux releases the descriptor (and the lock) even when close reports an error. */
    private static void closeQuietly(int fd) {
        try {
            Syscalls.close(fd);
        } catch (SyscallException ignored) {
            // the descriptor is gone either way
        }
    }

    /** The mode bits of {@code permissions} (the enum lists them from {@code 0400} down to {@code 0001}). */
    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 0400 >> permission.ordinal();
        }
        return mode;
    }
}
