package io.jnetlink.ipam.staticip;

import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.Dns;
import io.jnetlink.ipam.IpConfig;
import io.jnetlink.ipam.IpamConfig;
import io.jnetlink.ipam.RouteConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Configuration of the {@code static} allocator: the addresses, routes and DNS settings to hand
 * out, as the reference {@code static} plugin takes them.
 *
 * @param addresses addresses with prefix length and optional gateway; at least one, no repeats
 * @param routes    routes
 * @param dns       resolver settings
 */
public record StaticConfig(List<IpConfig> addresses, List<RouteConfig> routes, Dns dns) implements IpamConfig {

    /** The type name. */
    public static final String TYPE = "static";

    /** What is wrong with a config without addresses. */
    static final String NO_ADDRESSES = "at least one address is required";

    public StaticConfig {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        dns = dns == null ? Dns.NONE : dns;
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("addresses: " + NO_ADDRESSES);
        }
        Set<Object> seen = new HashSet<>();
        for (IpConfig ip : addresses) {
            if (!seen.add(ip.address().address())) {
                throw new IllegalArgumentException("addresses: " + ip.address() + " is listed twice");
            }
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** What it hands out, as an {@link Allocation} says it: {@code static: 192.0.2.7/24 gw 192.0.2.1; routes: default}. */
    @Override
    public String toString() {
        return TYPE + ": " + new Allocation(addresses, routes, dns);
    }
}
