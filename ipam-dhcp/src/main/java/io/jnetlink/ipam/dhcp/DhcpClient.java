package io.jnetlink.ipam.dhcp;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.SyscallException;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.core.posix.PacketSocket;
import io.jnetlink.core.posix.UdpSocket;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.IpamUnavailableException;
import io.jnetlink.ipam.Owner;
import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.RtNetlink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The DHCPv4 client's exchanges (RFC 2131 section 4.4): acquiring a lease (DISCOVER, OFFER,
 * REQUEST, ACK) through a packet socket on the container's interface before it has an address;
 * renewing (unicast to the server) and rebinding (broadcast) through a UDP socket on the leased
 * address; releasing. Each request is retransmitted after 1, 2, 4, then every 8 seconds (the RFC's
 * 4, 8, 16... is for hosts that boot, not containers waiting to start) until its deadline; replies
 * for another transaction, client or type are ignored. Sockets are opened in the container's
 * namespace on a fresh thread ({@link NetNs#call}); no shared thread moves.
 */
final class DhcpClient {

    static final System.Logger LOG = System.getLogger("io.jnetlink.ipam.dhcp");

    private static final Duration FIRST_RETRANSMIT = Duration.ofSeconds(1);
    private static final Duration LAST_RETRANSMIT = Duration.ofSeconds(8);
    private static final int MAX_MESSAGE_SIZE = 1500;

    /** Whether a renewal goes to the server that granted the lease, or to any. */
    enum Phase { RENEWING, REBINDING }

    private DhcpClient() {
    }

    /**
     * Acquires a lease for {@code owner}'s interface in {@code container} (it must exist and be up),
     * asking for the first IPv4 address of {@code requested} if any.
     *
     * @throws IpamUnavailableException if no server answered in time (the CNI's "try again later")
     * @throws IpamException            if the server refused (DHCPNAK)
     */
    static DhcpLease acquire(DhcpConfig config, Owner owner, NetNs container, List<InetAddress> requested) {
        String ifName = owner.ifName();
        String where = ifName + " in network namespace " + container.description();
        String netns = container.path().map(Path::toString).orElseThrow(() -> new IllegalArgumentException(
                "container: a namespace opened by name, path or pid is needed, to renew the lease from it later"));
        Link link;
        try (RtNetlink inside = RtNetlink.open(container)) {
            link = inside.links().require(ifName, "interface");
        }
        byte[] clientId = config.provide().containsKey(DhcpOptions.CLIENT_IDENTIFIER)
                ? config.provide().get(DhcpOptions.CLIENT_IDENTIFIER)
                : DhcpLease.referenceClientId(config.network(), owner);
        DhcpOptions common = common(clientId, config.request(), config.provide());
        Inet4Address wanted = requested.stream().filter(a -> a instanceof Inet4Address).map(a -> (Inet4Address) a)
                .findFirst().orElse(null);
        int xid = ThreadLocalRandom.current().nextInt();
        long deadline = System.nanoTime() + config.timeout().toNanos();
        MacAddress mac = link.mac();
        try (PacketSocket socket = container.call(() -> PacketSocket.open(link.index()))) {
            DhcpTransport wire = new DhcpTransport.Packets(socket, DhcpTransport.ANY, DhcpTransport.BROADCAST);
            DhcpOptions discovering = wanted == null ? common : common.with(DhcpOptions.REQUESTED_IP_ADDRESS, wanted);
            Exchange offer = exchange(wire, DhcpMessage.request(DhcpMessageType.DHCPDISCOVER, xid, config.flags(),
                    null, mac, discovering), xid, mac, EnumSet.of(DhcpMessageType.DHCPOFFER), null, deadline);
            if (offer.reply == null) {
                throw new IpamUnavailableException("DHCP on " + where + ": no DHCPOFFER within " + config.timeout()
                        + " (" + offer.sent + " DHCPDISCOVERs broadcast, client id " + text(clientId)
                        + "); is a DHCP server on the network?", null);
            }
            Inet4Address server = offer.reply.options().address(DhcpOptions.SERVER_IDENTIFIER).orElseThrow();
            DhcpOptions requesting = common.with(DhcpOptions.REQUESTED_IP_ADDRESS, offer.reply.yiaddr())
                    .with(DhcpOptions.SERVER_IDENTIFIER, server);
            Exchange ack = exchange(wire, DhcpMessage.request(DhcpMessageType.DHCPREQUEST, xid, config.flags(), null,
                    mac, requesting), xid, mac, EnumSet.of(DhcpMessageType.DHCPACK, DhcpMessageType.DHCPNAK), server,
                    deadline);
            if (ack.reply == null) {
                throw new IpamUnavailableException("DHCP on " + where + ": server " + server.getHostAddress()
                        + " offered " + offer.reply.yiaddr().getHostAddress() + " but did not answer "
                        + ack.sent + " DHCPREQUESTs within " + config.timeout(), null);
            }
            if (ack.reply.type().orElseThrow() == DhcpMessageType.DHCPNAK) {
                throw new IpamException("DHCP on " + where + ": server " + server.getHostAddress() + " refused "
                        + offer.reply.yiaddr().getHostAddress() + " (DHCPNAK"
                        + ack.reply.options().text(DhcpOptions.MESSAGE).map(m -> ": " + m).orElse("") + ")");
            }
            DhcpLease lease = new DhcpLease(config.network(), owner, netns, mac, clientId, config.flags(),
                    config.request(), config.provide(), ack.reply.yiaddr(), server, ack.reply.options(),
                    Instant.now(), DhcpLease.State.BOUND);
            try {
                lease.allocation(); // a reply whose mask or routes are malformed fails here, not later
            } catch (MalformedDhcpException e) {
                release(lease); // the server holds it for us: give it back
                throw new IpamException("DHCP on " + where + ": server " + server.getHostAddress() + " acknowledged "
                        + ack.reply.yiaddr().getHostAddress() + " with options we cannot use: " + e.getMessage(), e);
            }
            return lease;
        }
    }

    /**
     * One renewal attempt of {@code lease} until {@code deadline} (a {@link System#nanoTime()}):
     * the server's DHCPACK or DHCPNAK, or null if none came.
     *
     * @throws SyscallException if the namespace, interface or address is gone
     */
    static DhcpMessage renew(DhcpLease lease, Phase phase, long deadline) {
        int xid = ThreadLocalRandom.current().nextInt();
        DhcpOptions options = common(lease.clientId(), lease.request(), lease.provide());
        try (NetNs container = NetNs.path(Path.of(lease.netns()));
             UdpSocket socket = container.call(() -> UdpSocket.open(lease.owner().ifName(), lease.address(),
                     DhcpMessage.CLIENT_PORT))) {
            DhcpTransport wire = new DhcpTransport.Datagrams(socket,
                    phase == Phase.RENEWING ? lease.server() : DhcpTransport.BROADCAST);
            return exchange(wire, DhcpMessage.request(DhcpMessageType.DHCPREQUEST, xid, 0, lease.address(),
                    lease.mac(), options), xid, lease.mac(), EnumSet.of(DhcpMessageType.DHCPACK,
                    DhcpMessageType.DHCPNAK), phase == Phase.RENEWING ? lease.server() : null, deadline).reply;
        }
    }

    /**
     * Sends a DHCPRELEASE for {@code lease} from its address: through a UDP socket, or where the
     * address is gone from the interface, in a packet that says it is from that address.
     * Nothing is sent if the namespace or the interface is gone.
     */
    static void release(DhcpLease lease) {
        DhcpMessage release = DhcpMessage.request(DhcpMessageType.DHCPRELEASE, ThreadLocalRandom.current().nextInt(),
                0, lease.address(), lease.mac(), DhcpOptions.NONE.with(DhcpOptions.SERVER_IDENTIFIER, lease.server())
                        .with(DhcpOptions.CLIENT_IDENTIFIER, lease.clientId()));
        Path netns = Path.of(lease.netns());
        if (!netns.toFile().exists()) {
            LOG.log(System.Logger.Level.DEBUG, "DHCP {0}: network namespace {1} is gone; no DHCPRELEASE sent",
                    lease.owner(), netns);
            return;
        }
        try (NetNs container = NetNs.path(netns)) {
            try (UdpSocket socket = container.call(() -> UdpSocket.open(lease.owner().ifName(), lease.address(),
                    DhcpMessage.CLIENT_PORT))) {
                new DhcpTransport.Datagrams(socket, lease.server()).send(release);
                return;
            } catch (SyscallException e) {
                LOG.log(System.Logger.Level.DEBUG, "DHCP {0}: no UDP socket on {1} ({2}); releasing in a packet",
                        lease.owner(), lease.address().getHostAddress(), e.getMessage());
            }
            int index;
            try (RtNetlink inside = RtNetlink.open(container)) {
                var link = inside.links().get(lease.owner().ifName());
                if (link.isEmpty()) {
                    LOG.log(System.Logger.Level.DEBUG, "DHCP {0}: the interface is gone; no DHCPRELEASE sent",
                            lease.owner());
                    return;
                }
                index = link.get().index();
            }
            try (PacketSocket socket = container.call(() -> PacketSocket.open(index))) {
                new DhcpTransport.Packets(socket, lease.address(), lease.server()).send(release);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("DHCP " + lease.owner() + ": DHCPRELEASE of "
                    + lease.address().getHostAddress() + " to " + lease.server().getHostAddress() + " failed", e);
        }
    }

    /** The options every request carries: client identifier, request list, maximum size, provided options. */
    private static DhcpOptions common(byte[] clientId, List<Integer> request, Map<Integer, byte[]> provide) {
        byte[] list = new byte[request.size()];
        for (int i = 0; i < list.length; i++) {
            list[i] = (byte) (int) request.get(i);
        }
        DhcpOptions options = DhcpOptions.NONE.with(DhcpOptions.CLIENT_IDENTIFIER, clientId)
                .with(DhcpOptions.MAXIMUM_MESSAGE_SIZE, new byte[]{(byte) (MAX_MESSAGE_SIZE >>> 8), (byte) MAX_MESSAGE_SIZE});
        if (list.length > 0) {
            options = options.with(DhcpOptions.PARAMETER_REQUEST_LIST, list);
        }
        for (var e : provide.entrySet()) {
            if (e.getKey() != DhcpOptions.CLIENT_IDENTIFIER) {
                options = options.with(e.getKey(), e.getValue());
            }
        }
        return options;
    }

    /** A reply (or null) and how many times the request was sent. */
    private record Exchange(DhcpMessage reply, int sent) {
    }

    /**
     * Sends {@code request} and retransmits it until a reply of one of {@code types} for
     * {@code xid} and {@code mac} (from {@code server}, if given) comes, or {@code deadline} passes.
     */
    private static Exchange exchange(DhcpTransport wire, DhcpMessage request, int xid, MacAddress mac,
                                     Set<DhcpMessageType> types, Inet4Address server, long deadline) {
        long start = System.nanoTime();
        Duration delay = FIRST_RETRANSMIT;
        int sent = 0;
        while (deadline - System.nanoTime() > 0) {
            try {
                wire.send(request.withSecs((int) ((System.nanoTime() - start) / 1_000_000_000L)));
                sent++;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "DHCP: sending {0} failed: {1}", request, e.getMessage());
            }
            long jitter = ThreadLocalRandom.current().nextLong(-delay.toNanos() / 8, delay.toNanos() / 8 + 1);
            long until = Math.min(deadline, System.nanoTime() + delay.toNanos() + jitter);
            for (long left; (left = until - System.nanoTime()) > 0; ) {
                DhcpMessage reply = wire.receive(Duration.ofNanos(left));
                if (reply != null && isFor(reply, xid, mac, types, server)) {
                    return new Exchange(reply, sent);
                }
                if (reply != null) {
                    LOG.log(System.Logger.Level.DEBUG, "DHCP: ignored {0}", reply);
                }
            }
            delay = delay.multipliedBy(2).compareTo(LAST_RETRANSMIT) > 0 ? LAST_RETRANSMIT : delay.multipliedBy(2);
        }
        return new Exchange(null, sent);
    }

    private static boolean isFor(DhcpMessage reply, int xid, MacAddress mac, Set<DhcpMessageType> types,
                                 Inet4Address server) {
        try {
            return reply.op() == DhcpMessage.BOOTREPLY && reply.xid() == xid && mac.equals(reply.chaddr())
                    && reply.type().filter(types::contains).isPresent()
                    && reply.options().address(DhcpOptions.SERVER_IDENTIFIER)
                    .filter(id -> server == null || server.equals(id)).isPresent();
        } catch (MalformedDhcpException e) { // a malformed option 53 or 54
            return false;
        }
    }

    private static String text(byte[] clientId) {
        return HexFormat.of().formatHex(clientId);
    }
}
