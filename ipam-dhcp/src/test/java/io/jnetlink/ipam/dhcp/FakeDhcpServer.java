package io.jnetlink.ipam.dhcp;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.posix.UdpSocket;

import java.io.IOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted DHCP server for what a real one will not do on demand (a DHCPNAK, a reply for another
 * transaction): a UDP socket on port 67 of the server's interface, answering each request with what
 * {@code script} returns, broadcast (or unicast to {@code ciaddr} when it is set).
 */
final class FakeDhcpServer implements AutoCloseable {

    static final Inet4Address SERVER = (Inet4Address) InetAddresses.parse("server", "198.51.100.1");
    private static final Inet4Address BROADCAST = (Inet4Address) InetAddresses.parse("broadcast", "255.255.255.255");

    private final UdpSocket socket;
    private final Thread thread;
    private final List<DhcpMessage> received = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    FakeDhcpServer(NetNs ns, String ifName, Function<DhcpMessage, List<DhcpMessage>> script) {
        this.socket = ns.call(() -> UdpSocket.open(ifName, (Inet4Address) InetAddresses.parse("any", "0.0.0.0"),
                DhcpMessage.SERVER_PORT));
        this.thread = Thread.ofPlatform().daemon().name("fake-dhcpd").start(() -> serve(script));
    }

    /** The requests received so far. */
    List<DhcpMessage> received() {
        return List.copyOf(received);
    }

    /** A reply of {@code type} to {@code request} with {@code xid}, offering {@code yiaddr} for {@code seconds}. */
    static DhcpMessage reply(DhcpMessage request, int xid, DhcpMessageType type, String yiaddr, int seconds,
                             String message) {
        DhcpOptions o = DhcpOptions.NONE.with(DhcpOptions.MESSAGE_TYPE, type.code())
                .with(DhcpOptions.SERVER_IDENTIFIER, SERVER);
        if (type != DhcpMessageType.DHCPNAK) {
            o = o.with(DhcpOptions.IP_ADDRESS_LEASE_TIME, new byte[]{0, 0, 0, (byte) seconds})
                    .with(DhcpOptions.SUBNET_MASK, (Inet4Address) InetAddresses.parse("mask", "255.255.255.0"))
                    .with(DhcpOptions.ROUTER, SERVER);
        }
        if (message != null) {
            o = o.with(DhcpOptions.MESSAGE, message.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return new DhcpMessage(DhcpMessage.BOOTREPLY, xid, 0, request.flags(), request.ciaddr(),
                yiaddr == null ? null : (Inet4Address) InetAddresses.parse("yiaddr", yiaddr), null, null,
                request.chaddr(), o);
    }

    private void serve(Function<DhcpMessage, List<DhcpMessage>> script) {
        byte[] buffer = new byte[2048];
        while (!closed) {
            int n = socket.receive(buffer, Duration.ofMillis(100));
            if (n < 0) {
                continue;
            }
            DhcpMessage request;
            try {
                request = DhcpMessage.parse(buffer, 0, n);
            } catch (MalformedDhcpException e) {
                continue;
            }
            received.add(request);
            for (DhcpMessage reply : script.apply(request)) {
                byte[] bytes = reply.encode();
                boolean unicast = !request.ciaddr().getHostAddress().equals("0.0.0.0");
                try {
                    socket.send(bytes, bytes.length, unicast ? request.ciaddr() : BROADCAST, DhcpMessage.CLIENT_PORT);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join();
        socket.close();
    }
}
