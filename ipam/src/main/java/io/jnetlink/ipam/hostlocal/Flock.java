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

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * An exclusive {@code flock(2)} on a file, the lock the reference plugin takes (through
 * go-filemutex). Java's {@code FileChannel.lock} takes {@code fcntl} record locks, which do not
 * exclude {@code flock} holders on Linux, so this calls {@code flock} itself. Each holder opens
 * its own descriptor, so threads of one process exclude each other too. The three downcalls are
 * linked on first use, with {@code errno} captured; errno names come from netlink-core's
 * {@link Errno}, which binds the optional {@code strerrorname_np}.
 */
final class Flock implements AutoCloseable {

    private static final int O_RDONLY = 0;
    private static final int O_CREAT = 0x40;
    private static final int O_CLOEXEC = 0x80000;
    private static final int O_NOFOLLOW = 0x20000;
    private static final int LOCK_EX = 2;
    private static final int EINTR = 4;

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
            int fd = (int) Calls.OPEN.invokeExact(state, arena.allocateFrom(file.toString()),
                    O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0750);
            if (fd < 0) {
                throw failure("open", file, state);
            }
            while ((int) Calls.FLOCK.invokeExact(state, fd, LOCK_EX) != 0) {
                if (Calls.errno(state) != EINTR) {
                    IpamException e = failure("flock", file, state);
                    int ignored = (int) Calls.CLOSE.invokeExact(state, fd);
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

    /** Unlocks by closing the descriptor; closing again does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) Calls.CLOSE.invokeExact(arena.allocate(Calls.CAPTURE), fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static IpamException failure(String call, Path file, MemorySegment state) {
        return new IpamException("locking " + file + ": " + call + " failed: " + new Errno(Calls.errno(state)));
    }

    /** The downcalls, linked when the first lock is taken. */
    private static final class Calls {
        static final Linker LINKER = Linker.nativeLinker();
        static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle OPEN = call("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        static final MethodHandle FLOCK = call("flock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        static final MethodHandle CLOSE = call("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

        static int errno(MemorySegment state) {
            return (int) ERRNO.get(state, 0L);
        }

        private static MethodHandle call(String name, FunctionDescriptor descriptor, Linker.Option... options) {
            Linker.Option[] all = new Linker.Option[options.length + 1];
            all[0] = Linker.Option.captureCallState("errno");
            System.arraycopy(options, 0, all, 1, options.length);
            return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor, all);
        }
    }
}
