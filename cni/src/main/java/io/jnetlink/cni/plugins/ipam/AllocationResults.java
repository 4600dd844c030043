package io.jnetlink.cni.plugins.ipam;

import io.jnetlink.cni.types.CniResult;
import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.Dns;
import io.jnetlink.ipam.IpConfig;
import io.jnetlink.ipam.RouteConfig;

import java.util.ArrayList;
import java.util.List;

/** The one mapping between the {@code ipam} module's {@link Allocation} and a CNI result, both ways. */
public final class AllocationResults {

    private AllocationResults() {
    }

    /**
     * A result in {@code version} for {@code interfaces} with {@code addresses} (on interface
     * {@code interfaceIndex}, or none when null), {@code routes} and {@code dns}.
     */
    public static CniResult result(String version, List<CniResult.Interface> interfaces, List<IpConfig> addresses,
                                   Integer interfaceIndex, List<RouteConfig> routes, Dns dns) {
        List<CniResult.Ip> ips = new ArrayList<>();
        for (IpConfig ip : addresses) {
            ips.add(new CniResult.Ip(interfaceIndex, ip.address(), ip.gateway()));
        }
        List<CniResult.Route> cniRoutes = new ArrayList<>();
        for (RouteConfig route : routes) {
            cniRoutes.add(new CniResult.Route(route.destination(), route.gateway()));
        }
        return new CniResult(version, interfaces, ips, cniRoutes, dns);
    }

    /** An IPAM plugin's result: {@code allocation} alone, on no interface. */
    public static CniResult result(String version, Allocation allocation) {
        return result(version, List.of(), allocation.ips(), null, allocation.routes(), allocation.dns());
    }

    /** The addresses, routes and DNS of {@code result} as an allocation. */
    public static Allocation allocation(CniResult result) {
        List<IpConfig> ips = new ArrayList<>();
        result.ips().forEach(ip -> ips.add(new IpConfig(ip.address(), ip.gateway())));
        List<RouteConfig> routes = new ArrayList<>();
        result.routes().forEach(r -> routes.add(new RouteConfig(r.dst(), r.gateway())));
        return new Allocation(ips, routes, result.dns());
    }
}
