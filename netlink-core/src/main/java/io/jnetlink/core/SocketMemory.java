package io.jnetlink.core;

import io.jnetlink.core.internal.Syscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The native memory of one {@link NetlinkSocket}: its receive buffer, its request buffer (made
 * when first asked for) and the small structures its system calls fill, in one shared arena. Memory of the default receive
 * buffer size is kept for the next socket when its socket closes, up to {@value #KEPT} blocks
 * (~1 MiB): freeing shared memory stops every thread of the JVM for a moment (a handshake,
 * 0.03-0.1 ms), which a caller opening a socket per container would pay every time. Other sizes,
 * and blocks beyond those kept, are freed at once.
 */
final class SocketMemory {

    static final int SOCKADDR_NL_SIZE = 12;
    static final int REQUEST_BYTES = 64 * 1024;
    private static final int KEPT = 8;
    private static final BlockingQueue<SocketMemory> FREE = new ArrayBlockingQueue<>(KEPT);

    private final Arena arena = Arena.ofShared();
    final MemorySegment receiveBuffer;
    private MemorySegment requestBuffer; // made when first asked for, then kept with the block
    final MemorySegment errnoState;
    /** The kernel's {@code sockaddr_nl} (port 0), never written after it is made. */
    final MemorySegment kernelAddress;
    final MemorySegment from;
    final MemorySegment fromLength;
    final MemorySegment pollFds;
    final MemorySegment local;
    final MemorySegment timeval;

    private SocketMemory(int receiveBufferSize) {
        receiveBuffer = arena.allocate(receiveBufferSize, 8);
        errnoState = Syscalls.newErrnoState(arena);
        kernelAddress = arena.allocate(SOCKADDR_NL_SIZE, 4);
        kernelAddress.set(ValueLayout.JAVA_SHORT, 0, (short) Syscalls.AF_NETLINK);
        from = arena.allocate(SOCKADDR_NL_SIZE, 4);
        fromLength = arena.allocate(ValueLayout.JAVA_INT);
        pollFds = arena.allocate(Syscalls.POLL_STATE_BYTES, 8);
        local = arena.allocate(SOCKADDR_NL_SIZE, 4);
        timeval = arena.allocate(16, 8);
    }

    /** Memory for a socket reading into {@code receiveBufferSize} bytes: a kept block, or a new one. */
    static SocketMemory take(int receiveBufferSize) {
        if (receiveBufferSize == NetlinkSocket.Options.DEFAULTS.receiveBufferSize()) {
            SocketMemory kept = FREE.poll();
            if (kept != null) {
                return kept;
            }
        }
        return new SocketMemory(receiveBufferSize);
    }

    /** The request buffer, {@value #REQUEST_BYTES} bytes; asked for by one socket at a time (under its lock). */
    MemorySegment requestBuffer() {
        if (requestBuffer == null) {
            requestBuffer = arena.allocate(REQUEST_BYTES, 8);
        }
        return requestBuffer;
    }

    /** The socket is closed and uses none of this any more: kept for the next one, or freed. */
    void release() {
        if (receiveBuffer.byteSize() != NetlinkSocket.Options.DEFAULTS.receiveBufferSize() || !FREE.offer(this)) {
            arena.close();
        }
    }
}
