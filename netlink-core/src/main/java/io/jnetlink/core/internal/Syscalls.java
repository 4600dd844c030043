package io.jnetlink.core.internal;

import io.jnetlink.core.SyscallException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Every system call of the library, made through the C library's {@code syscall(2)} with
 * {@code errno} captured. One function with one descriptor means the JVM generates one downcall
 * stub per process, not one per call (each costs ~10 ms at start-up, which matters for the CNI
 * executable); the handle is linked on first use. A failed call throws {@link SyscallException}
 * naming the call. Calls on a hot path take a caller-owned errno capture segment
 * ({@link #newErrnoState}) so they allocate nothing. The names of errnos come from the optional
 * {@code strerrorname_np}/{@code strerrordesc_np}, which older C libraries lack.
 * <p>
 * Not API: the module does not export this package. The calls users may make are offered by
 * {@code io.jnetlink.core.posix}.
 */
public final class Syscalls {

    public static final int AF_UNIX = 1;
    public static final int AF_NETLINK = 16;
    public static final int AF_INET = 2;
    public static final int AF_PACKET = 17;
    public static final int SOCK_DGRAM = 2;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_BROADCAST = 6;
    public static final int SO_BINDTODEVICE = 25;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_RCVBUF = 8;
    public static final int SO_PEERCRED = 17;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_SNDTIMEO = 21;
    public static final int SHUT_RDWR = 2;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SOL_NETLINK = 270;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int O_RDONLY = 0;
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    public static final int O_CLOEXEC = 0x80000;
    public static final int O_WRONLY = 1;
    /** {@code O_DIRECTORY}: as {@link #O_NOFOLLOW}, arm64's differs. */
    public static final int O_DIRECTORY = "aarch64".equals(System.getProperty("os.arch")) ? 0x4000 : 0x10000;
    /** {@code O_TMPFILE}: {@code __O_TMPFILE | O_DIRECTORY}. */
    public static final int O_TMPFILE = 0x400000 | O_DIRECTORY;
    public static final int AT_EMPTY_PATH = 0x1000;
    public static final int AT_SYMLINK_FOLLOW = 0x400;
    /** {@code O_NOFOLLOW}: arm64 keeps the values of 32-bit arm for it, x86_64 those of asm-generic. */
    public static final int O_NOFOLLOW = "aarch64".equals(System.getProperty("os.arch")) ? 0x8000 : 0x20000;
    public static final int LOCK_EX = 2;
    public static final int LOCK_NB = 4;
    public static final int CLONE_NEWNET = 0x40000000;
    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final long MS_SHARED = 1 << 20;
    public static final int MNT_DETACH = 2;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    /** {@code _IO(0xb7, 0x3)} of {@code <linux/nsfs.h>}: the {@code CLONE_NEW*} type of a namespace file. */
    public static final long NS_GET_NSTYPE = 0xb703;
    public static final int EFD_CLOEXEC = 0x80000;
    public static final short POLLIN = 1;
    public static final int AT_FDCWD = -100;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private Syscalls() {
    }

    /** A segment to receive {@code errno}; one per thread or per lock holder. */
    public static MemorySegment newErrnoState(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    public static int socket(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            return check(sys(state, Nr.SOCKET, domain, type, protocol, 0, 0, 0), state, "socket");
        }
    }

    public static void bind(int fd, MemorySegment addr) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            check(sys(state, Nr.BIND, fd, addr.address(), addr.byteSize(), 0, 0, 0), state, "bind");
        }
    }

    public static void getsockname(int fd, MemorySegment addr) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            MemorySegment len = arena.allocateFrom(JAVA_INT, (int) addr.byteSize());
            check(sys(state, Nr.GETSOCKNAME, fd, addr.address(), len.address(), 0, 0, 0), state, "getsockname");
        }
    }

    public static void setsockopt(int fd, int level, int name, MemorySegment value, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            check(sys(state, Nr.SETSOCKOPT, fd, level, name, value.address(), value.byteSize(), 0), state,
                    "setsockopt(" + what + ")");
        }
    }

    public static void setsockoptInt(int fd, int level, int name, int value, String what) {
        try (Arena arena = Arena.ofConfined()) {
            setsockopt(fd, level, name, arena.allocateFrom(JAVA_INT, value), what);
        }
    }

    public static void listen(int fd, int backlog) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            check(sys(state, Nr.LISTEN, fd, backlog, 0, 0, 0, 0), state, "listen");
        }
    }

    /** {@code accept4(fd, NULL, NULL, SOCK_CLOEXEC)}, retried on EINTR: the new descriptor, or the negated errno. */
    public static int tryAccept(MemorySegment state, int fd) {
        while (true) {
            long n = sys(state, Nr.ACCEPT4, fd, 0, 0, SOCK_CLOEXEC, 0, 0);
            if (n >= 0) {
                return (int) n;
            }
            if (errno(state) != EINTR) {
                return -errno(state);
            }
        }
    }

    /** {@code getsockopt} into {@code value} (its size is the option's length). */
    public static void getsockopt(int fd, int level, int name, MemorySegment value, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            MemorySegment len = arena.allocateFrom(JAVA_INT, (int) value.byteSize());
            check(sys(state, Nr.GETSOCKOPT, fd, level, name, value.address(), len.address(), 0), state,
                    "getsockopt(" + what + ")");
        }
    }

    /**
     * {@code send(fd, buf, len, MSG_NOSIGNAL)} on a connected socket, retried on EINTR: the bytes
     * sent, or the negated errno ({@code EPIPE} when the peer is gone, never a signal).
     */
    public static long trySend(MemorySegment state, int fd, MemorySegment buf, long len) {
        while (true) {
            long n = sys(state, Nr.SENDTO, fd, buf.address(), len, MSG_NOSIGNAL, 0, 0);
            if (n >= 0) {
                return n;
            }
            if (errno(state) != EINTR) {
                return -errno(state);
            }
        }
    }

    /** {@code shutdown(fd, how)}: 0, or the negated errno. Wakes a thread blocked in {@code accept} on it. */
    public static int tryShutdown(int fd, int how) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            return sys(state, Nr.SHUTDOWN, fd, how, 0, 0, 0, 0) == 0 ? 0 : -errno(state);
        }
    }

    /** Sends {@code len} bytes to the kernel (port 0); retries on EINTR. Allocates nothing. */
    public static long sendto(MemorySegment state, int fd, MemorySegment buf, long len, MemorySegment kernelAddr) {
        while (true) {
            long n = sys(state, Nr.SENDTO, fd, buf.address(), len, 0, kernelAddr.address(), kernelAddr.byteSize());
            if (n >= 0) {
                return n;
            }
            int errno = errno(state);
            if (errno != EINTR) {
                throw new SyscallException("sendto", errno);
            }
        }
    }

    /** {@code sendto(fd, buf, len, MSG_NOSIGNAL, to)}, retried on EINTR: the bytes sent, or the negated errno. */
    public static long trySendto(MemorySegment state, int fd, MemorySegment buf, long len, MemorySegment to) {
        while (true) {
            long n = sys(state, Nr.SENDTO, fd, buf.address(), len, MSG_NOSIGNAL, to.address(), to.byteSize());
            if (n >= 0) {
                return n;
            }
            if (errno(state) != EINTR) {
                return -errno(state);
            }
        }
    }

    /**
     * Receives one datagram with {@code MSG_TRUNC} (plus {@code extraFlags}), so the result is the
     * datagram's full length even when it did not fit; retries on EINTR. Returns -1 on timeout or,
     * with {@code MSG_DONTWAIT}, when nothing is queued (EAGAIN). Allocates nothing.
     */
    public static long recvfrom(MemorySegment state, int fd, MemorySegment buf, int extraFlags, MemorySegment from,
                         MemorySegment fromLen) {
        while (true) {
            fromLen.set(JAVA_INT, 0, (int) from.byteSize());
            long n = sys(state, Nr.RECVFROM, fd, buf.address(), buf.byteSize(), MSG_TRUNC | extraFlags,
                    from.address(), fromLen.address());
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
    }

    /**
     * Waits until {@code fd} is readable or {@code wakeFd} (an eventfd) was signalled. Returns
     * false when woken (or {@code timeoutMillis} passed); retries on EINTR.
     */
    public static boolean pollReadable(MemorySegment state, MemorySegment pollFds, int fd, int wakeFd,
                                       int timeoutMillis) {
        MemorySegment timeout = pollFds.asSlice(16, 16); // struct timespec after the two struct pollfd
        while (true) {
            // two struct pollfd { int fd; short events; short revents; }
            pollFds.set(JAVA_INT, 0, fd);
            pollFds.set(JAVA_SHORT, 4, POLLIN);
            pollFds.set(JAVA_SHORT, 6, (short) 0);
            pollFds.set(JAVA_INT, 8, wakeFd);
            pollFds.set(JAVA_SHORT, 12, POLLIN);
            pollFds.set(JAVA_SHORT, 14, (short) 0);
            timeout.set(JAVA_LONG, 0, timeoutMillis / 1000);
            timeout.set(JAVA_LONG, 8, (timeoutMillis % 1000) * 1_000_000L);
            long n = sys(state, Nr.PPOLL, pollFds.address(), 2, timeout.address(), 0, 8, 0);
            if (n >= 0) {
                boolean woken = pollFds.get(JAVA_SHORT, 14) != 0;
                return n > 0 && !woken;
            }
            if (errno(state) != EINTR) {
                throw new SyscallException("ppoll", errno(state));
            }
        }
    }

    /** Bytes {@link #pollReadable} needs: two {@code struct pollfd} and a {@code struct timespec}. */
    public static final long POLL_STATE_BYTES = 32;

    /** An eventfd (close-on-exec), for waking a thread blocked in {@link #pollReadable}. */
    public static int eventfd() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            return check(sys(state, Nr.EVENTFD2, 0, EFD_CLOEXEC, 0, 0, 0, 0), state, "eventfd");
        }
    }

    /** Adds 1 to an eventfd's counter, making it readable. */
    public static void signal(int eventFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            MemorySegment one = arena.allocateFrom(JAVA_LONG, 1L);
            if (sys(state, Nr.WRITE, eventFd, one.address(), 8, 0, 0, 0) < 0) {
                throw new SyscallException("write(eventfd)", errno(state));
            }
        }
    }

    public static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            check(sys(state, Nr.CLOSE, fd, 0, 0, 0, 0, 0), state, "close");
        }
    }

    public static int open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            long fd = sys(state, Nr.OPENAT, AT_FDCWD, arena.allocateFrom(path).address(), flags, 0, 0, 0);
            return check(fd, state, "open(" + path + ")");
        }
    }

    /** {@code openat(AT_FDCWD, path, flags, mode)}: the descriptor, or the negated errno. */
    public static int tryOpen(String path, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            long fd = sys(state, Nr.OPENAT, AT_FDCWD, arena.allocateFrom(path).address(), flags, mode, 0, 0);
            return fd >= 0 ? (int) fd : -errno(state);
        }
    }

    /** {@code getxattr(path, name, value, value.byteSize())}: the value's length, or the negated errno. */
    public static long tryGetxattr(String path, String name, MemorySegment value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            long n = sys(state, Nr.GETXATTR, arena.allocateFrom(path).address(), arena.allocateFrom(name).address(),
                    value.address(), value.byteSize(), 0, 0);
            return n >= 0 ? n : -errno(state);
        }
    }

    /** {@code openat(dirFd, path, flags, mode)}: the descriptor, or the negated errno. */
    public static int tryOpenat(MemorySegment state, int dirFd, MemorySegment path, int flags, int mode) {
        long fd = sys(state, Nr.OPENAT, dirFd, path.address(), flags, mode, 0, 0);
        return fd >= 0 ? (int) fd : -errno(state);
    }

    /** {@code write(fd, buf, buf.byteSize())}, retried on EINTR: the bytes written, or the negated errno. */
    public static long tryWrite(MemorySegment state, int fd, MemorySegment buf) {
        while (true) {
            long n = sys(state, Nr.WRITE, fd, buf.address(), buf.byteSize(), 0, 0, 0);
            if (n >= 0) {
                return n;
            }
            if (errno(state) != EINTR) {
                return -errno(state);
            }
        }
    }

    /** {@code linkat(oldDirFd, oldPath, newDirFd, newPath, flags)}: 0, or the negated errno. */
    public static int tryLinkat(MemorySegment state, int oldDirFd, MemorySegment oldPath, int newDirFd,
                                MemorySegment newPath, int flags) {
        long rc = sys(state, Nr.LINKAT, oldDirFd, oldPath.address(), newDirFd, newPath.address(), flags, 0);
        return rc == 0 ? 0 : -errno(state);
    }

    /** {@code unlinkat(dirFd, path, 0)}: 0, or the negated errno. */
    public static int tryUnlinkat(MemorySegment state, int dirFd, MemorySegment path) {
        return sys(state, Nr.UNLINKAT, dirFd, path.address(), 0, 0, 0, 0) == 0 ? 0 : -errno(state);
    }

    /** {@code renameat2(dirFd, from, dirFd, to, 0)}: 0, or the negated errno. */
    public static int tryRenameat(MemorySegment state, int dirFd, MemorySegment from, MemorySegment to) {
        return sys(state, Nr.RENAMEAT2, dirFd, from.address(), dirFd, to.address(), 0, 0) == 0 ? 0 : -errno(state);
    }

    /** {@code getdents64(fd, buf, buf.byteSize())}: the bytes of entries (0 at the end), or the negated errno. */
    public static long tryGetdents64(MemorySegment state, int fd, MemorySegment buf) {
        long n = sys(state, Nr.GETDENTS64, fd, buf.address(), buf.byteSize(), 0, 0, 0);
        return n >= 0 ? n : -errno(state);
    }

    /** {@code ftruncate(fd, length)}: 0, or the negated errno. */
    public static int tryFtruncate(MemorySegment state, int fd, long length) {
        return sys(state, Nr.FTRUNCATE, fd, length, 0, 0, 0, 0) == 0 ? 0 : -errno(state);
    }

    /** {@code lseek(fd, offset, SEEK_SET)}: the new offset, or the negated errno. */
    public static long trySeek(MemorySegment state, int fd, long offset) {
        long n = sys(state, Nr.LSEEK, fd, offset, 0, 0, 0, 0);
        return n >= 0 ? n : -errno(state);
    }

    /** {@code lseek(fd, 0, SEEK_END)}: the file's size, or the negated errno. */
    public static long trySeekEnd(MemorySegment state, int fd) {
        long n = sys(state, Nr.LSEEK, fd, 0, 2, 0, 0, 0);
        return n >= 0 ? n : -errno(state);
    }

    /** {@code close(fd)}: 0, or the negated errno (the descriptor is released either way). */
    public static int tryClose(MemorySegment state, int fd) {
        return sys(state, Nr.CLOSE, fd, 0, 0, 0, 0, 0) == 0 ? 0 : -errno(state);
    }

    /** {@code flock(fd, operation)}, retried on EINTR: 0, or the negated errno. */
    public static int tryFlock(int fd, int operation) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            while (true) {
                if (sys(state, Nr.FLOCK, fd, operation, 0, 0, 0, 0) == 0) {
                    return 0;
                }
                if (errno(state) != EINTR) {
                    return -errno(state);
                }
            }
        }
    }

    /** {@code read(fd, buf, buf.byteSize())}, retried on EINTR: the bytes read (0 at the end), or the negated errno. */
    public static long tryRead(MemorySegment state, int fd, MemorySegment buf) {
        while (true) {
            long n = sys(state, Nr.READ, fd, buf.address(), buf.byteSize(), 0, 0, 0);
            if (n >= 0) {
                return n;
            }
            if (errno(state) != EINTR) {
                return -errno(state);
            }
        }
    }

    /** Device and inode of an open file: the identity of a namespace file. */
    public static long[] fstatDevIno(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            MemorySegment stat = arena.allocate(256, 8); // the kernel's struct stat: 144 (x86_64) or 128 bytes
            check(sys(state, Nr.FSTAT, fd, stat.address(), 0, 0, 0, 0), state, "fstat");
            return new long[] {stat.get(JAVA_LONG, 0), stat.get(JAVA_LONG, 8)};
        }
    }

    /**
     * The namespace type ({@code CLONE_NEW*}) of an open namespace file, or the negated errno
     * when {@code fd} is not one ({@code -ENOTTY} for an ordinary file).
     */
    public static int namespaceType(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            long type = sys(state, Nr.IOCTL, fd, NS_GET_NSTYPE, 0, 0, 0, 0);
            return type >= 0 ? (int) type : -errno(state);
        }
    }

    public static void setns(int fd, int nstype) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            check(sys(state, Nr.SETNS, fd, nstype, 0, 0, 0, 0), state, "setns");
        }
    }

    public static void unshare(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            check(sys(state, Nr.UNSHARE, flags, 0, 0, 0, 0, 0), state, "unshare");
        }
    }

    /** mount(2); returns 0 or the errno when {@code tolerated} matches it, throws otherwise. */
    public static int mount(String source, String target, String fstype, long flags, int tolerated) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            long src = source == null ? 0 : arena.allocateFrom(source).address();
            long type = fstype == null ? 0 : arena.allocateFrom(fstype).address();
            long rc = sys(state, Nr.MOUNT, src, arena.allocateFrom(target).address(), type, flags, 0, 0);
            if (rc < 0 && errno(state) == tolerated) {
                return tolerated;
            }
            check(rc, state, "mount(" + target + ")");
            return 0;
        }
    }

    /** umount2(2); an errno equal to {@code tolerated} (e.g. EINVAL: not a mount point) is ignored. */
    public static void umount2(String target, int flags, int tolerated) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            long rc = sys(state, Nr.UMOUNT2, arena.allocateFrom(target).address(), flags, 0, 0, 0, 0);
            if (rc < 0 && errno(state) == tolerated) {
                return;
            }
            check(rc, state, "umount2(" + target + ")");
        }
    }

    /** The symbolic name of an errno ({@code "EEXIST"}), or null when the C library has none. */
    public static String errnoName(int errno) {
        return cString(ErrnoText.NAME, errno);
    }

    /** The C library's description of an errno ({@code "File exists"}), or null. */
    public static String errnoDescription(int errno) {
        return cString(ErrnoText.DESCRIPTION, errno);
    }

    public static int errno(MemorySegment state) {
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

    private static int check(long rc, MemorySegment state, String call) {
        if (rc < 0) {
            throw new SyscallException(call, errno(state));
        }
        return (int) rc;
    }

    /** {@code syscall(nr, a, b, c, d, e, f)}: -1 and errno on failure. */
    private static long sys(MemorySegment state, long nr, long a, long b, long c, long d, long e, long f) {
        try {
            return (long) Syscall.H.invokeExact(state, nr, a, b, c, d, e, f);
        } catch (Throwable t) {
            throw rethrow(t);
        }
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

    /** The one downcall, linked on first use. */
    private static final class Syscall {
        static final MethodHandle H = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("syscall"),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                        JAVA_LONG),
                Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(1));
    }

    /** The errno names, linked when a failure is first described. */
    private static final class ErrnoText {
        static final MethodHandle NAME = optional("strerrorname_np");
        static final MethodHandle DESCRIPTION = optional("strerrordesc_np");

        private static MethodHandle optional(String name) {
            return LINKER.defaultLookup().find(name)
                    .map(symbol -> LINKER.downcallHandle(symbol, FunctionDescriptor.of(ADDRESS, JAVA_INT)))
                    .orElse(null);
        }
    }

    /** System call numbers of the two architectures the JDK's FFM API runs on for Linux here. */
    private static final class Nr {
        private static final boolean X86 = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> true;
            case "aarch64" -> false;
            default -> throw new UnsupportedOperationException("jnetlink: no system call numbers for "
                    + System.getProperty("os.arch") + " (x86_64 and aarch64 are supported)");
        };
        static final long READ = X86 ? 0 : 63;
        static final long WRITE = X86 ? 1 : 64;
        static final long CLOSE = X86 ? 3 : 57;
        static final long FSTAT = X86 ? 5 : 80;
        static final long LSEEK = X86 ? 8 : 62;
        static final long FTRUNCATE = X86 ? 77 : 46;
        static final long IOCTL = X86 ? 16 : 29;
        static final long SOCKET = X86 ? 41 : 198;
        static final long SENDTO = X86 ? 44 : 206;
        static final long RECVFROM = X86 ? 45 : 207;
        static final long SHUTDOWN = X86 ? 48 : 210;
        static final long BIND = X86 ? 49 : 200;
        static final long LISTEN = X86 ? 50 : 201;
        static final long GETSOCKNAME = X86 ? 51 : 204;
        static final long SETSOCKOPT = X86 ? 54 : 208;
        static final long GETSOCKOPT = X86 ? 55 : 209;
        static final long ACCEPT4 = X86 ? 288 : 242;
        static final long FLOCK = X86 ? 73 : 32;
        static final long GETXATTR = X86 ? 191 : 8;
        static final long MOUNT = X86 ? 165 : 40;
        static final long UMOUNT2 = X86 ? 166 : 39;
        static final long OPENAT = X86 ? 257 : 56;
        static final long UNLINKAT = X86 ? 263 : 35;
        static final long LINKAT = X86 ? 265 : 37;
        static final long RENAMEAT2 = X86 ? 316 : 276;
        static final long GETDENTS64 = X86 ? 217 : 61;
        static final long PPOLL = X86 ? 271 : 73;
        static final long UNSHARE = X86 ? 272 : 97;
        static final long EVENTFD2 = X86 ? 290 : 19;
        static final long SETNS = X86 ? 308 : 268;
    }
}
