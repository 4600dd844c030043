package io.jnetlink.attach;

import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.IpConfig;
import io.jnetlink.ipam.RouteConfig;

import java.util.List;

/**
 * A container's macvlan interface with its addresses, as attached.
 *
 * @param containerId the owner recorded in IPAM
 * @param name        the interface name inside the container
 * @param index       its interface index inside the container
 * @param mac         its MAC address
 * @param mtu         its MTU
 * @param allocation  what IPAM handed out (addresses, routes, DNS), as it handed it out
 * @param routes      the routes added, gateways filled in
 */
public record Endpoint(String containerId, String name, int index, MacAddress mac, int mtu, Allocation allocation,
                       List<RouteConfig> routes) {

    public Endpoint {
        routes = List.copyOf(routes);
    }

    /** Its addresses with prefix length and gateway. */
    public List<IpConfig> addresses() {
        return allocation.ips();
    }
}
