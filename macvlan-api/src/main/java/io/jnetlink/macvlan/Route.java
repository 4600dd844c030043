package io.jnetlink.macvlan;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A route ({@code ip route}), to add or as reported. Build with {@link #to(String)} or
 * {@link #defaultRoute(IpFamily)}, then {@code withGateway}, {@code withOif}, ...
 *
 * @param destination     destination prefix ({@code 0.0.0.0/0} or {@code ::/0} for the default route)
 * @param gateway         next hop ({@code via}), or null for an on-link route
 * @param oif             output interface index ({@code dev}), 0 for none
 * @param metric          {@code RTA_PRIORITY} ({@code metric}), a u32
 * @param table           routing table, a u32 ({@code 254}: main)
 * @param scope           {@code RT_SCOPE_*}; null lets {@link Routes} pick as {@code ip} does
 * @param protocol        {@code RTPROT_*}
 * @param type            {@code RTN_*}
 * @param preferredSource {@code src}, or null
 * @param onlink          {@code onlink}: the gateway is reachable on the link without a covering route
 * @param dev             the output interface's name: when adding a route without {@code oif},
 *                        the link to look up; in a listed route, the name the listing handle
 *                        knows {@code oif} by (null if none)
 */
public record Route(Prefix destination, InetAddress gateway, int oif, long metric, long table, Integer scope,
                    int protocol, int type, InetAddress preferredSource, boolean onlink, String dev) {

    public Route {
        if (destination == null) {
            throw new IllegalArgumentException("route destination: must not be null");
        }
        if (gateway != null && (gateway instanceof Inet4Address) != destination.isIpv4()) {
            throw new IllegalArgumentException("route gateway: " + InetAddresses.text(gateway)
                    + " is not of the destination's family (" + destination + ")");
        }
        Validation.u32("route table", table);
        Validation.u32("route metric", metric);
    }

    /** A route to {@code prefix} (host bits must be zero), main table, unicast, protocol boot. */
    public static Route to(String prefix) {
        return to(Prefix.parseNetwork("route destination", prefix));
    }

    /** A route to {@code prefix}, main table, unicast, protocol boot. */
    public static Route to(Prefix prefix) {
        return new Route(prefix.toNetwork(), null, 0, 0, Rtnetlink.RT_TABLE_MAIN, null, Rtnetlink.RTPROT_BOOT,
                Rtnetlink.RTN_UNICAST, null, false, null);
    }

    /** The default route of a family: to {@code 0.0.0.0/0} or {@code ::/0} ({@code ip route add default}). */
    public static Route defaultRoute(IpFamily family) {
        return to(family.any());
    }

    /** {@code via <gateway>}, a numeric IPv4 or IPv6 address of the destination's family. */
    public Route withGateway(String gateway) {
        return withGateway(InetAddresses.parse("route gateway", gateway));
    }

    /** {@code via <gateway>}. */
    public Route withGateway(InetAddress gateway) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink, dev);
    }

    public Route withOif(int oif) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink, dev);
    }

    public Route withMetric(long metric) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink, dev);
    }

    public Route withTable(long table) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink, dev);
    }

    public Route withScope(Integer scope) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink, dev);
    }

    public Route withProtocol(int protocol) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink, dev);
    }

    public Route withType(int type) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink, dev);
    }

    public Route withPreferredSource(InetAddress preferredSource) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink, dev);
    }

    /** {@code onlink}: the gateway is on the link even without a route covering it. */
    public Route withOnlink() {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, true, dev);
    }

    /** {@code dev <name>}: the link is looked up when the route is added (unless {@code oif} is set). */
    public Route withDev(String dev) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink,
                Validation.ifname("route dev", dev));
    }

    public boolean isDefault() {
        return destination.length() == 0;
    }

    public int family() {
        return destination.isIpv4() ? Rtnetlink.AF_INET : Rtnetlink.AF_INET6;
    }

    /** The scope {@code ip route} would use: link for a gateway-less unicast route, else universe. */
    int effectiveScope() {
        if (scope != null) {
            return scope;
        }
        return gateway == null && type == Rtnetlink.RTN_UNICAST ? Rtnetlink.RT_SCOPE_LINK : Rtnetlink.RT_SCOPE_UNIVERSE;
    }

    /**
     * As {@code ip route} prints it: {@code default via 192.0.2.1 dev eth0 metric 10},
     * {@code 192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.10}; a link the listing
     * could not name is {@code if<index>}, as {@code ip} writes it.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (type != Rtnetlink.RTN_UNICAST) {
            s.append(typeName()).append(' ');
        }
        s.append(isDefault() ? "default" : destination.toString());
        if (gateway != null) {
            s.append(" via ").append(InetAddresses.text(gateway));
        }
        if (dev != null || oif != 0) {
            s.append(" dev ").append(dev != null ? dev : "if" + oif);
        }
        if (table != Rtnetlink.RT_TABLE_MAIN) {
            s.append(" table ").append(table);
        }
        if (protocol != Rtnetlink.RTPROT_BOOT) {
            s.append(" proto ").append(protocolName(protocol));
        }
        int effective = effectiveScope();
        if (effective != Rtnetlink.RT_SCOPE_UNIVERSE) {
            s.append(" scope ").append(switch (effective) {
                case Rtnetlink.RT_SCOPE_LINK -> "link";
                case Rtnetlink.RT_SCOPE_HOST -> "host";
                case Rtnetlink.RT_SCOPE_SITE -> "site";
                case Rtnetlink.RT_SCOPE_NOWHERE -> "nowhere";
                default -> Integer.toString(effective);
            });
        }
        if (preferredSource != null) {
            s.append(" src ").append(InetAddresses.text(preferredSource));
        }
        if (metric != 0) {
            s.append(" metric ").append(Long.toUnsignedString(metric));
        }
        if (onlink) {
            s.append(" onlink");
        }
        return s.toString();
    }

    /** {@code ip}'s name of an {@code RTPROT_*} value (who made a route or rule), else its number. */
    static String protocolName(int protocol) {
        return switch (protocol) {
            case Rtnetlink.RTPROT_KERNEL -> "kernel";
            case Rtnetlink.RTPROT_BOOT -> "boot";
            case Rtnetlink.RTPROT_STATIC -> "static";
            case Rtnetlink.RTPROT_DHCP -> "dhcp";
            case Rtnetlink.RTPROT_RA -> "ra";
            default -> Integer.toString(protocol);
        };
    }

    private String typeName() {
        return switch (type) {
            case Rtnetlink.RTN_LOCAL -> "local";
            case Rtnetlink.RTN_BROADCAST -> "broadcast";
            case Rtnetlink.RTN_BLACKHOLE -> "blackhole";
            case Rtnetlink.RTN_UNREACHABLE -> "unreachable";
            case Rtnetlink.RTN_PROHIBIT -> "prohibit";
            default -> "type " + type;
        };
    }
}
