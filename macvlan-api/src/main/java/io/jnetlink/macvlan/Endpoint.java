package io.jnetlink.macvlan;

import io.jnetlink.ipam.IpConfig;

import java.util.List;

/**
 * A container's interface on a {@link MacvlanNetwork}.
 *
 * @param network     the network's name
 * @param containerId the owner recorded in IPAM
 * @param name        the interface name inside the container
 * @param index       its interface index inside the container
 * @param mac         its MAC address
 * @param addresses   its addresses with prefix length and gateway
 */
public record Endpoint(String network, String containerId, String name, int index, MacAddress mac,
                       List<IpConfig> addresses) {

    public Endpoint {
        addresses = List.copyOf(addresses);
    }
}
