package io.jnetlink.ipam.hostlocal;

import io.jnetlink.core.Errno;
import io.jnetlink.ipam.IpamException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * An exclusive {@code flock(2)} on a file, the lock the reference plugin takes (through
 * go-filemutex). Java's {@code FileChannel.lock} takes {@code fcntl} record locks, which do not
 * exclude {@code flock} holders on Linux, so this calls {@code flock} itself. Each holder opens
 * its own descriptor, so threads of one process exclude each other too. The calls go through
 * {@code syscall(2)}, linked on first use with {@code errno} captured; errno names come from
 * netlink-core's {@link Errno}, which binds the optional {@code strerrorname_np}.
 */
final class Flock implements AutoCloseable {

    private static final int O_RDONLY = 0;
    private static final int O_CREAT = 0x40;
    private static final int O_CLOEXEC = 0x80000;
    private static final int O_NOFOLLOW = 0x20000;
    private static final int LOCK_EX = 2;
    private static final int EINTR = 4;
    private static final int AT_FDCWD = -100;

    private final int fd;
    private boolean closed;

    private Flock(int fd) {
        this.fd = fd;
    }

    /**
     * Opens (creating it 0750, as go-filemutex does; never through a symlink) and locks
     * {@code file}, waiting for other holders.
     */
    static Flock lock(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CAPTURE);
            long fd = Calls.sys(state, Calls.OPENAT, AT_FDCWD, arena.allocateFrom(file.toString()).address(),
                    O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0750);
            if (fd < 0) {
                throw failure("open", file, state);
            }
            while (Calls.sys(state, Calls.FLOCK, fd, LOCK_EX, 0, 0) != 0) {
                if (Calls.errno(state) != EINTR) {
                    IpamException e = failure("flock", file, state);
                    Calls.sys(state, Calls.CLOSE, fd, 0, 0, 0);
                    throw e;
                }
            }
            return new Flock((int) fd);
        }
    }

    /** Unlocks by closing the descriptor; closing again does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Arena arena = Arena.ofConfined()) {
            Calls.sys(arena.allocate(Calls.CAPTURE), Calls.CLOSE, fd, 0, 0, 0);
        }
    }

    private static IpamException failure(String call, Path file, MemorySegment state) {
        return new IpamException("locking " + file + ": " + call + " failed: " + new Errno(Calls.errno(state)));
    }

    /**
     * The C library's {@code syscall(2)}, bound with the descriptor netlink-core binds it with, so
     * the JVM reuses the one downcall stub it generated for both (stubs are costly at start-up).
     */
    private static final class Calls {
        static final Linker LINKER = Linker.nativeLinker();
        static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle SYSCALL = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("syscall"),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                        JAVA_LONG),
                Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(1));
        private static final boolean X86 = !System.getProperty("os.arch").equals("aarch64");
        static final long CLOSE = X86 ? 3 : 57;
        static final long FLOCK = X86 ? 73 : 32;
        static final long OPENAT = X86 ? 257 : 56;

        static long sys(MemorySegment state, long nr, long a, long b, long c, long d) {
            try {
                return (long) SYSCALL.invokeExact(state, nr, a, b, c, d, 0L, 0L);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        static int errno(MemorySegment state) {
            return (int) ERRNO.get(state, 0L);
        }
    }
}
