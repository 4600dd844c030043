package io.jnetlink.core.posix;

import io.jnetlink.core.Errno;
import io.jnetlink.core.internal.Syscalls;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One accepted connection of a {@link UnixListener}: blocking reads and writes with a timeout, and
 * the peer's credentials as the kernel recorded them. Used by one thread at a time.
 */
public final class UnixConnection implements AutoCloseable {

    private final int fd;
    private final PeerCredentials peer;
    private final AtomicBoolean closed = new AtomicBoolean();

    UnixConnection(int fd) {
        this.fd = fd;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ucred = arena.allocate(12, 4); // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
            Syscalls.getsockopt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_PEERCRED, ucred, "SO_PEERCRED");
            this.peer = new PeerCredentials(ucred.get(JAVA_INT, 0), ucred.get(JAVA_INT, 4), ucred.get(JAVA_INT, 8));
        } catch (RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    /** Who connected: its pid, uid and gid at {@code connect} time. */
    public PeerCredentials peer() {
        return peer;
    }

    /**
     * Makes a read or write that waits longer than {@code timeout} fail with
     * {@link SocketTimeoutException} ({@code SO_RCVTIMEO}, {@code SO_SNDTIMEO}); zero waits forever.
     */
    public void setTimeout(Duration timeout) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment timeval = arena.allocate(16, 8);
            timeval.set(JAVA_LONG, 0, timeout.toSeconds());
            timeval.set(JAVA_LONG, 8, timeout.toNanosPart() / 1000);
            Syscalls.setsockopt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_RCVTIMEO, timeval, "SO_RCVTIMEO");
            Syscalls.setsockopt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_SNDTIMEO, timeval, "SO_SNDTIMEO");
        }
    }

    /**
     * Reads up to {@code length} bytes into {@code buffer} at {@code offset}: how many, or -1 when the
     * peer has closed its end.
     */
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Syscalls.newErrnoState(arena);
            MemorySegment native_ = arena.allocate(Math.max(1, length));
            long n = Syscalls.tryRead(state, fd, native_);
            if (n < 0) {
                throw failure("read", (int) -n);
            }
            MemorySegment.copy(native_, JAVA_BYTE, 0, buffer, offset, (int) n);
            return n == 0 ? -1 : (int) n;
        }
    }

    /** Fills {@code buffer}; {@link EOFException} if the peer closes its end first. */
    public void readFully(byte[] buffer) throws IOException {
        int done = 0;
        while (done < buffer.length) {
            int n = read(buffer, done, buffer.length - done);
            if (n < 0) {
                throw new EOFException("the peer closed the connection after " + done + " of " + buffer.length
                        + " bytes");
            }
            done += n;
        }
    }

    /** Writes all of {@code bytes}; fails with {@code EPIPE} in the message when the peer is gone. */
    public void write(byte[] bytes) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Syscalls.newErrnoState(arena);
            MemorySegment native_ = arena.allocateFrom(JAVA_BYTE, bytes);
            long done = 0;
            while (done < bytes.length) {
                long n = Syscalls.trySend(state, fd, native_.asSlice(done), bytes.length - done);
                if (n < 0) {
                    throw failure("send", (int) -n);
                }
                done += n;
            }
        }
    }

    private static IOException failure(String call, int errno) {
        return errno == Errno.EAGAIN ? new SocketTimeoutException(call + " timed out")
                : new SocketException(call + " failed: " + new Errno(errno));
    }

    /** Closes the connection; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Syscalls.close(fd);
        }
    }

    @Override
    public String toString() {
        return "unix connection from pid " + peer.pid() + " (uid " + peer.uid() + ")";
    }
}
