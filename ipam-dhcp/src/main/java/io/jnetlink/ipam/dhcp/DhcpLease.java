package io.jnetlink.ipam.dhcp;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.Dns;
import io.jnetlink.ipam.IpConfig;
import io.jnetlink.ipam.Owner;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lease a DHCP server granted to one attachment, and what renewing it needs: whose it is, where
 * its interface lives, the client identifier and options sent, and the server's last
 * acknowledgement (address, server, options) with when it came. Written to and read from a lease
 * file as {@code key=value} lines ({@link #toText()}, {@link #parse}).
 *
 * @param network     the CNI network name
 * @param owner       the container id and interface name
 * @param netns       the path of the container's network namespace
 * @param mac         the interface's MAC (the messages' {@code chaddr})
 * @param clientId    the client identifier (option 61) sent
 * @param flags       the BOOTP flags sent
 * @param request     the parameter request list sent
 * @param provide     the options sent, by code
 * @param address     the leased address ({@code yiaddr})
 * @param server      the server identifier (option 54)
 * @param ack         the options of the last DHCPACK
 * @param acknowledged when that DHCPACK came
 * @param state       bound, or lost (a NAK or expiry; the address was removed)
 */
public record DhcpLease(String network, Owner owner, String netns, MacAddress mac, byte[] clientId, int flags,
                        List<Integer> request, Map<Integer, byte[]> provide, Inet4Address address,
                        Inet4Address server, DhcpOptions ack, Instant acknowledged, State state) {

    /** Whether the lease holds. */
    public enum State { BOUND, LOST }

    private static final long INFINITE = 0xffff_ffffL;

    public DhcpLease {
        request = List.copyOf(request);
        provide = Map.copyOf(provide);
    }

    /** The lease after a new DHCPACK {@code ack} at {@code when}. */
    public DhcpLease acknowledgedBy(DhcpMessage ack, Instant when) {
        return new DhcpLease(network, owner, netns, mac, clientId, flags, request, provide, ack.yiaddr(),
                ack.options().address(DhcpOptions.SERVER_IDENTIFIER).orElse(server), ack.options(), when, State.BOUND);
    }

    /** The lease marked lost. */
    public DhcpLease lost() {
        return new DhcpLease(network, owner, netns, mac, clientId, flags, request, provide, address, server, ack,
                acknowledged, State.LOST);
    }

    /** The address with the subnet mask's length (option 1; the classful length if the server sent none). */
    public Prefix prefix() {
        Optional<Inet4Address> mask = ack.address(DhcpOptions.SUBNET_MASK);
        if (mask.isEmpty()) {
            int first = address.getAddress()[0] & 0xff;
            return new Prefix(address, first < 128 ? 8 : first < 192 ? 16 : 24);
        }
        int bits = 0;
        for (byte b : mask.get().getAddress()) {
            bits = (bits << 8) | (b & 0xff);
        }
        int length = Integer.bitCount(bits);
        if (bits != (length == 0 ? 0 : -1 << (32 - length))) {
            throw new MalformedDhcpException("option 1: subnet mask " + mask.get().getHostAddress()
                    + " is not contiguous ones then zeros");
        }
        return new Prefix(address, length);
    }

    /** The first router (option 3), or null. */
    public Inet4Address router() {
        List<Inet4Address> routers = ack.addresses(DhcpOptions.ROUTER);
        return routers.isEmpty() ? null : routers.getFirst();
    }

    /** What the lease gives, as IPAM hands it out: the address, the routes, DNS (options 6 and 15). */
    public Allocation allocation() {
        List<String> nameservers = ack.addresses(DhcpOptions.DOMAIN_NAME_SERVER).stream()
                .map(InetAddresses::text).toList();
        String domain = ack.text(DhcpOptions.DOMAIN_NAME).filter(d -> !d.isEmpty()).orElse(null);
        Dns dns = nameservers.isEmpty() && domain == null ? Dns.NONE : new Dns(nameservers, domain, List.of(), List.of());
        return new Allocation(List.of(new IpConfig(prefix(), router())), DhcpRoutes.of(ack), dns);
    }

    /** The lease time (option 51); null for an infinite lease. */
    public Duration leaseTime() {
        long s = ack.seconds(DhcpOptions.IP_ADDRESS_LEASE_TIME).orElse(INFINITE);
        return s == INFINITE ? null : Duration.ofSeconds(s);
    }

    /** When to renew (T1: option 58, else half the lease); null for an infinite lease. */
    public Instant renewAt() {
        return at(DhcpOptions.RENEWAL_TIME, 0.5);
    }

    /** When to rebind (T2: option 59, else 7/8 of the lease); null for an infinite lease. */
    public Instant rebindAt() {
        return at(DhcpOptions.REBINDING_TIME, 0.875);
    }

    /** When the lease ends; null if infinite. */
    public Instant expiresAt() {
        Duration lease = leaseTime();
        return lease == null ? null : acknowledged.plus(lease);
    }

    private Instant at(int option, double fraction) {
        Duration lease = leaseTime();
        if (lease == null) {
            return null;
        }
        long given = ack.seconds(option).orElse(-1);
        Duration after = given >= 0 && given <= lease.toSeconds() ? Duration.ofSeconds(given)
                : Duration.ofMillis(Math.round(lease.toMillis() * fraction));
        return acknowledged.plus(after);
    }

    /** The lease file's content. */
    public String toText() {
        HexFormat hex = HexFormat.of();
        StringBuilder provided = new StringBuilder();
        provide.forEach((code, value) -> provided.append(provided.isEmpty() ? "" : ",").append(code).append(':')
                .append(hex.formatHex(value)));
        return "network=" + escape(network) + "\ncontainerId=" + escape(owner.containerId()) + "\nifName="
                + owner.ifName() + "\nnetns=" + escape(netns) + "\nmac=" + mac + "\nclientId=" + hex.formatHex(clientId)
                + "\nflags=" + flags + "\nrequest=" + String.join(",", request.stream().map(String::valueOf).toList())
                + "\nprovide=" + provided + "\naddress=" + address.getHostAddress() + "\nserver="
                + server.getHostAddress() + "\nack=" + hex.formatHex(ack.encode()) + "\nacknowledged="
                + acknowledged.toEpochMilli() + "\nstate=" + state + "\n";
    }

    /**
     * Reads a lease file's content.
     *
     * @throws IllegalArgumentException naming the file and the field that is missing or wrong
     */
    public static DhcpLease parse(String file, String text) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                f.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        try {
            HexFormat hex = HexFormat.of();
            Map<Integer, byte[]> provide = new LinkedHashMap<>();
            for (String item : field(f, "provide").split(",")) {
                if (!item.isEmpty()) {
                    int colon = item.indexOf(':');
                    provide.put(Integer.parseInt(item.substring(0, colon)), hex.parseHex(item.substring(colon + 1)));
                }
            }
            List<Integer> request = new ArrayList<>();
            for (String item : field(f, "request").split(",")) {
                if (!item.isEmpty()) {
                    request.add(Integer.parseInt(item));
                }
            }
            byte[] ack = hex.parseHex(field(f, "ack"));
            Map<Integer, byte[]> options = new LinkedHashMap<>();
            DhcpOptions.parse(ack, 0, ack.length, options, "ack");
            return new DhcpLease(unescape(field(f, "network")), new Owner(unescape(field(f, "containerId")),
                    field(f, "ifName")), unescape(field(f, "netns")), MacAddress.parse(field(f, "mac")),
                    hex.parseHex(field(f, "clientId")), Integer.parseInt(field(f, "flags")), request, provide,
                    ipv4(field(f, "address")), ipv4(field(f, "server")), DhcpOptions.of(options),
                    Instant.ofEpochMilli(Long.parseLong(field(f, "acknowledged"))), State.valueOf(field(f, "state")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("DHCP lease file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The client identifier the reference plugin sends: type 0, then {@code containerId/network/ifName} (at most 254 bytes). */
    public static byte[] referenceClientId(String network, Owner owner) {
        byte[] id = (owner.containerId() + "/" + network + "/" + owner.ifName()).getBytes(StandardCharsets.UTF_8);
        id = Arrays.copyOf(id, Math.min(id.length, 254));
        byte[] option = new byte[id.length + 1];
        System.arraycopy(id, 0, option, 1, id.length);
        return option;
    }

    @Override
    public String toString() {
        return owner + " on network " + network + ": " + prefix() + " from " + server.getHostAddress() + ", " + state
                + (expiresAt() == null ? ", infinite" : ", expires " + expiresAt());
    }

    private static String field(Map<String, String> f, String name) {
        String v = f.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no " + name + "=");
        }
        return v;
    }

    private static Inet4Address ipv4(String text) {
        if (!(InetAddresses.parse("address", text) instanceof Inet4Address a)) {
            throw new IllegalArgumentException(text + " is not an IPv4 address");
        }
        return a;
    }

    private static String escape(String s) {
        return s.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D");
    }

    private static String unescape(String s) {
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%");
    }
}
