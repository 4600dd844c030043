package io.jnetlink.core.posix;

import io.jnetlink.core.Errno;
import io.jnetlink.core.internal.Syscalls;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.SocketException;
import java.time.Duration;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** What {@link PacketSocket} and {@link UdpSocket} share: one datagram out, one in with a timeout. */
final class Datagrams {

    private Datagrams() {
    }

    /** Sends {@code length} bytes of {@code data} to {@code to} (a socket address the caller wrote). */
    static void send(int fd, String what, byte[] data, int length, MemorySegment to, Arena arena) throws IOException {
        MemorySegment state = Syscalls.newErrnoState(arena);
        MemorySegment native_ = arena.allocate(Math.max(1, length));
        MemorySegment.copy(data, 0, native_, JAVA_BYTE, 0, length);
        long n = Syscalls.trySendto(state, fd, native_, length, to);
        if (n < 0) {
            throw new SocketException(what + ": sendto failed: " + new Errno((int) -n));
        }
    }

    /**
     * Receives one datagram into {@code buffer} within {@code timeout} ({@code SO_RCVTIMEO}),
     * its source address into {@code from}: its length (at most the buffer's), or -1 on timeout.
     */
    static int receive(int fd, byte[] buffer, Duration timeout, MemorySegment from, Arena arena) {
        MemorySegment state = Syscalls.newErrnoState(arena);
        MemorySegment timeval = arena.allocate(16, 8);
        Duration wait = timeout.isNegative() || timeout.isZero() ? Duration.ofNanos(1000) : timeout;
        timeval.set(JAVA_LONG, 0, wait.toSeconds());
        timeval.set(JAVA_LONG, 8, Math.max(1, wait.toNanosPart() / 1000));
        Syscalls.setsockopt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_RCVTIMEO, timeval, "SO_RCVTIMEO");
        MemorySegment native_ = arena.allocate(buffer.length);
        long n = Syscalls.recvfrom(state, fd, native_, 0, from, arena.allocate(JAVA_INT));
        if (n < 0) {
            return -1;
        }
        int length = (int) Math.min(n, buffer.length);
        MemorySegment.copy(native_, JAVA_BYTE, 0, buffer, 0, length);
        return length;
    }
}
