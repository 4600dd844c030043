package io.jnetlink.attach;

import io.jnetlink.ipam.Dns;
import io.jnetlink.ipam.IpConfig;
import io.jnetlink.ipam.RouteConfig;
import io.jnetlink.macvlan.MacAddress;

import java.util.List;

/**
 * A container's macvlan interface with its addresses, as attached.
 *
 * @param containerId the owner recorded in IPAM
 * @param name        the interface name inside the container
 * @param index       its interface index inside the container
 * @param mac         its MAC address
 * @param mtu         its MTU
 * @param addresses   its addresses with prefix length and gateway
 * @param routes      the routes added for it
 * @param dns         resolver settings from IPAM
 */
public record Endpoint(String containerId, String name, int index, MacAddress mac, int mtu, List<IpConfig> addresses,
                       List<RouteConfig> routes, Dns dns) {

    public Endpoint {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        dns = dns == null ? Dns.NONE : dns;
    }
}
