package io.jnetlink.ipam.dhcp;

import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.core.posix.PacketSocket;
import io.jnetlink.core.posix.UdpSocket;

import java.io.IOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.Arrays;

/**
 * How a client's messages go out and the server's come back: {@link #send} one, {@link #receive}
 * the next well-formed one within a time (null if none; malformed replies are skipped and logged).
 */
sealed interface DhcpTransport {

    Inet4Address ANY = DhcpOptions.ipv4(new byte[4], 0);
    Inet4Address BROADCAST = DhcpOptions.ipv4(new byte[]{-1, -1, -1, -1}, 0);

    void send(DhcpMessage message) throws IOException;

    /** One datagram or packet into {@code buffer} within {@code timeout}: its length, or -1. */
    int read(byte[] buffer, Duration timeout);

    /** The DHCP message's bytes in what {@link #read} got, or null if it is not one for the client. */
    byte[] payload(byte[] buffer, int length);

    /** The next well-formed message for the client within {@code timeout}, or null. */
    default DhcpMessage receive(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[65536];
        while (true) {
            long left = deadline - System.nanoTime();
            int n = left <= 0 ? -1 : read(buffer, Duration.ofNanos(left));
            if (n < 0) {
                return null;
            }
            byte[] payload = payload(buffer, n);
            DhcpMessage m = payload == null ? null : parsed(payload, payload.length, toString());
            if (m != null) {
                return m;
            }
        }
    }

    /** Parses a received message; null (logged) if it is malformed. */
    private static DhcpMessage parsed(byte[] bytes, int length, String where) {
        try {
            return DhcpMessage.parse(bytes, 0, length);
        } catch (MalformedDhcpException e) {
            DhcpClient.LOG.log(System.Logger.Level.DEBUG, "ignored a malformed DHCP reply on {0}: {1}", where,
                    e.getMessage());
            return null;
        }
    }

    /**
     * Whole IP packets on the interface, from {@code source}:68 to 255.255.255.255:67 (or to
     * {@code destination}) in an Ethernet broadcast: before the client has its address.
     */
    record Packets(PacketSocket socket, Inet4Address source, Inet4Address destination) implements DhcpTransport {
        @Override
        public void send(DhcpMessage message) throws IOException {
            byte[] packet = IpUdp.wrap(message.encode(), source, DhcpMessage.CLIENT_PORT, destination,
                    DhcpMessage.SERVER_PORT);
            socket.send(packet, packet.length, MacAddress.BROADCAST);
        }

        @Override
        public int read(byte[] buffer, Duration timeout) {
            return socket.receive(buffer, timeout);
        }

        @Override
        public byte[] payload(byte[] buffer, int length) {
            return IpUdp.unwrap(buffer, length, DhcpMessage.CLIENT_PORT);
        }
    }

    /** A UDP socket on the leased address, to the server ({@code destination}) or broadcast: renewing, rebinding, releasing. */
    record Datagrams(UdpSocket socket, Inet4Address destination) implements DhcpTransport {
        @Override
        public void send(DhcpMessage message) throws IOException {
            byte[] bytes = message.encode();
            socket.send(bytes, bytes.length, destination, DhcpMessage.SERVER_PORT);
        }

        @Override
        public int read(byte[] buffer, Duration timeout) {
            return socket.receive(buffer, timeout);
        }

        @Override
        public byte[] payload(byte[] buffer, int length) {
            return Arrays.copyOf(buffer, length);
        }
    }
}
