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

    @Override
    public String toString() {
        return destination + (gateway == null ? "" : " via " + InetAddresses.text(gateway));
    }
}
