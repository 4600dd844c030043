package io.jnetlink.core.posix;

import io.jnetlink.core.internal.Syscalls;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * An IPv4 UDP socket tied to one interface ({@code SO_BINDTODEVICE}) and bound to a local address
 * and port, allowed to broadcast: what a DHCP client renews its lease through. Opened in the
 * namespace of the calling thread; tying it to an interface needs {@code CAP_NET_RAW}. Used by one
 * thread at a time.
 */
public final class UdpSocket implements AutoCloseable {

    private static final int SOCKADDR_IN = 16;

    private final int fd;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    private UdpSocket(int fd, String description) {
        this.fd = fd;
        this.description = description;
    }

    /**
     * Opens a UDP socket on interface {@code device}, bound to {@code local}:{@code port}
     * ({@code SO_REUSEADDR}, {@code SO_BROADCAST}).
     *
     * @throws io.jnetlink.core.SyscallException naming the call and errno ({@code EADDRNOTAVAIL} if
     *                                           {@code local} is not the interface's, {@code ENODEV})
     */
    public static UdpSocket open(String device, Inet4Address local, int port) {
        int fd = Syscalls.socket(Syscalls.AF_INET, Syscalls.SOCK_DGRAM | Syscalls.SOCK_CLOEXEC, 0);
        try (Arena arena = Arena.ofConfined()) {
            Syscalls.setsockopt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_BINDTODEVICE, arena.allocateFrom(device),
                    "SO_BINDTODEVICE " + device);
            Syscalls.setsockoptInt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_REUSEADDR, 1, "SO_REUSEADDR");
            Syscalls.setsockoptInt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_BROADCAST, 1, "SO_BROADCAST");
            Syscalls.bind(fd, address(arena, local, port));
            return new UdpSocket(fd, "UDP " + local.getHostAddress() + ":" + port + " on " + device);
        } catch (RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    /** Sends the first {@code length} bytes of {@code data} to {@code to}:{@code port}. */
    public void send(byte[] data, int length, Inet4Address to, int port) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Datagrams.send(fd, description, data, length, address(arena, to, port), arena);
        }
    }

    /** Receives one datagram within {@code timeout}: its length (at most the buffer's), or -1 if none came. */
    public int receive(byte[] buffer, Duration timeout) {
        try (Arena arena = Arena.ofConfined()) {
            return Datagrams.receive(fd, buffer, timeout, arena.allocate(SOCKADDR_IN, 4), arena);
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
        return description + (closed.get() ? " (closed)" : "");
    }

    /** A {@code struct sockaddr_in}. */
    private static MemorySegment address(Arena arena, InetAddress ip, int port) {
        MemorySegment a = arena.allocate(SOCKADDR_IN, 4);
        a.set(JAVA_SHORT_UNALIGNED, 0, (short) Syscalls.AF_INET);
        a.set(JAVA_SHORT_UNALIGNED, 2, Short.reverseBytes((short) port));
        MemorySegment.copy(ip.getAddress(), 0, a, JAVA_BYTE, 4, 4);
        return a;
    }
}
