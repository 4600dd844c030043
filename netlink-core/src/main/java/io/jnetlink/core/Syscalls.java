package io.jnetlink.core;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Every downcall of the library, each with {@code errno} captured. A failed call throws
 * {@link SyscallException} naming the call. Each handle sits in a holder class of its own, so it
 * is linked (several milliseconds each) only when first used: a program that only opens a socket
 * links only the socket calls. Calls on a hot path take a caller-owned errno capture segment
 * ({@link #newErrnoState}) so they allocate nothing. Symbols older C libraries lack
 * ({@code strerrorname_np}, {@code strerrordesc_np}) are optional.
 */
final class Syscalls {

    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVTIMEO = 20;
    static final int SO_RCVBUFFORCE = 33;
    static final int SOL_NETLINK = 270;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final int O_RDONLY = 0;
    static final int O_CREAT = 0x40;
    static final int O_EXCL = 0x80;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;
    static final long MS_BIND = 4096;
    static final long MS_REC = 16384;
    static final long MS_SHARED = 1 << 20;
    static final int MNT_DETACH = 2;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    /** {@code _IO(0xb7, 0x3)} of {@code <linux/nsfs.h>}: the {@code CLONE_NEW*} type of a namespace file. */
    static final long NS_GET_NSTYPE = 0xb703;
    static final int EFD_CLOEXEC = 0x80000;
    static final short POLLIN = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private Syscalls() {
    }

    /** A segment to receive {@code errno}; one per thread or per lock holder. */
    static MemorySegment newErrnoState(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    static int socket(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            return check((int) Socket.H.invokeExact(state, domain, type, protocol), state, "socket");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void bind(int fd, MemorySegment addr) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            check((int) Bind.H.invokeExact(state, fd, addr, (int) addr.byteSize()), state, "bind");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void getsockname(int fd, MemorySegment addr) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            MemorySegment len = arena.allocateFrom(JAVA_INT, (int) addr.byteSize());
            check((int) Getsockname.H.invokeExact(state, fd, addr, len), state, "getsockname");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void setsockopt(int fd, int level, int name, MemorySegment value, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            int rc = (int) Setsockopt.H.invokeExact(state, fd, level, name, value, (int) value.byteSize());
            check(rc, state, "setsockopt(" + what + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void setsockoptInt(int fd, int level, int name, int value, String what) {
        try (Arena arena = Arena.ofConfined()) {
            setsockopt(fd, level, name, arena.allocateFrom(JAVA_INT, value), what);
        }
    }

    /** Sends {@code len} bytes to the kernel (port 0); retries on EINTR. Allocates nothing. */
    static long sendto(MemorySegment state, int fd, MemorySegment buf, long len, MemorySegment kernelAddr) {
        try {
            while (true) {
                long n = (long) Sendto.H.invokeExact(state, fd, buf, len, 0, kernelAddr, (int) kernelAddr.byteSize());
                if (n >= 0) {
                    return n;
                }
                int errno = errno(state);
                if (errno != EINTR) {
                    throw new SyscallException("sendto", errno);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Receives one datagram with {@code MSG_TRUNC} (plus {@code extraFlags}), so the result is the
     * datagram's full length even when it did not fit; retries on EINTR. Returns -1 on timeout or,
     * with {@code MSG_DONTWAIT}, when nothing is queued (EAGAIN). Allocates nothing.
     */
    static long recvfrom(MemorySegment state, int fd, MemorySegment buf, int extraFlags, MemorySegment from,
                         MemorySegment fromLen) {
        try {
            while (true) {
                fromLen.set(JAVA_INT, 0, (int) from.byteSize());
                long n = (long) Recvfrom.H.invokeExact(state, fd, buf, buf.byteSize(), MSG_TRUNC | extraFlags, from,
                        fromLen);
                if (n >= 0) {
                    return n;
                }
                int errno = errno(state);
                if (errno == EAGAIN) {
                    return -1;
                }
                if (errno != EINTR) {
                    throw new SyscallException("recvfrom", errno);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Waits until {@code fd} is readable or {@code wakeFd} (an eventfd) was signalled. Returns
     * false when woken (or {@code timeoutMillis} passed, -1 waits forever); retries on EINTR.
     */
    static boolean pollReadable(MemorySegment state, MemorySegment pollFds, int fd, int wakeFd, int timeoutMillis) {
        try {
            while (true) {
                // two struct pollfd { int fd; short events; short revents; }
                pollFds.set(JAVA_INT, 0, fd);
                pollFds.set(JAVA_SHORT, 4, POLLIN);
                pollFds.set(JAVA_SHORT, 6, (short) 0);
                pollFds.set(JAVA_INT, 8, wakeFd);
                pollFds.set(JAVA_SHORT, 12, POLLIN);
                pollFds.set(JAVA_SHORT, 14, (short) 0);
                int n = (int) Poll.H.invokeExact(state, pollFds, 2L, timeoutMillis);
                if (n >= 0) {
                    boolean woken = pollFds.get(JAVA_SHORT, 14) != 0;
                    return n > 0 && !woken;
                }
                if (errno(state) != EINTR) {
                    throw new SyscallException("poll", errno(state));
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** An eventfd (close-on-exec), for waking a thread blocked in {@link #pollReadable}. */
    static int eventfd() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            return check((int) Eventfd.H.invokeExact(state, 0, EFD_CLOEXEC), state, "eventfd");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Adds 1 to an eventfd's counter, making it readable. */
    static void signal(int eventFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            MemorySegment one = arena.allocateFrom(JAVA_LONG, 1L);
            long n = (long) Write.H.invokeExact(state, eventFd, one, 8L);
            if (n < 0) {
                throw new SyscallException("write(eventfd)", errno(state));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            check((int) Close.H.invokeExact(state, fd), state, "close");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            int fd = (int) Open.H.invokeExact(state, arena.allocateFrom(path), flags, 0);
            return check(fd, state, "open(" + path + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Device and inode of an open file: the identity of a namespace file. */
    static long[] fstatDevIno(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            MemorySegment stat = arena.allocate(256, 8); // struct stat is 144 bytes on x86_64 and aarch64
            check((int) Fstat.H.invokeExact(state, fd, stat), state, "fstat");
            return new long[] {stat.get(JAVA_LONG, 0), stat.get(JAVA_LONG, 8)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The namespace type ({@code CLONE_NEW*}) of an open namespace file, or the negated errno
     * when {@code fd} is not one ({@code -ENOTTY} for an ordinary file).
     */
    static int namespaceType(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            int type = (int) Ioctl.H.invokeExact(state, fd, NS_GET_NSTYPE, 0L);
            return type >= 0 ? type : -errno(state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void setns(int fd, int nstype) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            check((int) Setns.H.invokeExact(state, fd, nstype), state, "setns");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void unshare(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            check((int) Unshare.H.invokeExact(state, flags), state, "unshare");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** mount(2); returns 0 or the errno when {@code tolerated} matches it, throws otherwise. */
    static int mount(String source, String target, String fstype, long flags, int tolerated) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            MemorySegment src = source == null ? MemorySegment.NULL : arena.allocateFrom(source);
            MemorySegment type = fstype == null ? MemorySegment.NULL : arena.allocateFrom(fstype);
            int rc = (int) Mount.H.invokeExact(state, src, arena.allocateFrom(target), type, flags, MemorySegment.NULL);
            if (rc < 0 && errno(state) == tolerated) {
                return tolerated;
            }
            check(rc, state, "mount(" + target + ")");
            return 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** umount2(2); an errno equal to {@code tolerated} (e.g. EINVAL: not a mount point) is ignored. */
    static void umount2(String target, int flags, int tolerated) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            int rc = (int) Umount2.H.invokeExact(state, arena.allocateFrom(target), flags);
            if (rc < 0 && errno(state) == tolerated) {
                return;
            }
            check(rc, state, "umount2(" + target + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The symbolic name of an errno ({@code "EEXIST"}), or null when the C library has none. */
    static String errnoName(int errno) {
        return cString(ErrnoText.NAME, errno);
    }

    /** The C library's description of an errno ({@code "File exists"}), or null. */
    static String errnoDescription(int errno) {
        return cString(ErrnoText.DESCRIPTION, errno);
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static String cString(MethodHandle function, int errno) {
        if (function == null) {
            return null;
        }
        try {
            MemorySegment p = (MemorySegment) function.invokeExact(errno);
            return p.equals(MemorySegment.NULL) ? null : p.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static int check(int rc, MemorySegment state, String call) {
        if (rc < 0) {
            throw new SyscallException(call, errno(state));
        }
        return rc;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    private static MethodHandle errnoCall(String name, MemoryLayout result, MemoryLayout... args) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), FunctionDescriptor.of(result, args),
                Linker.Option.captureCallState("errno"));
    }

    private static MethodHandle variadicErrnoCall(String name, int firstVariadic, MemoryLayout result,
                                                  MemoryLayout... args) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), FunctionDescriptor.of(result, args),
                Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(firstVariadic));
    }

    private static MethodHandle optionalCall(String name, MemoryLayout result, MemoryLayout... args) {
        return LIBC.find(name)
                .map(symbol -> LINKER.downcallHandle(symbol, FunctionDescriptor.of(result, args)))
                .orElse(null);
    }

    // One holder per downcall: the JVM initialises (links) each on first use only.

    private static final class Socket {
        static final MethodHandle H = errnoCall("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    }

    private static final class Bind {
        static final MethodHandle H = errnoCall("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    }

    private static final class Getsockname {
        static final MethodHandle H = errnoCall("getsockname", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    }

    private static final class Setsockopt {
        static final MethodHandle H = errnoCall("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                JAVA_INT);
    }

    private static final class Sendto {
        static final MethodHandle H = errnoCall("sendto", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS,
                JAVA_INT);
    }

    private static final class Recvfrom {
        static final MethodHandle H = errnoCall("recvfrom", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS,
                ADDRESS);
    }

    private static final class Poll {
        static final MethodHandle H = errnoCall("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    }

    private static final class Eventfd {
        static final MethodHandle H = errnoCall("eventfd", JAVA_INT, JAVA_INT, JAVA_INT);
    }

    private static final class Write {
        static final MethodHandle H = errnoCall("write", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    }

    private static final class Close {
        static final MethodHandle H = errnoCall("close", JAVA_INT, JAVA_INT);
    }

    private static final class Open {
        static final MethodHandle H = variadicErrnoCall("open", 2, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    }

    private static final class Fstat {
        static final MethodHandle H = errnoCall("fstat", JAVA_INT, JAVA_INT, ADDRESS);
    }

    private static final class Ioctl {
        static final MethodHandle H = variadicErrnoCall("ioctl", 2, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG);
    }

    private static final class Setns {
        static final MethodHandle H = errnoCall("setns", JAVA_INT, JAVA_INT, JAVA_INT);
    }

    private static final class Unshare {
        static final MethodHandle H = errnoCall("unshare", JAVA_INT, JAVA_INT);
    }

    private static final class Mount {
        static final MethodHandle H = errnoCall("mount", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
    }

    private static final class Umount2 {
        static final MethodHandle H = errnoCall("umount2", JAVA_INT, ADDRESS, JAVA_INT);
    }

    private static final class ErrnoText {
        static final MethodHandle NAME = optionalCall("strerrorname_np", ADDRESS, JAVA_INT);
        static final MethodHandle DESCRIPTION = optionalCall("strerrordesc_np", ADDRESS, JAVA_INT);
    }
}
