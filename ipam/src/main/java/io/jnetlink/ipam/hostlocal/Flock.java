package io.jnetlink.ipam.hostlocal;

import io.jnetlink.ipam.IpamException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * An exclusive {@code flock(2)} on a file, the lock the reference plugin takes (through
 * go-filemutex). Java's {@code FileChannel.lock} takes {@code fcntl} record locks, which do not
 * exclude {@code flock} holders on Linux, so this calls {@code flock} itself. Each holder opens
 * its own descriptor, so threads of one process exclude each other too.
 */
final class Flock implements AutoCloseable {

    private static final int O_RDONLY = 0;
    private static final int O_CREAT = 0x40;
    private static final int O_CLOEXEC = 0x80000;
    private static final int LOCK_EX = 2;
    private static final int EINTR = 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LIBC.findOrThrow("open"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle FLOCK = LINKER.downcallHandle(LIBC.findOrThrow("flock"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.captureCallState("errno"));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LIBC.findOrThrow("close"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERRORNAME_NP = LINKER.downcallHandle(LIBC.findOrThrow("strerrorname_np"),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private final int fd;

    private Flock(int fd) {
        this.fd = fd;
    }

    /** Opens (creating it 0750, as go-filemutex does) and locks {@code file}, waiting for other holders. */
    static Flock lock(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(errno, arena.allocateFrom(file.toString()), O_RDONLY | O_CREAT | O_CLOEXEC,
                    0750);
            if (fd < 0) {
                throw failure("open", file, errno);
            }
            while ((int) FLOCK.invokeExact(errno, fd, LOCK_EX) != 0) {
                if ((int) ERRNO.get(errno, 0L) != EINTR) {
                    IpamException e = failure("flock", file, errno);
                    int ignored = (int) CLOSE.invokeExact(fd);
                    throw e;
                }
            }
            return new Flock(fd);
        } catch (IpamException e) {
            throw e;
        } catch (Throwable t) {
            throw new IpamException("locking " + file + ": " + t, t);
        }
    }

    /** Unlocks by closing the descriptor. */
    @Override
    public void close() {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static IpamException failure(String call, Path file, MemorySegment state) throws Throwable {
        int errno = (int) ERRNO.get(state, 0L);
        MemorySegment name = (MemorySegment) STRERRORNAME_NP.invokeExact(errno);
        String text = name.equals(MemorySegment.NULL) ? "errno " + errno : name.reinterpret(64).getString(0);
        return new IpamException("locking " + file + ": " + call + " failed: " + text + " (errno " + errno + ")");
    }
}
