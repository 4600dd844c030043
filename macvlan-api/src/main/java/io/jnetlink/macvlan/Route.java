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
 */
public record Route(Prefix destination, InetAddress gateway, int oif, long metric, long table, Integer scope,
                    int protocol, int type, InetAddress preferredSource, boolean onlink) {

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
                Rtnetlink.RTN_UNICAST, null, false);
    }

    /** The default route of a family: to {@code 0.0.0.0/0} or {@code ::/0} ({@code ip route add default}). */
    public static Route defaultRoute(IpFamily family) {
        return to(family.any());
    }

    public Route withGateway(InetAddress gateway) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink);
    }

    public Route withOif(int oif) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink);
    }

    public Route withMetric(long metric) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink);
    }

    public Route withTable(long table) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink);
    }

    public Route withScope(Integer scope) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink);
    }

    public Route withProtocol(int protocol) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink);
    }

    public Route withType(int type) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink);
    }

    public Route withPreferredSource(InetAddress preferredSource) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink);
    }

    public Route withOnlink(boolean onlink) {
        return new Route(destination, gateway, oif, metric, table, scope, protocol, type, preferredSource, onlink);
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

    @Override
    public String toString() {
        return (isDefault() ? "default" : destination.toString())
                + (gateway != null ? " via " + InetAddresses.text(gateway) : "")
                + (oif != 0 ? " dev #" + oif : "")
                + (metric != 0 ? " metric " + Long.toUnsignedString(metric) : "")
                + (table != Rtnetlink.RT_TABLE_MAIN ? " table " + table : "");
    }
}
