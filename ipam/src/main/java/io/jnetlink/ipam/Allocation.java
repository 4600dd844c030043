package io.jnetlink.ipam;

import java.util.List;

/**
 * What an allocator hands out, shaped as a CNI result's {@code ips}, {@code routes} and {@code dns}.
 *
 * @param ips    addresses with prefix length and gateway, one per range set
 * @param routes routes for the container
 * @param dns    resolver settings ({@link Dns#NONE} if none)
 */
public record Allocation(List<IpConfig> ips, List<RouteConfig> routes, Dns dns) {

    public Allocation {
        ips = List.copyOf(ips);
        routes = List.copyOf(routes);
        if (dns == null) {
            dns = Dns.NONE;
        }
    }
}
