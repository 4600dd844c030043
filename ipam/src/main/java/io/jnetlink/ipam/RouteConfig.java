package io.jnetlink.ipam;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;

import java.net.InetAddress;

/**
 * A route for the container (CNI {@code routes[]}).
 *
 * @param destination the destination prefix, e.g. {@code 0.0.0.0/0}
 * @param gateway     the next hop, or null for the address's gateway
 */
public record RouteConfig(Prefix destination, InetAddress gateway) {

    public RouteConfig {
        if (destination == null) {
            throw new IllegalArgumentException("dst: must not be null");
        }
        if (gateway != null && gateway.getAddress().length != destination.address().getAddress().length) {
            throw new IllegalArgumentException("gw: " + InetAddresses.text(gateway)
                    + " is not of the same family as dst " + destination);
        }
    }

    /** As {@code ip route} writes it: {@code default via 198.51.100.1}, {@code 203.0.113.0/24}. */
    @Override
    public String toString() {
        return text(destination, gateway);
    }

    /**
     * The text of {@link #toString()} for any destination and gateway (a CNI result's
     * {@code routes} too): {@code default} for a zero-length prefix, then {@code via} the gateway
     * if there is one.
     */
    public static String text(Prefix destination, InetAddress gateway) {
        return (destination.length() == 0 ? "default" : destination.toString())
                + (gateway == null ? "" : " via " + InetAddresses.text(gateway));
    }
}
