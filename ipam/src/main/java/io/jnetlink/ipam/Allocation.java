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

    /**
     * The addresses, then the routes and DNS settings if any, each as {@code ip} writes it:
     * {@code 198.51.100.7/24 gw 198.51.100.1; routes: default via 198.51.100.1; dns: nameserver 192.0.2.53};
     * {@code no addresses} if there are none.
     */
    @Override
    public String toString() {
        return text(ips.stream().map(IpConfig::toString).toList(),
                routes.stream().map(RouteConfig::toString).toList(), dns);
    }

    /**
     * The text of {@link #toString()} for addresses, routes (as text) and DNS settings, however
     * they are held (a CNI result, a static config).
     */
    public static String text(List<String> ips, List<String> routes, Dns dns) {
        StringBuilder s = new StringBuilder(ips.isEmpty() ? "no addresses" : String.join(", ", ips));
        if (!routes.isEmpty()) {
            s.append("; routes: ").append(String.join(", ", routes));
        }
        if (!dns.isEmpty()) {
            s.append("; dns: ").append(dns);
        }
        return s.toString();
    }
}
