package io.jnetlink.core.posix;

import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.core.internal.Syscalls;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * An IPv4 packet socket on one interface ({@code socket(AF_PACKET, SOCK_DGRAM, ETH_P_IP)} bound
 * to its index): whole IP packets out to a link-layer address and in from the wire, whatever
 * addresses the interface has (none, for a DHCP client that has yet to get one). Opened in the
 * namespace of the calling thread; needs {@code CAP_NET_RAW}. Used by one thread at a time.
 */
public final class PacketSocket implements AutoCloseable {

    private static final short ETH_P_IP_NETWORK_ORDER = 0x0008; // htons(0x0800) on a little-endian CPU
    private static final int SOCKADDR_LL = 20;
    private static final byte PACKET_OUTGOING = 4;

    private final int fd;
    private final int ifIndex;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PacketSocket(int fd, int ifIndex) {
        this.fd = fd;
        this.ifIndex = ifIndex;
    }

    /**
     * Opens a packet socket on the interface of index {@code ifIndex} in the calling thread's
     * namespace.
     *
     * @throws io.jnetlink.core.SyscallException naming the call and errno ({@code EPERM} without
     *                                           {@code CAP_NET_RAW}, {@code ENODEV} for no such interface)
     */
    public static PacketSocket open(int ifIndex) {
        int fd = Syscalls.socket(Syscalls.AF_PACKET, Syscalls.SOCK_DGRAM | Syscalls.SOCK_CLOEXEC,
                Short.toUnsignedInt(Short.reverseBytes((short) 0x0800)));
        try (Arena arena = Arena.ofConfined()) {
            Syscalls.bind(fd, address(arena, ifIndex, null));
            return new PacketSocket(fd, ifIndex);
        } catch (RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    /** Sends the IP packet in the first {@code length} bytes of {@code packet} to {@code destination}. */
    public void send(byte[] packet, int length, MacAddress destination) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Datagrams.send(fd, "packet socket on interface " + ifIndex, packet, length,
                    address(arena, ifIndex, destination), arena);
        }
    }

    /**
     * Receives the next IP packet that arrived on the interface (not one it sent) within
     * {@code timeout}: its length (at most the buffer's), or -1 if none came in time.
     */
    public int receive(byte[] buffer, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment from = arena.allocate(SOCKADDR_LL, 4);
            while (true) {
                int n = Datagrams.receive(fd, buffer, Duration.ofNanos(deadline - System.nanoTime()), from, arena);
                if (n < 0 || from.get(JAVA_BYTE, 10) != PACKET_OUTGOING) {
                    return n;
                }
                if (deadline - System.nanoTime() <= 0) {
                    return -1;
                }
            }
        }
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Syscalls.close(fd);
        }
    }

    @Override
    public String toString() {
        return "PacketSocket[interface " + ifIndex + (closed.get() ? ", closed]" : "]");
    }

    /** A {@code struct sockaddr_ll} for IPv4 on {@code ifIndex}, to {@code mac} if given. */
    private static MemorySegment address(Arena arena, int ifIndex, MacAddress mac) {
        MemorySegment a = arena.allocate(SOCKADDR_LL, 4);
        a.set(JAVA_SHORT_UNALIGNED, 0, (short) Syscalls.AF_PACKET);
        a.set(JAVA_SHORT_UNALIGNED, 2, ETH_P_IP_NETWORK_ORDER);
        a.set(JAVA_INT, 4, ifIndex);
        if (mac != null) {
            byte[] bytes = mac.bytes();
            a.set(JAVA_BYTE, 11, (byte) bytes.length);
            MemorySegment.copy(bytes, 0, a, JAVA_BYTE, 12, bytes.length);
        }
        return a;
    }
}
